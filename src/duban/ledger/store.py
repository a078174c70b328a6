"""The workspace on disk: duban.toml, one folder per plan, one TOML file per task.

Writes are atomic (temp file + rename in the same folder) so an interrupted write leaves the old file or the new
one, never half of each. A broken file never hides the others: loading returns the tasks it could read and a fault
for each file it could not.

Nothing is read or written outside the workspace: ids are checked before they become paths (ledger/taskid.py), and
a symlink in the workspace that leads out of it (git carries symlinks) is refused, naming the link, wherever duban
meets it: a plan folder, a task or plan file, duban.toml, report.txt, the cache folder and what is in it.
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from duban.ledger import tomlfile
from duban.errors import BrokenFile, DubanError, Said, UnknownTask, UsageError, WorkspaceNotFound
from duban.settings import SETTINGS_FILE, Settings, default_text
from duban.ledger.schema import Fault, conflict_faults, plan_faults, task_faults
from duban.ledger.taskid import TaskId, check_plan_id, nearest_ids, task_file_number
from duban.inputs import CAN_REFUSE_LINKS, read_bytes

if TYPE_CHECKING:  # the records are made only where a whole file is read: a listing reads the index
    from duban.ledger.model import Plan, Task

PLAN_FILE = "plan.toml"
REPORT_FILE = "report.txt"
CACHE_DIR = ".duban-cache"

def atomic_write(path: Path, text: str) -> bool:
    """Write text to path atomically; returns False (and writes nothing) when the file already holds it."""
    data = text.encode("utf-8")
    try:
        if read_bytes(path) == data:
            return False
    except (OSError, BrokenFile):  # missing, or no regular file: replaced by one
        pass
    atomic_write_bytes(path, data)
    return True


# The temp file of a write of one of duban's own files: `.05.toml.k3j9x0qa.tmp` beside `05.toml` (mkstemp's eight
# characters). A write that is killed leaves it; no write takes ten minutes, so an older one is no one's.
LEFTOVER_RE = re.compile(r"^\.([0-9]{1,6}\.toml|plan\.toml|report\.txt|duban\.toml|\.gitignore|index\.marshal)"
                         r"\.[a-z0-9_]{8}\.tmp$")
STALE_SECONDS = 600
_swept: set[str] = set()


def sweep_leftovers(folder: Path) -> None:
    """Remove what killed writes left in the folder long ago (once per folder and process: a write there calls it)."""
    import time

    key = os.path.abspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    try:
        names = [name for name in os.listdir(folder) if LEFTOVER_RE.match(name)]
    except OSError:
        return
    for name in names:
        try:
            if time.time() - os.lstat(os.path.join(folder, name)).st_mtime > STALE_SECONDS:
                os.unlink(os.path.join(folder, name))
        except OSError:
            pass


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temp file in the same folder and rename it over path; `durable` syncs it to disk first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(path.parent)
    fd, temp = _new_temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _new_temp_file(path: Path) -> tuple[int, str]:
    """A new file beside path, open for writing, that no other process has: what tempfile.mkstemp makes, without
    the dozen modules tempfile imports (an `update` is timed from start-up to exit)."""
    for _ in range(100):  # eight random lowercase hex characters, as LEFTOVER_RE knows a killed write's leftover
        temp = str(path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp"))
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: cannot make a temporary file beside {path.name}")


def find_workspace(explicit: str | None, env: dict[str, str] | None = None, cwd: Path | None = None) -> Path:
    """`--plans`, else $DUBAN_PLANS, else the nearest plans/ (or the folder itself) with a duban.toml upward."""
    env = os.environ if env is None else env
    chosen = explicit or env.get("DUBAN_PLANS")
    if chosen:
        root = Path(chosen).expanduser()
        if not (root / SETTINGS_FILE).is_file():
            raise WorkspaceNotFound("not_workspace", root=root)
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "plans"):
            if (candidate / SETTINGS_FILE).is_file():
                return candidate
    raise WorkspaceNotFound("no_workspace")


def init_workspace(root: Path, organisation: str = "") -> bool:
    """Create a workspace; returns False when one is already there (and leaves it untouched)."""
    if (root / SETTINGS_FILE).exists():
        return False
    root.mkdir(parents=True, exist_ok=True)
    atomic_write(root / SETTINGS_FILE, default_text(organisation))
    atomic_write(root / ".gitignore", f"{CACHE_DIR}\n.*.tmp\n")  # the cache (no slash: ignored whatever it is, a
    # symlink too); what a killed write leaves
    from duban.ledger.sync import write_attributes  # the merge driver's .gitattributes: only init needs it

    write_attributes(root)
    return True


class WorkspaceBusy(DubanError):
    """Another duban process holds a lock for longer than a person should wait."""

    exit_code = 3


class LoadResult:
    """The tasks read from a workspace, and a fault for each file that could not be read."""

    def __init__(self):
        self.tasks: list[Task] = []
        self.faults: list[BrokenFile] = []

    def check_places(self, places: list[tuple[Path, str]]) -> None:
        """Where the tasks' files stand (`placement_faults`; `places[i]` is the folder and file name of `tasks[i]`):
        a second file of one id is left out, and each fault is added."""
        dropped, faults = placement_faults([task.id for task in self.tasks], places)
        if dropped:  # two files of one id: the one `show` reads is listed, the other named
            self.tasks = [task for position, task in enumerate(self.tasks) if position not in dropped]
        self.faults.extend(faults)


class Workspace:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._settings: Settings | None = None
        self._real_root: str | None = None

    # --- staying inside the workspace ---------------------------------------------------------

    def inside(self, path: Path) -> Path:
        """`path`, when it lies in the workspace once symlinks are followed; else BrokenFile naming the symlink on
        the way that leads out of it. (The workspace folder itself may be a symlink: it is where the user said.)"""
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        real = os.path.realpath(path)
        if real == self._real_root or real.startswith(self._real_root.rstrip(os.sep) + os.sep):
            return path
        link = next((p for p in _ancestors(Path(path), self.root) if p.is_symlink()), Path(path))
        raise BrokenFile(link, "symlink_outside", target=real)

    def _inside_if_link(self, path: Path) -> Path:
        """`inside` for a file of a folder already checked: one lstat unless the file is a symlink."""
        return self.inside(path) if os.path.islink(path) else path

    def read_text(self, path: Path, opened: list | None = None) -> str:
        """A file of the workspace (tomlfile.read_text), refused when it is a symlink out of the workspace. It is
        first opened on the condition that it is no symlink, which saves the lstat of each of thousands of files
        after a clone; a symlink, or a file that cannot be read, is then looked at and read as before. `opened`
        as for `inputs.read_bytes` (its last item is what was read)."""
        if CAN_REFUSE_LINKS:
            try:
                return tomlfile.read_text(path, follow_links=False, opened=opened)
            except BrokenFile:
                pass
        return tomlfile.read_text(self._inside_if_link(path), opened=opened)

    def stored_report(self, plan_id: str) -> str:
        """The clean text a plan keeps in report.txt; "" when there is none or it cannot be read (it only helps
        to read what is new)."""
        try:
            return self.read_text(self.plan_dir(plan_id) / REPORT_FILE)
        except BrokenFile:
            return ""

    # --- settings and plans -------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """duban.toml; a file that is not valid TOML is a BrokenFile naming its line."""
        if self._settings is None:
            path = self.root / SETTINGS_FILE
            self._settings = Settings(tomlfile.loads(self.read_text(path), path))
        return self._settings

    @property
    def organisation(self) -> str:
        return self.settings.organisation

    def units(self, ledger_owners=None):
        """The known units (ledger.units.Units): `[units]`, else the owners the ledger already has; and the units
        of the `[owners]` rules, their keywords as aliases."""
        from duban.ledger.units import Units

        table = self.settings.units
        if not table and ledger_owners is None:
            from duban.ledger.index import load_summaries

            ledger_owners = [o for t in load_summaries(self).tasks for o in (t.owner, *t.co_owners)]
        return Units.of(table, self.organisation, ledger_owners or (), self.settings.owner_rules)

    def plan_dirs(self) -> list[Path]:
        """Folders that hold a plan.toml, in name order; and folders that cannot be looked into, so that reading
        them names them (a plan folder one may not read is a fault, never a plan that is not there). A folder that
        is a symlink out of the workspace is refused."""
        try:
            entries = sorted(os.scandir(self.root), key=lambda e: e.name)
        except OSError as error:
            raise BrokenFile(self.root, "cannot_read_workspace", reason=error.strerror or str(error)) from None
        return [self.inside(Path(e.path)) if e.is_symlink() else Path(e.path) for e in entries
                if e.is_dir() and not e.name.startswith(".") and _may_hold_plan(e.path)]

    def plan_dir(self, plan_id: str) -> Path:
        return self.inside(self.root / check_plan_id(plan_id))

    def read_plan(self, plan_id: str) -> Plan:
        path = self.plan_dir(plan_id) / PLAN_FILE
        if not path.is_file():
            known = [folder.name for folder in self.plan_dirs()]
            if not known:
                raise UsageError("unknown_plan", plan=plan_id, path=path)
            raise UsageError("unknown_plan_among", plan=plan_id, path=path, known=known)
        return self._parse_plan(path)

    def _parse_plan(self, path: Path) -> Plan:
        from duban.ledger.model import Plan

        return Plan.from_dict(_read_checked(self.read_text(path), path, plan_faults))

    def plans(self) -> list[Plan]:
        return [self._parse_plan(d / PLAN_FILE) for d in self.plan_dirs()]

    def save_plan(self, plan: Plan) -> Path:
        path = self.plan_dir(plan.id) / PLAN_FILE
        atomic_write(path, updated_text(path, plan.to_dict()))
        return path

    # --- tasks --------------------------------------------------------------------------------

    def task_files(self, plan_ids: Iterable[str] | None = None, faults: list[BrokenFile] | None = None) -> list[Path]:
        """Task files in source order: plans by name, tasks by number. A plan folder that cannot be read is a
        BrokenFile: raised, or added to `faults` when given (and the other folders listed)."""
        folders = [self.plan_dir(p) for p in plan_ids] if plan_ids is not None else self.plan_dirs()
        files: list[Path] = []
        for folder in folders:
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue  # a plan with no folder yet has no tasks
            except OSError as error:
                fault = BrokenFile(folder, "cannot_read_file", reason=error.strerror or str(error))
                if faults is None:
                    raise fault from None
                faults.append(fault)
                continue
            numbered = sorted((number, name) for name in names if (number := task_file_number(name)) is not None)
            files.extend(folder / name for _, name in numbered)
        return files

    def task_path(self, task_id: str | TaskId) -> Path:
        """The file of a task: `NN.toml` in its plan's folder, or the file of that number written wider (0001.toml)."""
        task = task_id if isinstance(task_id, TaskId) else TaskId.parse(task_id)
        folder = self.plan_dir(task.plan)
        path = folder / task.file_name
        if not os.path.lexists(path):
            try:
                names = os.listdir(folder)
            except OSError:
                return path
            path = next((folder / name for name in sorted(names) if task_file_number(name) == task.number), path)
        return self._inside_if_link(path)

    def read_task_file(self, path: Path) -> Task:
        """Parse and validate one task file; raise BrokenFile with the first fault's line."""
        from duban.ledger.model import Task

        return Task.from_dict(_read_checked(self.read_text(path), path, task_faults))

    def file_faults(self, path: Path, faults_of, opened: list | None = None) -> tuple[dict[str, Any] | None,
                                                                                       list[Fault]]:
        """A file of the workspace read as `read_text` reads it, parsed and checked with `faults_of(data, text)`: its
        data (None when it cannot be parsed) and every fault found in it (what `validate` and the index keep), the
        first of them the one `read_task_file` raises. `opened` as for `read_text`."""
        try:
            return _parsed(self.read_text(path, opened), path, faults_of)
        except BrokenFile as error:
            return None, [Fault(error.line, error.reason)]

    def load_tasks(self, plan_ids: Iterable[str] | None = None) -> LoadResult:
        result = LoadResult()
        places = []
        for path in self.task_files(plan_ids, result.faults):
            try:
                result.tasks.append(self.read_task_file(path))
                places.append((path.parent, path.name))
            except BrokenFile as fault:
                result.faults.append(fault)
        result.check_places(places)
        return result

    def get_task(self, task_id: str) -> Task:
        path = self.task_path(task_id)
        if not os.path.lexists(path):  # anything else by its name (a FIFO, a broken symlink) is said as it is
            raise self.unknown_task(task_id, path)
        task = self.read_task_file(path)
        if TaskId.parse(task.id) != TaskId.parse(task_id):
            raise BrokenFile(path, "holds_other_id", 1, held=task.id, task=task_id)
        return task

    def locked(self, task_id: str):
        """A lock around read-modify-write of one task, so concurrent updates from several processes lose nothing."""
        task = TaskId.parse(task_id)
        return self._lock(f"{task.plan}-{task.number}.lock", Said("lock_task", task=task_id))

    def locked_task(self, task_id: str):
        """The lock of a task that exists: an unknown id is refused (UnknownTask) before any lock is taken."""
        path = self.task_path(task_id)
        if not path.is_file():
            raise self.unknown_task(task_id, path)
        return self.locked(task_id)

    def unknown_task(self, task_id: str, path: Path) -> UnknownTask:
        """That there is no such task, with the ids it may have meant (`2019H2-13`: 是否指 2019H2-03？)."""
        known = [TaskId(file.parent.name, number) for file in self.task_files(faults=[])
                 if (number := task_file_number(file.name)) is not None]
        typed = TaskId.parse(task_id)
        nearest = nearest_ids(str(typed), [str(known_id) for known_id in known])
        if nearest:
            return UnknownTask("unknown_task_near", task=task_id, path=path, nearest=nearest)
        in_plan = sorted(known_id for known_id in known if known_id.plan == typed.plan)  # by number
        if in_plan:  # 2021-10 of a plan of nine: say which there are
            return UnknownTask("unknown_task_range", task=task_id, plan=typed.plan, first=str(in_plan[0]),
                               last=str(in_plan[-1]))
        return UnknownTask("unknown_task_file", task=task_id, path=path)

    def locked_numbering(self):
        """A lock around choosing a new task's number and writing it (`add`), so two clerks never take the same."""
        return self._lock("numbering.lock", Said("lock_numbering"))

    def locked_repository(self):
        """A lock around committing to the git repository that holds the workspace."""
        return self._lock("git.lock", Said("lock_git"))

    def cache_dir(self) -> Path:
        """`.duban-cache/`, created with a .gitignore of its own: never committed, even by `git add plans` in a
        clone whose workspace lacks the .gitignore that `init` writes. Anything but a folder of the workspace by
        that name (a symlink a repository brought) is refused: locks and the index are never written through it."""
        folder = self.root / CACHE_DIR
        if os.path.islink(folder) or (os.path.lexists(folder) and not folder.is_dir()):
            raise BrokenFile(folder, "cache_not_folder")
        ignore = folder / ".gitignore"
        if not ignore.exists():
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(ignore, "# duban's index and locks: rebuilt from the task files, never committed\n*\n")
        return folder

    @contextmanager
    def _lock(self, name: str, what: Said, timeout: float = 60):
        lock_dir = self.inside(self.cache_dir() / "locks")
        lock_dir.mkdir(exist_ok=True)
        try:
            release = _take_lock(lock_dir / name, timeout)
        except TimeoutError:
            raise WorkspaceBusy("busy", what=what, seconds=f"{timeout:g}", lock=lock_dir / name) from None
        try:
            yield
        finally:
            release()

    def save_task(self, task: Task) -> bool:
        """Write a task to its file, keeping what a person wrote in it (comments, their order of keys); returns
        False when the file already held exactly this."""
        return atomic_write(self.task_path(task.id), self.task_text(task))

    def task_text(self, task: Task) -> str:
        """The text of the task's file holding this task: its file updated by key, or a new file."""
        path = self.task_path(task.id)
        return updated_text(path, task.to_dict())


def _take_lock(path: Path, timeout: float):
    """Hold the lock file at path (made if need be); returns the function that releases it and removes the file.

    A lock file is removed by the process that holds it, just before it lets go, so none are left behind. A process
    that was waiting on it then holds a file that is no longer there (or no longer the one there): it lets go and
    tries again on the file that is there now. Without flock (Windows), filelock's lock, which removes its file.
    """
    import time

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return _file_lock(path, timeout)
    deadline = time.monotonic() + timeout
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        try:
            while not _flocked(fcntl, fd):
                if time.monotonic() >= deadline:
                    raise TimeoutError(path)
                time.sleep(0.01)
            if _is_there(fd, path):
                return lambda: _let_go(fd, path)
        except _NoFlock:
            os.close(fd)
            return _file_lock(path, max(0.0, deadline - time.monotonic()))
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed it meanwhile: try the one there now


class _NoFlock(Exception):
    """The file system has no flock (some network shares)."""


def _flocked(fcntl, fd: int) -> bool:
    import errno

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as error:
        if error.errno in (errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK):
            raise _NoFlock from None
        raise
    return True


def _file_lock(path: Path, timeout: float):
    """filelock's lock, where there is no flock: on Windows it removes its file on release, elsewhere it falls back
    to a lock of its own kind."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise TimeoutError(path) from None
    return lock.release


def _is_there(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.lstat(path))
    except FileNotFoundError:
        return False


def _let_go(fd: int, path: Path) -> None:
    try:
        os.unlink(path)  # while still held: whoever opens the path next makes a new file
    except OSError:
        pass
    finally:
        os.close(fd)  # closing lets go of the flock


def placement_faults(ids: list[str], places: list[tuple[Path, str]]) -> tuple[set[int], list[BrokenFile]]:
    """What a listing says of where tasks stand. Files that hold the same task id: the one `show ID` reads stays (the
    id's own file), each other one is a fault naming it and is left out. A file whose id is not its own (a file
    renamed, or its id edited): listed, with a fault naming it, since `show` finds it by neither. `places[i]` is
    the (folder, file name) of `ids[i]`; returns the positions left out and the faults."""
    first: dict[str, int] = {}
    clashes: dict[str, list[int]] = {}
    for position, task_id in enumerate(ids):
        if first.setdefault(task_id, position) != position:
            clashes.setdefault(task_id, [first[task_id]]).append(position)
    dropped, faults = set(), []
    for task_id, positions in clashes.items():
        kept = max(positions, key=lambda p: (_at_home(task_id, *places[p]), -p))
        for position in positions:
            if position != kept:
                dropped.add(position)
                faults.append(BrokenFile(places[position][0] / places[position][1], "duplicate_id", 1, task=task_id,
                                         other=places[kept][0] / places[kept][1]))
    for position, (task_id, (folder, name)) in enumerate(zip(ids, places)):
        if position not in dropped and misplaced(task_id, folder.name, name):
            faults.append(BrokenFile(folder / name, "id_file", 1, task=task_id, file=f"{folder.name}/{name}"))
    return dropped, faults


def misplaced(task_id: str, plan_id: str, file_name: str) -> bool:
    """Whether a task file holds another id than its folder and name give (2019H2/05.toml holds 2019H2-05)."""
    if task_id == f"{plan_id}-{file_name[:-5]}":  # as duban names every file: no parse for each of 10,000 tasks
        return False
    task = TaskId.parse(task_id)  # well-formed: the schema checked it
    return task.plan != plan_id or task.number != task_file_number(file_name)


def _at_home(task_id: str, folder: Path, name: str) -> int:
    """2 for the file `task_path(id)` names first, 1 for another file of the id's plan and number, 0 for any other."""
    task = TaskId.parse(task_id)  # well-formed: the schema checked it
    if task.plan != folder.name or task.number != task_file_number(name):
        return 0
    return 2 if name == task.file_name else 1


def _may_hold_plan(folder: str) -> bool:
    """The folder has a plan.toml, or cannot be looked into (a permission error is not the file's absence)."""
    try:
        return stat.S_ISREG(os.stat(os.path.join(folder, PLAN_FILE)).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True


def _ancestors(path: Path, root: Path) -> list[Path]:
    """The paths from the workspace down to `path`: root/a, root/a/b … path (where a symlink may stand)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return [path]
    return [root.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]


def _parsed(text: str, path: Path, faults_of) -> tuple[dict[str, Any] | None, list[Fault]]:
    """A TOML file's text parsed and checked with `faults_of(data, text)`: its data (None when conflict markers
    stand in it) and every fault found, each with its line; BrokenFile when it is not TOML."""
    faults = conflict_faults(text)
    if faults:
        return None, faults
    data = tomlfile.loads(text, path)
    return data, faults_of(data, text)


def _read_checked(text: str, path: Path, faults_of) -> dict[str, Any]:
    """Parse a TOML file's text and check it with `faults_of(data, text)`; the first fault becomes a BrokenFile."""
    data, faults = _parsed(text, path, faults_of)
    if faults:
        raise BrokenFile(path, faults[0].message, faults[0].line)
    return data


def render_task(task: Task) -> str:
    """A new task file's text: deterministic, the same data always the same bytes."""
    return tomlfile.dumps(task.to_dict())


def updated_text(path: Path, data: dict[str, Any]) -> str:
    """The file at path changed by key to hold data (tomlfile.update_text); a new file as `dumps` writes it."""
    text = tomlfile.read_text(path) if os.path.lexists(path) else None  # BrokenFile says what is wrong with it
    return tomlfile.update_text(text, data, path)
