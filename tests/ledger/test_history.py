"""What `duban log` makes of a task file's versions: created, changed fields, new log entries, broken, deleted."""

from datetime import date

from duban.ledger.git import Revision
from duban.ledger.history import task_history
from duban.ledger.model import ProgressEntry, Task
from duban.ledger.store import render_task


def revision(n, text):
    return Revision(f"{n:040x}", "张三", "zs@example.org", f"2019-09-0{n}T10:00:00+08:00", f"change {n}", text)


def test_versions_become_what_changed():
    task = Task("2019H2-01", "全力做好创建国家卫生城市复审工作", owner="区卫生健康局", due=date(2019, 10, 31))
    first = render_task(task)
    task.status = "in_progress"
    task.progress.append(ProgressEntry(date(2019, 9, 2), "in_progress", "完成四小单位摸排", "张三"))
    second = render_task(task)
    task.owner, task.co_owners = "疾控中心", ["中医科"]
    task.progress.append(ProgressEntry(date(2019, 9, 3), "in_progress", "", "李四"))
    third = render_task(task)
    conflicted = "<<<<<<< HEAD\n" + third + "=======\n" + second + ">>>>>>> other\n"
    history = task_history([revision(1, first), revision(2, second), revision(3, third), revision(4, conflicted),
                            revision(5, third), revision(6, None)])
    assert [h.created for h in history] == [True, False, False, False, False, False]
    assert history[0].changes["title"] == [None, "全力做好创建国家卫生城市复审工作"]
    assert history[1].changes == {"status": ["todo", "in_progress"]}
    assert history[1].notes == [{"date": "2019-09-02", "status": "in_progress", "note": "完成四小单位摸排", "by": "张三"}]
    assert history[2].changes == {"owner": ["区卫生健康局", "疾控中心"], "co_owners": [[], ["中医科"]]}
    assert [n["by"] for n in history[2].notes] == ["李四"]  # the earlier entry is not repeated
    assert history[3].broken == "line 1: git conflict marker: resolve the merge and remove it"
    assert history[4].changes == {} and history[4].notes == []  # compared with the last readable version
    assert history[5].deleted
    assert history[5].commit == f"{6:040x}"


def test_a_version_that_is_not_toml_is_shown_not_skipped():
    history = task_history([revision(1, 'id = "2019H2-01"\ntitle = \n')])
    assert history[0].broken.startswith("line 2: not valid TOML") and not history[0].created
