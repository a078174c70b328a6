"""What a well-formed task file and plan file hold; each fault is reported with the line it is on."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from duban.ledger.values import COMPARATORS, STATUSES, STATUS_CHOICES, VERDICTS, parse_status
from duban.errors import Said, UsageError
from duban.ledger import tomlfile
from duban.ledger.taskid import is_task_id

# A conflict marker as git writes it: seven characters at the start of a line, then a space and a label or the end
# of the line; `=======` stands alone.
_CONFLICT_RE = r"^((?:<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)|=======$)"
_MARKERS = ("<<<<<<<", ">>>>>>>", "|||||||", "=======")
# What can hide a line start from TOML: a multi-line string (or a quote or comment before it on its line).


class Fault(NamedTuple):  # a NamedTuple: made at every command's start, where a dataclass costs a third of a ms
    line: int | None
    message: str


def conflict_faults(text: str) -> list[Fault]:
    """Git conflict markers left in a file after a merge, each on its line.

    A line `=======` inside a multi-line string is a note's content, not a marker (duban never writes one: see
    tomlfile.format_string, but a person may). Marker lines count when one of them stands outside the strings, or
    when they make a whole conflict (<<<<<<< … ======= … >>>>>>>), as a merge leaves inside a string both sides
    changed."""
    if not any(marker in text for marker in _MARKERS):  # what nearly every file shows, without a regex
        return []
    markers = list(re.finditer(_CONFLICT_RE, text, re.MULTILINE))
    if not markers:
        return []
    spans = tomlfile.multiline_string_spans(text)
    outside = any(not any(start < m.start() < end for start, end in spans) for m in markers)
    if not (outside or _whole_conflict(m.group(1)[0] for m in markers)):
        return []
    return [Fault(text.count("\n", 0, m.start()) + 1, Said("conflict_marker")) for m in markers]


def _whole_conflict(kinds) -> bool:
    """Markers that open, divide and close a conflict, in that order (`<`, `=`, `>`)."""
    wanted = iter("<=>")
    expected = next(wanted)
    for kind in kinds:
        if kind == expected:
            expected = next(wanted, None)
            if expected is None:
                return True
    return False


class LineFinder:
    """Finds the line a key is written on, so faults point at it.

    A file with thousands of `[[progress]]` entries asks for the line of a key in each of them: the table headers
    are indexed once (on the first question), so each answer costs the length of its own table, not of the file.
    """

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None
        self._headers: dict[str, list[int]] | None = None

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
        """The line of the nth `[section]` or `[[section]]` header (1-based), or None."""
        if self._headers is None:
            self._headers = {}
            for number, line in enumerate(self.lines, 1):
                stripped = line.strip()
                if stripped.startswith("["):
                    name = stripped[2:-2] if stripped.startswith("[[") and stripped.endswith("]]") else stripped[1:-1]
                    self._headers.setdefault(name, []).append(number)
        numbers = self._headers.get(section, ())
        return numbers[nth] if 0 <= nth < len(numbers) else None


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def task_faults(data: dict[str, Any], text: str) -> list[Fault]:
    """Every way a parsed task file departs from the schema of DESIGN.md."""
    lines = LineFinder(text)
    faults: list[Fault] = []

    def fault(message: Said, key: str, section: str | None = None, nth: int = 0) -> None:
        faults.append(Fault(lines.key(key, section, nth), message))

    for key in ("id", "title"):
        if key not in data:
            faults.append(Fault(None, Said("missing_key", key=key)))
        elif not isinstance(data[key], str) or not data[key].strip():
            fault(Said("must_be_text", key=key), key)
    if isinstance(data.get("id"), str) and data["id"] and not is_task_id(data["id"]):
        fault(Said("bad_task_id_form", id=data["id"]), "id")
    for key in ("category", "detail", "owner", "due_basis"):
        if key in data and not isinstance(data[key], str):
            fault(Said("must_be_string", key=key), key)
    if "co_owners" in data and not _is_str_list(data["co_owners"]):
        fault(Said("must_be_list", key="co_owners"), "co_owners")
    if "due" in data and (not isinstance(data["due"], date) or hasattr(data["due"], "hour")):
        fault(Said("must_be_date", key="due"), "due")
    if "status" in data:
        faults.extend(_status_fault(data["status"], lambda: lines.key("status")))
    faults.extend(_target_faults(data.get("targets", []), lines))
    source = data.get("source", {})
    if not isinstance(source, dict):
        fault(Said("source_table"), "source")
    elif "line" in source and not (isinstance(source["line"], int) and not isinstance(source["line"], bool)):
        fault(Said("source_line"), "source")
    faults.extend(_progress_faults(data.get("progress", []), lines))
    faults.extend(_check_faults(data.get("check", {}), lines))
    return faults


def _status_fault(value: Any, line_of) -> list[Fault]:
    """The fault of a status value, if any, on the line `line_of()` finds (looked for only when there is one)."""
    if type(value) is str and value in STATUSES:  # as duban writes it: what thousands of files read after a clone hold
        return []
    if not isinstance(value, str):
        return [Fault(line_of(), Said("must_be_string", key="status"))]
    try:
        parse_status(value)
    except UsageError:
        return [Fault(line_of(), Said("unknown_status", text=value, choices=STATUS_CHOICES))]
    return []


def _target_faults(targets: Any, lines: LineFinder) -> list[Fault]:
    if targets == []:
        return []
    line = lines.key("targets")
    if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
        return [Fault(line, Said("targets_list"))]
    faults = []
    for number, target in enumerate(targets, 1):
        if not isinstance(target.get("metric"), str) or not target.get("metric"):
            faults.append(Fault(line, Said("target_metric", n=number)))
        if target.get("comparator") not in COMPARATORS:
            faults.append(Fault(line, Said("target_comparator", n=number, choices=", ".join(COMPARATORS))))
        if not _is_number(target.get("value")):
            faults.append(Fault(line, Said("target_value", n=number)))
        if "unit" in target and not isinstance(target["unit"], str):
            faults.append(Fault(line, Said("target_unit", n=number)))
    return faults


def _progress_faults(progress: Any, lines: LineFinder) -> list[Fault]:
    if not isinstance(progress, list) or not all(isinstance(p, dict) for p in progress):
        return [Fault(lines.key("progress"), Said("progress_entries"))]
    faults = []
    for nth, entry in enumerate(progress):
        if not isinstance(entry.get("date"), date) or hasattr(entry.get("date"), "hour"):
            faults.append(Fault(lines.key("date", "progress", nth), Said("progress_date")))
        if "status" not in entry:
            faults.append(Fault(lines.header("progress", nth), Said("progress_status")))
        else:
            faults.extend(_status_fault(entry["status"], lambda: lines.key("status", "progress", nth)))
        for key in ("note", "by"):
            if key in entry and not isinstance(entry[key], str):
                faults.append(Fault(lines.key(key, "progress", nth), Said("progress_string", key=key)))
    return faults


def _check_faults(check: Any, lines: LineFinder) -> list[Fault]:
    if not isinstance(check, dict):
        return [Fault(lines.key("check"), Said("check_table"))]
    faults = []
    if "verdict" in check and check["verdict"] not in VERDICTS:
        faults.append(Fault(lines.key("verdict", "check"), Said("unknown_verdict", text=str(check["verdict"]),
                                                                       choices=", ".join(VERDICTS))))
    if "score" in check and not _is_number(check["score"]):
        faults.append(Fault(lines.key("score", "check"), Said("check_score")))
    if "evidence" in check and not _is_str_list(check["evidence"]):
        faults.append(Fault(lines.key("evidence", "check"), Said("check_evidence")))
    return faults


def plan_faults(data: dict[str, Any], text: str) -> list[Fault]:
    lines = LineFinder(text)
    faults = []
    for key in ("id", "period"):
        if not isinstance(data.get(key), str) or not data.get(key):
            faults.append(Fault(lines.key(key), Said("missing_or_empty", key=key)))
    for key in ("start", "end"):
        if not isinstance(data.get(key), date) or hasattr(data.get(key), "hour"):
            faults.append(Fault(lines.key(key), Said("must_be_date", key=key)))
    for key in ("org", "report", "sha256"):
        if key in data and not isinstance(data[key], str):
            faults.append(Fault(lines.key(key), Said("must_be_string", key=key)))
    return faults
