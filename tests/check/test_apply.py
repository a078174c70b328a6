"""Writing a check into the ledger: the [check] table, which statuses a check may move and which it leaves alone,
the preview that shows it, and writing exactly what the preview showed."""

from datetime import date

import pytest

from duban.check.apply import (LeftAlone, StatusChange, Summary, apply_result, check_table, decide_status,
                               last_status_set, preview_check, write_check)
from duban.check.figures import TargetResult
from duban.check.verdicts import CheckResult, Evidence, ItemResult
from duban.ledger.model import ProgressEntry, Target, Task
from duban.ledger.updates import Change, apply_change
from duban.report.formats import Report

NOTE = "核查《2019年工作总结.docx》：已完成（0.82），第3行：顺利通过国家卫生城市复审。"
SUMMARY = Summary("2019年工作总结.docx", "c" * 64, "checks/2019年工作总结.txt")
REPORT = Report("2019年工作总结.docx", "区卫生健康局2019年工作总结\n一、2019年工作回顾\n顺利通过国家卫生城市复审。\n"
                "四小单位持证率达到98%。\n", "c" * 64)
SUMMARY_DATE = date(2019, 12, 31)


def item(verdict="done", task_id="2019H2-01"):
    return ItemResult(task_id, "全力做好创建国家卫生城市复审工作", verdict, 0.82,
                      [Evidence("顺利通过国家卫生城市复审。", 3), Evidence("四小单位持证率达到98%。", 4)])


def table(verdict="done", day=date(2020, 1, 10)):
    return check_table(item(verdict), [], SUMMARY, day)


def test_the_check_table_names_the_kept_text_and_keeps_the_targets():
    target = Target("四小单位持证率", "at_least", 95, "%")
    result = TargetResult("2019H2-01", target, 98.0, "四小单位持证率达到98%", "met", 4)
    assert check_table(item(), [result], SUMMARY, date(2020, 1, 10)) == {
        "report": "2019年工作总结.docx", "sha256": "c" * 64, "text": "checks/2019年工作总结.txt",
        "date": date(2020, 1, 10), "verdict": "done", "score": 0.82,
        "evidence": ["顺利通过国家卫生城市复审。", "四小单位持证率达到98%。"], "lines": [3, 4],
        "targets": [{"metric": "四小单位持证率", "comparator": "at_least", "value": 95, "unit": "%", "verdict": "met",
                     "actual": 98, "actual_text": "四小单位持证率达到98%", "line": 4}]}


def test_apply_writes_the_check_and_logs_it_once():
    task = Task("2019H2-01", "全力做好创建国家卫生城市复审工作", status="in_progress")
    assert apply_result(task, table(), "in_progress", NOTE, by="张三")
    assert task.status == "in_progress" and task.check == table()
    assert task.progress == [ProgressEntry(date(2020, 1, 10), "in_progress", NOTE, "张三",
                                           {"check": "2019年工作总结.docx"})]
    # the same check again changes nothing, on the same day or a later one
    assert not apply_result(task, table(), "in_progress", NOTE, by="张三")
    assert not apply_result(task, table(day=date(2020, 1, 17)), "in_progress", NOTE, by="张三")
    assert len(task.progress) == 1 and task.check["date"] == date(2020, 1, 10)


def test_marking_done_after_the_same_check_was_applied_does_not_repeat_its_evidence():
    """`check --apply`, then `--mark-done`: the second entry records the status change, pointing at the first."""
    recorded = "按已记录的核查《2019年工作总结.docx》结论（已完成）改变状态"
    task = Task("2019H2-01", "全力做好创建国家卫生城市复审工作", status="in_progress")
    assert apply_result(task, table(), "in_progress", NOTE, "张三", recorded)
    assert apply_result(task, table(day=date(2020, 1, 17)), "done", NOTE, "李四", recorded)
    assert [(e.date, e.status, e.note, e.by) for e in task.progress] == [
        (date(2020, 1, 10), "in_progress", NOTE, "张三"), (date(2020, 1, 17), "done", recorded, "李四")]
    assert task.progress[-1].extra == {"check": "2019年工作总结.docx", "changes": {"status": ["in_progress", "done"]}}
    # and once more: nothing to write
    assert not apply_result(task, table(day=date(2020, 1, 24)), "done", NOTE, "李四", recorded)
    # a new check that moves the status says its own verdict and evidence
    other = Task("2019H2-01", "t", status="in_progress")
    assert apply_result(other, table(), "done", NOTE, recorded_note=recorded)
    assert other.progress[-1].note == NOTE


def test_a_status_the_check_moves_is_logged_as_a_change():
    task = Task("2019H2-01", "t", status="in_progress")
    assert apply_result(task, table(), "done", NOTE)
    assert task.status == "done"
    assert task.progress[-1].extra == {"check": "2019年工作总结.docx", "changes": {"status": ["in_progress", "done"]}}


def person(task: Task, day: date, status: str, by: str = "李四") -> None:
    apply_change(task, Change(status=status, note="人工更新", by=by), day)


@pytest.mark.parametrize("status, verdict, mark_done, mark_progress, expected", [
    ("todo", "done", True, False, "done"),
    ("in_progress", "done", True, False, "done"),
    ("in_progress", "done", False, False, "in_progress"),      # --apply alone moves nothing
    ("todo", "in_progress", True, False, "todo"),              # in progress is not done
    ("todo", "in_progress", False, True, "in_progress"),       # unless asked
    ("todo", "done", False, True, "in_progress"),              # done shows it under way at least
    ("in_progress", "in_progress", False, True, "in_progress"),
    ("done", "at_risk", True, True, "done"),                   # a check never reopens a task
    ("todo", "not_found", True, True, "todo"),
])
def test_which_statuses_a_check_moves(status, verdict, mark_done, mark_progress, expected):
    task = Task("2019H2-01", "t", status=status)
    assert decide_status(task, item(verdict), SUMMARY_DATE, mark_done, mark_progress) == (expected, None)


@pytest.mark.parametrize("status", ["blocked", "dropped"])
def test_blocked_and_dropped_tasks_are_left_alone(status):
    task = Task("2019H2-07", "强力推进医疗服务信息化建设", status=status)
    assert decide_status(task, item("done"), SUMMARY_DATE, True, True) == (
        status, LeftAlone("2019H2-07", "强力推进医疗服务信息化建设", status, "done", status))


def test_a_task_whose_figures_the_summary_reports_missed_is_not_marked_done():
    task = Task("2019H2-03", "推进家庭医生签约服务")
    met = TargetResult("2019H2-03", Target("重点人群覆盖率", "at_least", 60, "%"), 65, "重点人群覆盖率达到65%", "met", 2)
    missed = TargetResult("2019H2-03", Target("签约服务覆盖率", "at_least", 30, "%"), 25, "签约服务覆盖率达到25%",
                          "not_met", 2)
    assert decide_status(task, item("done"), SUMMARY_DATE, True, False, [met]) == ("done", None)
    assert decide_status(task, item("done"), SUMMARY_DATE, True, False, [met, missed]) == (
        "todo", LeftAlone("2019H2-03", "推进家庭医生签约服务", "todo", "done", "target_missed", detail="签约服务覆盖率达到25%"))
    assert decide_status(task, item("done"), SUMMARY_DATE, False, True, [missed]) == ("in_progress", None)


def test_a_task_due_years_after_the_summary_is_not_marked_done_on_its_word():
    five_years = Task("2021-01", "推进深港融合", due=date(2025, 12, 31))
    assert decide_status(five_years, item("done"), date(2022, 1, 20), True, False) == (
        "todo", LeftAlone("2021-01", "推进深港融合", "todo", "done", "not_due", detail="2025-12-31"))
    assert decide_status(five_years, item("done"), date(2025, 1, 20), True, False) == ("done", None)


def test_a_status_a_person_set_after_the_summary_is_left_alone():
    task = Task("2019H2-01", "t")
    person(task, date(2019, 9, 2), "in_progress")
    assert decide_status(task, item("done"), SUMMARY_DATE, True, False) == ("done", None)
    person(task, date(2020, 1, 6), "todo", by="王五")  # the unit says it is not started after all, in January
    assert decide_status(task, item("done"), SUMMARY_DATE, True, False) == (
        "todo", LeftAlone("2019H2-01", "t", "todo", "done", "set_after", date(2020, 1, 6), "王五"))
    assert decide_status(task, item("done"), None, True, False) == ("done", None)  # an undated summary: no rule


def test_the_checks_own_status_changes_are_not_a_persons():
    task = Task("2019H2-01", "t")
    person(task, date(2019, 9, 2), "in_progress")
    apply_result(task, table("in_progress", date(2020, 1, 10)), "in_progress", NOTE)
    task.progress.append(ProgressEntry(date(2020, 1, 10), "todo", "手工记录", "赵六"))  # a hand-written entry
    assert last_status_set(task).by == "赵六"
    task.status = "todo"
    apply_result(task, table("in_progress", date(2020, 1, 11)), "in_progress", "--mark-progress")
    assert last_status_set(task).by == "赵六"  # the check's move to in_progress does not count


def result_of(*items: ItemResult) -> CheckResult:
    return CheckResult("2019H2", "2019年工作总结.docx", list(items), [], 4)


def test_preview_then_write_exactly_that(workspace):
    # conftest's plan: 01 todo, 02 todo, 03 in_progress (set 2019-09-02 by 张三), 04 done
    blocked = workspace.get_task("2019H2-02")
    person(blocked, date(2019, 10, 8), "blocked")
    workspace.save_task(blocked)
    result = result_of(item("done", "2019H2-01"), item("done", "2019H2-02"), item("done", "2019H2-03"),
                       item("not_found", "2019H2-04"))
    tasks = workspace.load_tasks(["2019H2"]).tasks
    before = {t.id: workspace.task_path(t.id).read_bytes() for t in tasks}

    def note_of(found):
        return f"核查：{found.verdict}"

    preview = preview_check(result, tasks, REPORT, SUMMARY_DATE, date(2020, 1, 10), note_of, mark_done=True)
    assert {t.id: workspace.task_path(t.id).read_bytes() for t in tasks} == before  # nothing written yet
    first = Evidence("顺利通过国家卫生城市复审。", 3)
    assert preview.changes == [
        StatusChange("2019H2-01", "全力做好创建国家卫生城市复审工作", "todo", "done", "done", first),
        StatusChange("2019H2-03", "强力推进医疗服务信息化建设", "in_progress", "done", "done", first)]
    assert preview.left_alone == [LeftAlone("2019H2-02", "进一步提升中医药服务能力", "blocked", "done", "blocked")]
    assert preview.writes == ["2019H2-01", "2019H2-02", "2019H2-03", "2019H2-04"]

    changed = write_check(workspace, result, REPORT, preview, date(2020, 1, 10), note_of)
    kept = workspace.plan_dir("2019H2") / "checks" / "2019年工作总结.txt"
    assert changed == [kept, *(workspace.task_path(i) for i in preview.writes)]
    assert kept.read_text(encoding="utf-8") == REPORT.text
    assert (preview.written, preview.moved) == (preview.writes, ["2019H2-01", "2019H2-03"])
    statuses = {t.id: t.status for t in workspace.load_tasks(["2019H2"]).tasks}
    assert statuses == {"2019H2-01": "done", "2019H2-02": "blocked", "2019H2-03": "done", "2019H2-04": "done"}
    again = preview_check(result, workspace.load_tasks(["2019H2"]).tasks, REPORT, SUMMARY_DATE, date(2020, 1, 17),
                          note_of, mark_done=True)
    assert (again.writes, again.changes) == ([], [])  # the same check again writes nothing


def test_a_status_changed_between_preview_and_write_is_kept(workspace):
    result = result_of(item("done", "2019H2-01"))
    tasks = workspace.load_tasks(["2019H2"]).tasks
    preview = preview_check(result, tasks, REPORT, SUMMARY_DATE, date(2020, 1, 10), lambda found: "n", mark_done=True)
    assert [c.new for c in preview.changes] == ["done"]
    meanwhile = workspace.get_task("2019H2-01")
    person(meanwhile, date(2020, 1, 10), "blocked")
    workspace.save_task(meanwhile)
    write_check(workspace, result, REPORT, preview, date(2020, 1, 10), lambda found: "n")
    task = workspace.get_task("2019H2-01")
    assert (task.status, task.check["verdict"], preview.moved) == ("blocked", "done", [])
