"""The listing index: the few fields `list` and `overdue` show of every task, cached under `.duban-cache/`.

Parsing 10,000 TOML files takes seconds; reading the index takes milliseconds. The index is never trusted over the
files: every run scans the plan folders and compares each task file's size, mtime_ns and inode with what the index
recorded. Files that differ or are new are parsed again, files that are gone are dropped, and a broken file is kept
as its fault, so every `list` still warns about it. A file modified within RACY_NS of the scan is not cached: a
second change in the same clock tick could keep its size and mtime (git's "racily clean" problem).
"""

from __future__ import annotations

import marshal
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from duban.errors import BrokenFile
from duban.model import OPEN_STATUSES, Task
from duban.store import CACHE_DIR, TASK_FILE_RE, Workspace, atomic_write_bytes

INDEX_FILE = "index.marshal"
# Bump when the record layout changes; the Python version is part of the key because marshal's format is not stable.
INDEX_FORMAT = (2, sys.version_info[:2])
RACY_NS = 2_000_000_000


class TaskSummary:
    """What a listing needs of a task; answers the same questions as Task for filters, sorting and views."""

    __slots__ = ("id", "title", "status", "owner", "co_owners", "due", "category", "detail", "_last_note")

    def __init__(self, id, title, status, owner, co_owners, due, category, detail, last_note):
        self.id = id
        self.title = title
        self.status = status
        self.owner = owner
        self.co_owners = co_owners
        self.due = due
        self.category = category
        self.detail = detail
        self._last_note = last_note

    @classmethod
    def from_record(cls, record: tuple) -> TaskSummary:
        task_id, title, status, owner, co_owners, due, category, detail, note = record
        return cls(task_id, title, status, owner, co_owners, date.fromordinal(due) if due else None, category,
                   detail, note)

    @property
    def plan(self) -> str:
        return self.id.rsplit("-", 1)[0]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_overdue(self, today: date) -> int:
        if self.status not in OPEN_STATUSES or self.due is None or self.due >= today:
            return 0
        return (today - self.due).days

    def last_note(self) -> str:
        return self._last_note


def summary_record(task: Task) -> tuple:
    """A task as plain values that marshal can store.

    Units, statuses and categories repeat across thousands of tasks; interned, marshal stores each once.
    """
    intern = sys.intern
    return (task.id, task.title, intern(task.status), intern(task.owner), tuple(intern(o) for o in task.co_owners),
            task.due.toordinal() if task.due else 0, intern(task.category), task.detail, task.last_note())


@dataclass
class Summaries:
    tasks: list[TaskSummary] = field(default_factory=list)
    faults: list[BrokenFile] = field(default_factory=list)
    parsed: int = 0  # files read from disk this run rather than from the index


# The index: {plan folder name: (keys, items)} where keys maps each task file's name to (size, mtime_ns, inode), or
# to None while it is too fresh to trust, and items lists (name, record, fault) in source order. A folder whose
# files all match its keys - one dict comparison - is taken whole; otherwise only the files that differ are read.


def load_summaries(workspace: Workspace) -> Summaries:
    """Every task's summary in source order, and a fault for each broken file, as `Workspace.load_tasks` finds them."""
    cache_path = workspace.root / CACHE_DIR / INDEX_FILE
    cached = _read_index(cache_path)
    try:
        result, index, changed = _load(workspace, cached)
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):  # not an index this version wrote
        result, index, changed = _load(workspace, {})
    if changed or index.keys() != cached.keys():
        _write_index(cache_path, index)
    return result


def _load(workspace: Workspace, cached: dict) -> tuple[Summaries, dict, bool]:
    result = Summaries()
    index = {}
    changed = False
    settled_before = time.time_ns() - RACY_NS
    from_record = TaskSummary.from_record
    for folder in workspace.plan_dirs():
        keys = _file_keys(folder)
        entry = cached.get(folder.name)
        if entry is not None and entry[0] == keys:
            items = entry[1]
        else:
            keys, items = _refresh(workspace, folder, keys, entry, settled_before, result)
            changed = True
        index[folder.name] = (keys, items)
        for name, record, fault in items:
            if record is not None:
                result.tasks.append(from_record(record))
            else:
                result.faults.append(BrokenFile(folder / name, *fault))
    return result, index, changed


def _file_keys(folder: Path) -> dict[str, tuple]:
    """Each task file's name and (size, mtime_ns, inode): what tells a changed file from the one the index saw."""
    keys = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if TASK_FILE_RE.match(entry.name):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue  # vanished since the listing: as if it had not been there
                    keys[entry.name] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    except OSError:
        pass
    return keys


def _refresh(workspace: Workspace, folder: Path, keys: dict, entry, settled_before: int, result: Summaries):
    """Items for a folder that changed: unchanged files from the old entry, the others parsed again."""
    old_keys, old_items = entry if entry is not None else ({}, [])
    old = {item[0]: item for item in old_items}
    items = []
    for _, name in sorted((int(TASK_FILE_RE.match(name).group(1)), name) for name in keys):
        key = keys[name]
        if old_keys.get(name) == key and name in old:
            items.append(old[name])
        else:
            items.append((name, *_read(workspace, folder / name)))
            result.parsed += 1
    # A file changed in the last moments may change again within the same mtime tick: keep it unmatched.
    keys = {name: key if key[1] < settled_before else None for name, key in keys.items()}
    return keys, items


def _read(workspace: Workspace, path: Path) -> tuple:
    try:
        return summary_record(workspace.read_task_file(path)), None
    except BrokenFile as fault:
        return None, (fault.reason, fault.line)


def _read_index(path: Path) -> dict:
    """The stored index, or nothing when it is missing, unreadable or from another format."""
    try:
        data = path.read_bytes()
        header, entries = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
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
