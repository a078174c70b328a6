"""The workspace on disk: duban.toml, one folder per plan, one TOML file per task.

Writes are atomic (temp file + rename in the same folder) so an interrupted write leaves the old file or the new
one, never half of each. A broken file never hides the others: loading returns the tasks it could read and a fault
for each file it could not.
"""

from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from duban.ledger import tomlfile
from duban.errors import BrokenFile, DubanError, UnknownTask, UsageError, WorkspaceNotFound
from duban.ledger.model import Plan, Task
from duban.settings import SETTINGS_FILE, Settings, default_text
from duban.ledger.schema import Fault, conflict_faults, plan_faults, task_faults
from duban.ledger.taskid import TaskId, check_plan_id, task_file_number

PLAN_FILE = "plan.toml"
REPORT_FILE = "report.txt"
CACHE_DIR = ".duban-cache"

def atomic_write(path: Path, text: str) -> bool:
    """Write text to path atomically; returns False (and writes nothing) when the file already holds it."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(path, data)
    return True


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temp file in the same folder and rename it over path; `durable` syncs it to disk first."""
    path.parent.mkdir(parents=True, exist_ok=True)
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
    for attempt in range(100):
        temp = str(path.with_name(f".{path.name}.{os.getpid()}.{time.time_ns() % 10**9}{attempt}.tmp"))
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
            raise WorkspaceNotFound(f"{root}: not a duban workspace (no {SETTINGS_FILE}); run `duban init {root}`")
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "plans"):
            if (candidate / SETTINGS_FILE).is_file():
                return candidate
    raise WorkspaceNotFound("no duban workspace here: run `duban init`, or pass --plans DIR or set DUBAN_PLANS")


def init_workspace(root: Path, organisation: str = "") -> bool:
    """Create a workspace; returns False when one is already there (and leaves it untouched)."""
    if (root / SETTINGS_FILE).exists():
        return False
    root.mkdir(parents=True, exist_ok=True)
    atomic_write(root / SETTINGS_FILE, default_text(organisation))
    atomic_write(root / ".gitignore", f"{CACHE_DIR}/\n")
    return True


class WorkspaceBusy(DubanError):
    """Another duban process holds a lock for longer than a person should wait."""

    exit_code = 3


@dataclass
class LoadResult:
    tasks: list[Task] = field(default_factory=list)
    faults: list[BrokenFile] = field(default_factory=list)


class Workspace:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._settings: Settings | None = None

    # --- settings and plans -------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """duban.toml; a file that is not valid TOML is a BrokenFile naming its line."""
        if self._settings is None:
            path = self.root / SETTINGS_FILE
            self._settings = Settings(tomlfile.loads(tomlfile.read_text(path), path))
        return self._settings

    @property
    def organisation(self) -> str:
        return self.settings.organisation

    def plan_dirs(self) -> list[Path]:
        """Folders that hold a plan.toml, in name order."""
        try:
            entries = sorted(os.scandir(self.root), key=lambda e: e.name)
        except OSError as error:
            raise BrokenFile(self.root, f"cannot read workspace: {error.strerror or error}") from None
        return [Path(e.path) for e in entries
                if e.is_dir() and not e.name.startswith(".") and os.path.isfile(os.path.join(e.path, PLAN_FILE))]

    def plan_dir(self, plan_id: str) -> Path:
        return self.root / check_plan_id(plan_id)

    def read_plan(self, plan_id: str) -> Plan:
        path = self.plan_dir(plan_id) / PLAN_FILE
        if not path.is_file():
            raise UsageError(f"unknown plan {plan_id!r}: no {path}")
        return self._parse_plan(path)

    def _parse_plan(self, path: Path) -> Plan:
        return Plan.from_dict(_read_checked(path, plan_faults))

    def plans(self) -> list[Plan]:
        return [self._parse_plan(d / PLAN_FILE) for d in self.plan_dirs()]

    def save_plan(self, plan: Plan) -> Path:
        path = self.plan_dir(plan.id) / PLAN_FILE
        atomic_write(path, tomlfile.dumps(plan.to_dict()))
        return path

    # --- tasks --------------------------------------------------------------------------------

    def task_files(self, plan_ids: Iterable[str] | None = None) -> list[Path]:
        """Task files in source order: plans by name, tasks by number."""
        folders = [self.plan_dir(p) for p in plan_ids] if plan_ids is not None else self.plan_dirs()
        files: list[Path] = []
        for folder in folders:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            numbered = sorted((number, name) for name in names if (number := task_file_number(name)) is not None)
            files.extend(folder / name for _, name in numbered)
        return files

    def task_path(self, task_id: str | TaskId) -> Path:
        """The file of a task: `NN.toml` in its plan's folder, or the file of that number written wider (0001.toml)."""
        task = task_id if isinstance(task_id, TaskId) else TaskId.parse(task_id)
        folder = self.plan_dir(task.plan)
        path = folder / task.file_name
        if not path.exists():
            try:
                names = os.listdir(folder)
            except OSError:
                return path
            return next((folder / name for name in sorted(names) if task_file_number(name) == task.number), path)
        return path

    def read_task_file(self, path: Path) -> Task:
        """Parse and validate one task file; raise BrokenFile with the first fault's line."""
        return Task.from_dict(_read_checked(path, task_faults))

    def load_tasks(self, plan_ids: Iterable[str] | None = None) -> LoadResult:
        result = LoadResult()
        for path in self.task_files(plan_ids):
            try:
                result.tasks.append(self.read_task_file(path))
            except BrokenFile as fault:
                result.faults.append(fault)
        return result

    def get_task(self, task_id: str) -> Task:
        path = self.task_path(task_id)
        if not path.is_file():
            raise UnknownTask(f"unknown task {task_id!r}: no {path}")
        task = self.read_task_file(path)
        if TaskId.parse(task.id) != TaskId.parse(task_id):
            raise BrokenFile(path, f"holds id {task.id!r}, not {task_id!r}", 1)
        return task

    def locked(self, task_id: str):
        """A lock around read-modify-write of one task, so concurrent updates from several processes lose nothing."""
        task = TaskId.parse(task_id)
        return self._lock(f"{task.plan}-{task.number}.lock", f"task {task_id}")

    def locked_repository(self):
        """A lock around committing to the git repository that holds the workspace."""
        return self._lock("git.lock", "the git repository")

    def cache_dir(self) -> Path:
        """`.duban-cache/`, created with a .gitignore of its own: never committed, even by `git add plans` in a
        clone whose workspace lacks the .gitignore that `init` writes."""
        folder = self.root / CACHE_DIR
        ignore = folder / ".gitignore"
        if not ignore.exists():
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(ignore, "# duban's index and locks: rebuilt from the task files, never committed\n*\n")
        return folder

    @contextmanager
    def _lock(self, name: str, what: str, timeout: float = 60):
        lock_dir = self.cache_dir() / "locks"
        lock_dir.mkdir(exist_ok=True)
        with _file_lock(lock_dir / name, timeout) as held:
            if not held:
                raise WorkspaceBusy(f"{what} is still being changed by another duban after {timeout:g} s "
                                    f"(lock {lock_dir / name}); try again")
            yield

    def save_task(self, task: Task) -> bool:
        """Write a task to its file; returns False when the file already held exactly this."""
        return atomic_write(self.task_path(task.id), render_task(task))


def file_faults(path: Path, faults_of) -> tuple[dict[str, Any] | None, list[Fault]]:
    """Parse a TOML file and check it with `faults_of(data, text)`: its data (None when it cannot be parsed) and
    every fault found in it, each with its line."""
    try:
        text = tomlfile.read_text(path)
        faults = conflict_faults(text)
        if faults:
            return None, faults
        data = tomlfile.loads(text, path)
    except BrokenFile as error:
        return None, [Fault(error.line, error.reason)]
    return data, faults_of(data, text)


@contextmanager
def _file_lock(path: Path, timeout: float):
    """An exclusive lock on the file at path, held inside the block; yields False when it was not had in time.

    Where the OS has flock (as filelock itself uses there), it is taken directly: filelock imports logging,
    secrets and decimal, a third of an `update`'s start-up. Elsewhere, filelock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        from filelock import FileLock, Timeout

        lock = FileLock(str(path))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            yield False
            return
        try:
            yield True
        finally:
            lock.release()
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.05)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_checked(path: Path, faults_of) -> dict[str, Any]:
    """Parse a TOML file and check it with `faults_of(data, text)`; the first fault becomes a BrokenFile."""
    data, faults = file_faults(path, faults_of)
    if faults:
        raise BrokenFile(path, faults[0].message, faults[0].line)
    return data


def render_task(task: Task) -> str:
    return tomlfile.dumps(task.to_dict())
