"""The task id `PLAN-NN` and the plan id: parsed, checked and formatted here and nowhere else.

A task id names a plan folder and a task file in it, so it is checked before any path is built from it: a plan id
is ASCII letters, digits, `_`, `.` and inner `-`, starting with a letter or digit (no `/`, no `..` folder, no hidden
folder); the task number is ASCII digits. `2019H2-3` and `2019H2-003` are the same task as `2019H2-03`: ids compare
by plan and number, and the canonical form pads the number to two digits, as the file names are. A period's letter
may be typed in lower case (`2019h2-03`, `--plan 2019q4`): it is the period's id in upper case, as folders are named
(an organisation's suffix, `2018-gwr`, keeps its case).
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

from duban.errors import UnknownTask, UsageError

_PLAN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.]*(?:-[A-Za-z0-9_.]+)*")
_TASK_RE = re.compile(rf"({_PLAN_RE.pattern})-([0-9]{{1,6}})")
TASK_FILE_RE = re.compile(r"^([0-9]{1,6})\.toml$")
EXAMPLE = "2019H2-03"
_PERIOD_LETTER_RE = re.compile(r"^([0-9]{4})([hqm])(?=[0-9])")


class TaskId(NamedTuple):
    plan: str
    number: int

    @classmethod
    def parse(cls, text: str) -> TaskId:
        """`2019H2-03` → TaskId("2019H2", 3); UnknownTask (exit 2) for anything else."""
        match = _TASK_RE.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None or not is_plan_id(match.group(1)):  # 2019H2..-01: a plan id never holds ..
            raise UnknownTask("bad_task_id", text=shown(text), example=EXAMPLE)
        return cls(_period_upper(match.group(1)), int(match.group(2)))

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
    return _period_upper(text)


def _period_upper(plan: str) -> str:
    """`2019h2` → `2019H2`: the period's letter as period ids write it; the rest as given."""
    return _PERIOD_LETTER_RE.sub(lambda match: match.group(1) + match.group(2).upper(), plan)


def nearest_ids(typed: str, ids: Iterable[str], limit: int = 3) -> list[str]:
    """The ids a mistyped one most likely meant: those one or two keystrokes away (edit distance), the nearest
    only, and none when more than `limit` are as near (2019H2-10 among 01–09 means none of them in particular)."""
    distances = {task_id: _edit_distance(typed, task_id) for task_id in set(ids)}
    best = min(distances.values(), default=3)
    near = sorted((task_id for task_id, distance in distances.items() if distance == best), key=sort_key)
    return near if best <= 2 and len(near) <= limit else []


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions (ids are short: the table is small)."""
    row = list(range(len(b) + 1))
    for i, ch in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ch != other))
    return row[-1]


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
