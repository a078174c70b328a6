"""Terminal views of the ledger (rich) and its machine output (JSON).

rich is imported here, not in cli.py, so commands that print no table do not pay for it.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from typing import Any, Iterable, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from duban.labels import format_target, label, status_label, verdict_label
from duban.ledger import OwnerGroup
from duban.model import Task

SOON_DAYS = 7
STATUS_STYLES = {"todo": "", "in_progress": "cyan", "done": "green", "blocked": "magenta", "dropped": "dim"}
VERDICT_STYLES = {"done": "green", "in_progress": "cyan", "at_risk": "red", "not_found": "dim"}


def make_console(file: TextIO | None = None) -> Console:
    """A console that colours only a real terminal and never wraps rows when writing to a file or pipe."""
    file = file or sys.stdout
    is_tty = file.isatty()
    width = None if is_tty else int(os.environ.get("COLUMNS", 0) or 0) or 200
    return Console(file=file, width=width, highlight=False, soft_wrap=False, emoji=False,
                   force_terminal=None if is_tty else False, no_color=bool(os.environ.get("NO_COLOR")))


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dump_json(data: Any, file: TextIO | None = None) -> None:
    file = file or sys.stdout
    json.dump(data, file, ensure_ascii=False, indent=2, default=_json_default)
    file.write("\n")


def due_style(task: Task, today: date) -> str:
    if task.days_overdue(today):
        return "bold red"
    if task.is_open and task.due is not None and (task.due - today).days <= SOON_DAYS:
        return "yellow"
    return ""


def _id_width(tasks: list[Task]) -> int:
    return max((len(t.id) for t in tasks), default=9)


def _ledger_table(lang: str, id_width: int) -> Table:
    """Ids, dates and statuses never shrink; on a narrow terminal the title and owner give way."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(label("id", lang), no_wrap=True, min_width=id_width)
    table.add_column(label("title", lang), overflow="ellipsis", no_wrap=True, ratio=1, min_width=6)
    table.add_column(label("owner", lang), overflow="ellipsis", no_wrap=True, min_width=4, max_width=20)
    table.add_column(label("due", lang), no_wrap=True, min_width=10)
    table.add_column(label("status", lang), no_wrap=True, min_width=6 if lang == "zh" else 11)
    table.add_column(label("overdue", lang), no_wrap=True, justify="right", min_width=4)
    return table


def _fit_columns(table: Table, rows: list[list[str]], width: int, flexible: tuple[int, ...]) -> None:
    """Narrow the flexible columns (the first gives way first) so that every column stays on screen.

    rich drops whole columns from a table that does not fit; an office user would rather see a shortened title.
    """
    columns = table.columns
    natural = [max([cell_len(str(c.header))] + [cell_len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    natural = [min(n, c.max_width or n) for n, c in zip(natural, columns)]
    excess = sum(natural) + 3 * (len(columns) - 1) - width
    for index in flexible:
        if excess <= 0:
            break
        give = min(excess, natural[index] - (columns[index].min_width or 4))
        if give > 0:
            columns[index].max_width = natural[index] - give
            excess -= give


def _late(task: Task, today: date, lang: str) -> str:
    """`12天` / `12 days`; empty when the task is not late."""
    days = task.days_overdue(today)
    if not days:
        return ""
    return f"{days}{label('days', lang)}" if lang == "zh" else f"{days} {label('days', lang)}"


def render_list(console: Console, tasks: list[Task], today: date, lang: str = "zh") -> None:
    if not tasks:
        console.print(label("no_tasks", lang))
        return
    table = _ledger_table(lang, _id_width(tasks))
    rows = [[t.id, t.title, t.owner, t.due.isoformat() if t.due else "", status_label(t.status, lang),
             _late(t, today, lang)] for t in tasks]
    for task, row in zip(tasks, rows):
        style = due_style(task, today)
        table.add_row(*row[:3], Text(row[3], style=style), Text(row[4], style=STATUS_STYLES.get(task.status, "")),
                      Text(row[5], style=style))
    _fit_columns(table, rows, console.width, flexible=(1, 2))
    console.print(table)
    console.print(f"{len(tasks)} {label('tasks', lang)}" if lang == "en" else f"共 {len(tasks)} {label('tasks', lang)}")


def render_overdue(console: Console, groups: list[OwnerGroup], today: date, lang: str = "zh") -> None:
    if not groups:
        console.print(label("no_overdue", lang))
        return
    count = sum(len(g.tasks) for g in groups)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                  title=f"{label('overdue_title', lang)} ({count})", title_justify="left")
    table.add_column(label("owner", lang), no_wrap=True, overflow="ellipsis", min_width=4, max_width=20)
    table.add_column(label("id", lang), no_wrap=True, min_width=_id_width([t for g in groups for t in g.tasks]))
    table.add_column(label("title", lang), overflow="ellipsis", no_wrap=True, ratio=1, min_width=6)
    table.add_column(label("due", lang), no_wrap=True, min_width=10)
    table.add_column(label("days_overdue", lang), no_wrap=True, justify="right", min_width=8)
    table.add_column(label("last_note", lang), overflow="ellipsis", no_wrap=True, min_width=8, max_width=30)
    rows = []
    for group in groups:
        for index, task in enumerate(group.tasks):
            row = [(group.owner or "—") if index == 0 else "", task.id, task.title,
                   task.due.isoformat() if task.due else "", str(task.days_overdue(today)), task.last_note()]
            rows.append(row)
            table.add_row(Text(row[0], style="bold"), *row[1:4], Text(row[4], style="bold red"), row[5],
                          end_section=index == len(group.tasks) - 1)
    _fit_columns(table, rows, console.width, flexible=(2, 5, 0))
    console.print(table)


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
        ("targets", "；".join(format_target(t, lang) for t in task.targets)),
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


def task_json(task: Task, today: date) -> dict[str, Any]:
    """`show --json`: the whole task as stored, plus the derived plan and days overdue."""
    data = task.to_dict()
    data["plan"] = task.plan
    data["days_overdue"] = task.days_overdue(today)
    return data


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"duban: warning: {line}", file=sys.stderr)
