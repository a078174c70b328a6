"""Queries and changes on the ledger: filter and sort tasks, group what is late, record progress, validate files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

from duban.ledger import tomlfile
from duban.errors import BrokenFile, UsageError
from duban.ledger.model import ProgressEntry, Task
from duban.ledger.schema import Fault, conflict_faults, plan_faults, task_faults
from duban.ledger.store import PLAN_FILE, SETTINGS_FILE, Workspace
from duban.ledger.taskid import TaskId, task_file_number
from duban.ledger.taskid import sort_key as id_sort_key

SORT_KEYS = ("id", "due", "owner")


@dataclass
class TaskFilter:
    statuses: tuple[str, ...] = ()
    owner: str | None = None
    plan: str | None = None
    overdue: bool = False
    due_within: int | None = None
    grep: str | None = None

    def matches(self, task: Task, today: date) -> bool:
        if self.statuses and task.status not in self.statuses:
            return False
        if self.owner and not owner_matches(task, self.owner):
            return False
        if self.plan and task.plan != self.plan:
            return False
        if self.overdue and not task.days_overdue(today):
            return False
        if self.due_within is not None and not _due_within(task, today, self.due_within):
            return False
        if self.grep and not _grep(task, self.grep):
            return False
        return True


def owner_matches(task: Task, owner: str) -> bool:
    """`--owner 疾控中心` finds 区疾控中心 too: a unit is often written with or without its district prefix."""
    return any(owner in unit for unit in (task.owner, *task.co_owners))


def _due_within(task: Task, today: date, days: int) -> bool:
    return task.is_open and task.due is not None and task.due <= today + timedelta(days=days)


def _grep(task: Task, text: str) -> bool:
    needle = text.casefold()
    return any(needle in part.casefold() for part in (task.id, task.title, task.detail, task.owner, task.category))


def _id_key(task: Task) -> tuple[str, int]:
    return id_sort_key(task.id)


def sort_tasks(tasks: Iterable[Task], key: str = "id") -> list[Task]:
    if key == "due":
        return sorted(tasks, key=lambda t: (t.due is None, t.due or date.max, _id_key(t)))
    if key == "owner":
        return sorted(tasks, key=lambda t: (t.owner, _id_key(t)))
    return sorted(tasks, key=_id_key)


def select(tasks: Iterable[Task], task_filter: TaskFilter, today: date, sort: str = "id") -> list[Task]:
    return sort_tasks((t for t in tasks if task_filter.matches(t, today)), sort)


@dataclass
class OwnerGroup:
    owner: str
    tasks: list[Task] = field(default_factory=list)


def overdue_by_owner(tasks: Iterable[Task], today: date, owner: str | None = None) -> list[OwnerGroup]:
    """Late tasks grouped by owner; the owner with the latest task first, and in each group the latest first."""
    groups: dict[str, OwnerGroup] = {}
    for task in tasks:
        if task.days_overdue(today) and (owner is None or owner_matches(task, owner)):
            groups.setdefault(task.owner, OwnerGroup(task.owner)).tasks.append(task)
    for group in groups.values():
        group.tasks.sort(key=lambda t: (-t.days_overdue(today), _id_key(t)))
    return sorted(groups.values(), key=lambda g: (-g.tasks[0].days_overdue(today), g.owner))


def task_summary(task: Task, today: date) -> dict[str, Any]:
    """The stable JSON shape of `list --json` and `overdue --json`."""
    return {"id": task.id, "plan": task.plan, "title": task.title, "owner": task.owner,
            "due": task.due.isoformat() if task.due else None, "status": task.status,
            "days_overdue": task.days_overdue(today)}


@dataclass
class Change:
    """What `update` was asked to change; None means leave as is."""

    status: str | None = None
    owner: str | None = None
    due: date | None = None
    due_basis: str = "manual"  # the words the user gave for the date
    note: str | None = None
    by: str | None = None

    def is_empty(self) -> bool:
        return self.status is None and self.owner is None and self.due is None and not self.note


def apply_change(task: Task, change: Change, today: date) -> dict[str, list]:
    """Change the task and append one progress entry; returns what changed as {field: [old, new]}.

    The log is append-only: earlier entries are never touched, so history stays readable in git.
    """
    if change.is_empty():
        raise UsageError("nothing to update: give --status, --owner, --due or --note")
    changes: dict[str, list] = {}
    if change.status is not None and change.status != task.status:
        changes["status"] = [task.status, change.status]
        task.status = change.status
    if change.owner is not None and change.owner != task.owner:
        changes["owner"] = [task.owner, change.owner]
        task.owner = change.owner
    if change.due is not None and change.due != task.due:
        changes["due"] = [task.due.isoformat() if task.due else "", change.due.isoformat()]
        task.due = change.due
        task.due_basis = change.due_basis
    entry = ProgressEntry(date=today, status=task.status, note=change.note or "", by=change.by or "")
    if changes:
        entry.extra["changes"] = changes
    task.progress.append(entry)
    return changes


# --- validate ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileFault:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class ValidationReport:
    faults: list[FileFault] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0


def _file_faults(path: Path, check) -> tuple[dict[str, Any] | None, list[FileFault]]:
    """Parse one file and run `check(data, text)`; every fault with the file's path."""
    try:
        text = tomlfile.read_text(path)
        conflicts = conflict_faults(text)
        if conflicts:
            return None, [FileFault(path, f.line, f.message) for f in conflicts]
        data = tomlfile.loads(text, path)
    except BrokenFile as error:
        return None, [FileFault(path, error.line, error.reason)]
    return data, [FileFault(path, f.line, f.message) for f in check(data, text)]


def validate(workspace: Workspace) -> ValidationReport:
    report = ValidationReport()
    _, faults = _file_faults(workspace.root / SETTINGS_FILE, lambda data, text: [])
    report.faults.extend(faults)
    seen: dict[str, Path] = {}
    for folder in workspace.plan_dirs():
        report.plans += 1
        plan, faults = _file_faults(folder / PLAN_FILE, plan_faults)
        report.faults.extend(faults)
        if plan is not None and not faults and plan["id"] != folder.name:
            report.faults.append(FileFault(folder / PLAN_FILE, 1, f"plan id {plan['id']!r} does not match its "
                                                                   f"folder {folder.name!r}"))
        for path in workspace.task_files([folder.name]):
            report.tasks += 1
            data, faults = _file_faults(path, task_faults)
            report.faults.extend(faults)
            if data is None or faults:
                continue
            report.faults.extend(_placement_faults(path, data["id"], folder.name, seen))
    report.faults.extend(_stray_files(workspace))
    return report


def _placement_faults(path: Path, task_id: str, plan_id: str, seen: dict[str, Path]) -> list[FileFault]:
    faults = []
    parsed = TaskId.parse(task_id)  # the schema has checked its form
    if parsed in seen:
        faults.append(FileFault(path, 1, f"duplicate id {task_id!r}: also in {seen[parsed]}"))
    else:
        seen[parsed] = path
    if parsed.plan != plan_id or parsed.number != task_file_number(path.name):
        faults.append(FileFault(path, 1, f"id {task_id!r} does not match its file {plan_id}/{path.name}"))
    return faults


_STRAY_RE = re.compile(r"\.toml\.(orig|rej|BACKUP|BASE|LOCAL|REMOTE)")


def _stray_files(workspace: Workspace) -> list[FileFault]:
    """Files a merge tool leaves behind beside task files."""
    faults = []
    for folder in workspace.plan_dirs():
        for path in sorted(folder.iterdir()):
            if _STRAY_RE.search(path.name):
                faults.append(FileFault(path, None, "left over from a merge: remove it"))
    return faults

