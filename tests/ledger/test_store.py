import os
from datetime import date
from pathlib import Path

import pytest

from duban.errors import BrokenFile, UnknownTask, WorkspaceNotFound
from duban.ledger.store import Workspace, atomic_write, find_workspace, init_workspace


def test_init_creates_settings_and_ignores_the_cache(tmp_path):
    root = tmp_path / "plans"
    assert init_workspace(root, "区卫生健康局")
    assert 'organisation = "区卫生健康局"' in (root / "duban.toml").read_text(encoding="utf-8")
    assert (root / ".gitignore").read_text() == ".duban-cache\n.*.tmp\n"
    assert not init_workspace(root, "other")  # an existing workspace is left alone
    assert Workspace(root).organisation == "区卫生健康局"


def test_find_workspace_order(tmp_path):
    root = tmp_path / "proj" / "plans"
    init_workspace(root)
    deep = tmp_path / "proj" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_workspace(None, env={}, cwd=deep) == root
    assert find_workspace(None, env={}, cwd=root) == root.resolve()
    other = tmp_path / "other"
    init_workspace(other)
    assert find_workspace(None, env={"DUBAN_PLANS": str(other)}, cwd=deep) == other
    assert find_workspace(str(root), env={"DUBAN_PLANS": str(other)}, cwd=deep) == root
    with pytest.raises(WorkspaceNotFound, match="no duban workspace here"):
        find_workspace(None, env={}, cwd=tmp_path)
    with pytest.raises(WorkspaceNotFound, match="not a duban workspace"):
        find_workspace(str(tmp_path / "nowhere"), env={})


def test_atomic_write_replaces_whole_file_and_skips_identical(tmp_path):
    path = tmp_path / "a.toml"
    assert atomic_write(path, "one\n")
    assert not atomic_write(path, "one\n")
    assert atomic_write(path, "two\n")
    assert path.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    atomic_write(path, "old\n")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_unknown_keys_survive_an_update(workspace):
    path = workspace.task_path("2019H2-01")
    text = path.read_text(encoding="utf-8")
    text = text.replace('status = "todo"\n', 'status = "todo"\nreviewer = "李四"\npriority = 2\n')
    text += '\n[meeting]\nagenda = "周一例会"\n'
    path.write_text(text, encoding="utf-8")
    task = workspace.get_task("2019H2-01")
    task.status = "in_progress"
    workspace.save_task(task)
    saved = path.read_text(encoding="utf-8")
    assert 'reviewer = "李四"\npriority = 2\n' in saved
    assert '[meeting]\nagenda = "周一例会"\n' in saved
    assert 'status = "in_progress"' in saved


def test_broken_file_is_reported_and_the_others_still_load(workspace):
    path = workspace.task_path("2019H2-02")
    path.write_text('id = "2019H2-02"\ntitle = "x"\nstatus = \n', encoding="utf-8")
    result = workspace.load_tasks()
    assert [t.id for t in result.tasks] == ["2019H2-01", "2019H2-03", "2019H2-04"]
    assert len(result.faults) == 1
    assert result.faults[0].path == path
    assert result.faults[0].line == 3


def test_schema_fault_has_its_line(workspace):
    path = workspace.task_path("2019H2-01")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "todo"', 'status = "finished"'),
                    encoding="utf-8")
    with pytest.raises(BrokenFile) as caught:
        workspace.get_task("2019H2-01")
    line = path.read_text(encoding="utf-8").splitlines().index('status = "finished"') + 1
    assert caught.value.line == line
    assert "unknown status 'finished'" in caught.value.message


def test_non_utf8_file_is_a_broken_file(workspace):
    path = workspace.task_path("2019H2-01")
    path.write_bytes('id = "2019H2-01"\ntitle = "创建"\n'.encode("gb18030"))
    with pytest.raises(BrokenFile, match="not UTF-8"):
        workspace.get_task("2019H2-01")


def test_unknown_task(workspace):
    with pytest.raises(UnknownTask, match="unknown task '2019H2-99'"):
        workspace.get_task("2019H2-99")
    with pytest.raises(UnknownTask, match="ids look like"):
        workspace.get_task("nonsense")


def test_tasks_are_ordered_numerically(workspace):
    task = workspace.get_task("2019H2-01")
    task.id = "2019H2-100"
    workspace.save_task(task)
    assert [p.name for p in workspace.task_files()][-2:] == ["04.toml", "100.toml"]
    assert Path(workspace.task_path("2019H2-100")).name == "100.toml"


def test_plan_round_trip(workspace):
    plan = workspace.read_plan("2019H2")
    assert (plan.org, plan.start, plan.end) == ("区卫生健康局", date(2019, 7, 1), date(2019, 12, 31))
    assert [p.id for p in workspace.plans()] == ["2019H2"]


def test_owner_rules_of_a_new_workspace_fit_its_organisation(tmp_path):
    init_workspace(tmp_path / "health", "某区卫生健康局")
    init_workspace(tmp_path / "council", "国务院")
    init_workspace(tmp_path / "blank")
    assert Workspace(tmp_path / "health").settings.owner_rules["中医"] == "中医科"
    assert Workspace(tmp_path / "blank").settings.owner_rules == {}  # no organisation named: no unit assumed
    assert Workspace(tmp_path / "council").settings.owner_rules == {}
    assert '# "中医" = "中医科"' in (tmp_path / "council" / "duban.toml").read_text(encoding="utf-8")
