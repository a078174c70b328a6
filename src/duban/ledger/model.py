"""The plan ledger's records: plans, tasks and targets, and the progress entries of entries.py (what their values
mean: values.py).

Task files keep keys that duban does not know: they ride along in `extra` and are written back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from duban.ledger.entries import ProgressEntry
from duban.ledger.values import (KNOWN_TARGET_KEYS, KNOWN_TASK_KEYS, PLAN_KEYS, Schedule, log_marks, parse_status,
                                 unknown_keys)


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
                   unit=data.get("unit", ""), extra=unknown_keys(data, KNOWN_TARGET_KEYS))


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
        return self.log_marks()[0]

    def last_note_date(self) -> date | None:
        return self.log_marks()[1]

    def last_entry_date(self) -> date | None:
        return self.log_marks()[2]

    def log_marks(self) -> tuple[str, date | None, date | None]:
        return log_marks((entry.date, entry.note) for entry in self.progress)

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
            extra=unknown_keys(data, KNOWN_TASK_KEYS),
        )


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
