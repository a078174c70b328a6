"""The weekly report's HTML page: escaped, self-contained, printable; and printing it with a browser."""

from __future__ import annotations

import re
import stat
from html.parser import HTMLParser
from pathlib import Path

import pytest

from duban.errors import BadInput
from duban.ledger.model import Task
from duban.views.pdf import BrowserMissing, find_browser, html_to_pdf
from duban.views.words import words
from duban.weekly.report import weekly_report
from duban.weekly.render import render_html
from weekly_fixture import SPECIAL_TITLE, TODAY, build_workspace

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


def test_print_styles(html):
    assert "size: A4;" in html and "@page {" in html
    assert "thead { display: table-header-group; }" in html
    assert "tr { break-inside: avoid; page-break-inside: avoid; }" in html
    assert re.search(r'font-family: "Noto Sans CJK SC",\s+"Source Han Sans SC", "Microsoft YaHei", "PingFang SC"', html)
    assert '<section class="checks new-page">' in html  # the check results start a page


def test_header_counts_and_rows(html):
    assert "<title>督办周报 城南区卫生健康局 2019-W36</title>" in html
    assert "<h1>督办周报</h1>" in html and '<p class="org">城南区卫生健康局</p>' in html
    assert "2019年第36周（2019-09-02 至 2019-09-08）　·　截至 2019-09-04" in html
    counts = html[html.index('<table class="counts">'):html.index('<section class="moved">')]
    cells = re.findall(r'<td class="num( late)?">(\d+)</td>', counts)
    assert cells == [("", "11"), ("", "8"), ("", "2"), ("", "3"), ("", "1"), (" late", "5"), ("", "2")]
    moved = html[html.index('<table class="moved">'):html.index('<section class="overdue">')]
    assert re.findall(r'<tr><td class="text">(.+?)</td>', moved) == ["中医科", "基层卫生科", "疾控中心", "（未指定）"]
    assert re.findall(r'<td class="num late">(\d+)</td><td class="id">([\w-]+)</td>', html) == [
        ("66", "2019H1-02"), ("66", "2019H1-03"), ("35", "2019H2-03"), ("4", "2019H2-01"), ("3", "2019H2-08")]
    assert '<td class="text">09-01 督查组现场检查</td>' in html
    assert '<p class="summary">已完成 1，推进中 1，未提及 1</p>' in html


def test_owner_chart_is_inline_svg_scaled_to_the_largest_owner(html):
    bars = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" width="160" height="12"', html)
    assert len(bars) == 8
    # 疾控中心: two tasks, both late, fill the track; 医政科: one done, one late, half each.
    assert '<rect class="late" x="0.0" y="0" width="160.0" height="12"/>' in html
    assert ('<rect class="done" x="0" y="0" width="80.0" height="12"/>' in html
            and '<rect class="late" x="80.0" y="0" width="80.0" height="12"/>' in html)
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
    assert 'font-family: "Liberation Sans", Arial, Helvetica, "Noto Sans CJK SC",' in html
    assert "Week 36 of 2019 (2019-09-02 to 2019-09-08)　·　as of 2019-09-04" in html
    assert "<td class=\"label changed\">in progress → blocked</td>" in html


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
