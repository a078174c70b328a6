"""The ledger as an office sheet (`duban export`): .xlsx through XlsxWriter, or .csv in UTF-8 with a BOM for Excel.

A sheet is a title row (organisation, plan, date), the header (序号, 编号, 工作任务, 牵头单位, 配合单位, 完成时限,
状态, 逾期天数, 最新进展, 核查结论) and one row per task. `duban import` reads such a sheet back (plan/tables.py):
the 编号 column ties each row to its task, so a sheet exported and imported again changes no file.

The same tasks and the same date give the same bytes (the workbook's creation time is the run's date), so an
exported ledger kept in git shows only what changed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from duban.views.words import Words

# (word of the header, column width in Excel's character units): wide enough for a Chinese unit or a date.
COLUMNS = (("seq", 6), ("id", 12), ("work_task", 46), ("lead_owner", 16), ("co_owners", 20), ("due", 12),
           ("status", 9), ("days_overdue", 9), ("last_note", 36), ("check_verdict", 10))
_DUE = 5  # the 完成时限 column: a real date cell in Excel
_DAYS = 7


@dataclass
class Sheet:
    name: str
    title: str
    rows: list[list]  # one per task, cells in COLUMNS order; dates as date, numbers as int, the rest as str


def header(w: Words) -> list[str]:
    return [w(key) for key, _ in COLUMNS]


def task_row(w: Words, number: int, task, today: date) -> list:
    """One task as the cells of its row."""
    late = task.days_overdue(today)
    verdict = task.check.get("verdict") if isinstance(task.check, dict) else None
    return [number, task.id, task.title, task.owner, w("unit_sep").join(task.co_owners), task.due,
            w.status(task.status), late or "", task.last_note(), w.verdict(verdict) if verdict else ""]


def ledger_sheets(tasks: list, plans: dict, w: Words, today: date, org: str, by_plan: bool) -> list[Sheet]:
    """One sheet of every task, or one per plan (`plans`: id → Plan, for the plan's organisation and dates)."""
    if not by_plan or not tasks:
        rows = [task_row(w, n, task, today) for n, task in enumerate(tasks, 1)]
        return [Sheet(w("export_sheet"), w("export_title", org=org, today=today.isoformat()), rows)]
    sheets = []
    for plan_id in dict.fromkeys(task.plan for task in tasks):  # plans in the order their tasks come
        mine = [task for task in tasks if task.plan == plan_id]
        plan = plans.get(plan_id)
        title = w("export_plan_title", org=plan.org if plan else org, plan=plan_id, today=today.isoformat(),
                  start=plan.start.isoformat() if plan else "", end=plan.end.isoformat() if plan else "")
        sheets.append(Sheet(plan_id, title, [task_row(w, n, task, today) for n, task in enumerate(mine, 1)]))
    return sheets


def to_csv(sheet: Sheet, w: Words) -> bytes:
    """The header and the rows (no title row: a CSV is read by programs too), UTF-8 with BOM, CRLF as Excel writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(w))
    for row in sheet.rows:
        writer.writerow([cell.isoformat() if isinstance(cell, date) else cell for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(sheets: list[Sheet], w: Words, today: date) -> bytes:
    """A workbook of the sheets: title row, frozen header, widths, wrapped text, date cells, late rows marked."""
    import xlsxwriter  # only `duban export` needs it

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": sheets[0].title if sheets else "",
                             "created": datetime.combine(today, datetime.min.time())})
    formats = _Formats(workbook)
    for sheet in sheets:
        _write_sheet(workbook.add_worksheet(sheet.name), sheet, w, formats)
    workbook.close()
    return buffer.getvalue()


class _Formats:
    """XlsxWriter formats, made once per workbook: one per kind of cell, late or not."""

    def __init__(self, workbook):
        base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
        late = {"bg_color": "#FDE2E1", "font_color": "#9C0006"}
        self.title = workbook.add_format({"font_name": "黑体", "font_size": 14, "bold": True, "align": "center",
                                          "valign": "vcenter"})
        self.header = workbook.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9E1F2"})
        self.cells = {}
        for is_late in (False, True):
            extra = late if is_late else {}
            self.cells[("text", is_late)] = workbook.add_format({**base, **extra})
            self.cells[("centre", is_late)] = workbook.add_format({**base, **extra, "align": "center"})
            self.cells[("date", is_late)] = workbook.add_format({**base, **extra, "align": "center",
                                                                 "num_format": "yyyy-mm-dd"})

    def cell(self, column: int, late: bool):
        kind = "date" if column == _DUE else "text" if COLUMNS[column][1] > 12 else "centre"
        return self.cells[(kind, late)]


LINE_HEIGHT = 14  # points, for 10-point 宋体


def _row_height(row: list) -> int:
    """Tall enough for its longest wrapped cell: spreadsheet programs do not grow rows they did not lay out."""
    from math import ceil

    from duban.views.cells import width

    lines = max(ceil(width(value) / (cells - 1)) if isinstance(value, str) and value else 1
                for value, (_, cells) in zip(row, COLUMNS))
    return LINE_HEIGHT * lines + 4


def _write_sheet(worksheet, sheet: Sheet, w: Words, formats: _Formats) -> None:
    last = len(COLUMNS) - 1
    worksheet.merge_range(0, 0, 0, last, sheet.title, formats.title)
    worksheet.set_row(0, 28)
    worksheet.write_row(1, 0, header(w), formats.header)
    for column, (_, width) in enumerate(COLUMNS):
        worksheet.set_column(column, column, width)
    for index, row in enumerate(sheet.rows):
        worksheet.set_row(index + 2, _row_height(row))
        late = bool(row[_DAYS])
        for column, value in enumerate(row):
            style = formats.cell(column, late)
            if isinstance(value, date):
                worksheet.write_datetime(index + 2, column, datetime.combine(value, datetime.min.time()), style)
            elif isinstance(value, int):
                worksheet.write_number(index + 2, column, value, style)
            elif value:  # write_string: a title starting with "=" or holding a URL stays text
                worksheet.write_string(index + 2, column, value, style)
            else:
                worksheet.write_blank(index + 2, column, None, style)
    worksheet.freeze_panes(2, 0)
    worksheet.repeat_rows(1)  # the header on every printed page
    worksheet.set_landscape()
    worksheet.set_paper(9)  # A4
    worksheet.fit_to_pages(1, 0)
    if sheet.rows:
        worksheet.autofilter(1, 0, len(sheet.rows) + 1, last)


def export_ledger(workspace, tasks: list, w: Words, today: date, fmt: str, by_plan: bool = False) -> bytes:
    """The file `duban export` writes: the tasks as .xlsx (one sheet, or one per plan) or as .csv."""
    plans = {plan.id: plan for plan in workspace.plans()} if by_plan else {}
    sheets = ledger_sheets(tasks, plans, w, today, workspace.organisation, by_plan)
    return to_csv(sheets[0], w) if fmt == "csv" else to_xlsx(sheets, w, today)
