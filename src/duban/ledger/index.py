"""The listing index: the few fields `list` and `overdue` show of every task, cached under `.duban-cache/`.

Parsing 10,000 TOML files takes seconds; reading the index takes milliseconds. The index is never trusted over the
files: every run scans the plan folders and compares each task file's size, mtime_ns, inode and ctime_ns with what
the index recorded. Files that differ or are new are parsed again, files that are gone are dropped, and a broken file is kept
as its fault, so every `list` still warns about it. A file modified within RACY_NS of the scan is not cached: a
second change in the same clock tick could keep its size and mtime (git's "racily clean" problem).
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from duban.errors import BrokenFile, Said
from duban.ledger.model import Schedule, Task
from duban.views.json import listing_head
from duban.inputs import read_bytes
from duban.ledger.store import CACHE_DIR, Workspace, atomic_write_bytes, same_id_faults
from duban.ledger.taskid import TASK_FILE_RE

INDEX_FILE = "index.marshal"
# Bump when the record layout changes; the Python version is part of the key because marshal's format is not stable.
INDEX_FORMAT = (7, sys.version_info[:2])
RACY_NS = 2_000_000_000


class TaskSummary(Schedule):
    """What a listing needs of a task; answers the same questions as Task for filters, sorting and views."""

    __slots__ = ("id", "title", "status", "owner", "co_owners", "due", "category", "_detail", "_last_note",
                 "json_head")

    def __init__(self, id, title, status, owner, co_owners, due, category, detail, last_note, json_head=None):
        self.id = id
        self.title = title
        self.status = status
        self.owner = owner
        self.co_owners = co_owners
        self.due = due
        self.category = category
        self._detail = detail  # UTF-8 bytes until asked for: only --grep reads it
        self._last_note = last_note
        self.json_head = json_head  # this task's `list --json` record up to days_overdue, as UTF-8

    @property
    def detail(self) -> str:
        if isinstance(self._detail, bytes):
            self._detail = self._detail.decode("utf-8")
        return self._detail

    @classmethod
    def from_record(cls, record: tuple) -> TaskSummary:
        task_id, title, status, owner, co_owners, due, category, detail, note, json_head = record
        return cls(task_id, title, status, owner, co_owners, date.fromordinal(due) if due else None, category,
                   detail, note, json_head)

    def last_note(self) -> str:
        return self._last_note


def summary_record(task: Task) -> tuple:
    """A task as plain values that marshal can store.

    Units, statuses and categories repeat across thousands of tasks; interned, marshal stores each once. The detail,
    the longest text and only searched by --grep, is kept as UTF-8 bytes, which load without decoding.
    """
    intern = sys.intern
    return (task.id, task.title, intern(task.status), intern(task.owner), tuple(intern(o) for o in task.co_owners),
            task.due.toordinal() if task.due else 0, intern(task.category), task.detail.encode("utf-8"),
            task.last_note(), listing_head(task))


class Summaries:
    """The tasks' summaries and the broken files' faults (a plain class: a dataclass costs a millisecond to import)."""

    def __init__(self):
        self.tasks: list[TaskSummary] = []
        self.faults: list[BrokenFile] = []
        self.parsed = 0  # files read from disk this run rather than from the index


# The index: {plan folder name: (keys, items)} where keys maps each task file's name to _key(its stat), or
# to None while it is too fresh to trust (or cannot be looked at), and items lists (name, record, fault) in source order. A folder whose
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
    cache_path = _index_path(workspace)
    with paused_gc():
        cached = _read_index(cache_path) if cache_path else {}
        try:
            result, index, changed = _load(workspace, cached)
        except (TypeError, ValueError, IndexError, OverflowError, AttributeError):  # not an index this version wrote
            result, index, changed = _load(workspace, {})
        if cache_path and (changed or index.keys() != cached.keys()):
            _write_index(cache_path, index)
    return result


def _index_path(workspace: Workspace) -> Path | None:
    """Where the index is kept; None when the cache folder cannot hold it (read-only media, a file by its name, a
    symlink out of the workspace that a repository brought): then every run parses the files, as it can."""
    try:
        return workspace.inside(workspace.cache_dir() / INDEX_FILE)
    except (BrokenFile, OSError):
        return None


def _load(workspace: Workspace, cached: dict) -> tuple[Summaries, dict, bool]:
    result = Summaries()
    index = {}
    changed = False
    settled_before = time.time_ns() - RACY_NS
    from_record = TaskSummary.from_record
    ids, places = [], []
    for folder in workspace.plan_dirs():
        try:
            keys = _file_keys(folder)
        except OSError as error:  # a plan folder that cannot be read is named, never silently left out
            result.faults.append(BrokenFile(folder, "cannot_read_file", reason=error.strerror or str(error)))
            continue
        entry = cached.get(folder.name)
        if entry is not None and entry[0] == keys and None not in keys.values():
            items = entry[1]
        else:
            keys, items = _refresh(workspace, folder, keys, entry, settled_before, result)
            changed = True
        index[folder.name] = (keys, items)
        for name, record, fault in items:
            if record is not None:
                result.tasks.append(from_record(record))
                ids.append(record[0])
                places.append((folder, name))
            else:
                key, line, values = fault
                result.faults.append(BrokenFile(folder / name, key, line, **_unstored(values)))
    dropped, faults = same_id_faults(ids, places)
    if dropped:  # two files of one id: the one `show` reads is listed, the other named
        result.tasks = [task for position, task in enumerate(result.tasks) if position not in dropped]
        result.faults.extend(faults)
    return result, index, changed


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


def _key(stat: os.stat_result) -> tuple:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns


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


def _refresh(workspace: Workspace, folder: Path, keys: dict, entry, settled_before: int, result: Summaries):
    """Items for a folder that changed: unchanged files from the old entry, the others parsed again."""
    old_keys, old_items = entry if entry is not None else ({}, [])
    old = {item[0]: item for item in old_items}
    items = []
    for _, name in sorted((int(TASK_FILE_RE.match(name).group(1)), name) for name in keys):
        key = keys[name]
        if key is not None and old_keys.get(name) == key and name in old:
            items.append(old[name])
        else:
            items.append((name, *_read(workspace, folder / name)))
            result.parsed += 1
    # A file changed in the last moments may change again within the same mtime tick: keep it unmatched.
    keys = {name: key if key is not None and key[1] < settled_before else None for name, key in keys.items()}
    return keys, items


def _read(workspace: Workspace, path: Path) -> tuple:
    try:
        return summary_record(workspace.read_task_file(path)), None
    except BrokenFile as fault:
        return None, (fault.reason.key, fault.line, _stored(fault.reason.values))  # kept as its words key


_SAID = "\x00said"  # tags a value that is itself said among a stored fault's values


def _stored(values: dict) -> dict:
    """A fault's values as marshal stores them: a value that is itself said (a TOML reason) as a tagged tuple."""
    return {name: (_SAID, value.key, _stored(value.values)) if isinstance(value, Said) else value
            for name, value in values.items()}


def _unstored(values: dict) -> dict:
    return {name: Said(value[1], **_unstored(value[2])) if isinstance(value, tuple) and value[:1] == (_SAID,)
            else value for name, value in values.items()}


def _read_index(path: Path) -> dict:
    """The stored index, or nothing when it is missing, unreadable or from another format."""
    try:
        data = read_bytes(path)
        header, entries = marshal.loads(data)
    except (OSError, BrokenFile, EOFError, ValueError, TypeError):
        return {}
    if header != INDEX_FORMAT or not isinstance(entries, dict):
        return {}
    return entries


def _write_index(path: Path, entries: dict) -> None:
    """Best effort: a workspace on read-only media still lists, it just parses every time."""
    try:
        atomic_write_bytes(path, marshal.dumps((INDEX_FORMAT, entries)), durable=False)
    except OSError:
        pass
