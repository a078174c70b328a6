"""The weekly report (督办周报): its content for a fixed day on a fixture workspace, exactly, in every format."""

from __future__ import annotations

import re
from datetime import date, timedelta

import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.errors import UsageError
from duban.views import json as json_out
from duban.ledger.model import ProgressEntry, Task
from duban.ledger.values import STATUSES
from duban.ledger.store import Workspace, init_workspace
from duban.weekly.report import weekly_report
from duban.views.terminal import Terminal
from duban.views.words import words
from duban.weekly.render import md_escape, render_html, render_markdown, render_text
from duban.weekly.rows import bar_cells
from weekly_fixture import ORG, TEXT_ZH, TODAY, build_workspace


@pytest.fixture
def report(tmp_path):
    return weekly_report(build_workspace(tmp_path / "plans"), TODAY)


def test_header_and_counts(report):
    assert (report.organisation, report.week, report.monday, report.sunday, report.today) == (
        ORG, "2019-W36", date(2019, 9, 2), date(2019, 9, 8), TODAY)
    c = report.counts
    assert (c.total, c.open, c.todo, c.in_progress, c.blocked, c.done, c.dropped, c.overdue, c.due_soon) == (
        12, 8, 4, 3, 1, 3, 1, 5, 2)
    assert (report.issue, report.issuer) == (36, ORG)  # no [weekly] table: the ISO week, the organisation
    assert [str(f.path.name) for f in report.skipped] == ["09.toml"]


def test_moved_this_week_by_owner_with_status_changes(report):
    # 09-01 (the Sunday before) and 09-09 (the Monday after) are outside the week.
    assert [(m.owner, m.date.isoformat(), m.task_id, m.previous, m.status, m.note, m.by) for m in report.moved] == [
        ("中医科", "2019-09-04", "2019H2-04", "in_progress", "done", "已举办活动3场", "赵六"),
        ("基层卫生科", "2019-09-03", "2019H2-02", "in_progress", "in_progress", "新增签约1200人", "李四"),
        ("疾控中心", "2019-09-02", "2019H2-03", "in_progress", "blocked", "改造资金未到位", "王五"),
        ("规划信息科", "2019-09-05", "2019H2-06", "todo", "todo", "招标文件待区财政评审，平台建设延至明年一季度", "孙七"),
        ("", "2019-09-03", "2019H2-08", "todo", "todo", "方案已报区政府", "办公室"),
    ]
    assert report.status_changes == 2


def test_deadlines_moved_in_the_week(report):
    # The move of 08-30 (the week before) is left out; the one of 09-05 is shown from its old date to its new one.
    assert [(c.task_id, c.date, c.old, c.new, c.days, c.note, c.by) for c in report.due_changes] == [
        ("2019H2-06", date(2019, 9, 5), date(2019, 10, 31), date(2020, 3, 31), 152,
         "招标文件待区财政评审，平台建设延至明年一季度", "孙七")]


def test_overdue_worst_first_due_soon_owners_and_checks(report):
    assert [(t.task_id, t.days_late, t.last_note) for t in report.overdue] == [
        ("2019H1-02", 66, ""), ("2019H1-03", 66, ""), ("2019H2-03", 35, "改造资金未到位"),
        ("2019H2-01", 4, "督查组现场检查"), ("2019H2-08", 3, "下周启动")]
    # Due today + 14 days is inside the horizon; done tasks are not listed.
    assert [(t.task_id, t.days_left) for t in report.due_soon] == [("2019H2-02", 6), ("2019H2-05", 14)]
    # The dropped task counts in no total, and as dropped for its owner.
    assert [(s.owner, s.total, s.open, s.done, s.overdue, s.dropped) for s in report.owners] == [
        ("疾控中心", 3, 2, 1, 2, 0), ("区卫生健康局", 1, 1, 0, 1, 1), ("医政科", 2, 1, 1, 1, 0), ("", 1, 1, 0, 1, 0),
        ("基层卫生科", 1, 1, 0, 0, 0), ("妇幼健康科", 1, 1, 0, 0, 0), ("规划信息科", 1, 1, 0, 0, 0),
        ("中医科", 1, 0, 1, 0, 0)]
    # 2019H1 was checked against two summaries: only the later check is shown.
    [check] = report.checks
    assert (check.plan, check.report, check.date, check.verdicts) == (
        "2019H1", "2019年上半年工作总结.docx", date(2019, 7, 20), {"done": 1, "in_progress": 1, "not_found": 1})
    assert [(c.task_id, c.verdict, c.score, c.evidence) for c in check.tasks] == [
        ("2019H1-01", "done", 0.82, "区域医联体建设全面完成，三家医院挂牌运行。"),
        ("2019H1-02", "in_progress", 0.55, "分级诊疗稳步推进。"),
        ("2019H1-03", "not_found", 0.1, "")]


def test_chosen_week(tmp_path):
    workspace = build_workspace(tmp_path / "plans")
    report = weekly_report(workspace, TODAY, "2019w35")
    assert (report.week, report.monday, report.sunday) == ("2019-W35", date(2019, 8, 26), date(2019, 9, 1))
    assert [(m.task_id, m.date) for m in report.moved] == [("2019H2-01", date(2019, 9, 1)),
                                                          ("2019H2-06", date(2019, 8, 30))]
    assert [(c.task_id, c.old, c.new) for c in report.due_changes] == [
        ("2019H2-06", date(2019, 12, 31), date(2019, 10, 31))]  # moved earlier: a change all the same
    assert report.counts.overdue == 5  # counts are as of today, whatever the week
    with pytest.raises(UsageError, match="2019 has no week 54: it has 52"):
        weekly_report(workspace, TODAY, "2019-W54")


def test_empty_workspace(tmp_path):
    init_workspace(tmp_path, "")
    report = weekly_report(Workspace(tmp_path), date(2020, 1, 1))
    assert report.week == "2020-W01" and report.organisation == ""
    md = render_markdown(report, words("zh"))
    for line in ("本周无进展记录。", "无逾期事项。", "近两周无到期事项。", "暂无事项。", "尚无核查结果。"):
        assert md_escape(line) in md
    assert "No progress recorded this week." in text(report, "en")
    assert "Nothing is overdue." in render_html(report, words("en"))


def test_organisation_falls_back_to_the_plans(tmp_path):
    workspace = build_workspace(tmp_path / "plans")
    (tmp_path / "plans" / "duban.toml").write_text('organisation = ""\n', encoding="utf-8")
    assert weekly_report(Workspace(workspace.root), TODAY).organisation == ORG


def test_a_status_written_in_chinese_in_the_log_counts_as_a_change(tmp_path):
    init_workspace(tmp_path, "办公室")
    workspace = Workspace(tmp_path)
    from duban.ledger.model import Plan

    workspace.save_plan(Plan("2019", "办公室", "2019", date(2019, 1, 1), date(2019, 12, 31)))
    workspace.save_task(Task("2019-01", "事项", status="done", owner="办公室", due=date(2019, 12, 31),
                             progress=[ProgressEntry(date(2019, 9, 3), "已完成", "办结", "张三")]))
    [move] = weekly_report(workspace, TODAY).moved
    assert (move.previous, move.status, move.status_changed) == ("todo", "done", True)


def test_issue_numbers_count_from_the_first_week_and_restart_each_year():
    from duban.weekly.report import issue_number

    assert issue_number(date(2019, 11, 18)) == 47                  # no first week: the ISO week
    assert issue_number(date(2019, 7, 1), "2019-W27") == 1
    assert issue_number(date(2019, 11, 18), "2019-W27") == 21
    assert issue_number(date(2019, 6, 24), "2019-W27") is None      # before the first issue
    assert issue_number(date(2020, 1, 6), "2019-W27") == 2         # a later year counts from its week 1


def test_long_notes_are_shortened_in_the_printout_and_whole_in_json(tmp_path):
    from duban.views import json as json_out
    from duban.weekly.rows import blocks

    workspace = build_workspace(tmp_path / "plans")
    note = "督查组现场检查发现四小单位持证率偏低，已下发整改通知书，要求各街道于本月底前完成整改并报送整改台账，逾期将通报"
    task = workspace.get_task("2019H2-01")
    task.progress.append(ProgressEntry(date(2019, 9, 3), "in_progress", note, "张三"))
    workspace.save_task(task)
    report = weekly_report(workspace, TODAY)
    moved = next(b for b in blocks(report, words("zh")) if b.key == "moved")
    shown = next(row[-1].text for row in moved.rows if row[2].text == "2019H2-01")
    assert shown == "督查组现场检查发现四小单位持证率偏低，已下发整改通知书…（张三）"  # at the end of a clause
    assert json_out.weekly_record(report)["moved"][1]["note"] == note


def test_bars_keep_every_part_visible():
    from duban.weekly.report import OwnerStats

    assert bar_cells(OwnerStats("a", 100, 1, 99, 1), 100) == (19, 0, 1)
    assert bar_cells(OwnerStats("a", 10, 5, 5, 0), 10) == (10, 10, 0)
    assert bar_cells(OwnerStats("a", 1, 1, 0, 0), 40) == (0, 1, 0)
    assert bar_cells(OwnerStats("a", 0, 0, 0, 0), 0) == (0, 0, 0)




def text(report, lang="zh", cells=100, styled=False):
    import io

    return render_text(report, words(lang), Terminal(io.StringIO(), cells, styled, styled, styled))


def test_text_exactly(report):
    assert text(report).split("\n") == TEXT_ZH + [""]


def test_text_in_colour_has_escape_codes_only_when_asked(report):
    assert "\x1b[" not in text(report)
    coloured = text(report, styled=True)
    assert "\n\x1b[1;31m66天\x1b[0m  2019H1-02  " in coloured  # days late in bold red
    assert "\x1b[1m规划信息科\x1b[0m\n" in coloured  # the owner's heading over what moved
    assert "\x1b[32m███████\x1b[0m\x1b[31m▓▓▓▓▓▓▓\x1b[0m" in coloured  # 医政科: one done, one late


def test_text_prints_brackets_as_written_not_as_markup(tmp_path):
    workspace = build_workspace(tmp_path / "plans")
    workspace.save_task(Task("2019H2-10", "[/b]推进[bold red]重点[/]工作", owner="[办公室]", due=TODAY))
    printed = text(weekly_report(workspace, TODAY))
    assert "[/b]推进[bold red]重点[/]工作" in printed and "[办公室]" in printed


MARKDOWN_ZH = [
    '# 督办周报 第36期',
    '',
    '**城南区卫生健康局** · 2019年第36周（2019-09-02 至 2019-09-08） · 截至 2019-09-04',
    '',
    '## 一、总体情况',
    '',
    '共 12 项任务：已完成 3 项，推进中 3 项，未开始 4 项，受阻 1 项，已取消 1 项；逾期 5 项，两周内到期 2 项。本周记录进展 5 条，其中状态变化 2 条，延期 1 项。',
    '',
    '| 全部事项 | 未完成 | 已完成 | 推进中 | 受阻 | 已取消 | 逾期 | 两周内到期 |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    '| 12 | 8 | 3 | 3 | 1 | 1 | 5 | 2 |',
    '',
    '## 二、本周进展',
    '',
    '5 条进展记录，其中状态变化 2 条',
    '',
    '| 责任单位 | 日期 | 编号 | 事项 | 状态 | 进展 |',
    '|---|---|---|---|---|---|',
    '| 中医科 | 09-04 | 2019H2-04 | 开展中医药进社区活动 | 推进中 → 已完成 | 已举办活动3场（赵六） |',
    '| 基层卫生科 | 09-03 | 2019H2-02 | 推进家庭医生签约服务 | 推进中 | 新增签约1200人（李四） |',
    '| 疾控中心 | 09-02 | 2019H2-03 | 完成疾控中心实验室改造 | 推进中 → 受阻 | 改造资金未到位（王五） |',
    '| 规划信息科 | 09-05 | 2019H2-06 | 推进全民健康信息平台建设 | 未开始 | 完成时限 2019-10-31 → 2020-03-31；招标文件待区财政评审，平台建设延至明年一季度（孙七） |',
    '| （未指定） | 09-03 | 2019H2-08 | 开展爱国卫生月活动 | 未开始 | 方案已报区政府（办公室） |',
    '',
    '## 三、时限调整',
    '',
    '本周调整完成时限 1 项',
    '',
    '| 编号 | 事项 | 责任单位 | 原时限 | 新时限 | 调整 | 说明 |',
    '|---|---|---|---|---|---|---|',
    '| 2019H2-06 | 推进全民健康信息平台建设 | 规划信息科 | 2019-10-31 | 2020-03-31 | 延期152天 | 09-05 招标文件待区财政评审，平台建设延至明年一季度（孙七） |',
    '',
    '## 四、逾期事项',
    '',
    '5 项，按逾期天数排列',
    '',
    '| 逾期 | 编号 | 事项 | 责任单位 | 完成时限 | 状态 | 最新进展 |',
    '|---:|---|---|---|---|---|---|',
    '| 66天 | 2019H1-02 | 推进分级诊疗制度建设 | 医政科 | 2019-06-30 | 推进中 |  |',
    '| 66天 | 2019H1-03 | 创建国家级慢性病综合防控示范区 | 疾控中心 | 2019-06-30 | 未开始 |  |',
    '| 35天 | 2019H2-03 | 完成疾控中心实验室改造 | 疾控中心 | 2019-07-31 | 受阻 | 09-02 改造资金未到位 |',
    '| 4天 | 2019H2-01 | 全力做好创建国家卫生城市复审工作 | 区卫生健康局 | 2019-08-31 | 推进中 | 09-01 督查组现场检查 |',
    '| 3天 | 2019H2-08 | 开展爱国卫生月活动 | （未指定） | 2019-09-01 | 未开始 | 09-09 下周启动 |',
    '',
    '## 五、近两周到期',
    '',
    '2 项，2019-09-04 至 2019-09-18',
    '',
    '| 完成时限 | 剩余 | 编号 | 事项 | 责任单位 | 状态 |',
    '|---|---:|---|---|---|---|',
    '| 2019-09-10 | 6天 | 2019H2-02 | 推进家庭医生签约服务 | 基层卫生科 | 推进中 |',
    '| 2019-09-18 | 14天 | 2019H2-05 | 规范\\<母婴\\>服务 \\& "两癌"筛查 \\| \\*重点\\* | 妇幼健康科 | 未开始 |',
    '',
    '## 六、各单位情况',
    '',
    '| 责任单位 | 未完成 | 已完成 | 已取消 | 逾期 | 完成率 | 完成情况 |',
    '|---|---:|---:|---:|---:|---:|---|',
    '| 疾控中心 | 2 | 1 | 0 | 2 | 33% | ███████▓▓▓▓▓▓▓▓▓▓▓▓▓ |',
    '| 区卫生健康局 | 1 | 0 | 1 | 1 | 0% | ▓▓▓▓▓▓▓ |',
    '| 医政科 | 1 | 1 | 0 | 1 | 50% | ███████▓▓▓▓▓▓▓ |',
    '| （未指定） | 1 | 0 | 0 | 1 | 0% | ▓▓▓▓▓▓▓ |',
    '| 基层卫生科 | 1 | 0 | 0 | 0 | 0% | ░░░░░░░ |',
    '| 妇幼健康科 | 1 | 0 | 0 | 0 | 0% | ░░░░░░░ |',
    '| 规划信息科 | 1 | 0 | 0 | 0 | 0% | ░░░░░░░ |',
    '| 中医科 | 0 | 1 | 0 | 0 | 100% | ███████ |',
    '',
    '█ 已完成 ░ 未完成 ▓ 逾期',
    '',
    '## 七、核查结果',
    '',
    '每个计划最近一次核查',
    '',
    '### （一）2019H1 对照《2019年上半年工作总结.docx》',
    '',
    '2019-07-20核查：已完成 1，推进中 1，未提及 1',
    '',
    '| 编号 | 事项 | 结论 | 得分 | 依据 |',
    '|---|---|---|---:|---|',
    '| 2019H1-01 | 完成医联体建设 | 已完成 | 0.82 | 区域医联体建设全面完成，三家医院挂牌运行。 |',
    '| 2019H1-02 | 推进分级诊疗制度建设 | 推进中 | 0.55 | 分级诊疗稳步推进。 |',
    '| 2019H1-03 | 创建国家级慢性病综合防控示范区 | 未提及 | 0.10 |  |',
    '',
    '> 另有 1 个任务文件无法读取，未计入本报告（运行 duban validate 查看）。',
]


def test_markdown_exactly(report):
    assert render_markdown(report, words("zh")).split("\n") == MARKDOWN_ZH + [""]


def test_markdown_in_english(report):
    md = render_markdown(report, words("en"))
    assert md.startswith("# Weekly Status Report, No. 36\n\n**城南区卫生健康局** · Week 36 of 2019 (2019-09-02 to "
                         "2019-09-08) · as of 2019-09-04\n")
    assert "| (no owner) | 09-03 | 2019H2-08 | 开展爱国卫生月活动 | to do | 方案已报区政府 (办公室) |" in md
    assert "| 35 days | 2019H2-03 | 完成疾控中心实验室改造 | 疾控中心 | 2019-07-31 | blocked | 09-02 改造资金未到位 |" in md
    assert "### (1) 2019H1 against 2019年上半年工作总结.docx" in md
    assert "## 3. Deadlines moved" in md


def test_markdown_escapes_what_markdown_would_read():
    assert md_escape('a|b *c* _d_ <e> [f](g) `h` & #i\n j \\') == (
        'a\\|b \\*c\\* \\_d\\_ \\<e\\> \\[f\\](g) \\`h\\` \\& \\#i j \\\\')


# --- open-ended input ---------------------------------------------------------------------------

_free_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def ledgers(draw):
    """Tasks with any status, owner, due date and free text, and progress logs around the week of TODAY."""
    tasks = []
    for number in range(1, draw(st.integers(0, 12)) + 1):
        log = [ProgressEntry(TODAY + timedelta(days=draw(st.integers(-20, 10))), draw(st.sampled_from(list(STATUSES))),
                             draw(_free_text), draw(_free_text))
               for _ in range(draw(st.integers(0, 3)))]
        tasks.append(Task(f"2019-{number:02d}", draw(_free_text.filter(str.strip)),
                          status=draw(st.sampled_from(list(STATUSES))),
                          owner=draw(st.sampled_from(["", "疾控中心", "中医科", "a|b", "<科>"])),
                          due=draw(st.none() | st.dates(date(2019, 6, 1), date(2019, 12, 31))), progress=log))
    return tasks


@settings(max_examples=25, deadline=None)
@given(ledgers())
def test_reports_hold_together_for_any_ledger(tasks):
    import tempfile
    from pathlib import Path

    from duban.weekly.report import count_tasks, late_tasks, movements, owner_stats

    counts = count_tasks(tasks, TODAY)
    assert counts.open == counts.todo + counts.in_progress + counts.blocked
    assert counts.total == counts.open + counts.done + counts.dropped
    assert counts.overdue == len(late_tasks(tasks, TODAY))
    owners = owner_stats(tasks, TODAY)
    assert sum(s.open for s in owners) == counts.open and sum(s.overdue for s in owners) == counts.overdue
    moved = movements(tasks, date(2019, 9, 2), date(2019, 9, 8))
    assert all(date(2019, 9, 2) <= m.date <= date(2019, 9, 8) for m in moved)

    with tempfile.TemporaryDirectory() as folder:
        init_workspace(Path(folder), "<b>局</b>")
        workspace = Workspace(Path(folder))
        from duban.ledger.model import Plan

        workspace.save_plan(Plan("2019", "", "2019", date(2019, 1, 1), date(2019, 12, 31)))
        for task in tasks:
            workspace.save_task(task)
        report = weekly_report(workspace, TODAY)
    assert [t.task_id for t in report.overdue] == [t.task_id for t in late_tasks(tasks, TODAY)]
    # Markdown: every row of a table has as many cells as its header, whatever the text holds.
    blocks, block = [], []
    for line in render_markdown(report, words("zh")).split("\n") + [""]:
        if line.startswith("|"):
            block.append(sum(1 for token in re.findall(r"\\.|\|", line) if token == "|"))
        elif block:
            blocks.append(block)
            block = []
    assert all(len(set(block)) == 1 for block in blocks)
    # HTML: every title and owner comes out escaped, never as markup.
    page = render_html(report, words("zh"))
    assert "<b>" not in page and "&lt;b&gt;局&lt;/b&gt;" in page
    for late in report.overdue:
        assert str(markupsafe.escape(late.title)) in page
        assert str(markupsafe.escape(late.owner)) in page
    text(report, cells=60)  # wraps anything without failing


# --- entries that change a deadline or an owner and say nothing ---------------------------------------------


@pytest.fixture
def silent(tmp_path):
    """A unit's deadline brought forward and another task handed to a new owner this week, by `update` with no
    note, as a clerk does it."""
    from duban.ledger.updates import Change, apply_change

    workspace = build_workspace(tmp_path / "plans")
    for task_id, change in (("2019H2-05", Change(due=date(2019, 9, 13), by="王五")),
                            ("2019H2-02", Change(owner="疾控中心", by="王五"))):
        task = workspace.get_task(task_id)
        apply_change(task, change, TODAY)
        workspace.save_task(task)
    return weekly_report(workspace, TODAY)


def test_an_entry_that_only_moved_a_deadline_or_an_owner_says_what_changed(silent):
    printed = [line.strip() for line in text(silent).split("\n")]
    moved = printed[printed.index("妇幼健康科"):printed.index("规划信息科")]
    assert moved == ['妇幼健康科', '09-04  2019H2-05  规范<母婴>服务 & "两癌"筛查 | *重点*  未开始',
                     '进展：完成时限 2019-09-18 → 2019-09-13（王五）', '',
                     '疾控中心', '09-02  2019H2-03  完成疾控中心实验室改造                推进中 → 受阻',
                     '进展：改造资金未到位（王五）',
                     '09-03  2019H2-02  推进家庭医生签约服务                  推进中', '进展：新增签约1200人（李四）',
                     '09-04  2019H2-02  推进家庭医生签约服务                  推进中',
                     '进展：责任单位 基层卫生科 → 疾控中心（王五）', '']
    md = render_markdown(silent, words("zh"))
    assert "| 推进家庭医生签约服务 | 推进中 | 责任单位 基层卫生科 → 疾控中心（王五） |" in md
    assert "| 未开始 | 完成时限 2019-09-18 → 2019-09-13（王五） |" in md
    html = render_html(silent, words("zh"))
    assert ('<td class="note">完成时限 <span class="date">2019-09-18</span> → <span class="date">2019-09-13</span>'
            '（王五）</td>') in html
    english = render_markdown(silent, words("en"))
    assert "| 推进家庭医生签约服务 | in progress | Owner 基层卫生科 → 疾控中心 (王五) |" in english
    assert json_out.weekly_record(silent)["moved"][1]["changes"] == {"due": ["2019-09-18", "2019-09-13"]}


def test_a_deadline_brought_forward_is_marked_so_not_counted_as_put_off(silent):
    assert [(c.task_id, c.direction, c.days) for c in silent.due_changes] == [
        ("2019H2-05", "earlier", -5), ("2019H2-06", "later", 152)]
    printed = text(silent)
    assert "本周记录进展 7 条，其中状态变化 2 条，调整完成时限 2 项（延期 1 项，提前 1 项）。" in printed.replace("\n", "")
    section = printed[printed.index("三、时限调整"):printed.index("四、逾期事项")].split("\n")
    assert section[:5] == [
        "三、时限调整  本周调整完成时限 2 项",
        "编号       事项                                  责任单位    原时限      新时限      调整",
        "─" * 94,
        "2019H2-05  规范<母婴>服务 & \"两癌\"筛查 | *重点*  妇幼健康科  2019-09-18  2019-09-13  提前5天",
        "           说明：09-04（王五）"]
    assert section[5].endswith("2019-10-31  2020-03-31  延期152天")
    assert "2 deadlines moved (1 later, 1 earlier)." in render_markdown(silent, words("en"))
    assert [d["direction"] for d in json_out.weekly_record(silent)["due_changes"]] == ["earlier", "later"]
    assert "| 2019-09-18 | 2019-09-13 | 5 days earlier |" in render_markdown(silent, words("en"))


def test_a_checked_figure_reads_as_the_summary_wrote_it_in_show_and_the_weekly(tmp_path):
    from click.testing import CliRunner

    from duban.cli import cli

    workspace = build_workspace(tmp_path / "plans")
    task = workspace.get_task("2019H1-01")
    task.check["targets"] = [{"metric": "地区生产总值", "comparator": "at_least", "value": 0.12, "unit": "万亿元",
                              "actual": 0.12587, "actual_text": "地区生产总值1258.7亿元", "verdict": "met"}]
    workspace.save_task(task)
    report = weekly_report(workspace, TODAY)
    assert "| 2019H1-01 | 地区生产总值 ≥ 0.12万亿元 | 1258.7亿元 | 达成 | 地区生产总值1258.7亿元 |" in \
        render_markdown(report, words("zh"))
    shown = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", "2019-09-04", "show", "2019H1-01"])
    assert "1258.7亿元" in shown.stdout and "0.12587" not in shown.stdout


def test_the_cyclic_collector_rests_while_the_report_is_made_and_drawn(tmp_path, monkeypatch):
    """It has nothing to find there (no cycles) and would walk every task's objects again and again; it is back on
    afterwards, also when making the report fails."""
    import gc

    from duban.weekly import render, report as report_module

    seen = []
    real_movements, real_blocks = report_module.movements, render.blocks
    monkeypatch.setattr(report_module, "movements", lambda *a: seen.append(gc.isenabled()) or real_movements(*a))
    monkeypatch.setattr(render, "blocks", lambda *a: seen.append(gc.isenabled()) or real_blocks(*a))
    import io

    workspace = build_workspace(tmp_path / "plans")
    sheets = report_module.weekly_sheets(workspace, TODAY)
    drawn = render.render(sheets[0], "text", words("zh"), Terminal(io.StringIO(), 100, False, False, False))
    assert drawn.split("\n") == TEXT_ZH + [""]
    assert seen == [False, False] and gc.isenabled()
    with pytest.raises(UsageError):
        report_module.weekly_sheets(workspace, TODAY, scope=report_module.Scope(owner="无此单位"))
    assert gc.isenabled()


def test_a_status_the_log_does_not_know_leaves_each_task_where_it_was():
    from duban.weekly.report import movements

    monday, sunday = date(2019, 11, 18), date(2019, 11, 24)
    first = Task("2019H2-01", "甲", status="done", owner="办公室",
                 progress=[ProgressEntry(date(2019, 11, 18), "已完成"), ProgressEntry(date(2019, 11, 19), "搁置")])
    second = Task("2019H2-02", "乙", status="in_progress", owner="办公室",
                  progress=[ProgressEntry(date(2019, 11, 18), "搁置"), ProgressEntry(date(2019, 11, 20), "推进中"),
                            ProgressEntry(date(2019, 11, 21), "搁置")])
    moved = movements([first, second], monday, sunday)
    assert [(m.task_id, m.previous, m.status) for m in moved] == [
        ("2019H2-01", "todo", "done"), ("2019H2-02", "todo", "todo"), ("2019H2-01", "done", "done"),
        ("2019H2-02", "todo", "in_progress"), ("2019H2-02", "in_progress", "in_progress")]


def test_only_tasks_with_an_entry_this_week_or_later_have_their_logs_read():
    from duban.weekly.report import _touched_since

    monday = date(2019, 11, 18)
    before = Task("2019H2-01", "a", progress=[ProgressEntry(date(2019, 11, 17), "in_progress", "周日")])
    late_entry_first = Task("2019H2-02", "b", progress=[ProgressEntry(date(2019, 11, 19), "done", "周二"),
                                                         ProgressEntry(date(2019, 11, 1), "in_progress", "补记")])
    after = Task("2019H2-03", "c", progress=[ProgressEntry(date(2019, 11, 25), "done", "下周")])
    assert [t.id for t in _touched_since([before, late_entry_first, after, Task("2019H2-04", "d")], monday)] == [
        "2019H2-02", "2019H2-03"]
