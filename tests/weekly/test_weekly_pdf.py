"""End to end: the weekly page printed to PDF by headless Chromium, read back with pdftotext (poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from duban.ledger.model import Plan, ProgressEntry, Task
from duban.views.pdf import BrowserMissing, find_browser, html_to_pdf
from duban.ledger.store import Workspace, init_workspace
from duban.views.words import words
from duban.weekly.report import weekly_report
from duban.weekly.render import render_html
from test_weekly_html import WEEKLY_TABLE
from weekly_fixture import ORG, TODAY, build_workspace


def _browser() -> str | None:
    try:
        return find_browser()
    except BrowserMissing:
        return None


BROWSER = _browser()
pytestmark = pytest.mark.skipif(
    BROWSER is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs Chromium and poppler-utils: apt-get install chromium poppler-utils fonts-noto-cjk")


def pdf_text(path, *pages: int) -> str:
    """The PDF's text in drawing order (-raw keeps a table cell's wrapped lines together)."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if pages:
        command += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*command, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_info(path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def test_the_pdf_is_an_official_document_that_holds_the_report(tmp_path):
    workspace = build_workspace(tmp_path / "plans")
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + WEEKLY_TABLE, encoding="utf-8")
    workspace = Workspace(workspace.root)
    report = weekly_report(workspace, TODAY)
    pdf = html_to_pdf(render_html(report, words("zh")), tmp_path / "weekly.pdf", BROWSER)
    info = pdf_info(pdf)
    assert info["Page size"].endswith("(A4)")
    pages = int(info["Pages"])
    assert pages >= 2
    # The 版头: title, 期号, 编发单位 and date; then the week.
    first = pdf_text(pdf, 1).splitlines()
    assert first[first.index("督办周报"):first.index("督办周报") + 4] == [
        "督办周报", "第10期", "城南区卫生健康局办公室 2019年9月4日",
        "2019年第36周（2019-09-02至2019-09-08） 截至2019-09-04"]
    # Page numbers "— N —" on every page.
    for page in range(1, pages + 1):
        assert f"—{page}—" in squeeze(pdf_text(pdf, page))
    text = pdf_text(pdf)
    flat = squeeze(text)
    for number, title in enumerate(["总体情况", "本周进展", "时限调整", "逾期事项", "近两周到期", "各单位情况",
                                    "核查结果"]):
        assert f"{'一二三四五六七'[number]}、{title}" in flat
    assert "全部事项未完成已完成推进中受阻已取消逾期两周内到期128331152" in flat  # the counts under their labels
    # Every task the report lists: all but the dropped one and the two that are neither late, due nor moved.
    shown = {t.id: t.title for t in workspace.load_tasks().tasks if t.id not in ("2019H2-07", "2019H1-01", "2019H1-04")}
    assert len(shown) == 9
    for title in shown.values():
        assert squeeze(title) in flat, title
    for late in report.overdue:
        assert f"{late.days_late}天{late.task_id}" in flat
    assert "2019H2-06推进全民健康信息平台建设规划信息科2019-10-312020-03-31延期152天" in flat  # old → new, marked
    assert "（一）2019H1对照《2019年上半年工作总结.docx》2019-07-20核查：已完成1，推进中1，未提及1" in flat
    # The 版记 closes the last page.
    last = squeeze(pdf_text(pdf, pages))
    assert "签发：王立新审核：周敏报送：区政府办公室，分管副区长。抄送：各科室，各直属单位。城南区卫生健康局办公室2019年9月4日印发" in last


def test_long_tables_repeat_their_header_on_every_page(tmp_path):
    root = tmp_path / "plans"
    init_workspace(root, ORG)
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019", ORG, "2019", date(2019, 1, 1), date(2019, 12, 31)))
    for n in range(1, 81):
        workspace.save_task(Task(f"2019-{n:02d}", f"第{n}项逾期工作：推进基层医疗卫生机构标准化建设", owner="医政科",
                                 due=TODAY - timedelta(days=n),
                                 progress=[ProgressEntry(date(2019, 8, 1), "in_progress", "已完成方案编制", "张三")]))
    pdf = html_to_pdf(render_html(weekly_report(workspace, TODAY), words("zh")), tmp_path / "long.pdf", BROWSER)
    pages = int(pdf_info(pdf)["Pages"])
    assert pages >= 3
    header = "逾期 编号 事项 责任单位 完成时限 状态 最新进展"
    with_header = [page for page in range(1, pages + 1) if header in pdf_text(pdf, page)]
    assert len(with_header) >= 2 and with_header == list(range(with_header[0], with_header[-1] + 1))
    flat = squeeze(pdf_text(pdf))
    for n in range(1, 81):
        assert f"第{n}项逾期工作" in flat


def test_english_pdf(tmp_path):
    report = weekly_report(build_workspace(tmp_path / "plans"), TODAY)
    pdf = html_to_pdf(render_html(report, words("en")), tmp_path / "weekly-en.pdf", BROWSER)
    flat = squeeze(pdf_text(pdf))
    assert "WeeklyStatusReportNo.36" + ORG + "2019-09-04Week36of2019(2019-09-02to2019-09-08)asof2019-09-04" in flat
    assert "AlltasksOpenDoneInprogressBlockedDroppedOverdueDuein14days1283311" in flat
    assert "(1)2019H1against2019年上半年工作总结.docx" in flat


def test_duban_weekly_prints_a_pdf(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from duban.cli import cli

    monkeypatch.delenv("DUBAN_CHROME", raising=False)
    workspace = build_workspace(tmp_path / "plans")
    out = tmp_path / "reports" / "2019-W36.pdf"
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", "2019-09-04", "weekly", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"已写入 {out}\n")
    assert out.read_bytes().startswith(b"%PDF-")
    flat = squeeze(pdf_text(out))
    assert "督办周报" in flat and "全力做好创建国家卫生城市复审工作" in flat


def test_a_unit_with_many_entries_does_not_push_the_week_off_the_first_page(tmp_path):
    """Twelve entries of one unit in the week: the first page goes on after the counts with what moved (the unit's
    rows were once one block that could not break, leaving page 1 blank under a single table row), and no unit's
    name or column header is broken inside (规划信息/科, 责任单/位)."""
    root = tmp_path / "plans"
    init_workspace(root, ORG)
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019H2", ORG, "2019H2", date(2019, 7, 1), date(2019, 12, 31)))
    units = ["区卫生健康局", "规划信息科", "医政医管科", "卫生监督所"]  # the first leads the table of what moved
    for n, unit in enumerate(units * 2, 1):
        entries = 12 if n == 1 else 1
        workspace.save_task(Task(
            f"2019H2-{n:02d}", f"第{n}项：推进全民健康信息平台和基层医疗卫生机构标准化建设", owner=unit,
            due=TODAY - timedelta(days=n) if n % 2 else TODAY + timedelta(days=n),
            progress=[ProgressEntry(date(2019, 9, 2) + timedelta(days=k % 5), "in_progress",
                                    f"第{k + 1}次调度：完成接口改造方案，报区政务服务数据管理局评审，专家提出修改意见", "陈晨")
                      for k in range(entries)]))
    pdf = html_to_pdf(render_html(weekly_report(workspace, TODAY), words("zh")), tmp_path / "units.pdf", BROWSER)
    first = squeeze(pdf_text(pdf, 1))
    assert "二、本周进展" in first and "区卫生健康局09-02" in first
    assert first.count("第1次调度") + first.count("第2次调度") >= 2  # rows of the unit, not only its heading
    lines = pdf_text(pdf).splitlines()
    for name in [*units, "责任单位"]:
        broken = [line for line in lines if name[:-1] in line and name not in line]
        assert not broken, (name, broken)
