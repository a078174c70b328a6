"""The views of list, overdue and show: colours where they belong, every column on 80 columns, whole titles."""

import io

from duban.ledger.queries import overdue_by_owner
from duban.views.cells import NO_LINE_START, width
from duban.views.ledger import render_list, render_overdue, render_task
from duban.views.terminal import Terminal
from duban.views.words import words

from conftest import TODAY

ZH = words("zh")


def terminal(cells=80, styled=False, colour=True) -> Terminal:
    return Terminal(io.StringIO(), cells, styled, styled, styled and colour)


def test_late_rows_are_red_and_soon_rows_yellow_on_a_terminal(workspace):
    out = terminal(styled=True)
    render_list(out, ZH, workspace.load_tasks().tasks, TODAY, soon_days=14)
    rows = {line[:9]: line for line in out.file.getvalue().splitlines() if line.startswith("2019H2-")}
    assert len(rows) == 4
    assert "\x1b[1;31m2019-10-31" in rows["2019H2-01"]      # 20 days late: bold red
    assert "\x1b[33m2019-11-25" in rows["2019H2-02"]        # due in 5 days: yellow
    assert "\x1b[1;31m" not in rows["2019H2-04"]            # done: never late


def test_no_colour_with_no_color_or_a_pipe(workspace):
    out = terminal(styled=True, colour=False)
    render_overdue(out, ZH, overdue_by_owner(workspace.load_tasks().tasks, TODAY), TODAY)
    assert "31m" not in out.file.getvalue() and "33m" not in out.file.getvalue()  # bold may stay; colour may not
    piped = terminal()
    render_list(piped, ZH, workspace.load_tasks().tasks, TODAY, soon_days=14)
    assert "\x1b[" not in piped.file.getvalue()


def test_list_exactly_at_80_columns(workspace):
    out = terminal(80)
    render_list(out, ZH, workspace.load_tasks().tasks, TODAY, soon_days=14)
    # The title column wraps at an even width (an odd one would leave a cell empty), never in the middle of a unit
    # name, and its last line never holds a single character.
    assert out.file.getvalue().splitlines() == [
        "编号       标题                          责任单位      完成时限    状态    逾期",
        "─" * 79,
        "2019H2-01  全力做好创建国家卫生城市复审  区卫生健康局  2019-10-31  未开始  20天",
        "           工作",
        "2019H2-02  进一步提升中医药服务能力      中医科        2019-11-25  未开始",
        "2019H2-03  强力推进医疗服务信息化建设    规划信息科    2019-09-30  推进中  51天",
        "2019H2-04  进一步加强党建和宣传工作      办公室        2019-12-31  已完成",
        "共 4 项任务",
    ]


def test_nothing_is_cut_on_a_narrow_terminal(workspace):
    out = terminal(60)
    render_list(out, ZH, workspace.load_tasks().tasks, TODAY, soon_days=14)
    text = out.file.getvalue()
    assert all(width(line) <= 60 for line in text.splitlines())
    assert "…" not in text and text.count("2019H2-") == 4


def test_overdue_groups_by_owner(workspace):
    out = terminal(80)
    render_overdue(out, ZH, overdue_by_owner(workspace.load_tasks().tasks, TODAY), TODAY)
    # At 80 columns the last note moves under the title, so that every title keeps its line.
    assert out.file.getvalue().splitlines() == [
        "逾期任务（2）",
        "编号       标题                              完成时限    逾期天数",
        "─" * 65,
        "规划信息科（1）",
        "2019H2-03  强力推进医疗服务信息化建设        2019-09-30        51",
        "           最新进展：完成平台招标",
        "",
        "区卫生健康局（1）",
        "2019H2-01  全力做好创建国家卫生城市复审工作  2019-10-31        20",
    ]
    wide = terminal(100)
    render_overdue(wide, ZH, overdue_by_owner(workspace.load_tasks().tasks, TODAY), TODAY)
    assert wide.file.getvalue().splitlines()[4] == (
        "2019H2-03  强力推进医疗服务信息化建设        2019-09-30        51  完成平台招标")


def test_show_exactly(workspace):
    out = terminal(80)
    render_task(out, ZH, workspace.get_task("2019H2-03"), TODAY, soon_days=14)
    assert out.file.getvalue().splitlines() == [
        "2019H2-03  强力推进医疗服务信息化建设",
        "状态      推进中",
        "责任单位  规划信息科",
        "完成时限  2019-09-30 (三季度末)  逾期 51天",
        "分类      其他工作打算",
        "",
        "进展记录",
        "日期        状态    说明          记录人",
        "─" * 40,
        "2019-09-02  推进中  完成平台招标  张三",
    ]


def test_english(workspace):
    out = terminal(100)
    render_list(out, words("en"), workspace.load_tasks().tasks, TODAY, soon_days=14)
    lines = out.file.getvalue().splitlines()
    assert lines[0].split() == ["ID", "Title", "Owner", "Due", "Status", "Overdue"]
    assert lines[2].endswith("to do        20 days") and lines[-1] == "4 tasks"
