"""A task's history from git: who changed what, version by version of its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from duban.ledger import tomlfile
from duban.errors import BrokenFile
from duban.ledger.git import Revision
from duban.ledger.schema import conflict_faults

# The fields whose changes a history shows, in this order.
TRACKED = ("title", "status", "owner", "co_owners", "due")


@dataclass
class HistoryEntry:
    commit: str
    author: str
    email: str
    date: str
    message: str
    created: bool = False  # the first version of the file
    deleted: bool = False
    broken: str = ""  # why this version could not be read (e.g. conflict markers committed by mistake)
    changes: dict[str, list[Any]] = field(default_factory=dict)  # field → [old, new]
    notes: list[dict[str, str]] = field(default_factory=list)  # progress entries added: {"date", "note", "by"}


def task_history(revisions: list[Revision]) -> list[HistoryEntry]:
    """What each commit changed in the task, oldest first; unreadable versions are shown, not skipped."""
    entries = []
    previous: dict[str, Any] | None = None
    for revision in revisions:
        entry = HistoryEntry(revision.commit, revision.author, revision.email, revision.date, revision.subject)
        if revision.text is None:
            entry.deleted = True
            previous = None
        else:
            current, entry.broken = _parse(revision.text)
            if current is not None:
                entry.created = previous is None
                entry.changes, entry.notes = _diff(previous or {}, current)
                previous = current
        entries.append(entry)
    return entries


def _parse(text: str) -> tuple[dict[str, Any] | None, str]:
    conflicts = conflict_faults(text)
    if conflicts:
        return None, f"line {conflicts[0].line}: {conflicts[0].message}"
    try:
        data = tomlfile.loads(text, "task file")
    except BrokenFile as error:
        return None, f"line {error.line}: {error.reason}" if error.line else error.reason
    return data, ""


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _diff(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, list[Any]], list[dict[str, str]]]:
    changes = {}
    for key in TRACKED:
        before, after = _plain(old.get(key)), _plain(new.get(key))
        if before != after:
            changes[key] = [before, after]
    old_log = old.get("progress") if isinstance(old.get("progress"), list) else []
    new_log = new.get("progress") if isinstance(new.get("progress"), list) else []
    seen = [_plain(e) for e in old_log]
    notes = []
    for entry in new_log:
        if _plain(entry) in seen:
            seen.remove(_plain(entry))
            continue
        if isinstance(entry, dict):
            notes.append({"date": str(_plain(entry.get("date", ""))), "status": str(entry.get("status", "")),
                          "note": str(entry.get("note", "")), "by": str(entry.get("by", ""))})
    return changes, notes
