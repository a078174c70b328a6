"""The weekly report's HTML page: escaped, self-contained, printable; and printing it with a browser."""

from __future__ import annotations

import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from duban.errors import BadInput
from datetime import date

from duban.ledger.model import ProgressEntry, Task
from duban.ledger.store import Workspace
from duban.views.pdf import BrowserMissing, find_browser, html_to_pdf
from duban.views.words import words
from duban.weekly.report import weekly_report
from duban.weekly.render import render_html
from weekly_fixture import SPECIAL_TITLE, TODAY, build_workspace

WEEKLY_TABLE = """
[weekly]
issuer = "城南区卫生健康局办公室"
first_week = "2019-W27"
submit_to = ["区政府办公室", "分管副区长"]
copy_to = "各科室，各直属单位"
signed_by = "王立新"
reviewed_by = "周敏"
"""
VOID = {"meta", "br", "col", "rect", "img", "hr", "link", "input"}


class TagBalance(HTMLParser):
    """Fails on a closing tag that does not match the open one: the page is well nested."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


@pytest.fixture
def workspace(tmp_path):
    return build_workspace(tmp_path / "plans")


@pytest.fixture
def html(workspace):
    return render_html(weekly_report(workspace, TODAY), words("zh"))


def test_page_is_well_nested_and_self_contained(html):
    checker = TagBalance()
    checker.feed(html)
    checker.close()
    assert checker.stack == []
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    # Nothing to fetch: no scripts, links, images or URLs besides the SVG namespace.
    assert not re.search(r"<script|<link|<img|src=|url\(", html)
    assert set(re.findall(r"https?://[^\"' ]+", html)) == {"http://www.w3.org/2000/svg"}


def test_print_styles_follow_the_official_document_format(html):
    # A4 with the margins of GB/T 9704 (天头 37 mm, 订口 28 mm: a 156 × 225 mm 版心), "— N —" at the foot.
    assert "size: A4;" in html and "margin: 37mm 26mm 35mm 28mm;" in html
    assert '@bottom-center { content: "— " counter(page) " —";' in html
    assert "thead { display: table-header-group; }" in html
    assert "tr { break-inside: avoid; page-break-inside: avoid; }" in html
    # Each face names the office fonts first and the Noto CJK faces as the fallback.
    assert re.search(r'--xbs: "方正小标宋简体", "FZXiaoBiaoSong-B05S", .*"Noto Serif CJK SC"', html)
    assert re.search(r'--fangsong: "仿宋_GB2312", "FangSong_GB2312",\s+"仿宋", "FangSong", .*"Noto Serif CJK SC"', html)
    assert re.search(r'--hei: "黑体", "SimHei", "Noto Sans CJK SC"', html)


def test_masthead_counts_and_rows(html):
    assert "<title>督办周报 第36期 城南区卫生健康局 2019-W36</title>" in html
    assert "<h1>督办周报</h1>" in html and '<p class="issue">第36期</p>' in html
    assert ('<p class="issuer-line"><span class="issuer">城南区卫生健康局</span><span class="date">2019年9月4日</span>'
            '</p>') in html
    assert '<p class="week">2019年第36周（2019-09-02 至 2019-09-08）　截至 2019-09-04</p>' in html
    assert "<h2>一、总体情况</h2>" in html and "<h2>七、核查结果</h2>" in html
    assert '<p class="summary">共 12 项任务：已完成 3 项，推进中 3 项，未开始 4 项，受阻 1 项，已取消 1 项；' in html
    counts = html[html.index('<table class="counts'):html.index('<section class="moved">')]
    cells = re.findall(r'<td class="num( late)?">(\d+)</td>', counts)
    assert cells == [("", "12"), ("", "8"), ("", "3"), ("", "3"), ("", "1"), ("", "1"), (" late", "5"), ("", "2")]
    moved = html[html.index('<table class="moved'):html.index('<section class="due-changes">')]
    assert re.findall(r'<tr class="group"><th colspan="5" scope="rowgroup">(.+?)</th></tr>', moved) == [
        "中医科", "基层卫生科", "疾控中心", "规划信息科", "（未指定）"]
    assert ('<td class="note">完成时限 <span class="date">2019-10-31</span> → <span class="date">2020-03-31</span>；'
            '招标文件待区财政评审，平台建设延至明年一季度（孙七）</td>') in moved  # what the entry changed, then why
    assert ('<td class="date muted">2019-10-31</td><td class="date changed">2020-03-31</td>'
            '<td class="label late">延期152天</td><td class="note"><span class="date">09-05</span> '
            '招标文件待区财政评审，平台建设延至明年一季度（孙七）</td>') in html
    assert re.findall(r'<td class="num late">(\d+)天</td><td class="id">([\w-]+)</td>', html) == [
        ("66", "2019H1-02"), ("66", "2019H1-03"), ("35", "2019H2-03"), ("4", "2019H2-01"), ("3", "2019H2-08")]
    assert '<td class="note"><span class="date">09-01</span> 督查组现场检查</td>' in html
    assert "<h3>（一）2019H1 对照《2019年上半年工作总结.docx》</h3>" in html
    assert '<p class="summary">2019-07-20核查：已完成 1，推进中 1，未提及 1</p>' in html
    assert "2019年一季度工作总结" not in html  # an earlier check of the same plan
    assert 'class="banji"' not in html  # no [weekly] table: no 版记


def test_a_unit_heads_its_rows_of_what_moved(workspace):
    """The owner is a row over its entries, not a cell spanning them: rows bound by a rowspan cannot break across
    pages, and a unit with many entries pushed the whole table off the first page."""
    workspace.save_task(Task("2019H2-10", "开展中医药适宜技术培训", owner="中医科", due=TODAY,
                             progress=[ProgressEntry(date(2019, 9, 3), "in_progress", "培训班开班", "赵六")]))
    html = render_html(weekly_report(workspace, TODAY), words("zh"))
    moved = html[html.index('<table class="moved'):html.index("</table>", html.index('<table class="moved'))]
    assert "rowspan" not in html and '<td class="group"' not in html
    rows = re.findall(r'<tr(?: class="group")?>(<t[dh][^>]*>[^<]*)', moved)
    assert rows[:4] == ["<th>日期", '<th colspan="5" scope="rowgroup">中医科', '<td class="date">09-03',
                        '<td class="date">09-04']
    assert "<thead><tr><th>日期</th><th>编号</th><th>事项</th><th>状态</th><th>进展</th></tr></thead>" in moved


def test_the_weekly_table_of_duban_toml_fills_the_form(workspace):
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + WEEKLY_TABLE, encoding="utf-8")
    html = render_html(weekly_report(Workspace(workspace.root), TODAY), words("zh"))
    assert '<p class="issue">第10期</p>' in html  # W27 is issue 1
    assert '<span class="issuer">城南区卫生健康局办公室</span>' in html
    banji = html[html.index('<section class="banji">'):]
    assert re.findall(r'<p class="(?:signed|to)">(.+?)</p>', banji) == [
        "签发：王立新　审核：周敏", "报送：区政府办公室，分管副区长。", "抄送：各科室，各直属单位。"]
    assert '<p class="issued"><span>城南区卫生健康局办公室</span><span>2019年9月4日印发</span></p>' in banji


def test_owner_chart_is_inline_svg_scaled_to_the_largest_owner(html):
    bars = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="12"', html)
    assert len(bars) == 8
    # 疾控中心 (three tasks: one done, two late) fills the track; 医政科: one done, one late, a third each.
    assert ('<rect class="done" x="0" y="0" width="56.0" height="12"/>' in html
            and '<rect class="late" x="56.0" y="0" width="104.0" height="12"/>' in html)
    assert ('<rect class="done" x="0" y="0" width="56.0" height="12"/>' in html
            and '<rect class="late" x="56.0" y="0" width="56.0" height="12"/>' in html)
    assert 'aria-label="医政科 已完成 1 未完成 1 逾期 1"' in html


def test_every_value_is_escaped(workspace):
    workspace.save_task(Task("2019H2-10", "</td><script>alert(1)</script>", owner='"><b>科室</b>',
                             due=TODAY))
    html = render_html(weekly_report(workspace, TODAY), words("zh"))
    assert "<script" not in html and "<b>" not in html
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'aria-label="&#34;&gt;&lt;b&gt;科室&lt;/b&gt; 已完成 0' in html
    assert SPECIAL_TITLE not in html
    assert "规范&lt;母婴&gt;服务 &amp; &#34;两癌&#34;筛查 | *重点*" in html


def test_english_page(workspace):
    html = render_html(weekly_report(workspace, TODAY), words("en"))
    assert '<html lang="en">' in html and "<h1>Weekly Status Report</h1>" in html
    assert '--fangsong: "Liberation Serif", "Times New Roman", "仿宋_GB2312",' in html
    assert '<p class="week">Week 36 of 2019 (2019-09-02 to 2019-09-08)　as of 2019-09-04</p>' in html
    assert "<td class=\"label changed\">in progress → blocked</td>" in html
    assert "<h2>3. Deadlines moved</h2>" in html


# --- finding and driving the browser ------------------------------------------------------------

def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


FAKE_BROWSER = """\
for arg in "$@"; do
  echo "$arg" >> "$(dirname "$0")/args.txt"
  case "$arg" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > "${arg#--print-to-pdf=}";; esac
done
"""


def test_find_browser_on_path_and_from_the_environment(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    with pytest.raises(BrowserMissing, match=r"no Chromium or Chrome found; install one \(e\.g\. `apt-get install "
                                             r"chromium`\)"):
        find_browser({"PATH": str(bin_dir)})
    fake = _script(bin_dir / "chromium-browser", FAKE_BROWSER)
    assert find_browser({"PATH": str(bin_dir)}) == str(fake)
    other = _script(tmp_path / "my-chrome", FAKE_BROWSER)
    assert find_browser({"PATH": str(bin_dir), "DUBAN_CHROME": str(other)}) == str(other)
    with pytest.raises(BrowserMissing, match="DUBAN_CHROME=/nowhere/chrome: no such browser"):
        find_browser({"PATH": str(bin_dir), "DUBAN_CHROME": "/nowhere/chrome"})


def test_print_flags_and_output(tmp_path):
    fake = _script(tmp_path / "chromium", FAKE_BROWSER)
    out = html_to_pdf("<p>x</p>", tmp_path / "out" / "r.pdf", str(fake))
    assert out.read_bytes() == b"%PDF-1.4 fake"
    args = (tmp_path / "args.txt").read_text(encoding="utf-8").split("\n")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"):
        assert flag in args
    profile = next(a for a in args if a.startswith("--user-data-dir=")).split("=", 1)[1]
    assert not Path(profile).exists()  # a fresh profile, removed afterwards
    assert args[-2].startswith("file:///") and args[-2].endswith("/page.html")


def test_a_failing_browser_is_one_clear_error(tmp_path):
    broken = _script(tmp_path / "chromium", "echo 'starting' >&2\necho 'boom: no display' >&2\nexit 7\n")
    with pytest.raises(BadInput, match=r"chromium: printing to PDF failed \(exit 7\): boom: no display$"):
        html_to_pdf("<p>x</p>", tmp_path / "r.pdf", str(broken))
    assert not (tmp_path / "r.pdf").exists()


def test_only_a_short_table_is_kept_on_one_page():
    from duban.weekly.render import KEEP_CHARS, KEEP_ROWS, _kept_whole
    from duban.weekly.rows import Cell

    short = [[Cell("2019H2-01"), Cell("完成平台招标")]] * KEEP_ROWS
    assert _kept_whole(short)
    assert not _kept_whole(short + short[:1])  # too many rows
    notes = [[Cell("2019H2-01"), Cell("长" * (KEEP_CHARS // 2))]] * 2
    assert not _kept_whole(notes)  # two rows of long notes would leave most of a page blank if moved whole
