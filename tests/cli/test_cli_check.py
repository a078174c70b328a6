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
from duban.views.cells import width  # noqa: E402
from conftest import lines
from sample_reports import STATE_COUNCIL, report_path, needs_shared

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


@needs_shared
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
    # the paragraph's numbered lead (二是扎实打好三大攻坚战，重点任务取得积极进展。) sums it up: what was done comes first
    assert lines[battles.evidence[0].line - 1].startswith("二是扎实打好三大攻坚战，重点任务取得积极进展。")
    assert battles.evidence[0].text == "制定并有序实施三大攻坚战三年行动方案。"
    targets = {(t.target.metric, t.target.comparator): (t.actual, t.verdict) for t in checked.targets}
    assert targets[("国内生产总值增长", "about")] == (6.6, "met")
    assert targets[("居民消费价格涨幅", "about")] == (2.1, "met")
    assert targets[("城镇新增就业", "at_least")] == (1361, "met")
    assert targets[("城镇调查失业率", "at_most")] == (5, "met")
    assert targets[("城镇登记失业率", "at_most")] == (None, "unknown")
    assert targets[("居民收入", "in_step")] == (6.5, "not_met")  # 6.5% < GDP's 6.6%
    assert targets[("单位国内生产总值能耗下降", "at_least")] == (3.1, "met")


@needs_shared
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

    def invoke(*args, today="2019-03-06", stdin=None):
        return CliRunner().invoke(cli, ["--plans", str(root), "--today", today, *args], input=stdin)

    invoke.root = root
    return invoke


@needs_shared
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


@needs_shared
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


@needs_shared
def test_cli_apply_writes_check_tables_and_never_marks_done(run):
    declined = run("check", str(SUMMARY_2019), "--plan", "2018", "--apply", stdin="n\n")
    assert declined.exit_code == 0
    assert lines(declined.output)[-3:] == ["将写入 9 项任务的核查结果：改变状态 0 项，其余不改（其中 0 项按规则不改）",
                                           "写入计划 2018 的 9 项任务？ [y/N]: n", "未写入"]
    assert all("check" not in t.extra and not t.check for t in Workspace(run.root).load_tasks(["2018"]).tasks)
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--apply", stdin="y\n")
    assert result.exit_code == 0
    kept = run.root / "2018" / "checks" / "gwr-2019.txt"
    assert lines(result.output)[-2:] == ["已写入核查结果：9 项任务，改变状态 0 项",
                                         f"总结全文（依据的行号指向它）：{kept}"]
    workspace = Workspace(run.root)
    tasks = workspace.load_tasks(["2018"]).tasks
    assert all(t.status == "todo" for t in tasks)
    rural = next(t for t in tasks if t.title == "大力实施乡村振兴战略")
    assert rural.check["report"] == "gwr-2019.txt" and rural.check["verdict"] == "done"
    assert rural.check["evidence"][0] == "乡村振兴战略有力实施，粮食总产量保持在1.3万亿斤以上。"
    assert rural.progress[-1].by == "督查室" and rural.progress[-1].status == "todo"
    assert str(rural.progress[-1].date) == "2019-03-06"
    again = run("check", str(SUMMARY_2019), "--plan", "2018", "--apply")
    assert lines(again.output)[-1] == "台账已有这次核查的结果，无需写入"  # the same check twice changes nothing
    assert run("validate").exit_code == 0


@needs_shared
def test_cli_mark_done(run):
    refused = run("check", str(SUMMARY_2019), "--plan", "2018", "--json", "--mark-done")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr == "duban: --json 只输出 JSON，无法询问：请加 --dry-run 或 --yes\n"
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--json", "--mark-done", "--yes")
    assert result.exit_code == 0
    written = json.loads(result.stdout)["apply"]  # stdout is only JSON; the notes go to stderr
    assert written["written"] == written["writes"] and len(written["writes"]) == 9
    tasks = Workspace(run.root).load_tasks(["2018"]).tasks
    done = {t.title for t in tasks if t.status == "done"}
    assert "大力实施乡村振兴战略" in done
    assert "积极扩大消费和促进有效投资" not in done and "坚决打好三大攻坚战" not in done


@needs_shared
def test_cli_mark_done_after_apply_logs_the_status_change_not_the_check_again(run):
    assert run("check", str(SUMMARY_2019), "--plan", "2018", "--apply", "--yes").exit_code == 0
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--mark-done", "--yes")
    assert result.exit_code == 0
    rural = next(t for t in Workspace(run.root).load_tasks(["2018"]).tasks if t.title == "大力实施乡村振兴战略")
    assert [e.status for e in rural.progress] == ["todo", "done"]
    assert rural.progress[0].note.startswith("核查《gwr-2019.txt》：已完成（")
    assert rural.progress[1].note == "按已记录的核查《gwr-2019.txt》结论（已完成）改变状态"
    again = run("check", str(SUMMARY_2019), "--plan", "2018", "--mark-done", "--yes")
    assert lines(again.output)[-1] == "台账已有这次核查的结果，无需写入"


@needs_shared
def test_cli_mark_progress_moves_only_todo_tasks_the_summary_shows_under_way(run):
    result = run("check", str(SUMMARY_2019), "--plan", "2018", "--json", "--mark-progress", "--yes")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    under_way = {item["id"] for item in data["items"] if item["verdict"] in ("done", "in_progress")}
    assert under_way and {c["id"] for c in data["apply"]["changes"]} == under_way
    assert {(c["status"], c["new_status"]) for c in data["apply"]["changes"]} == {("todo", "in_progress")}
    statuses = {t.id: t.status for t in Workspace(run.root).load_tasks(["2018"]).tasks}
    assert statuses == {task_id: "in_progress" if task_id in under_way else "todo" for task_id in statuses}
    # the check's own move is not a person's: marking done later still applies
    done = json.loads(run("check", str(SUMMARY_2019), "--plan", "2018", "--json", "--mark-done", "--yes").stdout)
    missed = {t["id"] for t in done["targets"] if t["verdict"] == "not_met"}
    assert {(left["id"], left["reason"]) for left in done["apply"]["left_alone"]} == {
        (i["id"], "target_missed") for i in data["items"] if i["verdict"] == "done" and i["id"] in missed}
    assert {c["id"] for c in done["apply"]["changes"]} == {
        i["id"] for i in data["items"] if i["verdict"] == "done" and i["id"] not in missed}


@needs_shared
def test_cli_errors(run, tmp_path):
    missing = run("check", str(tmp_path / "nothing.docx"), "--plan", "2018")
    assert missing.exit_code == 3
    assert missing.output == f"duban: {tmp_path / 'nothing.docx'}：无法读取：No such file or directory\n"
    unknown = run("check", str(SUMMARY_2019), "--plan", "2099")
    assert unknown.exit_code == 2
    assert unknown.output == f"duban: 没有计划 2099：找不到 {run.root / '2099' / 'plan.toml'}；现有计划：2018\n"
    chosen = run("check", str(SUMMARY_2019), "--json")  # the workspace's only plan
    assert chosen.exit_code == 0
    assert chosen.stderr.splitlines()[0] == "核查计划 2018（2018）：未给 --plan，按工作区和总结选定"
    assert json.loads(chosen.stdout)["plan"] == "2018"


@needs_shared
def test_commands_that_do_not_match_never_load_the_segmenter(run):
    code = ("import sys\nfrom click.testing import CliRunner\nfrom duban.cli import cli\n"
            f"result = CliRunner().invoke(cli, ['--plans', {str(run.root)!r}, 'list', '--json'])\n"
            "assert result.exit_code == 0, result.output\n"
            "print(sorted(m for m in ('jieba', 'duban.check.matching', 'duban.check.verdicts', 'numpy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


@needs_shared
def test_first_check_builds_the_segmenter_cache_quietly(run, tmp_path):
    cache = tmp_path / "fresh-cache"
    env = {**os.environ, "DUBAN_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-m", "duban", "--plans", str(run.root), "check", str(SUMMARY_2019),
                           "--plan", "2018", "--json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0
    assert done.stderr == ""  # no jieba "Building prefix dict…" lines
    assert json.loads(done.stdout)["plan"] == "2018"
    assert (cache / "jieba-dict-min10.txt").is_file()


@needs_shared
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
                                             str(SUMMARY_2019), "--plan", "2018", "--apply", "--yes", "--commit"])
    assert result.exit_code == 0, result.output
    assert git("log", "-1", "--format=%s") == "duban: 核查 2018，对照《gwr-2019.txt》\n"
    committed = git("-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD").split()
    assert len(committed) == 10 and "2018/checks/gwr-2019.txt" in committed  # the tasks and the kept text
    assert git("status", "--porcelain") == ""
    marked = CliRunner(env=env).invoke(cli, ["--plans", str(run.root), "--today", "2019-03-06", "check",
                                             str(SUMMARY_2019), "--plan", "2018", "--mark-done", "--yes", "--commit"])
    moved = len(json.loads(CliRunner().invoke(cli, ["--plans", str(run.root), "list", "--status", "done",
                                                    "--json"]).stdout))
    assert marked.exit_code == 0 and moved > 0
    assert git("log", "-1", "--format=%s") == f"duban: 核查 2018，对照《gwr-2019.txt》，改动 {moved} 项状态\n"


@needs_shared
def test_cli_warns_when_the_summary_has_no_review(run, tmp_path):
    plan_only = tmp_path / "plan-only.txt"
    plan_only.write_text("2020年工作计划\n一、2020年工作打算\n（一）全力做好创建国家卫生城市复审工作。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plans", str(run.root), "check", str(plan_only), "--plan",
                                      "2018", "--json"])
    assert result.exit_code == 0
    assert result.stderr == ("duban: 警告：《plan-only.txt》回顾的是 2019，在计划 2018 的期间 2018 之后：请确认它报告的是这个计划\n"
                             f"duban: 警告：{plan_only}：未找到回顾部分，没有可作依据的内容\n")
    assert {item["verdict"] for item in json.loads(result.stdout)["items"]} == {"not_found"}


# --- a check an office can trust: the shipped workspace (seeds 000 and 001) and the other seeds -------------------

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def office(tmp_path, monkeypatch):
    """`duban --plans <copy of the shipped plans/> …`: plan 2019H2 (seed 000) worked on until 2019-11-20, with
    2019H2-07 blocked, and plan 2017-wjj checked against its year-end summary."""
    for name in ("DUBAN_LANG", "NO_COLOR", "COLUMNS", "DUBAN_PLANS", "DUBAN_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DUBAN_USER", "督查室")
    root = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", root, ignore=shutil.ignore_patterns(".duban-cache"))

    def invoke(*args, today="2022-01-20", stdin=None):
        return CliRunner().invoke(cli, ["--plans", str(root), "--today", today, *args], input=stdin)

    invoke.root = root
    return invoke


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".duban-cache" not in p.parts}


def test_a_summary_with_no_chinese_text_is_refused_and_nothing_is_written(office, tmp_path):
    listing = tmp_path / "services.txt"
    listing.write_text("ftp 21/tcp\nssh 22/tcp\nsmtp 25/tcp mail\n" * 20, encoding="utf-8")
    before = snapshot(office.root)
    result = office("check", str(listing), "--plan", "2019H2", "--mark-done", "--yes")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"duban: {listing.name} 中几乎没有中文，看不出是一份工作总结或报告\n"
    assert snapshot(office.root) == before


def test_another_districts_summary_is_refused_and_nothing_is_written(office):
    before = snapshot(office.root)
    result = office("check", str(report_path("004")), "--plan", "2019H2", "--mark-done")
    assert (result.exit_code, result.stdout) == (2, "")
    assert lines(result.stderr) == [
        "duban: 《004_fcfdb3fd1c23bd23.txt》回顾的是 2022，既不是计划 2019H2 的期间 2019H2，也不是紧接其后的期间",
        "duban: 未核查计划 2019H2：总结与计划不符（确认无误可加 --force 仍然核查）"]
    assert snapshot(office.root) == before


def test_the_plans_own_report_is_refused_by_sha256_and_by_its_text(office, tmp_path):
    own = office("check", str(report_path("000")), "--plan", "2019H2")
    assert own.exit_code == 2
    assert lines(own.stderr)[0] == ("duban: 《000_39b622c591527ef1.txt》就是计划 2019H2 的来源报告 "
                                    "000_39b622c591527ef1.txt（sha256 相同），用它核查只会重复计划本身")
    as_docx_text = tmp_path / "2019年上半年工作总结.txt"  # the same words in another file
    as_docx_text.write_text((office.root / "2019H2" / "report.txt").read_text(encoding="utf-8") + "\n\n",
                            encoding="utf-8")
    copy = office("--lang", "en", "check", str(as_docx_text), "--plan", "2019H2")
    assert copy.exit_code == 2
    assert lines(copy.stderr) == [
        "duban: 2019年上半年工作总结.txt has the same text as plan 2019H2's source report 000_39b622c591527ef1.txt: "
        "it only repeats the plan",
        "duban: plan 2019H2 not checked: the summary does not fit it (add --force to check anyway)"]


def test_forced_mark_done_previews_what_it_writes_and_never_touches_a_blocked_task(office):
    # in January 2023 the unit of 2019H2-06 sets its status by hand, after the summary's date (2022-12-31)
    assert office("update", "2019H2-06", "--status", "未开始", "--note", "重新部署", "--by", "孙丽",
                  today="2023-01-05").exit_code == 0
    before = snapshot(office.root)
    args = ("check", str(report_path("004")), "--plan", "2019H2", "--mark-done", "--force", "--json")
    dry = office(*args, "--dry-run")
    assert dry.exit_code == 0
    assert snapshot(office.root) == before  # --dry-run writes nothing
    preview = json.loads(dry.stdout)["apply"]
    assert (preview["summary_period"], preview["summary_date"], preview["written"]) == ("2022", "2022-12-31", [])
    assert dry.stderr.startswith("duban: 警告：《004_fcfdb3fd1c23bd23.txt》回顾的是 2022")
    left = {k["id"]: (k["status"], k["reason"], k["set_on"], k["by"]) for k in preview["left_alone"]}
    assert left == {"2019H2-07": ("blocked", "blocked", None, None),
                    "2019H2-06": ("todo", "set_after", "2023-01-05", "孙丽")}
    moves = {c["id"]: (c["status"], c["new_status"]) for c in preview["changes"]}
    assert moves and all(new == "done" for _, new in moves.values())

    statuses = {t.id: t.status for t in Workspace(office.root).load_tasks(["2019H2"]).tasks}
    written = office(*args, "--yes")
    assert written.exit_code == 0
    applied = json.loads(written.stdout)["apply"]
    assert applied["written"] == applied["writes"] == preview["writes"]
    for task_id, status in list(statuses.items()):  # the statuses the preview listed, and nothing else
        if task_id in moves:
            assert moves[task_id][0] == status
            statuses[task_id] = moves[task_id][1]
    assert {t.id: t.status for t in Workspace(office.root).load_tasks(["2019H2"]).tasks} == statuses
    assert (statuses["2019H2-07"], statuses["2019H2-06"]) == ("blocked", "todo")
    assert lines(written.stderr)[-2:] == [
        f"已写入核查结果：{len(applied['written'])} 项任务，改变状态 {len(moves)} 项",
        f"总结全文（依据的行号指向它）：{office.root / '2019H2' / 'checks' / '004_fcfdb3fd1c23bd23.txt'}"]


def test_the_kept_summary_holds_every_cited_line(office):
    assert office("check", str(report_path("004")), "--plan", "2019H2", "--apply", "--force", "--yes").exit_code == 0
    kept = office.root / "2019H2" / "checks" / "004_fcfdb3fd1c23bd23.txt"
    text_lines = kept.read_text(encoding="utf-8").split("\n")
    cited = 0
    for task in Workspace(office.root).load_tasks(["2019H2"]).tasks:
        assert task.check["text"] == "checks/004_fcfdb3fd1c23bd23.txt"
        assert task.check["sha256"] == read_report(report_path("004")).sha256
        for sentence, line in zip(task.check["evidence"], task.check["lines"]):
            assert sentence in text_lines[line - 1]
            cited += 1
    assert cited >= 9
    assert office("validate").exit_code == 0


def test_the_terminal_preview_at_80_columns(office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = office("check", str(report_path("004")), "--plan", "2019H2", "--mark-done", "--force", stdin="n\n")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert max(width(line) for line in out) <= 80
    start = out.index("《004_fcfdb3fd1c23bd23.txt》：回顾 2022，按 2022-12-31 的情况计")
    assert out[start + 1].startswith("将改变状态的任务（")
    kept = out.index("按规则不改状态的任务（1）")
    assert out[kept + 3].startswith("2019H2-07  强力推进医疗服务信息化建设  受阻")
    assert out[kept + 4].strip() == "说明：受阻的任务须由人工确认后再改状态"
    assert out[-2:] == ["写入计划 2019H2 的 9 项任务？ [y/N]: n", "未写入"]


def test_show_prints_the_passages_where_they_can_be_opened_and_the_targets(office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = office("show", "2017-wjj-01")
    assert result.exit_code == 0
    out = lines(result.output)
    kept = office.root / "2017-wjj" / "checks" / "区卫计局2017年工作总结.txt"
    start = out.index("核查：已完成  得分 0.45  (区卫计局2017年工作总结.txt  2018-01-22)")
    # the path never wraps; what was done comes before the bare heading of its line (（一）分级诊疗模式不断完善。)
    assert out[start + 1:start + 4] == [f"·  {kept}:4", "   全面推行家庭医生签约服务，组建签约服务团队56支，落实基层首诊，全年签约服务覆",
                                        "   盖率达到32%，重点人群覆盖率达到62%。"]
    # a second passage of the same paragraph, then the next paragraph's
    assert out[start + 4:start + 6] == [f"·  {kept}:4", "   以支付方式改革为纽带组建医共体，县域内就诊率达到90.5%。"]
    assert out[start + 6] == f"·  {kept}:5"
    assert kept.read_text(encoding="utf-8").split("\n")[3].startswith("（一）分级诊疗模式不断完善。")
    targets = out.index("目标完成情况")
    assert out[targets + 1].split() == ["目标", "实际", "结论", "原文"]
    assert out[targets + 3:targets + 6] == ["签约效劳覆盖率 ≥ 30%    32%  达成  第4行：签约服务覆盖率达到32%",
                                            "重点人群覆盖率 ≥ 60%    62%  达成  第4行：重点人群覆盖率达到62%",
                                            "县域内就诊率 ≈ 90%    90.5%  达成  第4行：县域内就诊率达到90.5%"]


@needs_shared
def test_show_and_the_weekly_give_the_latest_check_with_its_targets(run):
    # an older check (forced: gwr-2017 reviews 2016), then the right one
    assert run("check", str(STATE_COUNCIL / "gwr-2017.txt"), "--plan", "2018", "--apply", "--force", "--yes",
               today="2019-01-10").exit_code == 0
    assert run("check", str(SUMMARY_2019), "--plan", "2018", "--apply", "--yes").exit_code == 0
    shown = lines(run("show", "2018-01").output)
    kept = run.root / "2018" / "checks" / "gwr-2019.txt"
    start = shown.index("核查：已完成  得分 0.63  (gwr-2019.txt  2019-03-06)")
    # the sentence that gives the item's own figure leads (国内生产总值增长6.6%); then line 16, which opens with its
    # lead (三是深化供给侧结构性改革，实体经济活力不断释放。): what was done is quoted first
    assert shown[start + 1] == f"·  {kept}:5"
    assert "国内生产总值增长6.6%" in shown[start + 2]
    following = shown.index(f"·  {kept}:16", start)
    assert shown[following + 1].startswith("   取消一批行政许可事项，“证照分离”改革在全国推开")
    assert kept.read_text(encoding="utf-8").split("\n")[15].startswith("三是深化供给侧结构性改革，实体经济活力不断释放。")
    # the verdict column is as wide as 未达成 (居民收入 grew 6.5 %, slower than GDP's 6.6 %: not in step)
    assert "国内生产总值增长 ≈ 6.5%            6.6%  达成    第5行：国内生产总值增长6.6%" in shown
    assert "居民收入与经济增长同步             6.5%  未达成  第10行：居民人均可支配收入实际增长6.5%" in shown
    weekly = json.loads(run("weekly", "--json").output)
    [check] = weekly["checks"]
    assert (check["plan"], check["report"], check["date"]) == ("2018", "gwr-2019.txt", "2019-03-06")
    assert {"id": "2018-01", "metric": "国内生产总值增长", "comparator": "about", "value": 6.5, "unit": "%",
            "actual": 6.6, "actual_text": "国内生产总值增长6.6%", "verdict": "met"} in check["targets"]
    text = run("weekly", "--plan", "2018").output
    assert "2018 数值目标" in text and "gwr-2017.txt" not in text


def test_an_unknown_plan_names_the_plans_there_are(cli_run, workspace):
    from datetime import date

    from duban.ledger.model import Plan

    workspace.save_plan(Plan("2019Q4", "区卫生健康局", "2019Q4", date(2019, 10, 1), date(2019, 12, 31)))
    summary = Path(__file__).parents[1] / "data" / "reports" / "002_7151a3f788c23936.txt"
    path = workspace.root / "2023" / "plan.toml"
    result = cli_run("check", str(summary), "--plan", "2023")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"duban: 没有计划 2023：找不到 {path}；现有计划：2019H2、2019Q4\n")
    assert cli_run("--lang", "en", "check", str(summary), "--plan", "2023").stderr == (
        f"duban: unknown plan '2023': no {path}; the plans are 2019H2, 2019Q4\n")


def test_a_plan_typed_in_lower_case_is_the_plan(cli_run, workspace):
    summary = Path(__file__).parents[1] / "data" / "reports" / "002_7151a3f788c23936.txt"
    upper, lower = cli_run("check", str(summary), "--plan", "2019H2"), cli_run("check", str(summary), "--plan", "2019h2")
    assert (lower.exit_code, lower.output) == (upper.exit_code, upper.output)


YEAR_END_2017 = ("区卫计局2017年工作总结\n2017年，区卫计局各项工作取得明显成效。\n一、2017年工作回顾\n"
                 "（一）分级诊疗模式不断完善。全面推行家庭医生签约服务，全年签约服务覆盖率达到32%。\n"
                 "二、2018年工作打算\n（一）巩固分级诊疗成果。继续做实家庭医生签约服务。\n")


def test_without_plan_the_check_takes_the_plan_the_summary_reviews_and_says_so(office, tmp_path):
    summary = tmp_path / "区卫计局2017年工作总结.txt"
    summary.write_text(YEAR_END_2017, encoding="utf-8")
    result = office("check", str(summary), "--json")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "核查计划 2017-wjj（2017）：未给 --plan，按工作区和总结选定"
    assert json.loads(result.stdout)["plan"] == "2017-wjj"


def test_without_plan_a_summary_that_fits_no_plan_is_a_usage_error_naming_them(office):
    before = snapshot(office.root)
    result = office("--lang", "en", "check", str(report_path("004")), "--mark-done")
    assert (result.exit_code, result.stdout) == (2, "")
    assert lines(result.stderr) == [
        "duban: 004_fcfdb3fd1c23bd23.txt reviews 2022: neither plan 2017-wjj's period 2017 nor the one right after it",
        "duban: 004_fcfdb3fd1c23bd23.txt reviews 2022: neither plan 2019H2's period 2019H2 nor the one right after it",
        "duban: 004_fcfdb3fd1c23bd23.txt reviews 2022: neither plan 2019Q4's period 2019Q4 nor the one right after it",
        "duban: 004_fcfdb3fd1c23bd23.txt fits none of the plans (see why above): name one with --plan and add --force "
        "if it is right (2017-wjj, 2019H2, 2019Q4)"]
    assert snapshot(office.root) == before


def test_without_plan_an_empty_workspace_says_to_import_one(tmp_path):
    init_workspace(tmp_path / "plans")
    summary = tmp_path / "总结.txt"
    summary.write_text(YEAR_END_2017, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plans", str(tmp_path / "plans"), "check", str(summary)])
    assert (result.exit_code, result.stderr) == (2, "duban: 工作区中还没有计划：请先用 duban import 导入计划报告\n")
