"""JSON output: the one writer, and every JSON shape of DESIGN.md's contract (tests/test_json_contract.py).

No rich here, so `list --json` starts fast. Listings of thousands of tasks take a fast path with the same bytes:
each task's record is encoded once when its file is read (the index keeps it, see `listing_head`), and only
`days_overdue`, the one field that changes with the day, is filled in at print time.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time
from typing import Any, TextIO


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(data: Any) -> str:
    """JSON with two-space indents and Chinese as is; NaN and infinities (valid in TOML) become null."""
    text = _flat_records(data)
    if text is None:
        try:
            text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default, allow_nan=False)
        except ValueError:  # a float that JSON cannot hold
            text = json.dumps(_finite(data), ensure_ascii=False, indent=2, default=_json_default)
    return text


def dump_json(data: Any, file: TextIO | None = None) -> None:
    file = file or sys.stdout
    file.write(dumps(data))
    file.write("\n")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


# --- the shapes -----------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def listing_record(task, today: date) -> dict[str, Any]:
    """`list --json` and `overdue --json`: one task (a Task or the index's summary of one)."""
    return {"id": task.id, "plan": task.plan, "title": task.title, "owner": task.owner, "due": _iso(task.due),
            "status": task.status, "days_overdue": task.days_overdue(today)}


def task_record(task, today: date) -> dict[str, Any]:
    """`show --json`: the whole task as stored, plus its plan and days overdue."""
    data = task.to_dict()
    data["plan"] = task.plan
    data["days_overdue"] = task.days_overdue(today)
    return data


def import_record(prepared) -> dict[str, Any]:
    """`import --dry-run --json`: the plan and the tasks the report's items become."""
    plan = prepared.plan
    return {
        "plan": {"id": plan.id, "org": plan.org, "period": plan.period, "start": plan.start.isoformat(),
                 "end": plan.end.isoformat()},
        "tasks": [{"title": t.title, "category": t.category, "owner": t.owner, "due": _iso(t.due),
                   "due_basis": t.due_basis, "detail": t.detail, "targets": [x.to_dict() for x in t.targets]}
                  for t in prepared.tasks],
    }


def _plain_number(number: float | None) -> float | int | None:
    if number is None:
        return None
    return int(number) if float(number).is_integer() else round(float(number), 4)


def target_result_record(result) -> dict[str, Any]:
    target = result.target
    return {"id": result.task_id, "metric": target.metric, "comparator": target.comparator, "value": target.value,
            "unit": target.unit, "actual": _plain_number(result.actual), "actual_text": result.actual_text,
            "verdict": result.verdict}


def check_record(result, preview=None, facts=None) -> dict[str, Any]:
    """`check --json`: each item's verdict with its evidence, and each target against the reported figure; with
    --apply, --mark-done, --mark-progress or --dry-run also what applying it writes (`apply`)."""
    record = {"plan": result.plan, "summary": result.summary,
              "items": [{"id": item.task_id, "title": item.title, "verdict": item.verdict, "score": item.score,
                         "evidence": [{"text": e.text, "line": e.line} for e in item.evidence]}
                        for item in result.items],
              "targets": [target_result_record(t) for t in result.targets]}
    if preview is not None:
        record["apply"] = apply_record(preview, facts)
    return record


def apply_record(preview, facts) -> dict[str, Any]:
    """What applying a check writes (`writes`: the tasks whose file changes) and, once written, what it wrote."""
    return {"summary_period": facts.period.id if facts is not None and facts.period is not None else None,
            "summary_date": _iso(preview.summary_date), "text": preview.summary.text,
            "sha256": preview.summary.sha256, "mark_done": preview.mark_done, "mark_progress": preview.mark_progress,
            "writes": list(preview.writes),
            "changes": [{"id": c.task_id, "title": c.title, "status": c.old, "new_status": c.new, "verdict": c.verdict,
                         "evidence": {"text": c.evidence.text, "line": c.evidence.line} if c.evidence else None}
                        for c in preview.changes],
            "left_alone": [{"id": k.task_id, "title": k.title, "status": k.status, "verdict": k.verdict,
                            "reason": k.reason, "set_on": _iso(k.set_on), "by": k.by or None}
                           for k in preview.left_alone],
            "written": list(preview.written)}


def weekly_record(report) -> dict[str, Any]:
    """`weekly --json`: one sheet of the weekly report, notes and evidence whole (the printout shortens them)."""
    c = report.counts
    return {
        "organisation": report.organisation, "issuer": report.issuer, "issue": report.issue, "week": report.week,
        "monday": _iso(report.monday), "sunday": _iso(report.sunday), "today": _iso(report.today),
        "scope": {"owner": report.scope.owner or None, "plan": report.scope.plan or None,
                  "org": report.scope.org or None},
        "counts": {"total": c.total, "open": c.open, "todo": c.todo, "in_progress": c.in_progress,
                   "blocked": c.blocked, "done": c.done, "dropped": c.dropped, "overdue": c.overdue,
                   "due_soon": c.due_soon},
        "moved": [{"id": m.task_id, "title": m.title, "owner": m.owner, "date": _iso(m.date), "status": m.status,
                   "previous": m.previous, "note": m.note, "by": m.by, "changes": m.changes} for m in report.moved],
        "due_changes": [{"id": d.task_id, "title": d.title, "owner": d.owner, "date": _iso(d.date),
                         "old_due": _iso(d.old), "new_due": _iso(d.new), "direction": d.direction, "note": d.note,
                         "by": d.by} for d in report.due_changes],
        "overdue": [{"id": t.task_id, "title": t.title, "owner": t.owner, "due": _iso(t.due),
                     "days_overdue": t.days_late, "status": t.status, "last_note": t.last_note,
                     "last_note_date": _iso(t.last_note_date)} for t in report.overdue],
        "due_soon": [{"id": t.task_id, "title": t.title, "owner": t.owner, "due": _iso(t.due),
                      "days_left": t.days_left, "status": t.status} for t in report.due_soon],
        "owners": [{"owner": s.owner, "total": s.total, "open": s.open, "done": s.done, "dropped": s.dropped,
                    "overdue": s.overdue} for s in report.owners],
        "checks": [{"plan": k.plan, "report": k.report, "date": _iso(k.date), "verdicts": k.verdicts,
                    "items": [{"id": i.task_id, "title": i.title, "owner": i.owner, "verdict": i.verdict,
                               "score": i.score, "evidence": i.evidence} for i in k.tasks],
                    "targets": [{"id": t.task_id, "metric": t.target.metric, "comparator": t.target.comparator,
                                 "value": t.target.value, "unit": t.target.unit, "actual": _plain_number(t.actual),
                                 "actual_text": t.actual_text, "verdict": t.verdict} for t in k.targets]}
                   for k in report.checks],
    }


def validation_record(report, w) -> dict[str, Any]:
    """`validate --json`: whether all is well, what was read, and each fault with its file, line, a stable code
    (the words key of the fault) and its message in the run's language."""
    return {"ok": not report.faults, "plans": report.plans, "tasks": report.tasks,
            "faults": [{"path": str(fault.path), "line": fault.line,
                        "code": getattr(fault.message, "key", ""), "message": w.said(fault.message)}
                       for fault in report.faults]}


def owner_record(count) -> dict[str, Any]:
    """`owners --json`: one unit with its aliases and the open and late tasks it leads."""
    return {"unit": count.unit, "aliases": list(count.aliases), "open": count.open, "late": count.late}


def history_record(entry) -> dict[str, Any]:
    """`log --json`: one commit that touched the task."""
    return {"commit": entry.commit, "author": entry.author, "email": entry.email, "date": entry.date,
            "message": entry.message, "created": entry.created, "deleted": entry.deleted, "broken": entry.broken,
            "changes": entry.changes, "notes": entry.notes}


# --- listings: the fast path ------------------------------------------------------------------------


def listing_head(task) -> bytes | None:
    """A task's `list --json` record without days_overdue (its last field, and the only one that changes with the
    day): the JSON lines as `dumps` writes them inside a list, encoded once, when the task's file is read."""
    fields = listing_record(task, date.min)
    del fields["days_overdue"]
    members = record_members(fields)
    return members.encode("utf-8") if members is not None else None


def dump_listing(tasks: list, today: date, file: TextIO | None = None) -> None:
    """`list --json` / `overdue --json`: the bytes of dump_json([listing_record(t, today) …]), joined from the
    heads the index keeps. Any doubt (a task without a head, a first head that is not what listing_record gives,
    an output that is not UTF-8) takes the plain way."""
    file = file or sys.stdout
    heads = [getattr(task, "json_head", None) for task in tasks]
    buffer = getattr(file, "buffer", None)
    encoding = (getattr(file, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    if (not tasks or None in heads or buffer is None or encoding != "utf8"
            or heads[0] != listing_head(tasks[0])):
        dump_json([listing_record(task, today) for task in tasks], file)
        return
    records = [b'  {\n%s,\n    "days_overdue": %d\n  }' % (head, task.days_overdue(today))
               for head, task in zip(heads, tasks)]
    file.flush()
    _write_all(buffer, b"[\n" + b",\n".join(records) + b"\n]\n")
    buffer.flush()


def _write_all(buffer, data: bytes) -> None:
    """A buffered write of megabytes can stop short when the reader goes away (`| head`) and still report success;
    writing the rest raises the broken pipe, which the command line turns into exit 1 as for any other output."""
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if not written:
            raise BlockingIOError("output would block")
        view = view[written:]


def _flat_records(data: Any) -> str | None:
    """`[{"id": "2019H2-03", "due": null, …}, …]` as json.dumps(indent=2) writes it, or None for other shapes.

    json's indenting encoder is pure Python: 10,000 listing records take it 50 ms. Here each field is encoded for
    all records at once (strings by json's C encoder) and the records are filled into one template.
    """
    if type(data) is not list or not data or type(data[0]) is not dict or not data[0]:
        return None
    keys = tuple(data[0])
    if any(type(record) is not dict or tuple(record) != keys for record in data):
        return None
    if any(type(key) is not str for key in keys):
        return None
    columns = []
    for key in keys:
        encoded = _encode_scalars([record[key] for record in data])
        if encoded is None:
            return None
        columns.append(encoded)
    template = "  {\n" + _members_template(keys) + "\n  }"
    return "[\n" + ",\n".join([template % values for values in zip(*columns)]) + "\n]"


def _members_template(keys) -> str:
    return ",\n".join(f"    {_encode_string(k).replace('%', '%%')}: %s" for k in keys)


def record_members(record: dict) -> str | None:
    """The `"key": value` lines of a flat record as it stands in a JSON list written with indent=2; None when a
    value is not a string, integer, boolean or null. (Made for every task file read after a clone: the template of
    a set of keys is made once.)"""
    keys = tuple(record)
    template = _TEMPLATES.get(keys)
    if template is None:
        if any(type(key) is not str for key in keys):
            return None
        template = _TEMPLATES[keys] = _members_template(keys)
    values = []
    for value in record.values():
        kind = type(value)
        if kind is str:
            values.append(_encode_string(value))
        elif kind in _SCALARS:
            values.append(_SCALARS[kind](value))
        else:
            return None
    return template % tuple(values)


_TEMPLATES: dict[tuple, str] = {}


_encode_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses for strings
_SCALARS = {type(None): lambda v: "null", bool: lambda v: "true" if v else "false", int: int.__repr__}


def _encode_scalars(values: list) -> list[str] | None:
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(_encode_string, values))
    if not kinds <= {str, int, bool, type(None)}:
        return None
    return [_encode_string(v) if type(v) is str else _SCALARS[type(v)](v) for v in values]
