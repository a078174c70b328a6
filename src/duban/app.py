"""What a run of duban decides before and after its command, without click: the App of the global options, the
language of a run, the bodies of the commands both parsers run, the one line a failure says and the end of the
process.

`cli.py` parses every command with click; `quick.py` runs the plain forms of `duban list` and `duban weekly` without
importing it. Both make the same App, run the same body, say a failure the same way and end the run the same way,
from here.
"""

from __future__ import annotations

import errno
import os
import sys
from datetime import date

from duban.errors import DubanError


class App:
    """What the global options decide: the workspace, today's date, the language and the view."""

    def __init__(self, plans: str | None, today: date | DubanError | None, lang: str | None):
        self.plans = plans
        self._today = today or date.today()
        self._lang = lang
        self._workspace = None
        self.as_json = False

    @property
    def today(self) -> date:
        """--today, $DUBAN_TODAY or the system's date. A bad one (the error the command line made of it) is said when
        a command first needs the date, not before: `duban list --help` still helps, and `init` still works."""
        if isinstance(self._today, DubanError):
            raise self._today
        return self._today

    @property
    def workspace(self):
        if self._workspace is None:
            from duban.ledger.store import Workspace, find_workspace

            self._workspace = Workspace(find_workspace(self.plans))
        return self._workspace

    @property
    def lang(self) -> str:
        if self._lang:
            return self._lang
        try:
            return self.workspace.settings.lang
        except (DubanError, OSError):  # no workspace, or a name the system refuses: the error is said in Chinese
            return "zh"

    @property
    def soon_days(self) -> int:
        try:
            return self.workspace.settings.due_soon_days
        except (DubanError, OSError):
            return 14

    @property
    def view(self):
        """The formatter of this run: JSON with --json, else the terminal view; made on first use."""
        if getattr(self, "_view", None) is None:
            from duban.views.formatters import view_for

            self._view = view_for(self.as_json, self.lang, self.soon_days)
        return self._view

    @property
    def w(self):
        return self.view.w

    def with_units(self, task_filter):
        """The filter with its owner as [units] names it (--owner 疾控 finds 疾控中心's tasks)."""
        if not (task_filter.owner and self.workspace.settings.units):
            return task_filter
        return task_filter._replace(owner=self.workspace.units().canonical(task_filter.owner))

    def load_tasks(self):
        """Every readable task; each broken file becomes a warning on stderr and is skipped."""
        result = self.workspace.load_tasks()
        self.view.warn(fault for fault in result.faults)
        return result.tasks

    def load_summaries(self):
        """What listings show of every readable task, through the index; broken files warn as in load_tasks."""
        from duban.ledger.index import load_summaries

        result = load_summaries(self.workspace)
        self.view.warn(fault for fault in result.faults)
        return result.tasks

    @property
    def auto_commit(self) -> bool:
        """`auto_commit = true` in duban.toml: every command that changes files commits them."""
        return self.workspace.settings.auto_commit

    def check_commit(self, do_commit: bool, paths) -> None:
        """What a command checks before it writes anything: duban.toml reads (it says auto_commit, the units, the
        language), and, when the run commits, git can take a commit of exactly these files (no index.lock, no
        unfinished merge, no one else's changes in them). A failure here means nothing was written."""
        from duban.ledger.git import GitError, check_can_commit

        settings = self.workspace.settings  # a broken duban.toml stops the command here
        if not (do_commit or settings.auto_commit):
            return
        try:
            with self.workspace.locked_repository():  # a duban committing meanwhile holds git's index.lock
                check_can_commit(self.workspace.root, list(paths))
        except GitError as error:
            raise GitError("not_written_because", reason=error) from None

    def commit_changes(self, do_commit: bool, paths, message: str) -> None:
        """The one way commands commit: with --commit or auto_commit, one commit of exactly these files.

        Commits from concurrent duban processes take turns (git's own index lock would make the loser fail). The
        files are written by then: a commit that fails says so, and how to commit them by hand.
        """
        if not (do_commit or self.auto_commit):
            return
        from duban.ledger.git import GitError, commit

        paths = list(paths)
        try:
            with self.workspace.locked_repository():
                commit(self.workspace.root, paths, message)
        except GitError as error:
            raise GitError("saved_not_committed", files=" ".join(str(p) for p in paths), reason=error) from None


def show_ledger(app: App, task_filter, sort: str, reverse: bool) -> None:
    """`duban list`: every task, or those that match the filter, in the run's view (the one body of the command,
    whichever parser read its arguments)."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import check_names, select

    task_filter = app.with_units(task_filter)
    with paused_gc():
        tasks = app.load_summaries()
        check_names(app.workspace, tasks, task_filter.owner, task_filter.plan)
        app.view.tasks(select(tasks, task_filter, app.today, sort, reverse), app.today)


def weekly_sheets_of(app: App, week, owner, plan, org, issue, by_owner: bool) -> list:
    """The weekly's sheets for these options (one, or one per unit with by_owner); a broken task file warns."""
    from duban.weekly.report import Scope, weekly_sheets

    sheets = weekly_sheets(app.workspace, app.today, week, Scope(owner or "", plan or "", org or ""), issue, by_owner)
    app.view.warn(fault for fault in sheets[0].skipped)
    return sheets


def show_weekly(app: App, week, owner, plan, org, issue, by_owner: bool) -> None:
    """`duban weekly` in the run's view, the terminal's text or JSON (the one body of both parsers' runs)."""
    sheets = weekly_sheets_of(app, week, owner, plan, org, issue, by_owner)
    app.view.weekly(sheets if by_owner else sheets[0])


def run_language(args) -> str:
    """The language of this run, before the App exists (--help, errors while parsing): --lang in the arguments,
    else $DUBAN_LANG, else the workspace's `lang`, else Chinese."""
    args = list(args or ())
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("zh", "en"):
            return args[index + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.split("=")[1]
    if os.environ.get("DUBAN_LANG") in ("zh", "en"):
        return os.environ["DUBAN_LANG"]
    try:
        from duban.ledger.store import Workspace, find_workspace

        plans = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--plans"), None)
        return Workspace(find_workspace(plans)).settings.lang
    except (DubanError, OSError):
        return "zh"


def parse_today(text: str) -> date:
    """--today or $DUBAN_TODAY as YYYY-MM-DD only (Python 3.11's fromisoformat also takes 20191120 and 2019-W47,
    which 3.10 refuses); ValueError otherwise."""
    text = text.strip()
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return date.fromisoformat(text)


def failure_line(error: BaseException, w) -> str:
    """What a run that failed on a DubanError or an OSError says on stderr: one line, in the run's language."""
    if isinstance(error, DubanError):
        return f"duban: {one_line(error.render(w))}"
    where = f"{error.filename}: " if getattr(error, "filename", None) else ""
    return f"duban: {where}{error.strerror or error}"


def failure_code(error: BaseException) -> int:
    """The exit code of a failure (DESIGN.md): a DubanError carries its own; the file system's is 3."""
    return error.exit_code if isinstance(error, DubanError) else 3


def has_surrogates(text: str) -> bool:
    """Text that came in another encoding than UTF-8: Python keeps each bad byte as a lone surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def one_line(message: str) -> str:
    """An error is one line, whatever it repeats of what was typed (an id with a line break in it)."""
    import re

    return re.sub(r"[\x00-\x1f\x7f]", lambda match: repr(match.group())[1:-1], message)


def prepare_streams() -> None:
    """Output that could not go where the run was started with, made to go somewhere instead of ending the run in a
    traceback, the same for both parsers (click's own lines and duban's): a stream closed before the run (`duban
    list 2>&-`: None in Python) writes to nothing, as click's echo does; an ASCII one (PYTHONIOENCODING=ascii) takes
    UTF-8, as click's echo makes of it; one whose encoding has no Chinese (latin-1) shows what it cannot hold as ?."""
    import codecs

    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        try:
            encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
        except LookupError:  # a stream that names no codec Python knows: left as it is
            continue
        if encoding in ("utf-8", "gb18030") or not hasattr(stream, "reconfigure"):
            continue
        if encoding == "ascii":
            stream.reconfigure(encoding="utf-8", errors="replace")
        else:
            stream.reconfigure(errors="replace")


def mute_broken_pipes() -> bool:
    """Where the reader of stdout or stderr went away (`duban list | head -1`), what is left for it goes nowhere
    instead of failing again; True when one had. Another failure to write is raised."""
    broken = False
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())  # what is still buffered for it is written to nothing at the next flush
            os.close(devnull)
            broken = True
    return broken


def end_run(code) -> None:
    """End the run with `code`, without the interpreter's teardown where nothing is left for it to do.

    Freeing every object one by one (a listing of 10,000 tasks, every module) costs about 7 ms a run: a tenth of
    `duban list` of 1,000 tasks. Every file duban writes is closed by its own `with` before the command returns, so
    the teardown only frees memory the system takes back anyway. The exit handlers still run, and then the output is
    flushed: a run whose reader went away before it had all of the output ends with 1 and says nothing, as
    click ends one whose reader went away earlier; where the output cannot be written otherwise, a thread is still
    running or the code is not a number, Python ends the run as usual."""
    import atexit

    threading = sys.modules.get("threading")  # never imported: no thread of Python's was started
    if not isinstance(code, int) or (threading is not None and threading.active_count() > 1):
        raise SystemExit(code)
    atexit._run_exitfuncs()  # what Python's own exit runs first (CPython's since Python 2), leaving none registered
    try:  # after the handlers: what they print is output too
        if mute_broken_pipes() and code == 0:
            code = 1
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)
