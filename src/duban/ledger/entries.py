"""One line of a task's append-only progress log.

A plain class, not a dataclass as the other records (model.py): `weekly` reads the logs of thousands of tasks
from the index without ever making a Task, and importing dataclasses and making the records costs it about 6 ms.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from duban.ledger.values import KNOWN_ENTRY_KEYS, unknown_keys


class ProgressEntry:
    """One line of a task's append-only log: when, the status it left the task in, what was done, by whom, and the
    keys duban does not know (`extra`, written back unchanged; `changes` an update recorded)."""

    __slots__ = ("date", "status", "note", "by", "extra")

    def __init__(self, date: date, status: str, note: str = "", by: str = "", extra: dict[str, Any] | None = None):
        self.date = date
        self.status = status
        self.note = note
        self.by = by
        self.extra = {} if extra is None else extra

    def _values(self) -> tuple:
        return self.date, self.status, self.note, self.by, self.extra

    def __eq__(self, other) -> bool:
        return other.__class__ is self.__class__ and self._values() == other._values()

    __hash__ = None  # mutable, as the dataclass was: `extra` gains `changes`

    def __repr__(self) -> str:
        return (f"ProgressEntry(date={self.date!r}, status={self.status!r}, note={self.note!r}, by={self.by!r}, "
                f"extra={self.extra!r})")

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
        return cls(data["date"], data["status"], data.get("note", ""), data.get("by", ""),
                   unknown_keys(data, KNOWN_ENTRY_KEYS))
