"""Task tables (任务分解表) read from real office files: header found, columns mapped, merged and multi-line cells."""

from datetime import date
from pathlib import Path

import pytest

from duban.plan.sheets import read_grids
from duban.plan.tables import (cell_deadline, cell_status, column_kinds, grids_text, read_table_text, split_units,
                               table_items, title_period)
from duban.text.dates import parse_period
from sample_reports import DATA

TABLES = DATA / "tables"
H2 = parse_period("2019H2")

# What seed 000's task table (tests/data/make_office_files.py) holds, as a person reads it:
# (title, category, owner, co-owners, due, due basis)
EXPECTED = [
    ("圆满完成市区综合考核工作", "重点工作打算", "办公室", ["各科室", "各直属单位"], date(2019, 12, 31), "年底前"),
    ("全力推动区办实事、重点项目进展", "重点工作打算", "规划信息科", ["区第八人民医院"], date(2019, 10, 31),
     "2019年10月底前"),
    ("为辖区医疗机构发放创城宣传画和禁烟标识，督促及时更新健康教育宣传内容", "全力做好创建国家卫生城市复审工作",
     "爱卫办", ["各社区卫生服务中心"], date(2019, 9, 30), "三季度末"),
    ("加大对四小单位的精准指导和监管力度，四小单位持证率达到95%以上", "全力做好创建国家卫生城市复审工作",
     "卫生监督所", [], date(2019, 11, 30), "2019-11-30"),
    ("全面推进社区卫生服务工作", "重点工作打算", "基层卫生科", ["各社区卫生服务中心"], date(2019, 12, 31), "年底前"),
    ("强力推进医疗服务信息化建设", "其他工作打算", "规划信息科", [], date(2019, 12, 31), "12月"),
    ("进一步加强党建和宣传工作", "其他工作打算", "办公室", [], date(2019, 12, 31), "period end"),
]


def items_of(path: Path, period=H2):
    table = read_table_text(grids_text(read_grids(path.read_bytes(), path)))
    return table, table_items(table, period, default_owner="区卫生健康局")


@pytest.mark.parametrize("name", ["任务分解表.xlsx", "任务分解表.xls", "任务分解表.docx"])
def test_the_same_table_in_excel_and_word_gives_the_same_items(name):
    table, items = items_of(TABLES / name)
    assert [(i.title, i.category, i.owner, i.co_owners, i.due, i.due_basis) for i in items] == EXPECTED
    assert title_period(table.titles) == H2
    assert [str(t.to_dict()) for t in items[3].targets] == [
        "{'metric': '四小单位持证率', 'comparator': 'at_least', 'value': 95, 'unit': '%'}"]


def test_excel_and_word_give_the_same_report_text():
    texts = {name: grids_text(read_grids((TABLES / name).read_bytes(), TABLES / name))
             for name in ("任务分解表.xlsx", "任务分解表.docx")}
    assert texts["任务分解表.xlsx"] == texts["任务分解表.docx"]
    lines = texts["任务分解表.xlsx"].splitlines()
    assert lines[:4] == ["区卫生健康局2019年下半年重点工作任务分解表",
                         "序号 | 工作任务 | 具体措施 | 责任单位 |  | 完成时限",
                         "〃 | 〃 | 〃 | 牵头单位 | 配合单位 | 〃",
                         "一、重点工作打算 |  |  |  |  | "]
    assert lines[7].startswith("4 | 〃 | 加大对四小单位")  # merged down: the ditto mark


def test_a_gb18030_csv_with_other_column_names():
    _, items = items_of(TABLES / "任务分解表.csv")
    assert [(i.title, i.owner, i.co_owners, i.due_basis) for i in items][:2] == [
        ("圆满完成市区综合考核工作", "办公室", ["各科室", "各直属单位"], "年底前"),
        ("全力推动区办实事、重点项目进展", "规划信息科", ["区第八人民医院"], "2019年10月底前")]
    assert items[0].detail.startswith("分析存在问题及下步对策")


def test_items_point_at_their_row_of_the_report_text():
    table, items = items_of(TABLES / "任务分解表.xlsx")
    lines = grids_text(read_grids((TABLES / "任务分解表.xlsx").read_bytes(), TABLES / "任务分解表.xlsx")).splitlines()
    assert all(lines[item.line - 1].split(" | ")[0].isdigit() for item in items)
    assert [lines[item.line - 1].split(" | ")[0] for item in items] == ["1", "2", "3", "4", "5", "6", "7"]


@pytest.mark.parametrize("cells, kinds", [
    (["序号", "重点任务", "责任单位", "完成时间"], {0: "seq", 1: "title", 2: "owner", 3: "due"}),
    (["序 号", "任务内容", "主办", "协办", "时间节点", "备注"], {0: "seq", 1: "title", 2: "owner", 3: "co", 4: "due"}),
    (["No.", "ID", "Task", "Lead unit", "Co-owners", "Due", "Status", "Days late", "Last note"],
     {0: "seq", 1: "id", 2: "title", 3: "owner", 4: "co", 5: "due", 6: "status", 8: "note"}),
    (["完成时限（年月）", "牵头单位*"], {0: "due", 1: "owner"}),
])
def test_column_names_and_variants(cells, kinds):
    assert column_kinds(cells) == kinds


@pytest.mark.parametrize("cell, due, basis", [
    ("2019-11-30", date(2019, 11, 30), "2019-11-30"),
    ("2019/9/1", date(2019, 9, 1), "2019/9/1"),
    ("2019.12", date(2019, 12, 31), "2019.12"),
    ("2019年10月", date(2019, 10, 31), "2019年10月"),
    ("12月", date(2019, 12, 31), "12月"),
    ("10月底前", date(2019, 10, 31), "10月底前"),
    ("年底前\n完成", date(2019, 12, 31), "年底前 完成"),
    ("上半年", date(2019, 6, 30), "上半年"),  # a table's deadline column names deadlines, even before the period
])
def test_deadline_cells(cell, due, basis):
    assert cell_deadline(cell, H2) == (due, basis)


@pytest.mark.parametrize("cell", ["", "长期坚持", "持续推进", "按上级要求"])
def test_cells_that_state_no_date(cell):
    assert cell_deadline(cell, H2) is None


def test_units_and_statuses():
    assert split_units("区卫健局（牵头）、区财政局\n区医保局") == ["区卫健局", "区财政局", "区医保局"]
    assert [cell_status(s) for s in ("未开始", "in progress", "已办结", "", "正在推进中")] == [
        "todo", "in_progress", "done", None, None]


def test_a_table_with_no_task_header_has_no_rows(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    assert read_table_text(grids_text(read_grids(path.read_bytes(), path))).rows == []
