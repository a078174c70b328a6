"""Queries on the ledger: filter and sort tasks, what is late (by owner) and what is due soon."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:
    from duban.ledger.model import Task
from duban.ledger.taskid import sort_key as id_sort_key

SORT_KEYS = ("id", "due", "owner", "status", "late")
# `--sort status`: open work first, in the order it moves, then what is closed
STATUS_ORDER = {status: rank for rank, status in enumerate(("todo", "in_progress", "blocked", "done", "dropped"))}


# NamedTuples, not dataclasses: `list` makes them, and importing dataclasses and making one costs it about 6 ms.
class TaskFilter(NamedTuple):
    """What `list`, `overdue`, `weekly` and `export` keep: by status, owner, plan, lateness, due date and text."""

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


def check_names(workspace, tasks: list[Task], owner: str | None = None, plan: str | None = None) -> None:
    """A filter that names no plan or no unit of the ledger is a typo, never an empty answer (`overdue --owner
    深圳市政府` must not say that nothing is late): UsageError naming what there is. A name is known when a task's
    owner or co-owner, or a unit of the workspace, holds it (`--owner 疾控中心` finds 区疾控中心)."""
    from duban.errors import UsageError

    if plan and not any(task.plan == plan for task in tasks):
        workspace.read_plan(plan)  # an empty plan is still a plan; a missing one names the plans there are
    if not owner or any(owner_matches(task, owner) for task in tasks):
        return
    units = workspace.units([name for task in tasks for name in (task.owner, *task.co_owners)])
    if any(owner in unit for unit in units.names):
        return
    nearest = units.nearest(owner)
    if nearest:
        raise UsageError("filter_unknown_owner_near", owner=owner, nearest="、".join(nearest))
    raise UsageError("filter_unknown_owner", owner=owner, known="、".join(units.names) or "—")


def owner_matches(task: Task, owner: str) -> bool:
    """`--owner 疾控中心` finds 区疾控中心 too: a unit is often written with or without its district prefix."""
    return any(owner in unit for unit in (task.owner, *task.co_owners))


def _due_within(task: Task, today: date, days: int) -> bool:
    """`--due-within DAYS`: open and due from today on, within the days; a late task is not "due within"."""
    return is_due_soon(task, today, days)


def is_due_soon(task, today: date, days: int) -> bool:
    """Open and due from today to `days` days ahead (duban.toml's due_soon_days): not late yet, but close.
    Counted in days between, never as a date `days` ahead: that may lie past the calendar's end (9999-12-31)."""
    return task.is_open and task.due is not None and today <= task.due and (task.due - today).days <= days


def _grep(task: Task, text: str) -> bool:
    needle = text.casefold()
    return any(needle in part.casefold() for part in (task.id, task.title, task.detail, task.owner, task.category))


def _id_key(task: Task) -> tuple[str, int]:
    return id_sort_key(task.id)


def sort_tasks(tasks: Iterable[Task], key: str = "id", today: date | None = None, reverse: bool = False) -> list[Task]:
    """By id, due date (none last), owner, status (STATUS_ORDER) or days late (most first; `today` needed);
    ties by id. `reverse` turns the whole order round."""
    if key == "due":
        ordered = sorted(tasks, key=lambda t: (t.due is None, t.due or date.max, _id_key(t)))
    elif key == "owner":
        ordered = sorted(tasks, key=lambda t: (t.owner, _id_key(t)))
    elif key == "status":
        ordered = sorted(tasks, key=lambda t: (STATUS_ORDER.get(t.status, len(STATUS_ORDER)), _id_key(t)))
    elif key == "late":
        ordered = sorted(tasks, key=lambda t: (-t.days_overdue(today), t.due is None, t.due or date.max,
                                               _id_key(t)))
    else:
        ordered = sorted(tasks, key=_id_key)
    return ordered[::-1] if reverse else ordered


def select(tasks: Iterable[Task], task_filter: TaskFilter, today: date, sort: str = "id",
           reverse: bool = False) -> list[Task]:
    return sort_tasks((t for t in tasks if task_filter.matches(t, today)), sort, today, reverse)


class OwnerGroup(NamedTuple):
    """One unit's late tasks, as `overdue` shows them under its name."""

    owner: str
    tasks: list[Task]


def overdue_by_owner(tasks: Iterable[Task], today: date, owner: str | None = None) -> list[OwnerGroup]:
    """Late tasks grouped by owner; the owner with the latest task first, and in each group the latest first."""
    groups: dict[str, OwnerGroup] = {}
    for task in tasks:
        if task.days_overdue(today) and (owner is None or owner_matches(task, owner)):
            groups.setdefault(task.owner, OwnerGroup(task.owner, [])).tasks.append(task)
    for group in groups.values():
        group.tasks.sort(key=lambda t: (-t.days_overdue(today), _id_key(t)))
    return sorted(groups.values(), key=lambda g: (-g.tasks[0].days_overdue(today), g.owner))


class OwnerCount:
    """`duban owners`: a unit, the other names it is written as, and how many of the tasks it leads are open / late."""

    __slots__ = ("unit", "aliases", "open", "late")

    def __init__(self, unit: str, aliases: list[str], open: int = 0, late: int = 0):
        self.unit, self.aliases, self.open, self.late = unit, aliases, open, late


def owner_counts(tasks: Iterable[Task], units, today: date) -> list[OwnerCount]:
    """Every known unit (in duban.toml's order), then the other owners the ledger names, with their counts."""
    counts = {unit: OwnerCount(unit, list(aliases)) for unit, aliases in units.names.items()}
    others: dict[str, OwnerCount] = {}
    for task in tasks:
        unit = units.canonical(task.owner)
        count = counts.get(unit) or others.setdefault(unit, OwnerCount(unit, []))
        if task.is_open:
            count.open += 1
        if task.days_overdue(today):
            count.late += 1
    return list(counts.values()) + [others[name] for name in sorted(others)]
