from datetime import date

import pytest

from duban.errors import UsageError
from duban.ledger.updates import Change, apply_change

from conftest import TODAY


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
