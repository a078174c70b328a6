"""The long listings (`list`, `overdue`) as text tables, written line by line.

rich's Table measures and renders every cell through its layout engine: seconds for 10,000 rows. These tables are
simple (one line per row, no wrapping), so when the table fits the screen they are laid out here, with rich's own
cell widths (`rich.cells`) and exactly the bytes rich's SIMPLE_HEAD table would print: columns aligned by display
width, two-cell-wide Chinese included, ellipsis on overlong cells, ANSI styles only on terminals. When the table
does not fit (a narrow terminal, where rich shrinks columns) or a cell holds control characters, rich renders it.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Sequence, TextIO

from rich.cells import cell_len, set_cell_size

from duban.views.words import label, status_label

SOON_DAYS = 7
STATUS_STYLES = {"todo": "", "in_progress": "cyan", "done": "green", "blocked": "magenta", "dropped": "dim"}
HEADER_STYLE = "bold"  # rich's table.header
TITLE_STYLE = "italic"  # rich's table.title
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "magenta": "35",
        "cyan": "36"}
_COLOURS = {"red", "green", "yellow", "magenta", "cyan"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass
class Screen:
    """Where a listing goes: its width, whether it is a terminal, and whether it takes ANSI styles and colours."""

    file: TextIO
    width: int
    terminal: bool = False
    styled: bool = False
    no_color: bool = False
    console: Any = None  # a rich Console to fall back on, when the caller already has one

    @classmethod
    def for_stream(cls, file: TextIO | None = None) -> Screen:
        """The same decisions as `views.make_console`: terminals get styles and their width, files 200 columns."""
        file = file or sys.stdout
        terminal = _isatty(file)
        columns = os.environ.get("COLUMNS", "")
        if terminal:
            width = int(columns) if columns.isdigit() else _terminal_width(file)
            styled = os.environ.get("TERM", "").strip().lower() not in ("dumb", "unknown")
        else:
            width = int(columns) if columns.isdigit() and int(columns) else 200
            styled = False
        return cls(file, width, terminal, styled, os.environ.get("NO_COLOR", "") != "")

    @classmethod
    def for_console(cls, console) -> Screen:
        return cls(console.file, console.width, console.is_terminal, console.color_system is not None,
                   console.no_color, console)

    def paint(self, text: str, style: str) -> str:
        if not self.styled or not style or not text:
            return text
        words = [w for w in style.split() if not (self.no_color and w in _COLOURS)]
        return f"\x1b[{';'.join(_SGR[w] for w in words)}m{text}\x1b[0m" if words else text


def _isatty(file: TextIO) -> bool:
    try:
        return file.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_width(file: TextIO) -> int:
    try:
        return os.get_terminal_size(file.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


@dataclass
class Column:
    header: str
    justify: str = "left"
    min_width: int | None = None
    max_width: int | None = None


Cell = tuple  # (text, style)


@dataclass
class TextTable:
    columns: list[Column]
    title: str | None = None
    rows: list[Sequence[Cell]] = field(default_factory=list)
    section_ends: set[int] = field(default_factory=set)  # rows followed by a blank separator line

    _measured: tuple | None = field(default=None, repr=False)

    def add_row(self, cells: Sequence[Cell], end_section: bool = False) -> None:
        if end_section:
            self.section_ends.add(len(self.rows))
        self.rows.append(cells)

    def measure(self) -> tuple[list, list[list[str]], list[list[int]]]:
        """Column by column: the body's cells, the texts with the header first, and their display widths."""
        if self._measured is None:
            body = list(zip(*self.rows)) if self.rows else [() for _ in self.columns]
            texts = [[c.header, *(cell[0] for cell in cells)] for c, cells in zip(self.columns, body)]
            self._measured = body, texts, [_cell_lengths(column) for column in texts]
        return self._measured


def print_table(screen: Screen, table: TextTable) -> None:
    lines = _layout(screen, table)
    if lines is None:
        _print_with_rich(screen, table)
    else:
        screen.file.write("".join(lines))


def print_line(screen: Screen, text: str) -> None:
    screen.file.write(text + "\n")


def _layout(screen: Screen, table: TextTable) -> list[str] | None:
    """The table's lines as rich would print them, or None when only rich can lay it out.

    Built column by column: each column's cells are measured once, truncated and padded to the column's width,
    then the rows are the columns zipped together.
    """
    columns = table.columns
    count = len(columns)
    room = screen.width - (count - 1)  # a one-cell divider between columns
    pads = [(0 if i == 0 else 1, 0 if i == count - 1 else 1) for i in range(count)]
    body, texts, lengths = table.measure()
    if any(_CONTROL.search("".join(column)) for column in texts):
        return None
    widths = []
    for column, (left, right), column_lengths in zip(columns, pads, lengths):
        pad = left + right
        width = min(max(column_lengths) + pad, room)
        if column.min_width is not None:
            width = max(width, column.min_width + pad)
        if column.max_width is not None:
            width = min(width, column.max_width + pad)
        if width - pad < 1:
            return None
        widths.append(width)
    table_width = sum(widths) + count - 1
    if sum(widths) > room or (table.title and cell_len(table.title) > table_width):
        return None
    padded = [_fit(column, column_texts, column_lengths, width - left - right)
              for column, column_texts, column_lengths, width, (left, right)
              in zip(columns, texts, lengths, widths, pads)]
    lines = []
    if table.title:
        lines.append(screen.paint(table.title + " " * (table_width - cell_len(table.title)), TITLE_STYLE) + "\n")
    header = [screen.paint(" ", HEADER_STYLE) * left + screen.paint(cells[0], HEADER_STYLE)
              + screen.paint(" ", HEADER_STYLE) * right for cells, (left, right) in zip(padded, pads)]
    lines.append(" ".join(header) + "\n")
    lines.append("─" * table_width + "\n")
    if screen.styled:
        padded = [[screen.paint(text, cell[1]) for text, cell in zip(column[1:], cells)]
                  for column, cells in zip(padded, body)]
    else:
        padded = [column[1:] for column in padded]
    rows = ["   ".join(cells) + "\n" for cells in zip(*padded)]  # pad, divider, pad between columns
    blank = " " * table_width + "\n"
    for index in sorted(table.section_ends, reverse=True):
        if index < len(rows) - 1:
            rows.insert(index + 1, blank)
    lines.extend(rows)
    return lines


# Strings of printable ASCII and these wide characters (CJK ideographs and punctuation, fullwidth forms) are as wide
# as their length plus one per wide character; each such wide character is 3 bytes in UTF-8, ASCII 1 byte.
_SIMPLE_WIDE = re.compile("[\x20-\x7e\u3001-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff5e]*")


def text_width(text: str) -> int:
    """Display width in terminal cells, as rich.cells.cell_len counts it, without its cost on plain Chinese."""
    if text.isascii() and text.isprintable():
        return len(text)
    if _SIMPLE_WIDE.fullmatch(text):
        return len(text) + (len(text.encode("utf-8")) - len(text)) // 2
    return cell_len(text)


def _cell_lengths(texts: list[str]) -> list[int]:
    """Display widths; each distinct text measured once (units, dates and statuses repeat down a column)."""
    known = {text: text_width(text) for text in set(texts)}
    return [known[text] for text in texts]


def _fit(column: Column, texts: list[str], lengths: list[int], room: int) -> list[str]:
    """Each text cut to `room` cells with an ellipsis when longer, and padded to `room` on the justified side."""
    if max(lengths) > room:
        texts = [set_cell_size(t, room - 1) + "…" if n > room else t for t, n in zip(texts, lengths)]
        lengths = [min(n, room) for n in lengths]
    if column.justify == "right":
        return [" " * (room - n) + t for t, n in zip(texts, lengths)]
    return [t + " " * (room - n) for t, n in zip(texts, lengths)]


def _print_with_rich(screen: Screen, table: TextTable) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = screen.console or Console(file=screen.file, width=screen.width, highlight=False, soft_wrap=False,
                                        emoji=False, force_terminal=screen.terminal, no_color=screen.no_color)
    rich_table = Table(box=box.SIMPLE_HEAD, title=table.title, title_justify="left", pad_edge=False,
                       show_edge=False)
    for column in table.columns:
        rich_table.add_column(column.header, no_wrap=True, overflow="ellipsis", justify=column.justify,
                              min_width=column.min_width, max_width=column.max_width)
    for index, row in enumerate(table.rows):
        rich_table.add_row(*(Text(text, style=style) for text, style in row),
                           end_section=index in table.section_ends)
    console.print(rich_table)


# --- the ledger's listings ----------------------------------------------------------------------------


def due_style(task, today: date, days: int | None = None) -> str:
    """Red when late, yellow when due within a week; `days` saves asking the task again how late it is."""
    if task.days_overdue(today) if days is None else days:
        return "bold red"
    if task.is_open and task.due is not None and (task.due - today).days <= SOON_DAYS:
        return "yellow"
    return ""


def late_text(task, today: date, lang: str) -> str:
    """`12天` / `12 days`; empty when the task is not late."""
    days = task.days_overdue(today)
    if not days:
        return ""
    return f"{days}{label('days', lang)}" if lang == "zh" else f"{days} {label('days', lang)}"


def _id_width(tasks) -> int:
    return max((len(t.id) for t in tasks), default=9)


def fit_columns(table: TextTable, width: int, flexible: tuple[int, ...]) -> None:
    """Narrow the flexible columns (the first gives way first) so that every column stays on screen.

    rich drops whole columns from a table that does not fit; an office user would rather see a shortened title.
    """
    columns = table.columns
    natural = [max(column_lengths) for column_lengths in table.measure()[2]]
    natural = [min(n, c.max_width or n) for n, c in zip(natural, columns)]
    excess = sum(natural) + 3 * (len(columns) - 1) - width
    for index in flexible:
        if excess <= 0:
            break
        give = min(excess, natural[index] - (columns[index].min_width or 4))
        if give > 0:
            columns[index].max_width = natural[index] - give
            excess -= give


def render_list(screen: Screen, tasks: Iterable, today: date, lang: str = "zh") -> None:
    """The ledger: id, title, owner, due, status, days late. Tasks are Task or index.TaskSummary.

    Ids, dates and statuses never shrink; on a narrow terminal the title and owner give way.
    """
    tasks = list(tasks)
    if not tasks:
        print_line(screen, label("no_tasks", lang))
        return
    table = TextTable([Column(label("id", lang), min_width=_id_width(tasks)),
                       Column(label("title", lang), min_width=6),
                       Column(label("owner", lang), min_width=4, max_width=20),
                       Column(label("due", lang), min_width=10),
                       Column(label("status", lang), min_width=6 if lang == "zh" else 11),
                       Column(label("overdue", lang), justify="right", min_width=4)])
    statuses = {}
    days_word = label("days", lang) if lang == "zh" else " " + label("days", lang)
    rows = table.rows
    for task in tasks:
        status = task.status
        if status not in statuses:
            statuses[status] = (status_label(status, lang), STATUS_STYLES.get(status, ""))
        days = task.days_overdue(today)
        style = due_style(task, today, days)
        due = task.due
        rows.append(((task.id, ""), (task.title, ""), (task.owner, ""), (due.isoformat() if due else "", style),
                     statuses[status], (f"{days}{days_word}" if days else "", style)))
    fit_columns(table, screen.width, flexible=(1, 2))
    print_table(screen, table)
    count = len(tasks)
    print_line(screen, f"{count} {label('tasks', lang)}" if lang == "en" else f"共 {count} {label('tasks', lang)}")


def render_overdue(screen: Screen, groups: list, today: date, lang: str = "zh") -> None:
    """Late tasks by owner (ledger.OwnerGroup), the owner's name on its first row and a blank line between owners."""
    if not groups:
        print_line(screen, label("no_overdue", lang))
        return
    count = sum(len(g.tasks) for g in groups)
    table = TextTable([Column(label("owner", lang), min_width=4, max_width=20),
                       Column(label("id", lang), min_width=_id_width([t for g in groups for t in g.tasks])),
                       Column(label("title", lang), min_width=6),
                       Column(label("due", lang), min_width=10),
                       Column(label("days_overdue", lang), justify="right", min_width=8),
                       Column(label("last_note", lang), min_width=8, max_width=30)],
                      title=f"{label('overdue_title', lang)} ({count})")
    for group in groups:
        for index, task in enumerate(group.tasks):
            table.add_row((((group.owner or "—") if index == 0 else "", "bold"), (task.id, ""), (task.title, ""),
                           (task.due.isoformat() if task.due else "", ""),
                           (str(task.days_overdue(today)), "bold red"), (task.last_note(), "")),
                          end_section=index == len(group.tasks) - 1)
    fit_columns(table, screen.width, flexible=(2, 5, 0))
    print_table(screen, table)
