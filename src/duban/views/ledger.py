"""Terminal views of the ledger (rich) and its machine output (JSON).

rich is imported here, not in cli.py, so commands that print no table do not pay for it.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from duban.views import table as listing
from duban.views.words import format_target, label, status_label, verdict_label
from duban.ledger.queries import OwnerGroup
from duban.views.table import STATUS_STYLES, due_style
from duban.views.table import late_text as _late
from duban.ledger.model import Task

VERDICT_STYLES = {"done": "green", "in_progress": "cyan", "at_risk": "red", "not_found": "dim"}


def make_console(file: TextIO | None = None) -> Console:
    """A console that colours only a real terminal and never wraps rows when writing to a file or pipe."""
    file = file or sys.stdout
    is_tty = file.isatty()
    width = None if is_tty else int(os.environ.get("COLUMNS", 0) or 0) or 200
    return Console(file=file, width=width, highlight=False, soft_wrap=False, emoji=False,
                   force_terminal=None if is_tty else False, no_color=bool(os.environ.get("NO_COLOR")))


def render_list(console: Console, tasks: list[Task], today: date, lang: str = "zh") -> None:
    """The ledger table; listing.py draws it, fast for long listings, with the bytes rich's Table would print."""
    listing.render_list(listing.Screen.for_console(console), tasks, today, lang)


def render_overdue(console: Console, groups: list[OwnerGroup], today: date, lang: str = "zh") -> None:
    listing.render_overdue(listing.Screen.for_console(console), groups, today, lang)


def render_task(console: Console, task: Task, today: date, lang: str = "zh") -> None:
    """One task with its targets, log and last check."""
    console.print(Text(f"{task.id}  {task.title}", style="bold"))
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column()
    rows: list[tuple[str, Any]] = [
        ("status", Text(status_label(task.status, lang), style=STATUS_STYLES.get(task.status, ""))),
        ("owner", task.owner),
        ("co_owners", "、".join(task.co_owners)),
        ("due", _due_text(task, today, lang)),
        ("category", task.category),
        ("targets", "\n".join(format_target(t, lang) for t in task.targets)),
        ("source", _source_text(task, lang)),
    ]
    for key, value in rows:
        if value:
            fields.add_row(label(key, lang), value)
    console.print(fields)
    if task.detail:
        console.print()
        console.print(task.detail)
    if task.progress:
        console.print()
        console.print(_progress_table(task, lang))
    if task.check:
        console.print()
        console.print(_check_text(task.check, lang))


def _due_text(task: Task, today: date, lang: str) -> Text:
    if task.due is None:
        return Text("")
    text = Text(task.due.isoformat(), style=due_style(task, today))
    basis = task.due_basis
    if basis:
        text.append(f" ({label(basis, lang) if basis == 'period end' else basis})", style="dim")
    if task.days_overdue(today):
        text.append(f"  {label('overdue', lang)} {_late(task, today, lang)}", style="bold red")
    return text


def _source_text(task: Task, lang: str) -> str:
    report = task.source.get("report", "")
    line = task.source.get("line")
    if not report:
        return ""
    return f"{report}, {label('line', lang)} {line}" if lang == "en" else f"{report} 第{line}行" if line else report


def _progress_table(task: Task, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=label("progress", lang), title_justify="left", pad_edge=False,
                  show_edge=False)
    for key in ("date", "status", "note", "by"):
        table.add_column(label(key, lang), no_wrap=key != "note")
    for entry in task.progress:
        table.add_row(entry.date.isoformat(), status_label(entry.status, lang), entry.note, entry.by)
    return table


def _check_text(check: dict[str, Any], lang: str) -> Text:
    verdict = check.get("verdict", "")
    text = Text(f"{label('check', lang)}: ", style="bold")
    text.append(verdict_label(verdict, lang), style=VERDICT_STYLES.get(verdict, ""))
    if "score" in check:
        text.append(f"  {label('score', lang)} {check['score']:.2f}")
    if check.get("report"):
        text.append(f"  ({check['report']})", style="dim")
    for sentence in check.get("evidence", []):
        text.append(f"\n  · {sentence}")
    return text


def render_history(console: Console, task_id: str, entries, lang: str = "zh") -> None:
    """`duban log`: each commit that touched the task, newest last, with what it changed."""
    if not entries:
        console.print(f"{task_id}: {label('no_history', lang)}")
        return
    for entry in entries:
        line = Text(entry.date[:16].replace("T", " "), style="bold")
        line.append(f"  {entry.author}  ")
        line.append(entry.commit[:7], style="dim")
        line.append(f"  {entry.message}")
        console.print(line)
        for detail, style in _history_details(entry, lang):
            console.print(Text(f"    {detail}", style=style))


def _history_details(entry, lang: str) -> list[tuple[str, str]]:
    if entry.deleted:
        return [(label("deleted", lang), "red")]
    if entry.broken:
        return [(f"{label('unreadable', lang)}: {entry.broken}", "red")]
    details = [(label("created", lang), "green")] if entry.created else []
    for key, (old, new) in entry.changes.items():
        if key == "status":
            old, new = (status_label(v, lang) if isinstance(v, str) else v for v in (old, new))
        if key == "co_owners":
            old, new = ("、".join(v) if isinstance(v, list) else v for v in (old, new))
        if entry.created and new in (None, "", []):
            continue
        shown = new if entry.created else f"{old if old not in (None, '') else '—'} → {new}"
        details.append((f"{label(key, lang)}: {shown}", ""))
    for note in entry.notes:
        text = status_label(note["status"], lang) + (f"，{note['note']}" if note["note"] else "")
        details.append((f"{label('progress', lang)}: {text}" + (f" ({note['by']})" if note["by"] else ""), ""))
    return details


def task_json(task: Task, today: date) -> dict[str, Any]:
    """`show --json`: the whole task as stored, plus the derived plan and days overdue."""
    data = task.to_dict()
    data["plan"] = task.plan
    data["days_overdue"] = task.days_overdue(today)
    return data
