from datetime import date

import pytest

from duban.ledger.queries import TaskFilter, is_due_soon, overdue_by_owner, select
from duban.ledger.values import parse_status

from conftest import TODAY


def ids(tasks):
    return [t.id for t in tasks]


def test_filters(workspace):
    tasks = workspace.load_tasks().tasks
    assert ids(select(tasks, TaskFilter(statuses=("todo",)), TODAY)) == ["2019H2-01", "2019H2-02"]
    assert ids(select(tasks, TaskFilter(owner="疾控中心"), TODAY)) == ["2019H2-01"]  # a supporting unit counts
    assert ids(select(tasks, TaskFilter(overdue=True), TODAY)) == ["2019H2-01", "2019H2-03"]
    assert ids(select(tasks, TaskFilter(due_within=7), TODAY)) == ["2019H2-02"]  # late tasks are not "due within"
    assert ids(select(tasks, TaskFilter(due_within=41), TODAY)) == ["2019H2-02"]  # 04 is due in 41 days but done
    assert ids(select(tasks, TaskFilter(grep="中医药"), TODAY)) == ["2019H2-02"]
    assert ids(select(tasks, TaskFilter(plan="2020H1"), TODAY)) == []


def test_sorting(workspace):
    tasks = workspace.load_tasks().tasks
    assert ids(select(tasks, TaskFilter(), TODAY, "due")) == ["2019H2-03", "2019H2-01", "2019H2-02", "2019H2-04"]
    assert ids(select(tasks, TaskFilter(), TODAY, "owner")) == ["2019H2-02", "2019H2-04", "2019H2-01",
                                                                 "2019H2-03"]
    assert ids(select(tasks, TaskFilter(), TODAY, "status")) == ["2019H2-01", "2019H2-02", "2019H2-03", "2019H2-04"]
    assert ids(select(tasks, TaskFilter(), TODAY, "late")) == ["2019H2-03", "2019H2-01", "2019H2-02", "2019H2-04"]
    assert ids(select(tasks, TaskFilter(), TODAY, "late", reverse=True)) == ["2019H2-04", "2019H2-02", "2019H2-01",
                                                                             "2019H2-03"]


def test_overdue_groups_worst_first(workspace):
    tasks = workspace.load_tasks().tasks
    groups = overdue_by_owner(tasks, TODAY)
    assert [(g.owner, ids(g.tasks)) for g in groups] == [("规划信息科", ["2019H2-03"]),
                                                         ("区卫生健康局", ["2019H2-01"])]
    assert groups[0].tasks[0].days_overdue(TODAY) == 51


def test_due_soon_is_open_and_not_late_within_the_days(workspace):
    tasks = {t.id: t for t in workspace.load_tasks().tasks}
    assert [i for i, t in tasks.items() if is_due_soon(t, TODAY, 14)] == ["2019H2-02"]
    assert [i for i, t in tasks.items() if is_due_soon(t, TODAY, 3)] == []


def test_done_tasks_are_never_late(workspace):
    task = workspace.get_task("2019H2-04")
    assert task.days_overdue(date(2030, 1, 1)) == 0


@pytest.mark.parametrize("name, key", [("done", "done"), ("已完成", "done"), ("推进中", "in_progress"),
                                       ("未开始", "todo"), ("受阻", "blocked"), ("已取消", "dropped"),
                                       ("In_Progress", "in_progress")])
def test_status_names(name, key):
    assert parse_status(name) == key
