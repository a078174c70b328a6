"""Regenerates the office-file fixtures of tests/data (run by hand; tests read the committed files).

    python tests/data/make_office_files.py

tables/: task tables (任务分解表). doc/: each seed report of tests/data/reports as an old Word .doc (one paragraph
per line of the .txt, through python-docx, then LibreOffice), to test that a .doc imports as its .txt does.

A 任务分解表 as district offices lay it out: a title row merged across the sheet; a two-row header (责任单位 over
牵头单位 / 配合单位); category rows (一、重点工作打算) merged across; a 工作任务 cell merged down over its two
具体措施 rows; units one per line in a cell; deadlines as words (10月底前, 年底前, 三季度末, 长期坚持) and as a
real date cell. The tasks are those of seed report 000's plan part (tests/data/reports/000_…), with lead units
and deadlines assigned as an office would.

Written with openpyxl (.xlsx), python-docx (.docx) and the csv module (.csv, GB18030 as Excel saves it in
China); the .xls is the .xlsx converted by LibreOffice when it is installed (`soffice`), else left as it is.
"""

import csv
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent / "tables"
TITLE = "区卫生健康局2019年下半年重点工作任务分解表"
HEADER = ["序号", "工作任务", "具体措施", "责任单位", "", "完成时限"]
SUBHEADER = ["", "", "", "牵头单位", "配合单位", ""]
# (序号, 工作任务, 具体措施, 牵头单位, 配合单位, 完成时限); a row of one string is a category row; None in 工作任务
# continues the cell above (merged down).
ROWS = [
    "一、重点工作打算",
    ("1", "圆满完成市区综合考核工作", "分析存在问题及下步对策，实行周通报、月调度，确保居民健康保障水平和群众满意度指标完成。",
     "办公室", "各科室\n各直属单位", "年底前"),
    ("2", "全力推动区办实事、重点项目进展", "继续做好第八人民医院东院区、社区卫生服务中心康养项目建设，完成3处急救点建设。",
     "规划信息科", "区第八人民医院", "2019年10月底前"),
    ("3", "全力做好创建国家卫生城市复审工作", "为辖区医疗机构发放创城宣传画和禁烟标识，督促及时更新健康教育宣传内容。",
     "爱卫办", "各社区卫生服务中心", "三季度末"),
    ("4", None, "加大对四小单位的精准指导和监管力度，四小单位持证率达到95%以上。",
     "卫生监督所", "", "2019-11-30"),
    ("5", "全面推进社区卫生服务工作", "将家庭医生签约服务工作落实到实处，签约服务覆盖率达到30%以上。",
     "基层卫生科", "各社区卫生服务中心", "年底前"),
    "二、其他工作打算",
    ("6", "强力推进医疗服务信息化\n建设", "持续推进区人口健康信息平台一期建设工作。",
     "规划信息科", "", "12月"),
    ("7", "进一步加强党建和宣传工作", "扎实开展党建主题活动，发挥党员干部和业务骨干先锋模范带头作用。",
     "办公室", "", "长期坚持"),
]
DUE_DATE_ROW = 4  # its 完成时限 is a date cell in Excel


def table_rows():
    """The rows as cell texts, with merges: (cells, [(first column, last column, rows down)] of the row)."""
    out = []
    for row in ROWS:
        if isinstance(row, str):
            out.append([row] + [""] * 5)
        else:
            out.append([cell or "" for cell in row])
    return out


def make_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解"
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    sheet.append(SUBHEADER)
    for column in "ABCF":  # 序号, 工作任务, 具体措施, 完成时限 span both header rows
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("D2:E2")
    first = 4
    for offset, (cells, row) in enumerate(zip(table_rows(), ROWS)):
        number = first + offset
        values = list(cells)
        if row is not ROWS[0] and not isinstance(row, str) and row[0] == str(DUE_DATE_ROW):
            values[5] = date(2019, 11, 30)
        sheet.append(values)
        if isinstance(row, str):
            sheet.merge_cells(f"A{number}:F{number}")
        elif row[1] is None:
            sheet.merge_cells(f"B{number - 1}:B{number}")
    for column, width in zip("ABCDEF", (6, 30, 50, 14, 20, 14)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    book.save(path)


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    rows = table_rows()
    table = document.add_table(rows=2 + len(rows), cols=6)
    table.style = "Table Grid"
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    for column, text in enumerate(SUBHEADER):
        table.cell(1, column).text = text
    for column in (0, 1, 2, 5):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 3).merge(table.cell(0, 4))
    for index, (cells, row) in enumerate(zip(rows, ROWS)):
        number = index + 2
        if isinstance(row, str):
            merged = table.cell(number, 0).merge(table.cell(number, 5))
            merged.text = row
            continue
        for column, text in enumerate(cells):
            if text:
                table.cell(number, column).text = text
        if row[1] is None:
            table.cell(number - 1, 1).merge(table.cell(number, 1))
    document.add_paragraph("注：各单位于每月25日前报送进展情况。")
    document.save(path)


def make_csv(path: Path) -> None:
    """The plain version offices e-mail: one header row, no merges, GB18030 as Excel saves CSV in China."""
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", "重点任务", "牵头单位", "配合单位", "时间节点"])
        for row in ROWS:
            if isinstance(row, str):
                continue
            number, task, measure, lead, support, due = row
            writer.writerow([number, (task or "").replace("\n", "") + "：" + measure if task else measure,
                             lead, support.replace("\n", "、"), due])


def convert(source: Path, fmt: str, path: Path) -> None:
    """source → path in another format, by LibreOffice when installed; else the old file is left as it is."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"no LibreOffice: {path.name} left as it is")
        return
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", work, str(source)], check=True,
                       capture_output=True)
        shutil.move(str(Path(work) / (source.stem + "." + fmt)), path)


def make_doc_reports(folder: Path) -> None:
    import docx

    folder.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for report in sorted((Path(__file__).parent / "reports").glob("0*.txt")):
            document = docx.Document()
            for line in report.read_text(encoding="utf-8").splitlines():
                document.add_paragraph(line)
            source = Path(work) / (report.stem + ".docx")
            document.save(source)
            convert(source, "doc", folder / (report.stem + ".doc"))


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    make_xlsx(HERE / "任务分解表.xlsx")
    make_docx(HERE / "任务分解表.docx")
    make_csv(HERE / "任务分解表.csv")
    convert(HERE / "任务分解表.xlsx", "xls", HERE / "任务分解表.xls")
    make_doc_reports(Path(__file__).parent / "doc")
