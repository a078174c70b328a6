"""Changes to a task: what `update` records, always with an entry in the task's append-only progress log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from duban.errors import UsageError
from duban.ledger.model import ProgressEntry, Task


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
