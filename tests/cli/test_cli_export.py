"""`duban export`: the ledger as an office sheet, read back with a second library (openpyxl) cell by cell."""

from datetime import datetime

import pytest

from conftest import lines

openpyxl = pytest.importorskip("openpyxl")

HEADER = ["序号", "编号", "工作任务", "牵头单位", "配合单位", "完成时限", "状态", "逾期天数", "最新进展", "核查结论"]
ROWS = [
    [1, "2019H2-01", "全力做好创建国家卫生城市复审工作", "区卫生健康局", "疾控中心", datetime(2019, 10, 31), "未开始", 20,
     None, None],
    [2, "2019H2-02", "进一步提升中医药服务能力", "中医科", None, datetime(2019, 11, 25), "未开始", None, None, None],
    [3, "2019H2-03", "强力推进医疗服务信息化建设", "规划信息科", None, datetime(2019, 9, 30), "推进中", 51, "完成平台招标",
     None],
    [4, "2019H2-04", "进一步加强党建和宣传工作", "办公室", None, datetime(2019, 12, 31), "已完成", None, None, None],
]


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_every_cell_and_the_layout(cli_run, tmp_path):
    target = tmp_path / "台账.xlsx"
    result = cli_run("export", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert lines(result.output) == [f"已导出 4 项任务：{target}"]
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["工作台账"]
    sheet = book["工作台账"]
    assert values(sheet) == [["区卫生健康局工作任务台账（截至 2019-11-20）"] + [None] * 9, HEADER] + ROWS
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:J1"]
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$2:$2"
    widths = {column: int(d.width) for d in sheet.column_dimensions.values() for column in range(d.min, d.max + 1)}
    assert [widths[column] for column in range(1, 11)] == [6, 12, 46, 16, 20, 12, 9, 9, 36, 10]
    assert sheet["F3"].number_format == "yyyy-mm-dd"
    assert all(sheet.cell(3, c).alignment.wrap_text for c in range(1, 11))
    late = {row: sheet.cell(row, 3).fill.fgColor.rgb for row in (3, 4, 5, 6)}
    assert late[3] == late[5] == "FFFDE2E1" and late[4] == late[6] != "FFFDE2E1"  # 01 and 03 are late
    assert sheet.auto_filter.ref == "A2:J6"


def test_the_same_ledger_gives_the_same_bytes(cli_run, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    cli_run("export", "-o", str(first))
    cli_run("export", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_filters_of_list_and_a_sheet_per_plan(cli_run, workspace, tmp_path):
    from duban.ledger.model import Plan, Task
    from datetime import date

    workspace.save_plan(Plan("2020H1", "区卫生健康局", "2020H1", date(2020, 1, 1), date(2020, 6, 30)))
    workspace.save_task(Task("2020H1-01", "推进医共体建设", owner="医政科", due=date(2020, 6, 30)))
    target = tmp_path / "by-plan.xlsx"
    result = cli_run("export", "--by-plan", "--status", "todo", "-o", str(target))
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["2019H2", "2020H1"]
    assert values(book["2019H2"])[0][0] == "区卫生健康局 2019H2 工作任务台账（2019-07-01 至 2019-12-31，截至 2019-11-20）"
    assert [row[1] for row in values(book["2019H2"])[2:]] == ["2019H2-01", "2019H2-02"]
    assert [row[1] for row in values(book["2020H1"])[2:]] == ["2020H1-01"]
    overdue = tmp_path / "late.xlsx"
    cli_run("export", "--overdue", "--owner", "规划信息科", "-o", str(overdue))
    assert [row[1] for row in values(openpyxl.load_workbook(overdue).active)[2:]] == ["2019H2-03"]


def test_csv_is_utf8_with_bom_for_excel(cli_run, tmp_path):
    target = tmp_path / "台账.csv"
    result = cli_run("export", "-o", str(target), "--sort", "due")
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n") == [
        ",".join(HEADER),
        "1,2019H2-03,强力推进医疗服务信息化建设,规划信息科,,2019-09-30,推进中,51,完成平台招标,",
        "2,2019H2-01,全力做好创建国家卫生城市复审工作,区卫生健康局,疾控中心,2019-10-31,未开始,20,,",
        "3,2019H2-02,进一步提升中医药服务能力,中医科,,2019-11-25,未开始,,,",
        "4,2019H2-04,进一步加强党建和宣传工作,办公室,,2019-12-31,已完成,,,",
        "",
    ]
    piped = cli_run("export", "-o", "-", "--plan", "2019H2", "--grep", "中医")
    assert piped.output.lstrip("\ufeff").splitlines()[1:] == ["1,2019H2-02,进一步提升中医药服务能力,中医科,,2019-11-25,未开始,,,"]


def test_english_headers_and_default_file_name(cli_run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli_run("--lang", "en", "export")
    assert lines(result.output) == ["exported 4 tasks: ledger-2019-11-20.xlsx"]
    rows = values(openpyxl.load_workbook(tmp_path / "ledger-2019-11-20.xlsx").active)
    assert rows[1] == ["No.", "ID", "Task", "Lead unit", "Co-owners", "Due", "Status", "Days late", "Last note",
                       "Check verdict"]
    assert rows[4][6] == "in progress"


@pytest.mark.parametrize("args, message", [
    (["--by-plan", "--format", "csv"], "duban: --by-plan 每个计划一张表，CSV 文件只有一张；请用 --format xlsx"),
    (["-o", "-", "--format", "xlsx"], "duban: -o - 输出到标准输出，只能用于 CSV；.xlsx 请给出文件名"),
    (["-o", "台账.txt"], "duban: 从文件名 台账.txt 看不出格式：请以 .xlsx 或 .csv 结尾，或加 --format xlsx|csv"),
    (["-o", "台账"], "duban: 从文件名 台账 看不出格式：请以 .xlsx 或 .csv 结尾，或加 --format xlsx|csv"),
])
def test_usage_errors(cli_run, args, message):
    result = cli_run("export", *args)
    assert result.exit_code == 2
    assert lines(result.output) == [message]


def test_a_filter_naming_no_unit_writes_no_sheet(cli_run, tmp_path):
    result = cli_run("export", "--owner", "区卫健局", "-o", str(tmp_path / "台账.xlsx"))
    assert result.exit_code == 2
    assert lines(result.output) == ["duban: 没有“区卫健局”这个单位：是否指 区卫生健康局？"]
    assert not (tmp_path / "台账.xlsx").exists()


def test_a_format_given_writes_any_file_name(cli_run, tmp_path):
    """--format says what the name does not: the sheet is written as asked (and nothing is written without it)."""
    assert cli_run("export", "-o", str(tmp_path / "台账.txt")).exit_code == 2
    assert not (tmp_path / "台账.txt").exists()
    result = cli_run("export", "--format", "csv", "-o", str(tmp_path / "台账.txt"))
    assert result.exit_code == 0
    assert (tmp_path / "台账.txt").read_bytes().startswith("\ufeff序号".encode())
