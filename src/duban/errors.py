"""Errors that carry the exit code of DESIGN.md, so the CLI turns each into one line on stderr."""

EXIT_OK = 0
EXIT_FINDING = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3


class DubanError(Exception):
    """An error the user can act on; its message is shown as is, without a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(DubanError):
    """The command was asked for something that does not exist or cannot be: unknown id, bad status, bad date."""

    exit_code = EXIT_USAGE


class WorkspaceNotFound(UsageError):
    pass


class UnknownTask(UsageError):
    pass


class BadInput(DubanError):
    """A report or file that cannot be read."""

    exit_code = EXIT_BAD_INPUT


class BrokenFile(BadInput):
    """A workspace file that is not valid; carries the path and line so the user can fix it."""

    def __init__(self, path, message: str, line: int | None = None):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.reason = message
