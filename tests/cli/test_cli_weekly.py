"""`duban weekly` through click's CliRunner."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import cli
from duban.views.words import words
from duban.weekly.report import weekly_report
from duban.weekly.render import render_html, render_markdown
from weekly_fixture import TEXT_ZH, TODAY, build_workspace


@pytest.fixture
def plans(tmp_path, monkeypatch):
    for name in ("DUBAN_LANG", "NO_COLOR", "COLUMNS", "DUBAN_CHROME", "DUBAN_TODAY", "DUBAN_PLANS"):
        monkeypatch.delenv(name, raising=False)
    return build_workspace(tmp_path / "plans")


@pytest.fixture
def run(plans):
    def invoke(*args):
        return CliRunner().invoke(cli, ["--plans", str(plans.root), "--today", TODAY.isoformat(), *args])

    return invoke


def warning(plans) -> str:
    return f"duban: 警告：{plans.root / '2019H2' / '09.toml'}:2: 不是有效的 TOML：Invalid value\n"


def test_text_is_the_default(run, plans):
    result = run("weekly")
    assert (result.exit_code, result.stderr) == (0, warning(plans))
    assert result.stdout.split("\n") == TEXT_ZH + [""]


def test_markdown_on_stdout(run, plans):
    result = run("weekly", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout == render_markdown(weekly_report(plans, TODAY), words("zh"))


def test_lang_on_the_command_or_globally(run, plans):
    english = render_markdown(weekly_report(plans, TODAY), words("en"))
    assert run("weekly", "--format", "md", "--lang", "en").stdout == english
    assert run("--lang", "en", "weekly", "--format", "md").stdout == english
    assert run("--lang", "en", "weekly", "--format", "md", "--lang", "zh").stdout.startswith("# 督办周报\n")


def test_output_file_format_follows_its_suffix(run, plans, tmp_path):
    report = weekly_report(plans, TODAY)
    result = run("weekly", "-o", str(tmp_path / "reports" / "2019-W36.md"))
    assert (result.exit_code, result.stdout) == (0, f"已写入 {tmp_path / 'reports' / '2019-W36.md'}\n")
    assert (tmp_path / "reports" / "2019-W36.md").read_text(encoding="utf-8") == render_markdown(report, words("zh"))
    assert run("weekly", "-o", str(tmp_path / "w.html")).exit_code == 0
    assert (tmp_path / "w.html").read_text(encoding="utf-8") == render_html(report, words("zh"))
    assert run("weekly", "--format", "md", "-o", str(tmp_path / "w.txt")).exit_code == 0
    assert (tmp_path / "w.txt").read_text(encoding="utf-8") == render_markdown(report, words("zh"))


def test_chosen_week(run):
    result = run("weekly", "--week", "2019-W35", "--format", "md")
    assert "2019年第35周（2019-08-26 至 2019-09-01）" in result.stdout
    assert "| 区卫生健康局 | 09-01 | 2019H2-01 | 全力做好创建国家卫生城市复审工作 | 推进中 | 督查组现场检查（张三） |" \
        in result.stdout


def test_bad_week_is_a_usage_error(run):
    result = run("weekly", "--week", "2019-W60")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "duban: 无法识别的周“2019-W60”：请用 YYYY-Www，如 2019-W36\n")


def test_pdf_without_a_browser_says_how_to_install_one(run, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("weekly", "--format", "pdf", "-o", str(tmp_path / "w.pdf"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("duban: 无法打印 PDF：找不到 Chromium 或 Chrome；请安装（如 `apt-get install chromium`）或设置 "
                             "DUBAN_CHROME，或用 --format html 在浏览器中打印\n")
    assert not (tmp_path / "w.pdf").exists()


def test_pdf_goes_to_a_default_file_name(run, tmp_path, monkeypatch):
    fake = tmp_path / "fake-chrome"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do case "$a" in --print-to-pdf=*) printf \'%%PDF\' > '
                    '"${a#--print-to-pdf=}";; esac; done\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("DUBAN_CHROME", str(fake))
    monkeypatch.chdir(tmp_path)
    result = run("weekly", "--format", "pdf")
    assert (result.exit_code, result.stdout) == (0, "已写入 weekly-2019-W36.pdf\n")
    assert Path("weekly-2019-W36.pdf").read_bytes() == b"%PDF"


def test_importing_the_weekly_modules_loads_neither_rich_nor_jinja2():
    import subprocess
    import sys

    code = ("import sys, duban.cli, duban.weekly.report, duban.weekly.render, duban.views.pdf; "
            "print(sorted(m for m in ('rich', 'jinja2', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "['click']\n"
