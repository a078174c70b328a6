"""The task id `PLAN-NN` and the plan id: parsed, checked and formatted here and nowhere else.

A task id names a plan folder and a task file in it, so it is checked before any path is built from it: a plan id
is ASCII letters, digits, `_`, `.` and inner `-`, starting with a letter or digit (no `/`, no `..` folder, no hidden
folder); the task number is ASCII digits. `2019H2-3` and `2019H2-003` are the same task as `2019H2-03`: ids compare
by plan and number, and the canonical form pads the number to two digits, as the file names are.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from duban.errors import UnknownTask, UsageError

_PLAN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)*")
_TASK_RE = re.compile(rf"({_PLAN_RE.pattern})-([0-9]{{1,6}})")
TASK_FILE_RE = re.compile(r"^([0-9]{1,6})\.toml$")
EXAMPLE = "2019H2-03"


class TaskId(NamedTuple):
    plan: str
    number: int

    @classmethod
    def parse(cls, text: str) -> TaskId:
        """`2019H2-03` → TaskId("2019H2", 3); UnknownTask (exit 2) for anything else."""
        match = _TASK_RE.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise UnknownTask("bad_task_id", text=shown(text), example=EXAMPLE)
        return cls(match.group(1), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.plan}-{self.number:02d}"

    @property
    def file_name(self) -> str:
        return task_file_name(self.number)


def is_task_id(text: str) -> bool:
    return isinstance(text, str) and _TASK_RE.fullmatch(text) is not None


def check_plan_id(text: str) -> str:
    """A plan id as given, when it is one; UsageError before it can become a path."""
    if not isinstance(text, str) or not _PLAN_RE.fullmatch(text) or ".." in text:
        raise UsageError("bad_plan_id", text=shown(text))
    return text


def shown(text, limit: int = 40) -> str:
    """What was typed, as an error repeats it: cut to `limit` characters (a 5,000-digit "id" is one line)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def is_plan_id(text: str) -> bool:
    return isinstance(text, str) and _PLAN_RE.fullmatch(text) is not None and ".." not in text


def task_file_name(number: int) -> str:
    return f"{number:02d}.toml"


def task_file_number(name: str) -> int | None:
    """`07.toml` → 7; None for a file that is not a task file."""
    match = TASK_FILE_RE.match(name)
    return int(match.group(1)) if match else None


def sort_key(task_id: str) -> tuple[str, int]:
    """Order of ids: by plan, then by number (2019H2-10 after 2019H2-09); an id that does not parse sorts by text."""
    match = _TASK_RE.fullmatch(task_id)
    return (match.group(1), int(match.group(2))) if match else (task_id, 0)


def plan_of(task_id: str) -> str:
    match = _TASK_RE.fullmatch(task_id)
    return match.group(1) if match else task_id.rpartition("-")[0]
