"""The plan ledger's domain: plans, tasks, targets, progress entries, check results, statuses and verdicts.

Task files keep keys that duban does not know: they ride along in `extra` and are written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


def latest_note(notes: Iterable[str]) -> str:
    """The last note of a progress log that says something ("" when none does), its notes given in their order."""
    latest = ""
    for note in notes:
        if note:
            latest = note
    return latest


def unknown_keys(data: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The keys of a file's table that duban does not know, in their order: they ride along in `extra`. (The subset
    test runs in C: nearly every table has none, and thousands are read after a clone.)"""
    if data.keys() <= known:
        return {}
    return {k: v for k, v in data.items() if k not in known}


@dataclass
class Target:
    """A numeric target: 国内生产总值增长 about 6.5 %."""

    metric: str
    comparator: str
    value: float | int
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "comparator": self.comparator, "value": self.value, "unit": self.unit,
                **self.extra}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        return cls(metric=data["metric"], comparator=data["comparator"], value=data["value"],
                   unit=data.get("unit", ""), extra=unknown_keys(data, _KNOWN_TARGET_KEYS))


@dataclass
class ProgressEntry:
    """One line of a task's append-only log."""

    date: date
    status: str
    note: str = ""
    by: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"date": self.date, "status": self.status}
        if self.note:
            data["note"] = self.note
        if self.by:
            data["by"] = self.by
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProgressEntry:
        return cls(date=data["date"], status=data["status"], note=data.get("note", ""), by=data.get("by", ""),
                   extra=unknown_keys(data, KNOWN_ENTRY_KEYS))


# The order keys are written in; keys not listed here follow in the order they were read.
TASK_KEYS = ("id", "title", "category", "detail", "owner", "co_owners", "due", "due_basis", "status", "targets",
             "source")
TASK_TABLES = ("progress", "check")
_KNOWN_TASK_KEYS = frozenset(TASK_KEYS + TASK_TABLES)
_KNOWN_TARGET_KEYS = frozenset(("metric", "comparator", "value", "unit"))
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


@dataclass
class Task(Schedule):
    """One item of a plan as its task file holds it."""

    id: str
    title: str
    status: str = "todo"
    category: str = ""
    detail: str = ""
    owner: str = ""
    co_owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_basis: str = ""
    targets: list[Target] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    progress: list[ProgressEntry] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def last_note(self) -> str:
        return latest_note(entry.note for entry in self.progress)

    def to_dict(self) -> dict[str, Any]:
        """The task as it is written to its file: known keys in a fixed order, unknown keys after them."""
        data: dict[str, Any] = {"id": self.id, "title": self.title}
        if self.category:
            data["category"] = self.category
        if self.detail:
            data["detail"] = self.detail
        data["owner"] = self.owner
        data["co_owners"] = list(self.co_owners)
        if self.due is not None:
            data["due"] = self.due
        if self.due_basis:
            data["due_basis"] = self.due_basis
        data["status"] = self.status
        data["targets"] = [t.to_dict() for t in self.targets]
        if self.source:
            data["source"] = dict(self.source)
        data.update(self.extra)
        if self.progress:
            data["progress"] = [p.to_dict() for p in self.progress]
        if self.check:
            data["check"] = dict(self.check)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Task:
        """Build a task from parsed TOML; assumes `schema.task_faults(data)` found nothing."""
        return cls(
            id=data["id"],
            title=data["title"],
            status=parse_status(data.get("status", "todo")),
            category=data.get("category", ""),
            detail=data.get("detail", ""),
            owner=data.get("owner", ""),
            co_owners=list(data.get("co_owners", [])),
            due=data.get("due"),
            due_basis=data.get("due_basis", ""),
            targets=[Target.from_dict(t) for t in data.get("targets", [])],
            source=dict(data.get("source", {})),
            progress=[ProgressEntry.from_dict(p) for p in data.get("progress", [])],
            check=dict(data.get("check", {})),
            extra=unknown_keys(data, _KNOWN_TASK_KEYS),
        )


PLAN_KEYS = ("id", "org", "period", "start", "end", "report", "sha256")


@dataclass
class Plan:
    """One reporting period of one organisation: the folder that holds its tasks."""

    id: str
    org: str
    period: str
    start: date
    end: date
    report: str = ""
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "org": self.org, "period": self.period, "start": self.start,
                                "end": self.end}
        if self.report:
            data["report"] = self.report
        if self.sha256:
            data["sha256"] = self.sha256
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        return cls(id=data["id"], org=data.get("org", ""), period=data["period"], start=data["start"],
                   end=data["end"], report=data.get("report", ""), sha256=data.get("sha256", ""),
                   extra={k: v for k, v in data.items() if k not in PLAN_KEYS})
