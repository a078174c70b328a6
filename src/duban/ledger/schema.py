"""What a well-formed task file and plan file hold; each fault is reported with the line it is on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from duban.ledger.model import COMPARATORS, STATUSES, VERDICTS, parse_status
from duban.errors import UsageError
from duban.ledger.taskid import is_task_id

_CONFLICT_RE = re.compile(r"^(<<<<<<<|=======$|>>>>>>>|\|\|\|\|\|\|\|)", re.MULTILINE)


@dataclass(frozen=True)
class Fault:
    line: int | None
    message: str


def conflict_faults(text: str) -> list[Fault]:
    """Git conflict markers left in a file after a merge."""
    return [Fault(text.count("\n", 0, m.start()) + 1, "git conflict marker: resolve the merge and remove it")
            for m in _CONFLICT_RE.finditer(text)]


class LineFinder:
    """Finds the line a key is written on, so faults point at it."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The text's lines, split when a fault first asks where it is (a well-formed file never does)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def key(self, key: str, section: str | None = None, nth: int = 0) -> int | None:
        start = 0
        if section is not None:
            header = self.header(section, nth)
            if header is None:
                return None
            start = header  # header is 1-based, so this begins on the line after it
        pattern = re.compile(rf'^\s*("?){re.escape(key)}\1\s*=')
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if section is not None and number > start and line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number + 1
        return self.header(section, nth) if section is not None else None

    def header(self, section: str, nth: int = 0) -> int | None:
        seen = 0
        for number, line in enumerate(self.lines):
            stripped = line.strip()
            if stripped in (f"[{section}]", f"[[{section}]]"):
                if seen == nth:
                    return number + 1
                seen += 1
        return None


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def task_faults(data: dict[str, Any], text: str) -> list[Fault]:
    """Every way a parsed task file departs from the schema of DESIGN.md."""
    lines = LineFinder(text)
    faults: list[Fault] = []

    def fault(message: str, key: str, section: str | None = None, nth: int = 0) -> None:
        faults.append(Fault(lines.key(key, section, nth), message))

    for key in ("id", "title"):
        if key not in data:
            faults.append(Fault(None, f"missing required key {key!r}"))
        elif not isinstance(data[key], str) or not data[key].strip():
            fault(f"{key!r} must be a non-empty string", key)
    if isinstance(data.get("id"), str) and data["id"] and not is_task_id(data["id"]):
        fault(f"id {data['id']!r} is not PLAN-NN (e.g. 2019H2-03)", "id")
    for key in ("category", "detail", "owner", "due_basis"):
        if key in data and not isinstance(data[key], str):
            fault(f"{key!r} must be a string", key)
    if "co_owners" in data and not _is_str_list(data["co_owners"]):
        fault("'co_owners' must be a list of strings", "co_owners")
    if "due" in data and (not isinstance(data["due"], date) or hasattr(data["due"], "hour")):
        fault("'due' must be a date like 2019-12-31", "due")
    if "status" in data:
        faults.extend(_status_fault(data["status"], lambda: lines.key("status")))
    faults.extend(_target_faults(data.get("targets", []), lines))
    source = data.get("source", {})
    if not isinstance(source, dict):
        fault("'source' must be a table { report, line }", "source")
    elif "line" in source and not (isinstance(source["line"], int) and not isinstance(source["line"], bool)):
        fault("'source.line' must be an integer", "source")
    faults.extend(_progress_faults(data.get("progress", []), lines))
    faults.extend(_check_faults(data.get("check", {}), lines))
    return faults


def _status_fault(value: Any, line_of) -> list[Fault]:
    """The fault of a status value, if any, on the line `line_of()` finds (looked for only when there is one)."""
    if not isinstance(value, str):
        return [Fault(line_of(), "'status' must be a string")]
    try:
        parse_status(value)
    except UsageError:
        return [Fault(line_of(), f"unknown status {value!r}: use one of {', '.join(STATUSES)}")]
    return []


def _target_faults(targets: Any, lines: LineFinder) -> list[Fault]:
    if targets == []:
        return []
    line = lines.key("targets")
    if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
        return [Fault(line, "'targets' must be a list of { metric, comparator, value, unit }")]
    faults = []
    for number, target in enumerate(targets, 1):
        if not isinstance(target.get("metric"), str) or not target.get("metric"):
            faults.append(Fault(line, f"target {number}: 'metric' must be a non-empty string"))
        if target.get("comparator") not in COMPARATORS:
            faults.append(Fault(line, f"target {number}: 'comparator' must be one of {', '.join(COMPARATORS)}"))
        if not _is_number(target.get("value")):
            faults.append(Fault(line, f"target {number}: 'value' must be a number"))
        if "unit" in target and not isinstance(target["unit"], str):
            faults.append(Fault(line, f"target {number}: 'unit' must be a string"))
    return faults


def _progress_faults(progress: Any, lines: LineFinder) -> list[Fault]:
    if not isinstance(progress, list) or not all(isinstance(p, dict) for p in progress):
        return [Fault(lines.key("progress"), "'progress' must be [[progress]] entries")]
    faults = []
    for nth, entry in enumerate(progress):
        if not isinstance(entry.get("date"), date) or hasattr(entry.get("date"), "hour"):
            faults.append(Fault(lines.key("date", "progress", nth), "progress entry: 'date' must be a date"))
        if "status" not in entry:
            faults.append(Fault(lines.header("progress", nth), "progress entry: missing 'status'"))
        else:
            faults.extend(_status_fault(entry["status"], lambda: lines.key("status", "progress", nth)))
        for key in ("note", "by"):
            if key in entry and not isinstance(entry[key], str):
                faults.append(Fault(lines.key(key, "progress", nth), f"progress entry: {key!r} must be a string"))
    return faults


def _check_faults(check: Any, lines: LineFinder) -> list[Fault]:
    if not isinstance(check, dict):
        return [Fault(lines.key("check"), "'check' must be a table")]
    faults = []
    if "verdict" in check and check["verdict"] not in VERDICTS:
        faults.append(Fault(lines.key("verdict", "check"), f"unknown verdict {check['verdict']!r}: use one of "
                                                          f"{', '.join(VERDICTS)}"))
    if "score" in check and not _is_number(check["score"]):
        faults.append(Fault(lines.key("score", "check"), "check: 'score' must be a number"))
    if "evidence" in check and not _is_str_list(check["evidence"]):
        faults.append(Fault(lines.key("evidence", "check"), "check: 'evidence' must be a list of strings"))
    return faults


def plan_faults(data: dict[str, Any], text: str) -> list[Fault]:
    lines = LineFinder(text)
    faults = []
    for key in ("id", "period"):
        if not isinstance(data.get(key), str) or not data.get(key):
            faults.append(Fault(lines.key(key), f"missing or empty {key!r}"))
    for key in ("start", "end"):
        if not isinstance(data.get(key), date) or hasattr(data.get(key), "hour"):
            faults.append(Fault(lines.key(key), f"{key!r} must be a date like 2019-07-01"))
    for key in ("org", "report", "sha256"):
        if key in data and not isinstance(data[key], str):
            faults.append(Fault(lines.key(key), f"{key!r} must be a string"))
    return faults
