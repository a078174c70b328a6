"""`duban check` end to end: the State Council's 2018 plan (imported with duban's importer) against the 2019
report's review, through the library and through the command line."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("DUBAN_CACHE", os.path.join(tempfile.gettempdir(), "duban-test-cache"))

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from duban.check.verdicts import check_summary  # noqa: E402
from duban.cli import cli  # noqa: E402
from duban.plan.importer import prepare_import, write_import  # noqa: E402
from duban.report.formats import read_report  # noqa: E402
from duban.report.sections import find_sections  # noqa: E402
from duban.ledger.store import Workspace, init_workspace  # noqa: E402
from sample_reports import STATE_COUNCIL, report_path, needs_shared

pytestmark = needs_shared
PLAN_2018 = STATE_COUNCIL / "gwr-2018.txt"
SUMMARY_2019 = STATE_COUNCIL / "gwr-2019.txt"


def import_plan(root: Path, report_path: Path, period_id: str) -> Workspace:
    """A workspace holding the plan as `duban import --yes` writes it."""
    init_workspace(root, "国务院")
    workspace = Workspace(root)
    write_import(workspace, prepare_import(workspace, report_path, period=period_id))
    return workspace


@pytest.fixture(scope="module")
def gwr_workspace(tmp_path_factory) -> Workspace:
    return import_plan(tmp_path_factory.mktemp("gwr") / "plans", PLAN_2018, "2018")


@pytest.fixture(scope="module")
def checked(gwr_workspace):
    result, tasks, faults = check_summary(gwr_workspace, "2018", SUMMARY_2019)
    return result


def by_title(result, title):
    return next(item for item in result.items if item.title == title)


def test_real_pair_evidence_verdicts_and_targets(checked):
    lines = read_report(SUMMARY_2019).lines
    rural = by_title(checked, "大力实施乡村振兴战略")
    assert rural.verdict == "done"
    assert lines[rural.evidence[0].line - 1].startswith("六是统筹城乡区域发展")
    assert "乡村振兴战略有力实施" in rural.evidence[0].text
    demand = by_title(checked, "积极扩大消费和促进有效投资")
    assert demand.verdict == "at_risk"
    assert demand.risk.text == "国内经济下行压力加大，消费增速减慢，有效投资增长乏力。"
    battles = by_title(checked, "坚决打好三大攻坚战")
    assert battles.verdict == "in_progress"
    assert battles.evidence[0].text == "二是扎实打好三大攻坚战，重点任务取得积极进展。"
    targets = {(t.target.metric, t.target.comparator): (t.actual, t.verdict) for t in checked.targets}
    assert targets[("国内生产总值增长", "about")] == (6.6, "met")
    assert targets[("居民消费价格涨幅", "about")] == (2.1, "met")
    assert targets[("城镇新增就业", "at_least")] == (1361, "met")
    assert targets[("城镇调查失业率", "at_most")] == (5, "met")
    assert targets[("城镇登记失业率", "at_most")] == (None, "unknown")
    assert targets[("居民收入", "in_step")] == (6.5, "not_met")  # 6.5% < GDP's 6.6%
    assert targets[("单位国内生产总值能耗下降", "at_least")] == (3.1, "met")


def test_evidence_comes_only_from_the_review_part(checked):
    text = read_report(SUMMARY_2019).text
    review_lines = {n for s in find_sections(text) if s.kind == "review"
                    for n in range(s.start_line, s.end_line + 1)}
    evidence_lines = {e.line for item in checked.items for e in item.evidence}
    assert evidence_lines and evidence_lines <= review_lines
    # the 2019 plan says 推动形成全面开放新格局-like things again; none of its lines is evidence
    plan_start = next(s.start_line for s in find_sections(text) if s.kind == "plan")
    assert max(evidence_lines) < plan_start


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.delenv("DUBAN_LANG", raising=False)
    monkeypatch.setenv("DUBAN_USER", "督查室")
    root = tmp_path / "plans"
    import_plan(root, PLAN_2018, "2018")

    def invoke(*args, today="2019-03-06"):
        return CliRunner().invoke(cli, ["--plans", str(root), "--today", today, *args])

    invoke.root = root
    return invoke


def test_cli_json_shape(run):
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["plan", "summary", "items", "targets"]
    assert (data["plan"], data["summary"]) == ("2018", "gwr-2019.txt")
    assert len(data["items"]) == 9
    for item in data["items"]:
        assert list(item) == ["id", "title", "verdict", "score", "evidence"]
        assert item["verdict"] in ("done", "in_progress", "at_risk", "not_found")
        assert isinstance(item["score"], float) and 0 <= item["score"] <= 1
        for evidence in item["evidence"]:
            assert list(evidence) == ["text", "line"] and isinstance(evidence["line"], int)
    for target in data["targets"]:
        assert list(target) == ["id", "metric", "comparator", "value", "unit", "actual", "actual_text", "verdict"]
        assert target["verdict"] in ("met", "not_met", "unknown")
    gdp = next(t for t in data["targets"] if t["metric"] == "国内生产总值增长")
    assert gdp == {"id": "2018-01", "metric": "国内生产总值增长", "comparator": "about", "value": 6.5, "unit": "%",
                   "actual": 6.6, "actual_text": "国内生产总值增长6.6%", "verdict": "met"}


def test_cli_terminal_view_in_chinese_and_english(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    zh = run("check", str(SUMMARY_2019), "--plan", "2018")
    assert zh.exit_code == 0
    first = zh.output.splitlines()[0]
    assert first.rstrip() == "核查 2018 ← gwr-2019.txt"
    assert "已完成" in zh.output and "有风险" in zh.output
    assert "第19行：乡村振兴战略有力实施，粮食总产量保持在1.3万亿斤以上。" in zh.output
    assert "国内生产总值增长 ≈ 6.5%" in zh.output
    en = run("--lang", "en", "check", str(SUMMARY_2019), "--plan", "2018")
    assert en.output.splitlines()[0].rstrip() == "Check 2018 ← gwr-2019.txt"
    assert "L19:乡村振兴战略有力实施" in en.output
    assert "at risk" in en.output and "met" in en.output


def test_cli_apply_writes_check_tables_and_never_marks_done(run):
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--apply")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "已写入核查结果：9 项任务"
    workspace = Workspace(run.root)
    tasks = workspace.load_tasks(["2018"]).tasks
    assert all(t.status == "todo" for t in tasks)
    rural = next(t for t in tasks if t.title == "大力实施乡村振兴战略")
    assert rural.check["report"] == "gwr-2019.txt" and rural.check["verdict"] == "done"
    assert rural.check["evidence"][0] == "乡村振兴战略有力实施，粮食总产量保持在1.3万亿斤以上。"
    assert rural.progress[-1].by == "督查室" and rural.progress[-1].status == "todo"
    assert str(rural.progress[-1].date) == "2019-03-06"
    again = run("check", str(SUMMARY_2019), "--plan", "2018", "--apply")
    assert again.output.splitlines()[-1] == "已写入核查结果：0 项任务"  # the same check twice changes nothing
    assert run("validate").exit_code == 0


def test_cli_mark_done(run):
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--json", "--mark-done")
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout is only JSON; the note goes to stderr
    tasks = Workspace(run.root).load_tasks(["2018"]).tasks
    done = {t.title for t in tasks if t.status == "done"}
    assert "大力实施乡村振兴战略" in done
    assert "积极扩大消费和促进有效投资" not in done and "坚决打好三大攻坚战" not in done


def test_cli_errors(run, tmp_path):
    missing = run("check", str(tmp_path / "nothing.docx"), "--plan", "2018")
    assert missing.exit_code == 3
    assert missing.output == f"duban: {tmp_path / 'nothing.docx'}：无法读取：No such file or directory\n"
    unknown = run("check", str(SUMMARY_2019), "--plan", "2099")
    assert unknown.exit_code == 2
    assert unknown.output == f"duban: 没有计划 2099：找不到 {run.root / '2099' / 'plan.toml'}\n"
    no_plan = run("check", str(SUMMARY_2019))
    assert no_plan.exit_code == 2 and "--plan" in no_plan.output


def test_commands_that_do_not_match_never_load_the_segmenter(run):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom duban.cli import cli\n"
            f"result = CliRunner().invoke(cli, ['--plans', {str(run.root)!r}, 'list', '--json'])\n"
            "assert result.exit_code == 0, result.output\n"
            "print(sorted(m for m in ('jieba', 'duban.check.matching', 'duban.check.verdicts', 'numpy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_first_check_builds_the_segmenter_cache_quietly(run, tmp_path):
    cache = tmp_path / "fresh-cache"
    env = {**os.environ, "DUBAN_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-m", "duban", "--plans", str(run.root), "check", str(SUMMARY_2019),
                           "--plan", "2018", "--json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert done.stderr == ""  # no jieba "Building prefix dict…" lines
    assert json.loads(done.stdout)["plan"] == "2018"
    assert (cache / "jieba-dict-min10.txt").is_file()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_cli_apply_commit(run):
    def git(*args):
        return subprocess.run(["git", *args], cwd=run.root, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "import")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    result = CliRunner(env=env).invoke(cli, ["--plans", str(run.root), "--today", "2019-03-06", "check",
                                             str(SUMMARY_2019), "--plan", "2018", "--apply", "--commit"])
    assert result.exit_code == 0, result.output
    assert git("log", "-1", "--format=%s") == "duban: 核查 2018，对照《gwr-2019.txt》\n"
    assert len(git("show", "--name-only", "--format=", "HEAD").split()) == 9
    assert git("status", "--porcelain") == ""


def test_cli_warns_when_the_summary_has_no_review(run, tmp_path):
    plan_only = tmp_path / "plan-only.txt"
    plan_only.write_text("2020年工作计划\n一、2020年工作打算\n（一）全力做好创建国家卫生城市复审工作。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plans", str(run.root), "check", str(plan_only), "--plan",
                                      "2018", "--json"])
    assert result.exit_code == 0
    assert result.stderr == f"duban: 警告：{plan_only}：未找到回顾部分，没有可作依据的内容\n"
    assert {item["verdict"] for item in json.loads(result.stdout)["items"]} == {"not_found"}
