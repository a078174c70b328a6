"""Changes to the ledger by hand: `update` (with an entry in the task's append-only progress log when something
changed), `add` (a task from a meeting), `cancel`, `rm`, and the text of a task checked after `edit`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from duban.errors import UsageError
from duban.ledger.entries import ProgressEntry
from duban.ledger.model import Plan, Target, Task

# Fields `update` sets outright (no log entry of their own beyond the changes it records).
_FIELDS = ("status", "owner", "title", "detail", "category", "co_owners", "targets")


@dataclass
class Change:
    """What `update` was asked to change; None means leave as is."""

    status: str | None = None
    owner: str | None = None
    due: date | None = None
    due_basis: str = "manual"  # the words the user gave for the date
    note: str | None = None
    by: str | None = None
    title: str | None = None
    detail: str | None = None
    category: str | None = None
    co_owners: list[str] | None = None
    targets: list[Target] | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in (*_FIELDS, "due")) and not self.note


def apply_change(task: Task, change: Change, today: date) -> dict[str, list]:
    """Change the task and append one progress entry; returns what changed as {field: [old, new]}.

    Nothing changed and no note: no entry (the log records what happened, not that someone asked). The log is
    append-only: earlier entries are never touched, so history stays readable in git.
    """
    if change.is_empty():
        raise UsageError("nothing_to_update")
    changes: dict[str, list] = {}
    for name in _FIELDS:
        new = getattr(change, name)
        if new is not None and new != getattr(task, name):
            old = getattr(task, name)
            changes[name] = [_plain(old), _plain(new)]
            setattr(task, name, list(new) if isinstance(new, list) else new)
    if change.due is not None and change.due != task.due:
        changes["due"] = [task.due.isoformat() if task.due else "", change.due.isoformat()]
        task.due = change.due
        task.due_basis = change.due_basis
    if not changes and not change.note:
        return changes
    entry = ProgressEntry(date=today, status=task.status, note=change.note or "", by=change.by or "")
    if changes:
        entry.extra["changes"] = changes
    task.progress.append(entry)
    return changes


def _plain(value):
    """A field's value as the log's `changes` holds it: targets as their tables."""
    if isinstance(value, list):
        return [v.to_dict() if isinstance(v, Target) else v for v in value]
    return value


def cancel(task: Task, note: str, by: str, today: date) -> dict[str, list]:
    """Drop a task, keeping why in its log (`duban cancel ID --note 理由`)."""
    if not (note or "").strip():
        raise UsageError("cancel_needs_note")
    if task.status == "dropped":
        raise UsageError("already_dropped", task=task.id)
    return apply_change(task, Change(status="dropped", note=note.strip(), by=by), today)


# --- targets typed on the command line ------------------------------------------------------------------

_COMPARATORS = {"≥": "at_least", ">=": "at_least", "≤": "at_most", "<=": "at_most", "≈": "about", "~": "about",
                "=": "about"}
_TARGET_RE = re.compile(r"^\s*(?P<metric>.+?)\s*(?P<cmp>≥|>=|≤|<=|≈|~|=)\s*(?P<value>-?[0-9]+(?:\.[0-9]+)?)"
                        r"\s*(?P<unit>\S*)\s*$")


def parse_target(text: str) -> Target:
    """`"签约服务覆盖率 ≥ 30 %"` → Target(签约服务覆盖率, at_least, 30, %): metric, ≥ ≤ ≈ (or >= <= ~), value, unit."""
    match = _TARGET_RE.match(text)
    if not match:
        raise UsageError("bad_target", text=text)
    number = match.group("value")
    value = float(number) if "." in number else int(number)
    return Target(match.group("metric"), _COMPARATORS[match.group("cmp")], value, match.group("unit"))


# --- add --------------------------------------------------------------------------------------------------

ASSIGNED_SUFFIX = "jb"  # 交办: the plan of tasks assigned at meetings, one per half-year


@dataclass
class NewTask:
    """What `duban add` was given."""

    title: str
    owner: str = ""
    co_owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_basis: str = ""
    plan: str | None = None
    category: str = ""
    detail: str = ""
    targets: list[Target] = field(default_factory=list)


def assigned_plan(workspace, today: date) -> Plan:
    """The 交办 plan of today's half-year (`2019H2-jb`), made on first use."""
    from duban.ledger.store import PLAN_FILE
    from duban.text.dates import parse_period

    period = parse_period(f"{today.year}H{1 if today.month <= 6 else 2}")
    plan_id = f"{period.id}-{ASSIGNED_SUFFIX}"
    if (workspace.plan_dir(plan_id) / PLAN_FILE).is_file():
        return workspace.read_plan(plan_id)
    return Plan(plan_id, workspace.organisation, period.id, period.start, period.end, extra={"kind": "交办"})


def add_task(workspace, new: NewTask, by: str, today: date) -> tuple[Task, list[Path]]:
    """A task written by hand into a plan (the 交办 plan of today's half-year when none is named): the next id of
    that plan, `source` saying who added it and when. Returns the task and the files written."""
    from duban.ledger.store import PLAN_FILE
    from duban.ledger.taskid import TaskId

    if not new.title.strip():
        raise UsageError("title_empty")
    plan = workspace.read_plan(new.plan) if new.plan else assigned_plan(workspace, today)
    written = []
    if not (workspace.plan_dir(plan.id) / PLAN_FILE).is_file():
        written.append(workspace.save_plan(plan))
    task_id = str(TaskId(plan.id, max(_numbers(workspace, plan.id), default=0) + 1))
    due, basis = (new.due, new.due_basis) if new.due else (plan.end, "period end")
    task = Task(id=task_id, title=new.title.strip(), owner=new.owner, co_owners=list(new.co_owners), due=due,
                due_basis=basis, category=new.category, detail=new.detail, targets=list(new.targets),
                source={"added_by": by, "added": today} if by else {"added": today})
    workspace.save_task(task)
    written.append(workspace.task_path(task.id))
    return task, written


def _numbers(workspace, plan_id: str) -> list[int]:
    from duban.ledger.taskid import task_file_number

    return [task_file_number(path.name) for path in workspace.task_files([plan_id])]


# --- edit -------------------------------------------------------------------------------------------------


def task_text_faults(text: str, task_id: str, path) -> list:
    """Why an edited task file cannot be saved (each a schema.Fault with its line); empty when it can."""
    from duban.errors import BrokenFile
    from duban.ledger import tomlfile
    from duban.ledger.schema import Fault, conflict_faults, task_faults
    from duban.ledger.taskid import TaskId

    faults = conflict_faults(text)
    if faults:
        return faults
    try:
        data = tomlfile.loads(text, path)
    except BrokenFile as error:
        return [Fault(error.line, error.reason)]
    faults = task_faults(data, text)
    if not faults and TaskId.parse(data["id"]) != TaskId.parse(task_id):
        from duban.errors import Said

        faults = [Fault(1, Said("edit_id_changed", old=task_id, new=data["id"]))]
    return faults
