"""The JSON shapes of DESIGN.md, every one in this file: other tools rely on their keys, order and types.

- `import --dry-run --json`: {"plan": {"id", "org", "period", "start", "end"},
                              "tasks": [{"title", "category", "owner", "due", "due_basis", "detail", "targets"}]}
- `list --json`, `overdue --json`: [{"id", "plan", "title", "owner", "due", "status", "days_overdue"}]
- `check --json`: {"plan", "summary", "items": [{"id", "title", "verdict", "score", "evidence": [{"text", "line"}]}],
                   "targets": [{"id", "metric", "comparator", "value", "unit", "actual", "actual_text", "verdict"}]}
  and with --apply, --mark-done, --mark-progress or --dry-run also
  "apply": {"summary_period", "summary_date", "text", "sha256", "mark_done", "mark_progress", "writes",
            "changes": [{"id", "title", "status", "new_status", "verdict", "evidence": {"text", "line"} | null}],
            "left_alone": [{"id", "title", "status", "verdict", "reason", "set_on", "by"}], "written"}
- `show --json`: the task as stored plus "plan" and "days_overdue"; `log --json`: one record per commit.
- `weekly --json`: {"organisation", "issuer", "issue", "week", "monday", "sunday", "today",
                    "scope": {"owner", "plan", "org"}, "counts": {…}, "moved": […], "due_changes": […],
                    "overdue": […], "due_soon": […], "owners": […], "checks": […]}; `--by-owner`: a list of them;
  each check: {"plan", "report", "date", "verdicts", "items": […], "targets": [as check --json's targets]}.
- `validate --json`: {"ok", "plans", "tasks", "faults": [{"path", "line", "code", "message"}]}
- `owners --json`: [{"unit", "aliases", "open", "late"}]
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from datetime import date

import pytest
from click.testing import CliRunner

os.environ.setdefault("DUBAN_CACHE", os.path.join(tempfile.gettempdir(), "duban-test-cache"))

from duban.cli import cli  # noqa: E402
from duban.ledger.index import load_summaries  # noqa: E402
from duban.views import json as json_out  # noqa: E402

from conftest import TODAY  # noqa: E402
from sample_reports import seed  # noqa: E402

LISTING_KEYS = ["id", "plan", "title", "owner", "due", "status", "days_overdue"]


@pytest.fixture
def run(workspace, monkeypatch):
    for name in ("DUBAN_LANG", "DUBAN_PLANS", "DUBAN_TODAY", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)

    def invoke(*args):
        result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", TODAY.isoformat(), *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return invoke


def test_list_and_overdue(run):
    listed = run("list", "--json")
    assert [list(record) for record in listed] == [LISTING_KEYS] * 4
    assert listed[2] == {"id": "2019H2-03", "plan": "2019H2", "title": "强力推进医疗服务信息化建设",
                         "owner": "规划信息科", "due": "2019-09-30", "status": "in_progress", "days_overdue": 51}
    assert listed[3]["days_overdue"] == 0 and listed[3]["status"] == "done"
    late = run("overdue", "--json")
    assert [r["id"] for r in late] == ["2019H2-03", "2019H2-01"] and all(list(r) == LISTING_KEYS for r in late)


def test_list_json_fast_path_is_byte_for_byte_the_plain_encoding(workspace):
    tasks = workspace.load_tasks().tasks
    expected = json.dumps([json_out.listing_record(t, TODAY) for t in tasks], ensure_ascii=False, indent=2) + "\n"
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    json_out.dump_listing(load_summaries(workspace).tasks, TODAY, stream)
    stream.flush()
    assert stream.buffer.getvalue().decode("utf-8") == expected
    plain = io.StringIO()
    json_out.dump_listing(tasks, TODAY, plain)  # Tasks read from files have no stored heads: the plain way
    assert plain.getvalue() == expected


def test_show(run):
    shown = run("show", "2019H2-03", "--json")
    assert list(shown)[:3] == ["id", "title", "category"] and list(shown)[-2:] == ["plan", "days_overdue"]
    assert shown["progress"] == [{"date": "2019-09-02", "status": "in_progress", "note": "完成平台招标", "by": "张三"}]
    assert (shown["plan"], shown["days_overdue"], shown["due"]) == ("2019H2", 51, "2019-09-30")


def test_show_of_a_value_json_cannot_hold_is_still_json(run, workspace):
    path = workspace.task_path("2019H2-02")
    path.write_text(path.read_text(encoding="utf-8").replace("value = 3", "value = nan"), encoding="utf-8")
    assert run("show", "2019H2-02", "--json")["targets"][0]["value"] is None


def test_import_dry_run(run, tmp_path):
    data = run("import", str(seed("000")), "--period", "2019H2", "--dry-run", "--json")
    assert list(data) == ["plan", "tasks"]
    assert data["plan"] == {"id": "2019H2", "org": "区卫生健康局", "period": "2019H2", "start": "2019-07-01",
                            "end": "2019-12-31"}
    assert all(list(t) == ["title", "category", "owner", "due", "due_basis", "detail", "targets"]
               for t in data["tasks"])
    plan = tmp_path / "2020年工作计划.txt"
    plan.write_text("区卫生健康局2020年工作计划\n一、2020年工作任务\n1.推进家庭医生签约，签约服务覆盖率达到30%以上。\n"
                    "2.加强传染病防控，报告及时率不低于95%。\n", encoding="utf-8")
    targets = run("import", str(plan), "--dry-run", "--json")["tasks"][0]["targets"]
    assert targets == [{"metric": "签约服务覆盖率", "comparator": "at_least", "value": 30, "unit": "%"}]


def test_check(run, tmp_path):
    summary = tmp_path / "2019年工作总结.txt"
    summary.write_text("区卫生健康局2019年工作总结\n一、2019年工作回顾\n顺利通过国家卫生城市复审，四小单位持证率达到98%。\n"
                       "区人口健康信息平台正在建设，已完成招标。\n二、2020年工作打算\n1.推进党建工作。\n", encoding="utf-8")
    data = run("check", str(summary), "--plan", "2019H2", "--json")
    assert list(data) == ["plan", "summary", "items", "targets"]
    assert (data["plan"], data["summary"]) == ("2019H2", "2019年工作总结.txt")
    assert all(list(item) == ["id", "title", "verdict", "score", "evidence"] for item in data["items"])
    assert data["items"][0]["evidence"][0] == {"text": "顺利通过国家卫生城市复审，四小单位持证率达到98%。", "line": 3}
    assert data["targets"] == [{"id": "2019H2-02", "metric": "名中医工作室", "comparator": "at_least", "value": 3,
                                "unit": "个", "actual": None, "actual_text": "", "verdict": "unknown"}]


APPLY_KEYS = ["summary_period", "summary_date", "text", "sha256", "mark_done", "mark_progress", "writes", "changes",
              "left_alone", "written"]


def test_check_apply(run, tmp_path, workspace):
    summary = tmp_path / "2019年工作总结.txt"
    summary.write_text("区卫生健康局2019年工作总结\n一、2019年工作回顾\n顺利通过国家卫生城市复审，四小单位持证率达到98%。\n"
                       "信息化建设全面完成，平台建成投入使用。\n二、2020年工作打算\n1.推进党建工作。\n", encoding="utf-8")
    blocked = workspace.get_task("2019H2-03")
    blocked.status = "blocked"
    workspace.save_task(blocked)
    data = run("check", str(summary), "--plan", "2019H2", "--mark-done", "--dry-run", "--json")
    assert list(data) == ["plan", "summary", "items", "targets", "apply"]
    apply = data["apply"]
    assert list(apply) == APPLY_KEYS
    assert (apply["summary_period"], apply["summary_date"], apply["text"]) == ("2019", "2019-12-31",
                                                                               "checks/2019年工作总结.txt")
    assert (apply["mark_done"], apply["mark_progress"], apply["written"]) == (True, False, [])
    assert apply["writes"] == ["2019H2-01", "2019H2-02", "2019H2-03", "2019H2-04"]
    assert apply["changes"] == [{"id": "2019H2-01", "title": "全力做好创建国家卫生城市复审工作", "status": "todo",
                                 "new_status": "done", "verdict": "done",
                                 "evidence": {"text": "顺利通过国家卫生城市复审，四小单位持证率达到98%。", "line": 3}}]
    assert apply["left_alone"] == [{"id": "2019H2-03", "title": "强力推进医疗服务信息化建设", "status": "blocked",
                                    "verdict": "done", "reason": "blocked", "set_on": None, "by": None}]
    written = run("check", str(summary), "--plan", "2019H2", "--mark-done", "--yes", "--json")["apply"]
    assert written["written"] == written["writes"] == apply["writes"]


def test_target_result_numbers_are_plain():
    from duban.check.figures import check_target
    from duban.check.matching import Sentence
    from duban.ledger.model import Target

    result = check_target("2018-01", Target("国内生产总值增长", "about", 6.5, "%"),
                          [Sentence("国内生产总值增长6.6%。", 1)])
    assert json_out.target_result_record(result) == {
        "id": "2018-01", "metric": "国内生产总值增长", "comparator": "about", "value": 6.5, "unit": "%",
        "actual": 6.6, "actual_text": "国内生产总值增长6.6%", "verdict": "met"}


def test_log_records(workspace):
    from duban.ledger.history import HistoryEntry

    entry = HistoryEntry("a" * 40, "张三", "z@example.org", "2019-09-02T10:00:00+08:00", "duban: 2019H2-03 进展",
                         changes={"status": ["todo", "in_progress"]})
    assert list(json_out.history_record(entry)) == ["commit", "author", "email", "date", "message", "created",
                                                    "deleted", "broken", "changes", "notes"]


WEEKLY_KEYS = ["organisation", "issuer", "issue", "week", "monday", "sunday", "today", "scope", "counts", "moved",
               "due_changes", "overdue", "due_soon", "owners", "checks"]


def test_weekly(run, workspace):
    from duban.ledger.updates import Change, apply_change

    task = workspace.get_task("2019H2-02")
    apply_change(task, Change(due=date(2019, 12, 15), note="名中医工作室选址调整", by="赵六"), TODAY)
    workspace.save_task(task)
    data = run("weekly", "--json")
    assert list(data) == WEEKLY_KEYS
    assert {k: data[k] for k in WEEKLY_KEYS[:7]} == {
        "organisation": "区卫生健康局", "issuer": "区卫生健康局", "issue": 47, "week": "2019-W47",
        "monday": "2019-11-18", "sunday": "2019-11-24", "today": "2019-11-20"}
    assert data["scope"] == {"owner": None, "plan": None, "org": None}
    assert data["counts"] == {"total": 4, "open": 3, "todo": 2, "in_progress": 1, "blocked": 0, "done": 1,
                              "dropped": 0, "overdue": 2, "due_soon": 0}
    assert data["moved"] == [{"id": "2019H2-02", "title": "进一步提升中医药服务能力", "owner": "中医科",
                              "date": "2019-11-20", "status": "todo", "previous": "todo",
                              "note": "名中医工作室选址调整", "by": "赵六",
                              "changes": {"due": ["2019-11-25", "2019-12-15"]}}]
    assert data["due_changes"] == [{"id": "2019H2-02", "title": "进一步提升中医药服务能力", "owner": "中医科",
                                    "date": "2019-11-20", "old_due": "2019-11-25", "new_due": "2019-12-15",
                                    "direction": "later", "note": "名中医工作室选址调整", "by": "赵六"}]
    assert data["overdue"][0] == {"id": "2019H2-03", "title": "强力推进医疗服务信息化建设", "owner": "规划信息科",
                                  "due": "2019-09-30", "days_overdue": 51, "status": "in_progress",
                                  "last_note": "完成平台招标", "last_note_date": "2019-09-02"}
    assert data["due_soon"] == []
    assert list(data["owners"][0]) == ["owner", "total", "open", "done", "dropped", "overdue"]
    assert data["checks"] == []


def test_weekly_checks_scope_and_sheets(run, workspace):
    task = workspace.get_task("2019H2-04")
    task.check = {"report": "2019年工作总结.txt", "date": date(2020, 1, 10), "verdict": "done", "score": 0.8,
                  "evidence": ["党建工作扎实推进。"]}
    workspace.save_task(task)
    [check] = run("weekly", "--json")["checks"]
    assert check == {"plan": "2019H2", "report": "2019年工作总结.txt", "date": "2020-01-10",
                     "verdicts": {"done": 1},
                     "items": [{"id": "2019H2-04", "title": "进一步加强党建和宣传工作", "owner": "办公室",
                                "verdict": "done", "score": 0.8, "evidence": "党建工作扎实推进。"}],
                     "targets": []}
    task.check["targets"] = [{"metric": "党员培训", "comparator": "at_least", "value": 4, "unit": "次",
                              "verdict": "met", "actual": 6, "actual_text": "党员培训6次", "line": 3}]
    workspace.save_task(task)
    [check] = run("weekly", "--json")["checks"]
    assert check["targets"] == [{"id": "2019H2-04", "metric": "党员培训", "comparator": "at_least", "value": 4,
                                 "unit": "次", "actual": 6, "actual_text": "党员培训6次", "verdict": "met"}]
    scoped = run("weekly", "--json", "--owner", "中医科", "--plan", "2019H2")
    assert scoped["scope"] == {"owner": "中医科", "plan": "2019H2", "org": None} and scoped["counts"]["total"] == 1
    sheets = run("weekly", "--json", "--by-owner")
    assert [sheet["scope"]["owner"] for sheet in sheets] == ["区卫生健康局", "规划信息科", "中医科", "办公室"]
    assert all(list(sheet) == WEEKLY_KEYS for sheet in sheets)
def test_validate(run, workspace):
    assert run("validate", "--json") == {"ok": True, "plans": 1, "tasks": 4, "faults": []}
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "完结"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--lang", "en", "validate", "--json"])
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert list(record) == ["ok", "plans", "tasks", "faults"]
    assert record["faults"] == [{"path": str(path), "line": 8, "code": "unknown_status",
                                 "message": "unknown status '完结': use one of todo (未开始), in_progress (推进中), "
                                            "done (已完成), blocked (受阻), dropped (已取消)"}]
    assert record["ok"] is False


def test_owners(run):
    records = run("owners", "--json")
    assert records[0] == {"unit": "中医科", "aliases": [], "open": 1, "late": 0}
    assert all(list(r) == ["unit", "aliases", "open", "late"] for r in records)
