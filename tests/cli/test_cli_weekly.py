"""`duban weekly` through click's CliRunner."""

from __future__ import annotations

import json
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
    return (f"duban: 警告：{plans.root / '2019H2' / '09.toml'}:2: 不是有效的 TOML：值无效（文字须加双引号，"
            "如 owner = \"疾控中心\"；日期写成 2019-12-31）\n")


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
    assert run("--lang", "en", "weekly", "--format", "md", "--lang", "zh").stdout.startswith("# 督办周报 第36期\n")


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
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "duban: 2019 年没有第 60 周：它有 52 周\n")
    result = run("weekly", "--week", "2019-60")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "duban: 无法识别的周“2019-60”：请用 YYYY-Www，如 2019-W36\n")


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


def test_scope_by_owner_plan_and_org(run):
    result = run("weekly", "--owner", "疾控中心", "--plan", "2019H2")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert lines[:3] == ["督办周报　第36期",
                         "城南区卫生健康局 · 2019年第36周（2019-09-02 至 2019-09-08） · 截至 2019-09-04",
                         "范围：责任单位：疾控中心；计划：2019H2"]
    assert "共 1 项任务" in lines[5] and "2019H2-03" in result.stdout and "2019H1-03" not in result.stdout
    by_org = run("weekly", "--org", "城南区卫生健康局", "--format", "md")
    assert "范围：单位：城南区卫生健康局" in by_org.stdout and "共 12 项任务" in by_org.stdout


def test_a_scope_that_matches_nothing_is_a_usage_error(run):
    for args, message in (
            (("--owner", "卫生监督所"), "duban: no task in scope is led or supported by '卫生监督所': lead units are "
                                       "中医科、区卫生健康局、医政科、基层卫生科、妇幼健康科、疾控中心、规划信息科\n"),
            (("--org", "区卫计局"), "duban: no plan of organisation '区卫计局': the plans name 城南区卫生健康局\n")):
        result = run("--lang", "en", "weekly", *args)
        assert (result.exit_code, result.stdout, result.stderr.split("\n")[-2] + "\n") == (2, "", message)
    in_chinese = run("weekly", "--org", "区卫计局")
    assert in_chinese.stderr == "duban: 没有单位“区卫计局”的计划：现有计划的单位是 城南区卫生健康局\n"
    unknown_plan = run("weekly", "--plan", "2018H2")
    assert unknown_plan.exit_code == 2 and unknown_plan.stderr.startswith("duban: 没有计划 2018H2")


def test_by_owner_gives_each_lead_unit_its_sheet(run):
    result = run("weekly", "--by-owner")
    sheets = result.stdout.split("\n" + "━" * 80 + "\n\n")
    heads = [sheet.split("\n")[2] for sheet in sheets]
    assert heads == ["范围：责任单位：疾控中心", "范围：责任单位：区卫生健康局", "范围：责任单位：医政科",
                     "范围：责任单位：基层卫生科", "范围：责任单位：妇幼健康科", "范围：责任单位：规划信息科",
                     "范围：责任单位：中医科"]
    assert "共 3 项任务" in sheets[0] and "2019H2-04" not in sheets[0]


def test_issue_number_given_or_counted_from_the_first_week(run, plans):
    assert run("weekly", "--issue", "7").stdout.startswith("督办周报　第7期\n")
    settings = plans.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[weekly]\nfirst_week = "2019-W27"\n'
                        'issuer = "城南区卫生健康局办公室"\nsigned_by = "王立新"\ncopy_to = ["各科室", "各直属单位"]\n',
                        encoding="utf-8")
    text = run("weekly").stdout
    assert text.startswith("督办周报　第10期\n城南区卫生健康局办公室 · 2019年第36周")
    assert text.endswith("\n\n签发：王立新\n抄送：各科室，各直属单位\n")
    assert run("weekly", "--week", "2019-W26").stdout.startswith("督办周报\n")  # before the first issue: no 期号


def test_json_prints_only_json(run):
    import json

    data = json.loads(run("weekly", "--json").stdout)
    assert data["week"] == "2019-W36" and [m["id"] for m in data["moved"]][0] == "2019H2-04"
    assert [sheet["scope"]["owner"] for sheet in json.loads(run("weekly", "--json", "--by-owner").stdout)][:2] == [
        "疾控中心", "区卫生健康局"]
    refused = run("weekly", "--json", "-o", "w.md")
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        2, "", "duban: --json 以 JSON 输出到标准输出：请去掉 --format 和 -o\n")


def test_by_owner_pdf_starts_each_sheet_on_a_new_page(run, tmp_path):
    from duban.weekly.report import weekly_sheets, Scope
    from duban.weekly.render import render_html

    html = render_html(weekly_sheets(build_workspace(tmp_path / "other"), TODAY, by_owner=True), words("zh"))
    assert html.count('<article class="sheet">') == 7
    assert "article.sheet + article.sheet { break-before: page; page-break-before: always; }" in html
    assert Scope() == Scope("", "", "") and not Scope()


def test_the_first_week_of_year_one_is_a_week_like_any_other(plans):
    result = CliRunner().invoke(cli, ["--plans", str(plans.root), "--today", "0001-01-01", "weekly", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["week"], report["monday"], report["sunday"]) == ("0001-W01", "0001-01-01", "0001-01-07")
