"""The one table engine: every table duban prints (list, overdue, show, check, the import preview, the weekly).

A table is columns of text under a bold header and a rule, columns two spaces apart, in the terminal's width:
- columns are as wide as their widest cell; when the table is too wide, a column marked `beneath` (a note) moves
  under its row, as a line of its own, if the others then fit better; then the columns that may wrap give way
  (the widest first, each down to its `floor`, its header's width and its longest English word, a `whole` column
  to its widest cell; the `main` column, the title, only after the others), then below their floors down to their
  longest words, then down to their `min_width`; then the others are shortened with an ellipsis down to their
  `min_width`;
- a wrapping column of Chinese text gets an even width where it wraps (an odd cell would stay empty), and the cell
  it frees goes to a column that still wraps;
- a column's `max_width` keeps it from crowding the others, not from room nobody uses: a column it wraps takes the
  room the table leaves free where all its cells then fit on one line (a target `PM2.5年平均浓度 ≤ 15微克/立方米`,
  a name `Seed 737abdc6 maintainers` in a table half the terminal's width);
- wrapped text follows the Chinese line-breaking rules of `views.cells`;
- a heading row (`add_heading`, e.g. an owner's name over its tasks) spans the table and takes no column;
- a row whose cells all fit takes the fast path (one padded line), which keeps `duban list` of 10,000 tasks fast.

Cells are plain strings, or (text, style) pairs, or `Styled` texts whose spans carry their own styles (the words
that decided a check verdict). Styles reach only terminals that take them (`views.terminal`).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence, Union

from duban.views.cells import CONTROL, longest_word, printable, shorten, width, wrap
from duban.views.terminal import Terminal

GAP = "  "
HEADER_STYLE = "bold"
TITLE_STYLE = "bold"
RULE = "─"


# Plain classes and a NamedTuple, not dataclasses: importing dataclasses and making these cost `list` about 5 ms.
class Styled:
    """Text with styled spans: [(start, end, style)], applied on top of the cell's own style. (Not a tuple: a tuple
    cell is a (text, style) pair.)"""

    __slots__ = ("text", "style", "spans")

    def __init__(self, text: str, style: str = "", spans: list[tuple[int, int, str]] | None = None):
        self.text, self.style, self.spans = text, style, [] if spans is None else spans

    def __eq__(self, other) -> bool:
        return isinstance(other, Styled) and (self.text, self.style, self.spans) == (other.text, other.style,
                                                                                      other.spans)

    def __repr__(self) -> str:
        return f"Styled({self.text!r}, {self.style!r}, {self.spans!r})"

    def stylize(self, style: str, start: int, end: int) -> None:
        if start < end:
            self.spans.append((start, end, style))

    def append(self, text: str, style: str = "") -> Styled:
        if style:
            self.spans.append((len(self.text), len(self.text) + len(text), style))
        self.text += text
        return self


Cell = Union[str, tuple, Styled]


class Column(NamedTuple):
    """How a column takes its room: see the rules of this module's docstring."""

    header: str
    justify: str = "left"        # left | right
    wrap: bool = False           # free text that may take several lines
    min_width: int = 1           # never narrower
    max_width: int | None = None  # never wider (longer text wraps or is shortened)
    floor: int = 0               # a wrapping column keeps this much before the others give way
    main: bool = False           # what the table is about (the title): the other wrapping columns give way first
    whole: bool = False          # short names (units): each kept on one line while the main column can give way
    beneath: bool = False        # may move under its row when the table is too wide (a note)
    label: str = ""              # said before the cell's text when it stands beneath its row ("最新进展：")


class Table:
    """Rows of cells under their columns, laid out for one terminal (`render`)."""

    def __init__(self, columns: list[Column], title: str = "", rows: list[tuple] | None = None,
                 show_header: bool = True):
        self.columns = columns
        self.title = title
        self.show_header = show_header
        self.rows: list[tuple] = [] if rows is None else rows
        self.section_ends: set[int] = set()  # rows followed by a blank line
        self.headings: dict[int, Cell] = {}  # row index → the heading line drawn above it

    def add_row(self, *cells: Cell, end_section: bool = False) -> None:
        if end_section:
            self.section_ends.add(len(self.rows))
        self.rows.append(cells)

    def add_heading(self, cell: Cell) -> None:
        """A line over the rows that follow (an owner's name over its tasks), across the whole table."""
        self.headings[len(self.rows)] = cell

    def render(self, terminal: Terminal) -> list[str]:
        """The table's lines (each ending with a newline) for this terminal."""
        cells_by_column = _columns_of(self.rows, len(self.columns))
        texts = [_texts(column) for column in cells_by_column]
        sizes = [_widths(column_texts) for column_texts in texts]
        gap = width(GAP)
        beneath = _beneath(self.columns, sizes, terminal.width - gap * (len(self.columns) - 1))
        shown = [i for i in range(len(self.columns)) if i not in beneath]
        columns = [self.columns[i] for i in shown]
        widths = layout(columns, [sizes[i] for i in shown], terminal.width - gap * (len(shown) - 1),
                        [_is_wide(texts[i], sizes[i]) for i in shown], [texts[i] for i in shown])
        table_width = sum(widths) + gap * (len(widths) - 1)
        lines = []
        if self.title:
            lines.append(terminal.paint(printable(self.title), TITLE_STYLE) + "\n")
        if self.show_header:
            header = [_pad(shorten(c.header, w), w, c.justify) for c, w in zip(columns, widths)]
            lines.append(GAP.join(terminal.paint(h, HEADER_STYLE) for h in header).rstrip() + "\n")
            lines.append(RULE * table_width + "\n")
        tall: set[int] = set()  # rows with a cell of several lines
        drawn = [_render_column(self.columns[i], cells_by_column[i], texts[i], sizes[i], w, terminal, tall)
                 for i, w in zip(shown, widths)]
        under = _Beneath(self, beneath, cells_by_column, texts, terminal, widths, shown) if beneath else None
        ends = self.section_ends
        last = len(self.rows) - 1
        for index, cells in enumerate(zip(*drawn)):
            if index in self.headings:
                lines.append(_heading_line(terminal, self.headings[index]))
            if index not in tall:  # one line: the common case
                lines.append(GAP.join(cells).rstrip() + "\n")
            else:
                cells = [[cell] if type(cell) is str else cell for cell in cells]
                for number in range(max(len(cell) for cell in cells)):
                    parts = [cell[number] if number < len(cell) else " " * w for cell, w in zip(cells, widths)]
                    lines.append(GAP.join(parts).rstrip() + "\n")
            if under is not None:
                lines.extend(under.lines(index))
            if index in ends and index < last:
                lines.append("\n")
        return lines

    def print(self, terminal: Terminal) -> None:
        terminal.write("".join(self.render(terminal)))


def _columns_of(rows: Sequence[Sequence[Cell]], count: int) -> list[tuple]:
    return list(zip(*rows)) if rows else [() for _ in range(count)]


def _texts(cells: Sequence[Cell]) -> list[str]:
    """The plain text of each cell, control characters made visible (checked once for the whole column)."""
    texts = [cell if type(cell) is str else cell.text if isinstance(cell, Styled) else cell[0] for cell in cells]
    if CONTROL.search("\n".join(texts)):
        texts = [printable(text) for text in texts]
    return texts


def _style(cell: Cell) -> str:
    if isinstance(cell, str):
        return ""
    if isinstance(cell, Styled):
        return cell.style
    return cell[1]


def layout(columns: Sequence[Column], sizes: Sequence[Sequence[int]], room: int,
           wide: Sequence[bool] | None = None, texts: Sequence[Sequence[str]] | None = None) -> list[int]:
    """Each column's width in cells (`sizes`: the widths of its cells; `wide`: whether a column's text is mostly
    Chinese; `texts`: its cells, whose longest words are kept whole as long as the others can give), by the rules
    of this module's docstring."""
    natural = _natural(columns, sizes)
    widths = list(natural)
    excess = sum(widths) - room
    wrapping = [i for i, c in enumerate(columns) if c.wrap]
    others_first = [i for i in wrapping if not columns[i].main]
    minimum = [c.min_width for c in columns]
    # a word is split only when it is longer than its column could be (measured only for a table this tight)
    words = [min(longest_word(texts[i]), natural[i]) if excess > 0 and texts is not None and c.wrap else 0
             for i, c in enumerate(columns)]
    # down to their floors, never below their headers yet, and a column of names not below its longest name
    kept = [max(c.floor, c.min_width, width(c.header), natural[i] if c.whole else 0, words[i])
            for i, c in enumerate(columns)]
    for indexes in (others_first, wrapping):
        excess = _give_way(widths, indexes, kept, excess)
    for floors in ([max(m, w) for m, w in zip(minimum, words)], minimum):
        excess = _give_way(widths, wrapping, floors, excess)
    if excess > 0:  # the rest is shortened, not wrapped; what still does not fit runs past the edge
        _give_way(widths, [i for i, c in enumerate(columns) if not c.wrap], minimum, excess)
    if wide is not None:
        _even_out(widths, natural, columns, wide, room)
    _unwrap_capped(widths, columns, sizes, room)
    return widths


def _unwrap_capped(widths: list[int], columns: Sequence[Column], sizes: Sequence[Sequence[int]], room: int) -> None:
    """A wrapping column held to its max_width takes the room the table leaves free when that lets every one of its
    cells stand on one line (only then: a column widened by part of the room would still wrap, only differently)."""
    for i, column in enumerate(columns):
        if column.max_width is None or not column.wrap:
            continue
        full = max(width(column.header), max(sizes[i], default=0))
        if widths[i] < full <= widths[i] + room - sum(widths):
            widths[i] = full


def _natural(columns: Sequence[Column], sizes: Sequence[Sequence[int]]) -> list[int]:
    """Each column as wide as its widest cell (or header), within its max_width and min_width."""
    widths = []
    for column, column_sizes in zip(columns, sizes):
        natural = max(width(column.header), max(column_sizes, default=0))
        if column.max_width is not None:
            natural = min(natural, column.max_width)
        widths.append(max(natural, column.min_width))
    return widths


def _beneath(columns: Sequence[Column], sizes: Sequence[Sequence[int]], room: int) -> set[int]:
    """The `beneath` columns that move under their rows: all of them when the other columns at their natural
    widths and these at their floors do not fit (the title would have to wrap to keep a note beside it)."""
    movable = {i for i, c in enumerate(columns) if c.beneath}
    if not movable:
        return set()
    natural = _natural(columns, sizes)
    needed = sum(max(c.floor, c.min_width) if i in movable else natural[i] for i, c in enumerate(columns))
    return movable if needed > room else set()


def _is_wide(texts: Sequence[str], sizes: Sequence[int]) -> bool:
    """Mostly Chinese: wrapped at an odd width, such a column leaves its last cell empty."""
    return sum(sizes) > 1.5 * sum(map(len, texts))


def _even_out(widths: list[int], natural: list[int], columns: Sequence[Column], wide: Sequence[bool],
              room: int) -> None:
    """Wrapping Chinese columns get even widths; the cells this frees (and any left over) go to the columns that
    still wrap, the main one first."""
    wrapped = [i for i, c in enumerate(columns) if c.wrap and widths[i] < natural[i]]
    for i in wrapped:
        if wide[i] and widths[i] % 2 and widths[i] > max(columns[i].min_width, 2):
            widths[i] -= 1
    spare = room - sum(widths)
    for i in sorted(wrapped, key=lambda i: not columns[i].main):
        step = 2 if wide[i] else 1
        while spare >= step and widths[i] + step <= natural[i]:
            widths[i] += step
            spare -= step


def _widths(texts: Iterable[str]) -> list[int]:
    """Widths, each distinct text measured once (units, dates and statuses repeat down a column)."""
    known: dict[str, int] = {}
    out = []
    for text in texts:
        size = known.get(text)
        if size is None:
            size = known[text] = width(text) if "\n" not in text else max(width(line) for line in text.split("\n"))
        out.append(size)
    return out


def _give_way(widths: list[int], indexes: list[int], floors: Sequence[int], excess: int) -> int:
    """Narrow the widest of these columns a cell at a time, none below its floor (`floors`, by column); returns what
    is still too wide."""
    while excess > 0:
        shrinkable = [i for i in indexes if widths[i] > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], i))  # on a tie the later column gives way
        second = max((widths[i] for i in shrinkable if i != widest), default=floors[widest])
        step = max(1, min(excess, widths[widest] - max(second, floors[widest])))
        widths[widest] -= step
        excess -= step
    return excess


def _heading_line(terminal: Terminal, cell: Cell) -> str:
    text = printable(cell if isinstance(cell, str) else cell.text if isinstance(cell, Styled) else cell[0])
    return terminal.paint(text, _style(cell) or HEADER_STYLE) + "\n"


class _Beneath:
    """The lines of the `beneath` cells of each row: under the main column (else the first wrapping one), each
    said with its column's label, wrapped to the terminal's edge."""

    def __init__(self, table: Table, beneath: set[int], cells_by_column, texts, terminal: Terminal,
                 widths: list[int], shown: list[int]):
        columns = [table.columns[i] for i in shown]
        anchor = next((n for n, c in enumerate(columns) if c.main), None)
        if anchor is None:
            anchor = next((n for n, c in enumerate(columns) if c.wrap), 0)
        self.indent = sum(widths[:anchor]) + width(GAP) * anchor
        self.room = max(terminal.width - self.indent, 20)
        self.columns = [(table.columns[i], cells_by_column[i], texts[i]) for i in sorted(beneath)]
        self.terminal = terminal

    def lines(self, row: int) -> list[str]:
        out = []
        for column, cells, texts in self.columns:
            text = texts[row]
            if not text.strip():
                continue
            said = _said(column.label, cells[row], text)
            lines = wrap(said.text, self.room)
            for index, line in enumerate(lines):
                offset = _offset(said.text, line, lines, index)
                painted = (_paint_spans(self.terminal, line, "", said.spans, offset)
                           if self.terminal.styled and offset is not None else self.terminal.paint(line, said.style))
                out.append(" " * self.indent + painted + "\n")
        return out


def _said(label: str, cell: Cell, text: str) -> Styled:
    """A beneath cell as one styled text: its label dim, then its text in its own style and spans."""
    said = Styled("").append(label, "dim")
    said.append(text, _style(cell))
    if isinstance(cell, Styled):
        said.spans += [(start + len(label), end + len(label), style) for start, end, style in cell.spans]
    return said


def _pad(text: str, size: int, justify: str, text_width: int | None = None) -> str:
    gap = size - (width(text) if text_width is None else text_width)
    if gap <= 0:
        return text
    return " " * gap + text if justify == "right" else text + " " * gap


def _render_column(column: Column, cells: Sequence[Cell], texts: Sequence[str], sizes: Sequence[int], size: int,
                   terminal: Terminal, tall: set[int]) -> list:
    """Each cell of the column padded and painted: a string when it takes one line, else the list of its lines
    (and its row's index is added to `tall`)."""
    out: list = []
    plain = not terminal.styled
    right = column.justify == "right"
    for cell, text, text_width in zip(cells, texts, sizes):
        if text_width <= size and "\n" not in text:
            padded = (" " * (size - text_width) + text) if right else (text + " " * (size - text_width))
            out.append(padded if plain else _paint_padded(terminal, cell, text, padded, column.justify))
            continue
        lines = wrap(text, size) if column.wrap or "\n" in text else [shorten(text, size)]
        tall.add(len(out))
        out.append([_pad(line, size, column.justify) if plain else
                    _paint_padded(terminal, cell, line, _pad(line, size, column.justify), column.justify,
                                  offset=_offset(text, line, lines, index))
                    for index, line in enumerate(lines)])
    return out


def _offset(text: str, line: str, lines: list[str], index: int) -> int | None:
    """Where a wrapped line starts in the cell's text, so styled spans land on the right characters."""
    position = 0
    for number, earlier in enumerate(lines):
        found = text.find(earlier.rstrip("…"), position)
        if found < 0:
            return None
        if number == index:
            return found
        position = found + len(earlier)
    return None


def _paint_padded(terminal: Terminal, cell: Cell, line: str, padded: str, justify: str, offset: int | None = 0) -> str:
    style = _style(cell)
    spans = cell.spans if isinstance(cell, Styled) else []
    if not style and not spans:
        return padded
    painted = _paint_spans(terminal, line, style, spans, offset) if spans and offset is not None \
        else terminal.paint(line, style)
    gap = padded[len(line):] if justify != "right" else padded[: len(padded) - len(line)]
    return gap + painted if justify == "right" else painted + gap


def _paint_spans(terminal: Terminal, line: str, style: str, spans, offset: int) -> str:
    styles = [style] * len(line)
    for start, end, span_style in spans:
        for position in range(max(start - offset, 0), min(end - offset, len(line))):
            styles[position] = f"{styles[position]} {span_style}".strip()
    out, run_start = [], 0
    for position in range(1, len(line) + 1):
        if position == len(line) or styles[position] != styles[run_start]:
            out.append(terminal.paint(line[run_start:position], styles[run_start]))
            run_start = position
    return "".join(out)
