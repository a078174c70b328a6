"""Reading the tables offices send (任务分解表) into grids of cell texts: Excel (.xlsx, .xlsm, .xls, .ods through
python-calamine), .csv in any Chinese encoding, and the tables of a Word .docx (python-docx).

A grid is what a person sees: merged cells hold their text in every cell they cover, and each cell that continues
a merge from the row above is marked, because a cell merged down over several rows means "the same for all of
these" (one lead unit for several tasks, or one task heading over its measures). Each library is imported only by
the reader that needs it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from duban.errors import BadInput
from duban.inputs import check_zip, name_text

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = EXCEL_SUFFIXES + (".csv",)
MAX_ROWS = 20_000  # per sheet: a task table is a few hundred rows; past this it is some other kind of sheet
MAX_COLUMNS = 60


@dataclass
class Grid:
    """One sheet or one Word table."""

    name: str
    cells: list[list[str]]
    continued: set[tuple[int, int]] = field(default_factory=set)  # (row, column) continuing a merge from above
    spanned: set[tuple[int, int]] = field(default_factory=set)  # (row, column) continuing a merge from the left
    before: list[str] = field(default_factory=list)  # text above the table in a Word file (its title)


def read_grids(data: bytes, path: Path, notes: list | None = None) -> list[Grid]:
    """The grids of a table file, by its extension; BadInput naming the file when it cannot be read. What had to be
    mended (bytes of a CSV that were not UTF-8) is added to `notes`."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(data, path)
    if suffix == ".csv":
        return [_read_csv(data, path, notes)]
    if suffix == ".docx":
        return read_docx_grids(data, path)
    raise BadInput("not_a_table_file", path=path)


def cell_text(value) -> str:
    """A cell's value as text: 3.0 → "3", a date → "2019-12-31", line breaks kept, other spaces tidied."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    lines = (" ".join(line.split()) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _fill_merges(cells: list[list[str]], merges) -> tuple[set, set]:
    """Give every cell of each merged range the text of its top-left cell; returns the cells that continue a merge
    from above and those that continue one from the left."""
    continued, spanned = set(), set()
    for (top, left), (bottom, right) in merges:
        if top >= len(cells):
            continue
        text = cells[top][left] if left < len(cells[top]) else ""
        for row in range(top, min(bottom, len(cells) - 1) + 1):
            for column in range(left, min(right, len(cells[row]) - 1) + 1):
                cells[row][column] = text
                if row > top:
                    continued.add((row, column))
                elif column > left:
                    spanned.add((row, column))
    return continued, spanned


def _rectangular(rows: list[list[str]], width: int = 0) -> list[list[str]]:
    width = max([width] + [len(row) for row in rows])
    return [row + [""] * (width - len(row)) for row in rows]


# --- Excel ------------------------------------------------------------------------------------------

def _read_excel(data: bytes, path: Path) -> list[Grid]:
    check_zip(data, path)  # .xlsx and .ods are zips (an .xls is not, and passes)
    try:
        from python_calamine import CalamineWorkbook  # only table imports need it

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            grids.append(_excel_grid(sheet, name, path))
        return grids
    except BadInput:
        raise
    except Exception as error:  # calamine raises its own kinds on a damaged or encrypted file
        raise BadInput("bad_spreadsheet", path=path, error=f"{type(error).__name__}: {error}") from None


def _excel_grid(sheet, name: str, path: Path) -> Grid:
    if sheet.total_height > MAX_ROWS or sheet.total_width > MAX_COLUMNS:
        raise BadInput("sheet_too_large", path=path, sheet=name, rows=sheet.total_height,
                       columns=sheet.total_width, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    # skip_empty_area=False: rows and columns count from A1, as the merged ranges do
    cells = [[cell_text(value) for value in row] for row in sheet.to_python(skip_empty_area=False)]
    merges = sheet.merged_cell_ranges or []
    bottom = max([len(cells) - 1] + [end[0] for _, end in merges])
    right = max([len(cells[0]) - 1 if cells else 0] + [end[1] for _, end in merges])
    cells = _rectangular(cells + [[] for _ in range(bottom + 1 - len(cells))], right + 1)
    return Grid(name, cells, *_fill_merges(cells, merges))


# --- CSV --------------------------------------------------------------------------------------------

def _read_csv(data: bytes, path: Path, notes: list | None = None) -> Grid:
    import csv

    from duban.report.formats import decode_text

    text = decode_text(data, path, notes=notes)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append([cell_text(cell) for cell in row[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS:
            raise BadInput("table_too_many_rows", path=path, max_rows=MAX_ROWS)
    return Grid(Path(name_text(path)).stem, _rectangular(rows))


# --- Word -------------------------------------------------------------------------------------------

def read_docx_grids(data: bytes, path: Path) -> list[Grid]:
    """Every top-level table of a .docx, each with the paragraphs above it (where a table's title stands)."""
    check_zip(data, path)
    try:
        import docx  # only .docx imports need it
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        grids, before = [], []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = Paragraph(block, document).text.strip()
                if text:
                    before = (before + [text])[-5:]
            elif tag == "tbl":
                grids.append(_docx_grid(Table(block, document), f"{Path(name_text(path)).stem} 表{len(grids) + 1}", before))
                before = []
        return grids
    except BadInput:
        raise
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise BadInput("bad_docx", path=path, error=type(error).__name__) from None


def _docx_grid(table, name: str, before: list[str]) -> Grid:
    """python-docx repeats a merged cell in every grid position it covers; the same cell one row up is a merge."""
    cells: list[list[str]] = []
    continued, spanned = set(), set()
    previous = []
    for row_index, row in enumerate(table.rows):
        if row_index >= MAX_ROWS:
            break
        row_cells = list(row.cells)[:MAX_COLUMNS]
        cells.append([cell_text(cell.text) for cell in row_cells])
        for column, cell in enumerate(row_cells):
            if column < len(previous) and previous[column]._tc is cell._tc:
                continued.add((row_index, column))
            elif column and row_cells[column - 1]._tc is cell._tc:
                spanned.add((row_index, column))
        previous = row_cells
    return Grid(name, _rectangular(cells), continued, spanned, list(before))
