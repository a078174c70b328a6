"""Errors that carry the exit code of DESIGN.md, so the CLI turns each into one line on stderr.

An error names what went wrong by a key of the words table (`views/words.py`) and the values its template needs,
so the library never chooses a language: the command line renders it in the run's language (`render(w)`), and
`message` (English) serves logs and tracebacks.
"""

EXIT_OK = 0
EXIT_FINDING = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3


class DubanError(Exception):
    """An error the user can act on; shown as one line, in the user's language, without a traceback."""

    exit_code = EXIT_USAGE

    def __init__(self, key: str, /, **values):
        super().__init__(key)
        self.key = key
        self.values = values

    def render(self, w) -> str:
        """The error in the language of `w` (a views.words.Words)."""
        return w(self.key, **{name: _rendered(value, w) for name, value in self.values.items()})

    @property
    def message(self) -> str:
        from duban.views.words import words  # the table imports the ledger's statuses: not at import time

        return self.render(words("en"))

    def __str__(self) -> str:
        return self.message


def _rendered(value, w):
    """A value that is itself something said (an error or a fault) is said in the same language; a list of names
    is joined as the language lists them (、 or , )."""
    if isinstance(value, (list, tuple)):
        return w("enum_sep").join(str(_rendered(item, w)) for item in value)
    return value.render(w) if hasattr(value, "render") else value


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
    """A workspace file that is not valid; carries the path and line so the user can fix it.

    `reason` is what is wrong (a words key and its values), said after `path:line: `.
    """

    def __init__(self, path, what, line: int | None = None, /, **values):
        super().__init__("file_fault_at" if line else "file_fault", path=path, line=line,
                         reason=what if isinstance(what, Said) else Said(what, **values))
        self.path = path
        self.line = line
        self.reason = self.values["reason"]


class Said:
    """Something to tell the user, not yet in a language: a words key and the values of its template."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values):
        self.key = key
        self.values = values

    def render(self, w) -> str:
        return w(self.key, **{name: _rendered(value, w) for name, value in self.values.items()})

    def __eq__(self, other) -> bool:
        return isinstance(other, Said) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        from duban.views.words import words

        return self.render(words("en"))

    def __repr__(self) -> str:
        return f"Said({self.key!r}, {self.values!r})"
