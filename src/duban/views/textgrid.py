"""A fast text table for a rich console: columns lined up by display width, free-text columns wrapped.

rich's Table sends every cell through its general renderable machinery (measure, pad, render, crop), which costs
about half a second for the thousand-odd rows of a weekly report over 2,000 tasks. These tables hold only text,
so widths and wrapping are worked out here from display widths (`rich.cells.cell_len`: a CJK character takes two
cells), and the lines go out as rich Segments, so styles and colours still come from rich. The look is that of
rich's SIMPLE_HEAD box without edges: a bold header, a rule, then the rows, columns three spaces apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text

GAP = "   "
MIN_WRAP_WIDTH = 4
# A run of printable ASCII (a Latin word or number) with the spaces after it, a run of spaces, or any one character:
# words wrap whole, CJK text wraps between any two characters.
_TOKEN = re.compile(r"[!-~]+ *| +|.", re.DOTALL)


@dataclass(frozen=True)
class Column:
    header: str
    justify: str = "left"  # left | right
    wraps: bool = False    # free text that may wrap; the other columns never do
    floor: int = 0         # the width a wrapping column keeps before others are squeezed further


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: greedy by word, a word longer than a line folded."""
    width = max(width, 1)
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        if used + cell_len(token.rstrip()) <= width:  # spaces at the end of a line do not count
            line, used = line + token, used + cell_len(token)
            continue
        if line.strip():
            lines.append(line.rstrip())
        line, used = "", 0
        token = token.lstrip()
        while cell_len(token.rstrip()) > width:  # fold what cannot fit on a line of its own
            cut, taken = 0, 0
            while cut < len(token) and taken + cell_len(token[cut]) <= width:
                taken += cell_len(token[cut])
                cut += 1
            cut = max(cut, 1)
            lines.append(token[:cut])
            token = token[cut:]
        line, used = token, cell_len(token)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class Grid:
    """Rows of Text cells under headers; render it with `console.print(grid)`."""

    def __init__(self, columns: list[Column], header_style: str = "bold"):
        self.columns = columns
        self.header_style = header_style
        self.rows: list[tuple[Text, ...]] = []

    def add_row(self, *cells: Text | str) -> None:
        # Strings become Text as they are: never read as console markup, so "[/b]" in a title prints as written.
        self.rows.append(tuple(cell if isinstance(cell, Text) else Text(cell) for cell in cells))

    def widths(self, max_width: int) -> list[int]:
        """Natural widths; when too wide, the widest wrapping column gives up a cell at a time, down to its floor
        and then to MIN_WRAP_WIDTH. Columns that do not wrap keep their width (the line may then overflow)."""
        widths = [cell_len(c.header) for c in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                size = cell_len(cell.plain)
                if size > widths[index]:
                    widths[index] = size
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - max_width
        for floor_of in (lambda c: c.floor, lambda c: MIN_WRAP_WIDTH):
            while excess > 0:
                shrinkable = [i for i, c in enumerate(self.columns) if c.wraps and widths[i] > floor_of(c)]
                if not shrinkable:
                    break
                widest = max(shrinkable, key=lambda i: widths[i])
                widths[widest] -= 1
                excess -= 1
        return widths

    def __rich_console__(self, console, options):
        widths = self.widths(options.max_width)
        styles: dict[str, object] = {}

        def style_of(style):
            if not isinstance(style, str):
                return style
            if style not in styles:
                styles[style] = console.get_style(style, default=None) if style else None
            return styles[style]

        last = len(self.columns) - 1
        header = tuple(Text(c.header, style=self.header_style) for c in self.columns)
        yield from self._row_lines(header, widths, style_of, last)
        yield Segment("─" * (sum(widths) + len(GAP) * last))
        yield Segment.line()
        for row in self.rows:
            yield from self._row_lines(row, widths, style_of, last)

    def _row_lines(self, row, widths, style_of, last):
        cells = []
        for column, cell, width in zip(self.columns, row, widths):
            if column.wraps or cell_len(cell.plain) > width:
                cells.append([Text(line, style=cell.style) for line in wrap(cell.plain, width)])
            else:
                cells.append([cell])
        for number in range(max(len(lines) for lines in cells)):
            for index, (column, lines, width) in enumerate(zip(self.columns, cells, widths)):
                text = lines[number] if number < len(lines) else None
                size = cell_len(text.plain) if text is not None else 0
                pad = " " * (width - size)
                if column.justify == "right" and pad:
                    yield Segment(pad)
                if text is not None and text.plain:
                    if text.spans:
                        for start, end, style in _runs(text):
                            yield Segment(text.plain[start:end], style_of(style))
                    else:
                        yield Segment(text.plain, style_of(text.style))
                if index < last:
                    if column.justify != "right" and pad:
                        yield Segment(pad)
                    yield Segment(GAP)
            yield Segment.line()


def _runs(text: Text):
    """(start, end, style) of a Text whose spans do not overlap (bars: one span per colour)."""
    position = 0
    for span in sorted(text.spans, key=lambda s: s.start):
        if span.start > position:
            yield position, span.start, text.style
        yield span.start, span.end, span.style
        position = span.end
    if position < len(text.plain):
        yield position, len(text.plain), text.style
