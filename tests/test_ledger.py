from datetime import date

import pytest

from duban.errors import UsageError
from duban.ledger.queries import Change, TaskFilter, apply_change, overdue_by_owner, select, task_summary, validate
from duban.ledger.model import parse_status

from conftest import TODAY


def ids(tasks):
    return [t.id for t in tasks]


def test_filters(workspace):
    tasks = workspace.load_tasks().tasks
    assert ids(select(tasks, TaskFilter(statuses=("todo",)), TODAY)) == ["2019H2-01", "2019H2-02"]
    assert ids(select(tasks, TaskFilter(owner="疾控中心"), TODAY)) == ["2019H2-01"]  # a supporting unit counts
    assert ids(select(tasks, TaskFilter(overdue=True), TODAY)) == ["2019H2-01", "2019H2-03"]
    assert ids(select(tasks, TaskFilter(due_within=7), TODAY)) == ["2019H2-01", "2019H2-02", "2019H2-03"]
    assert ids(select(tasks, TaskFilter(grep="中医药"), TODAY)) == ["2019H2-02"]
    assert ids(select(tasks, TaskFilter(plan="2020H1"), TODAY)) == []


def test_sorting(workspace):
    tasks = workspace.load_tasks().tasks
    assert ids(select(tasks, TaskFilter(), TODAY, "due")) == ["2019H2-03", "2019H2-01", "2019H2-02", "2019H2-04"]
    assert ids(select(tasks, TaskFilter(), TODAY, "owner")) == ["2019H2-02", "2019H2-04", "2019H2-01",
                                                                 "2019H2-03"]


def test_overdue_groups_worst_first(workspace):
    tasks = workspace.load_tasks().tasks
    groups = overdue_by_owner(tasks, TODAY)
    assert [(g.owner, ids(g.tasks)) for g in groups] == [("规划信息科", ["2019H2-03"]),
                                                         ("区卫生健康局", ["2019H2-01"])]
    assert task_summary(groups[0].tasks[0], TODAY) == {
        "id": "2019H2-03", "plan": "2019H2", "title": "强力推进医疗服务信息化建设", "owner": "规划信息科",
        "due": "2019-09-30", "status": "in_progress", "days_overdue": 51}


def test_done_tasks_are_never_late(workspace):
    task = workspace.get_task("2019H2-04")
    assert task.days_overdue(date(2030, 1, 1)) == 0


def test_apply_change_appends_to_the_log(workspace):
    task = workspace.get_task("2019H2-03")
    changes = apply_change(task, Change(status="done", note="平台上线", by="王五"), TODAY)
    assert changes == {"status": ["in_progress", "done"]}
    assert [(e.date, e.status, e.note, e.by) for e in task.progress] == [
        (date(2019, 9, 2), "in_progress", "完成平台招标", "张三"),
        (TODAY, "done", "平台上线", "王五")]
    assert task.progress[-1].extra == {"changes": {"status": ["in_progress", "done"]}}


def test_apply_change_due_keeps_the_words(workspace):
    task = workspace.get_task("2019H2-01")
    apply_change(task, Change(due=date(2019, 12, 31), due_basis="年底"), TODAY)
    assert (task.due, task.due_basis) == (date(2019, 12, 31), "年底")


def test_empty_change_is_refused(workspace):
    with pytest.raises(UsageError, match="nothing to update"):
        apply_change(workspace.get_task("2019H2-01"), Change(by="张三"), TODAY)


@pytest.mark.parametrize("name, key", [("done", "done"), ("已完成", "done"), ("推进中", "in_progress"),
                                       ("未开始", "todo"), ("受阻", "blocked"), ("已取消", "dropped"),
                                       ("In_Progress", "in_progress")])
def test_status_names(name, key):
    assert parse_status(name) == key


def test_validate_clean(workspace):
    report = validate(workspace)
    assert (report.faults, report.plans, report.tasks) == ([], 1, 4)


def test_validate_names_file_and_line(workspace):
    conflicted = workspace.task_path("2019H2-01")
    conflicted.write_text(conflicted.read_text(encoding="utf-8").replace(
        'status = "todo"\n', '<<<<<<< HEAD\nstatus = "done"\n=======\nstatus = "blocked"\n>>>>>>> origin/main\n'),
        encoding="utf-8")
    duplicate = workspace.task_path("2019H2-02")
    duplicate.write_text(duplicate.read_text(encoding="utf-8").replace('"2019H2-02"', '"2019H2-03"'),
                         encoding="utf-8")
    bad_date = workspace.task_path("2019H2-04")
    bad_date.write_text(bad_date.read_text(encoding="utf-8").replace("due = 2019-12-31", 'due = "年底"'),
                        encoding="utf-8")
    report = validate(workspace)
    lines = [str(f).replace(str(workspace.root) + "/", "") for f in report.faults]
    assert lines == [
        "2019H2/01.toml:8: git conflict marker: resolve the merge and remove it",
        "2019H2/01.toml:10: git conflict marker: resolve the merge and remove it",
        "2019H2/01.toml:12: git conflict marker: resolve the merge and remove it",
        "2019H2/02.toml:1: id '2019H2-03' does not match its file 2019H2/02.toml",
        "2019H2/03.toml:1: duplicate id '2019H2-03': also in 2019H2/02.toml",
        "2019H2/04.toml:6: 'due' must be a date like 2019-12-31",
    ]
