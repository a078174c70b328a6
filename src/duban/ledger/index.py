"""The listing index: the few fields `list` and `overdue` show of every task, cached under `.duban-cache/`.

Parsing 10,000 TOML files takes seconds; reading the index takes milliseconds. The index is never trusted over the
files: every run scans the plan folders and compares each task file's size, mtime_ns, inode and ctime_ns with what
the index recorded. Files that differ or are new are parsed again (in forked workers when there are many, as after
a clone), files that are gone are dropped, and a broken file is kept as its faults (words keys, said in the run's
language), so every `list` still warns about it and `validate` reports it without reading it again. Besides what
listings show, a record keeps each task's progress log and last check (packed, unpacked only by `weekly`).

A file whose mtime is not older than the file system's clock when it is read is not cached: a second change in the
same clock tick could keep its size and mtime (git's "racily clean" problem). The clock is read from the file
system itself (the mtime it gives a file touched just then), so a file written a moment before - by `git clone`,
`git pull` or `duban update` - is already trusted on the next run; where the cache cannot be written, a file must
be RACY_NS old by the wall clock instead.
"""

from __future__ import annotations

import gc
import marshal
import os
import stat
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime, time as dt_time
from pathlib import Path
from typing import TYPE_CHECKING

from duban.errors import BrokenFile, Said
from duban.inputs import read_own_bytes
from duban.ledger.values import KNOWN_ENTRY_KEYS, Schedule, log_marks, parse_status, unknown_keys
from duban.ledger.schema import task_faults
from duban.ledger.store import LoadResult, Workspace, atomic_write_bytes
from duban.ledger.taskid import TASK_FILE_RE
from duban.workers import in_background, map_forked, workers_for

if TYPE_CHECKING:
    from duban.ledger.entries import ProgressEntry

INDEX_FILE = "index.marshal"
CLOCK_FILE = "clock"  # touched to read the file system's clock
# Bump when the record layout changes; the Python version is part of the key because marshal's format is not stable.
INDEX_FORMAT = (9, sys.version_info[:2])
RACY_NS = 2_000_000_000
_UNSEEN = "unseen"  # the key of a file in a folder the index has not seen: looked up as the file is read
_GONE = "gone"  # the key of a file that went away between its folder's listing and its reading


class TaskSummary(Schedule):
    """What a listing needs of a task; answers the same questions as Task for filters, sorting and views."""

    __slots__ = ("id", "title", "status", "owner", "co_owners", "due", "category", "_detail", "_marks",
                 "json_head", "_log", "_check")

    def __init__(self, id, title, status, owner, co_owners, due, category, detail, marks, json_head=None,
                 log=b"", check=b""):
        self.id = id
        self.title = title
        self.status = status
        self.owner = owner
        self.co_owners = co_owners
        self.due = due
        self.category = category
        self._detail = detail  # UTF-8 bytes until asked for: only --grep reads it
        self._marks = marks  # the log's last note, its day and the latest entry's day (ordinals, 0 for none)
        self.json_head = json_head  # this task's `list --json` record up to days_overdue, as UTF-8
        self._log = log  # the progress log, packed by `pack_log` until asked for
        self._check = check  # the last check, packed by `pack_check` until asked for (b"": none)

    @property
    def detail(self) -> str:
        if isinstance(self._detail, bytes):
            self._detail = self._detail.decode("utf-8")
        return self._detail

    @classmethod
    def from_record(cls, record: tuple) -> TaskSummary:
        task_id, title, status, owner, co_owners, due, category, detail, marks, json_head, log, check = record
        return cls(task_id, title, status, owner, co_owners, date.fromordinal(due) if due else None, category,
                   detail, marks, json_head, log, check)

    def last_note(self) -> str:
        return self._marks[0]

    def last_note_date(self) -> date | None:
        return date.fromordinal(self._marks[1]) if self._marks[1] else None

    def last_entry_date(self) -> date | None:
        """The latest day of the progress log, read without unpacking it (None for an empty log)."""
        return date.fromordinal(self._marks[2]) if self._marks[2] else None

    @property
    def progress(self) -> list[ProgressEntry]:
        """The task's progress log, as its file holds it."""
        if isinstance(self._log, bytes):
            self._log = unpack_log(self._log)
        return self._log

    @property
    def check(self) -> dict:
        """The task's [check] table, as its file holds it."""
        if isinstance(self._check, bytes):
            self._check = _typed(marshal.loads(self._check)) if self._check else {}
        return self._check


RECORD_FIELDS = 12  # the values of a summary_record


def summary_record(data: dict) -> tuple:
    """A task file's data, in which `schema.task_faults` found nothing, as plain values that marshal can store: what
    `Task.from_dict` makes of it, read straight from the data (a Task and the entries of its log, made for each of
    thousands of files read after a clone, cost a sixth of their reading; tests/ledger/test_index.py holds the two
    ways equal over any file).

    Units, statuses and categories repeat across thousands of tasks; interned, marshal stores each once. The detail,
    the longest text and only searched by --grep, is kept as UTF-8 bytes, which load without decoding; the progress
    log and the check, read only by `weekly` and `show`, are packed into bytes of their own, each unpacked only when
    asked for (the weekly reads the logs of the tasks touched this week and the checks of the checked ones).
    """
    from duban.views.json import listing_head  # here: a warm listing reads records, it never makes them

    intern = sys.intern
    progress, due = data.get("progress", ()), data.get("due")
    note, noted, latest = log_marks([(entry["date"], entry.get("note", "")) for entry in progress])
    listed = (data["id"], data["title"], intern(parse_status(data.get("status", "todo"))),
              intern(data.get("owner", "")), tuple([intern(o) for o in data.get("co_owners", ())]), due,
              intern(data.get("category", "")), data.get("detail", "").encode("utf-8"),
              (note, noted.toordinal() if noted else 0, latest.toordinal() if latest else 0))
    head = listing_head(TaskSummary(*listed))
    return (*listed[:5], due.toordinal() if due else 0, *listed[6:], head, pack_log(progress),
            pack_check(data.get("check", {})))


# TOML values as marshal stores them: dates, datetimes and times are tagged tuples (TOML itself has no tuples).
_DATE, _DATETIME, _TIME = "d", "dt", "t"


def pack_log(progress: list[dict]) -> bytes:
    """A task file's progress entries, every value kept (unknown keys, dates) as the file has it: what `unpack_log`
    makes ProgressEntry objects of."""
    entries = tuple((entry["date"].toordinal(), entry["status"], entry.get("note", ""), entry.get("by", ""),
                     _plain(extra) if (extra := unknown_keys(entry, KNOWN_ENTRY_KEYS)) else None)
                    for entry in progress)
    return marshal.dumps(entries)


def unpack_log(data: bytes) -> list[ProgressEntry]:
    from duban.ledger.entries import ProgressEntry  # here: show and weekly read the log, a listing never does

    fromordinal = date.fromordinal
    return [ProgressEntry(fromordinal(day), status, note, by, _typed(extra) if extra else {})
            for day, status, note, by, extra in marshal.loads(data)]


def pack_check(check: dict) -> bytes:
    """A task file's [check] table, every value kept as the file has it; b"" for none (most tasks)."""
    return marshal.dumps(_plain(check)) if check else b""


def _plain(value):
    if isinstance(value, datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, date):
        return (_DATE, value.toordinal())
    if isinstance(value, dt_time):
        return (_TIME, value.isoformat())
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _typed(value):
    if isinstance(value, tuple):
        tag, raw = value
        return (date.fromordinal(raw) if tag == _DATE else datetime.fromisoformat(raw) if tag == _DATETIME
                else dt_time.fromisoformat(raw))
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return value


class Summaries(LoadResult):
    """The tasks' summaries and the broken files' faults."""

    def __init__(self):
        super().__init__()
        self.parsed = 0  # files read from disk this run rather than from the index


# The index: {plan folder name: (keys, items)} where keys maps each task file's name to _key(its stat), or to None
# while it is too fresh to trust (or cannot be looked at), and items lists (name, record, None) for a readable file
# and (name, None, faults) for a broken one in source order, each fault (words key, line, values). A folder whose
# files all match its keys - one dict comparison - is taken whole; otherwise only the files that differ are read.


@contextmanager
def paused_gc():
    """Listing makes a hundred thousand small objects, none in a cycle; the cyclic collector would keep walking them
    for nothing (a fifth of `duban list`'s time). Reference counting still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_summaries(workspace: Workspace) -> Summaries:
    """Every task's summary in source order, and a fault for each broken file, as `Workspace.load_tasks` finds them."""
    result = Summaries()
    from_record = TaskSummary.from_record
    places = []
    with paused_gc():
        for folder, items, unreadable in indexed_files(workspace, result):
            if unreadable is not None:  # a plan folder that cannot be read is named, never silently left out
                result.faults.append(unreadable)
            for name, record, faults in items:
                if record is not None:
                    result.tasks.append(from_record(record))
                    places.append((folder, name))
                else:
                    result.faults.append(file_fault(folder / name, *faults[0]))
        result.check_places(places)
    return result


def file_fault(path: Path, key: str, line: int | None, values: dict) -> BrokenFile:
    """A fault the index keeps, as the BrokenFile reading the file raised."""
    return BrokenFile(path, fault_said(key, values), line)


def fault_said(key: str, values: dict) -> Said:
    """What a fault the index keeps says (a TOML reason among its values said again, not shown as stored)."""
    return Said(key, **_unstored(values))


def indexed_files(workspace: Workspace, result: Summaries | None = None) -> list[tuple[Path, list, BrokenFile | None]]:
    """Each plan folder with the items of its task files in source order - (file name, record, None) for a readable
    file, (file name, None, faults) for a broken one - and None; or, for a folder that cannot be read, no items and
    its fault. The index is brought up to date and written back when anything changed; `result.parsed` counts the
    files read from disk."""
    result = result if result is not None else Summaries()
    cache_path = _index_path(workspace)
    with paused_gc():
        cached = _read_index(cache_path) if cache_path else {}
        try:
            folders, index, changed = _load(workspace, cached, cache_path, result)
        except (TypeError, ValueError, IndexError, OverflowError, AttributeError):  # not an index this version wrote
            result.parsed = 0
            folders, index, changed = _load(workspace, {}, cache_path, result)
        if cache_path and (changed or index.keys() != cached.keys()):
            _write_index(cache_path, index)
    return folders


def _index_path(workspace: Workspace) -> Path | None:
    """Where the index is kept; None when the cache folder cannot hold it (read-only media, a file by its name, a
    symlink out of the workspace that a repository brought): then every run parses the files, as it can."""
    try:
        return workspace.inside(workspace.cache_dir() / INDEX_FILE)
    except (BrokenFile, OSError):
        return None


def _load(workspace: Workspace, cached: dict, cache_path: Path | None, result: Summaries) -> tuple[list, dict, bool]:
    """The folders with their items, the new index, and whether it differs from the cached one."""
    scanned = []  # (folder, keys, items or None while some files are to be read, old entry, fault of the folder)
    for folder in workspace.plan_dirs():
        entry = cached.get(folder.name)
        try:
            # A folder the index has never seen (after a clone) is only listed: each of its files is keyed by the
            # fstat of its reading, in the workers (a stat of each on one CPU first cost a tenth of the run).
            keys = _file_keys(folder) if entry is not None else dict.fromkeys(_task_names(folder), _UNSEEN)
        except OSError as error:
            fault = BrokenFile(folder, "cannot_read_file", reason=error.strerror or str(error))
            scanned.append((folder, None, [], None, fault))
            continue
        whole = entry is not None and entry[0] == keys and None not in keys.values()
        scanned.append((folder, keys, entry[1] if whole else None, entry, None))
    stale = [(folder, name) for folder, keys, items, entry, _ in scanned if items is None
             for name in _unmatched(keys, entry)]
    fresh = {}
    settled_before = None
    if stale:
        settled_before = _settled_before(workspace, cache_path)  # read before the files: see the module's docstring
        bases = {folder: os.fspath(folder) + os.sep for folder, _, _, _, _ in scanned}  # str paths: a Path costs
        for (folder, name), read in zip(stale, _read_many(workspace, [bases[folder] + name for folder, name in stale])):
            fresh.setdefault(folder, {})[name] = read
        result.parsed += len(stale)
    folders, index = [], {}
    for folder, keys, items, entry, fault in scanned:
        if fault is None:
            if items is None:
                keys, items = _refresh(keys, entry, fresh.get(folder, {}), settled_before)
            index[folder.name] = (keys, items)
            _check_items(items)
        folders.append((folder, items, fault))
    return folders, index, bool(stale) or any(items is None for _, _, items, _, _ in scanned)


def _check_items(items: list) -> None:
    """ValueError for items of another layout (an index this version did not write), so that it is rebuilt."""
    for name, record, faults in items:
        if (len(record) != RECORD_FIELDS) if record is not None else (not faults or len(faults[0]) != 3):
            raise ValueError(f"index item {name}: neither a record nor faults")


def _unmatched(keys: dict, entry) -> list[str]:
    """The files of a folder that the index's entry does not hold as they are now (a file that could not be looked
    at, its key None, is read every time, so that its fault is said)."""
    old_keys, old_items = entry if entry is not None else ({}, [])
    held = {item[0] for item in old_items}
    return [name for name, key in keys.items() if key is None or old_keys.get(name) != key or name not in held]


def _refresh(keys: dict, entry, fresh: dict, settled_before: int | None):
    """Items for a folder that changed: unchanged files from the old entry, the others as just read (`fresh`, by
    file name: with the keys their reading found where the folder was only listed; a file gone by then is left out,
    as if never listed)."""
    old = {item[0]: item for item in entry[1]} if entry is not None else {}
    kept, items = {}, []
    for name in sorted(keys, key=_file_order):
        key, read = keys[name], fresh.get(name)
        if read is not None:
            if read[0] == _GONE:  # compared by value: it came through a pipe
                continue
            key = read[0] if key == _UNSEEN else key
            items.append((name, read[1], read[2]))
        else:
            items.append(old[name])
        # A file changed in the same clock tick as it was read may change again within that tick: keep it unmatched.
        kept[name] = key if key is not None and (settled_before is None or key[1] < settled_before) else None
    return kept, items


def _file_order(name: str) -> tuple[int, str]:
    """Task files in the order of their numbers (`07.toml` before `10.toml`): every name here matched
    TASK_FILE_RE, digits before `.toml`."""
    return int(name[:-5]), name


def _settled_before(workspace: Workspace, cache_path: Path | None) -> int:
    """The file system's clock now (ns): a file whose mtime is older can only change to a later mtime. Read as the
    mtime the file system gives the index's clock file when touched; by the wall clock less RACY_NS where the cache
    folder cannot be written (a coarse clock, as FAT's two seconds, then still counts as racy)."""
    if cache_path is not None:
        try:
            return _touched(workspace.inside(cache_path.with_name(CLOCK_FILE)))
        except (OSError, BrokenFile):
            pass
    return time.time_ns() - RACY_NS


def _touched(path: Path) -> int:
    """Set the file's mtime to the file system's now, as a write would, and return it; a file that is not a regular
    one of its own (a symlink, a FIFO) is not touched: OSError."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        os.utime(fd if os.utime in os.supports_fd else path)
        return os.fstat(fd).st_mtime_ns
    finally:
        os.close(fd)


# Below this many files to read, forking a worker costs more than it saves.
PARALLEL_FILES = 500


def _read_many(workspace: Workspace, paths: list[str]) -> list[tuple]:
    """`_read` of each path; after a clone thousands of files are read at once, on all CPUs (duban.workers)."""
    return map_forked(lambda path: _read(workspace, path), paths, workers_for(len(paths), PARALLEL_FILES))


def _file_keys(folder: Path) -> dict[str, tuple | None]:
    """Each task file's name and (size, mtime_ns, inode, ctime_ns): what tells a changed file from the one the index
    saw (ctime: a chmod that makes it unreadable, or readable again, changes only that). None for a file that cannot
    be looked at: read every time, so that its fault is said. OSError when the folder cannot be read."""
    if _STAT_IN_FOLDER:
        return _file_keys_by_folder_fd(folder)
    keys = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if TASK_FILE_RE.match(entry.name):
                    try:
                        keys[entry.name] = _key(entry.stat())
                    except FileNotFoundError:
                        if entry.is_symlink():
                            keys[entry.name] = None  # a link to nothing: read, to say so
                    except OSError:
                        keys[entry.name] = None
    except FileNotFoundError:
        pass  # the folder went away since the workspace was listed
    return keys


def _task_names(folder: Path) -> list[str]:
    """The names of a folder's task files; OSError when the folder cannot be read."""
    try:
        return [name for name in os.listdir(folder) if TASK_FILE_RE.match(name)]
    except FileNotFoundError:
        return []  # the folder went away since the workspace was listed


def _stat_key(path: str) -> tuple | str | None:
    """The key (`_file_keys`) of a file that could not be opened: None when it cannot be looked at either, _GONE
    when it went away since its folder was listed."""
    try:
        return _key(os.stat(path))
    except FileNotFoundError:
        return None if os.path.lexists(path) else _GONE  # a link to nothing: read, to say so
    except OSError:
        return None


def _key(stat_result: os.stat_result) -> tuple:
    return stat_result.st_size, stat_result.st_mtime_ns, stat_result.st_ino, stat_result.st_ctime_ns


# Where the OS allows, files are stat'ed relative to their open folder: the kernel does not walk the whole path
# again for each of thousands of files (a sixth faster than os.scandir's entries on Linux).
_STAT_IN_FOLDER = os.stat in os.supports_dir_fd and os.listdir in os.supports_fd and hasattr(os, "O_DIRECTORY")


def _file_keys_by_folder_fd(folder: Path) -> dict[str, tuple | None]:
    keys = {}
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return keys  # the folder went away since the workspace was listed
    try:
        for name in os.listdir(fd):
            if TASK_FILE_RE.match(name):
                try:
                    keys[name] = _key(os.stat(name, dir_fd=fd))
                except FileNotFoundError:  # vanished since the listing (as if it had not been there), or a link
                    if os.path.lexists(os.path.join(folder, name)):  # to nothing: read, to say so
                        keys[name] = None
                except OSError:
                    keys[name] = None
    finally:
        os.close(fd)
    return keys


def _read(workspace: Workspace, path: str) -> tuple:
    """(key, record, None) for a well-formed task file, read as `Workspace.read_task_file` reads it; (key, None,
    faults) for a broken one, every fault as (words key, line, values), its first the one `read_task_file` raises.
    The key (`_file_keys`) is the file's as it was opened, before it was read; a file that could not be opened is
    stat'ed (`_stat_key`)."""
    opened: list = []
    data, faults = workspace.file_faults(path, task_faults, opened)
    key = _key(opened[-1]) if opened else _stat_key(path)
    if key == _GONE:
        return key, None, None
    if faults:
        return key, None, tuple((fault.message.key, fault.line, _storable(fault.message.values)) for fault in faults)
    return key, summary_record(data), None


_SAID = "\x00said"  # tags a value that is itself said (a TOML reason) among a stored fault's values


def _storable(values: dict) -> dict:
    """A fault's values as marshal stores them (and a worker sends them back): a value that is itself said (a TOML
    reason) as a tagged tuple; a value of another kind (a date a person wrote where a verdict belongs, a path) as the
    text it is said as."""
    return {name: (_SAID, value.key, _storable(value.values)) if isinstance(value, Said)
            else value if value is None or isinstance(value, (str, int, float)) else str(value)
            for name, value in values.items()}


def _unstored(values: dict) -> dict:
    """The values `_storable` kept, a said one said again."""
    return {name: Said(value[1], **_unstored(value[2])) if isinstance(value, tuple) and value[:1] == (_SAID,)
            else value for name, value in values.items()}


def _read_index(path: Path) -> dict:
    """The stored index, or nothing when it is missing, unreadable or from another format."""
    try:
        data = read_own_bytes(path)
        header, entries = marshal.loads(data)
    except (OSError, BrokenFile, EOFError, ValueError, TypeError):
        return {}
    if header != INDEX_FORMAT or not isinstance(entries, dict):
        return {}
    return entries


def _write_index(path: Path, entries: dict) -> None:
    """Best effort: a workspace on read-only media still lists, it just parses every time. From the console script
    a fork writes it while this process draws the listing (marshalling and writing 10,000 tasks' records take 15-25
    ms of the first list after a clone), and the run waits for it before it exits."""
    if in_background(lambda: _write_index_now(path, entries)):
        return
    _write_index_now(path, entries)


def _write_index_now(path: Path, entries: dict) -> None:
    try:
        atomic_write_bytes(path, marshal.dumps((INDEX_FORMAT, entries)), durable=False)
    except OSError:
        pass
