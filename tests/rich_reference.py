"""The ledger tables exactly as views.py drew them with rich's Table before listing.py (main at e8ce0fb).

listing.py must print the same bytes; tests compare the two on many generated ledgers.
"""

from __future__ import annotations

import io
from datetime import date

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from duban.views.words import label, status_label

Task = OwnerGroup = object
SOON_DAYS = 7
STATUS_STYLES = {"todo": "", "in_progress": "cyan", "done": "green", "blocked": "magenta", "dropped": "dim"}


def console_for(width: int, terminal: bool, no_color: bool = False) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, soft_wrap=False, emoji=False,
                      force_terminal=terminal, no_color=no_color, color_system="standard" if terminal else None)
    return console, buffer


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
