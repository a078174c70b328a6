"""What the values of a task file mean: statuses, verdicts, comparators, the keys a file may hold, and what a task
answers from its id, status and due date (Schedule).

No record classes here: model.py's dataclasses build on this module, and a listing, which reads the index's
summaries, needs only this (importing dataclasses and making the records costs about 8 ms a run).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from duban.errors import UsageError
from duban.ledger.taskid import plan_of

STATUSES = {"todo": "未开始", "in_progress": "推进中", "done": "已完成", "blocked": "受阻", "dropped": "已取消"}
OPEN_STATUSES = ("todo", "in_progress", "blocked")
VERDICTS = {"done": "已完成", "in_progress": "推进中", "at_risk": "有风险", "not_found": "未提及"}
COMPARATORS = ("at_least", "at_most", "about", "in_step")
TARGET_VERDICTS = ("met", "not_met", "unknown")

# Other names people type for a status; the canonical Chinese names come from STATUSES.
_STATUS_ALIASES = {
    "进行中": "in_progress", "推进": "in_progress", "办理中": "in_progress", "完成": "done", "已办结": "done",
    "办结": "done", "阻塞": "blocked", "取消": "dropped", "未启动": "todo", "待办": "todo",
    "in-progress": "in_progress", "doing": "in_progress", "open": "todo",
}
_VERDICT_ALIASES = {"未找到": "not_found", "风险": "at_risk", "滞后": "at_risk", "完成": "done", "进行中": "in_progress"}


def _by_name(names: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    lookup = {key: key for key in names}
    lookup.update({chinese: key for key, chinese in names.items()})
    lookup.update(aliases)
    return lookup


_STATUS_LOOKUP = _by_name(STATUSES, _STATUS_ALIASES)
STATUS_CHOICES = ", ".join(f"{k} ({v})" for k, v in STATUSES.items())  # what a bad status is told to be instead
_VERDICT_LOOKUP = _by_name(VERDICTS, _VERDICT_ALIASES)


def parse_status(text: str) -> str:
    """`done`, `已完成`, `完成` … → the canonical status key."""
    # As written first: what nearly every file holds (read for each of thousands of files after a clone).
    key = _STATUS_LOOKUP.get(text) or _STATUS_LOOKUP.get(text.strip().lower()) or _STATUS_LOOKUP.get(text.strip())
    if key is None:
        raise UsageError("unknown_status", text=text, choices=STATUS_CHOICES)
    return key


def parse_verdict(text: str) -> str:
    key = _VERDICT_LOOKUP.get(text.strip().lower()) or _VERDICT_LOOKUP.get(text.strip())
    if key is None:
        raise UsageError("unknown_verdict", text=text, choices=", ".join(VERDICTS))
    return key


def log_marks(entries: Iterable[tuple[date, str]]) -> tuple[str, date | None, date | None]:
    """What a progress log says at a glance, its entries given as (date, note) in their order: the last note that
    says something ("" when none does), that note's date, and the latest date of any entry (None for an empty log).
    The index keeps them beside a task's packed log: `weekly` leaves the log of a task untouched this week packed."""
    note, noted, latest = "", None, None
    for day, text in entries:
        if text:
            note, noted = text, day
        if latest is None or day > latest:
            latest = day
    return note, noted, latest


def unknown_keys(data: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The keys of a file's table that duban does not know, in their order: they ride along in `extra`. (The subset
    test runs in C: nearly every table has none, and thousands are read after a clone.)"""
    if data.keys() <= known:
        return {}
    return {k: v for k, v in data.items() if k not in known}


# The order keys are written in; keys not listed here follow in the order they were read.
TASK_KEYS = ("id", "title", "category", "detail", "owner", "co_owners", "due", "due_basis", "status", "targets",
             "source")
TASK_TABLES = ("progress", "check")
KNOWN_TASK_KEYS = frozenset(TASK_KEYS + TASK_TABLES)
KNOWN_TARGET_KEYS = frozenset(("metric", "comparator", "value", "unit"))
KNOWN_ENTRY_KEYS = frozenset(("date", "status", "note", "by"))


class Schedule:
    """What every view of a task answers from its id, status and due date: a Task, or the index's summary of one."""

    __slots__ = ()

    @property
    def plan(self) -> str:
        return plan_of(self.id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_overdue(self, today: date) -> int:
        """Days past the due date for an open task; 0 when not late."""
        if self.status not in OPEN_STATUSES or self.due is None or self.due >= today:
            return 0
        return (today - self.due).days


PLAN_KEYS = ("id", "org", "period", "start", "end", "report", "sha256")
