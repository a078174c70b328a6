"""Nothing read or written outside the workspace (issue 15, items 7 and 8): ids and plan names are checked before
any path is built, by every command; a symlink in the workspace that leads out of it is refused in one line."""

import os
import subprocess

import pytest

from duban.errors import BrokenFile
from duban.ledger.index import load_summaries
from duban.ledger.store import Workspace

from conftest import make_workspace


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def outside(tmp_path):
    """A folder beside the workspace that nothing may touch (the workspace is tmp_path/plans)."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "plan.toml").write_text('id = "outside"\nperiod = "2019H2"\nstart = 2019-07-01\nend = 2019-12-31\n',
                                      encoding="utf-8")
    (folder / "01.toml").write_text('id = "outside-01"\ntitle = "外面的任务"\n', encoding="utf-8")
    return folder


# --- ids and plan names: every command ---------------------------------------------------------------------


def hostile_ids(tmp_path):
    """The audit's ids and their kin (tests/test_fuzz.py tries thousands more against the parser)."""
    return [f"{tmp_path}/outside/a/b-01", "../outside-01", "2019H2/../../outside-01", "..-01", ".duban-cache-01",
            "2019H2-01\x00"]


def hostile_plans(tmp_path):
    return [str(tmp_path / "outside"), "../outside", "..", ".duban-cache", "2019H2/.."]


def commands_with_an_id(task_id, tmp_path):
    report = str(tmp_path / "报告.txt")
    return [["show", task_id], ["show", task_id, "--json"], ["update", task_id, "--note", "x"],
            ["update", task_id, "--status", "done", "--commit"], ["cancel", task_id, "--note", "x"],
            ["rm", task_id, "--yes"], ["edit", task_id], ["log", task_id], ["log", task_id, "--json"],
            ["check", report, "--plan", task_id]]


def commands_with_a_plan(plan, tmp_path):
    report = str(tmp_path / "报告.txt")
    return [["check", report, "--plan", plan], ["check", report, "--plan", plan, "--apply", "--yes"],
            ["add", "外面的任务", "--plan", plan], ["weekly", "--plan", plan], ["list", "--plan", plan],
            ["export", "--plan", plan, "-o", str(tmp_path / "台账.xlsx")], ["import", report, "--period", plan,
                                                                             "--yes"],
            ["import", report, "--org", plan, "--yes"]]


def test_no_id_or_plan_name_reaches_outside_the_workspace(cli_run, workspace, outside, tmp_path, monkeypatch):
    """On issue 15's main, `update /tmp/x/a/b-01` created /tmp/x/a/b-1.lock and `check --plan ../outside` read
    plans outside. Every command refuses such names with exit 2 (usage), before any path is built from them."""
    monkeypatch.setenv("EDITOR", "true")
    (tmp_path / "报告.txt").write_text((tmp_path / "outside" / "01.toml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    before = files_under(outside), files_under(tmp_path / "plans" / "2019H2")
    runs = [args for task_id in hostile_ids(tmp_path) for args in commands_with_an_id(task_id, tmp_path)]
    runs += [args for plan in hostile_plans(tmp_path) for args in commands_with_a_plan(plan, tmp_path)]
    for args in runs:
        result = cli_run(*args)
        assert result.exit_code in (2, 3), (args, result.output)
        assert result.stdout == "" and result.stderr.count("\n") == 1, (args, result.output)
        assert "外面的任务" not in result.stderr  # nothing read from outside/01.toml
    assert (files_under(outside), files_under(tmp_path / "plans" / "2019H2")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "plans", "报告.txt"]


# --- symlinks out of the workspace -------------------------------------------------------------------------


def test_a_cache_symlink_is_never_written_through(cli_run, workspace, outside):
    """A `.duban-cache` symlink (which git carried, the ignore rule matching folders only) made duban write its
    index and locks at the target and unmarshal whatever was there. Now listing ignores it and a command that
    needs a lock refuses, naming it; validate names it too."""
    cache = workspace.root / ".duban-cache"
    if cache.exists():
        subprocess.run(["rm", "-rf", str(cache)], check=True)
    cache.symlink_to(outside)
    before = files_under(outside)
    listed = cli_run("list", "--json")
    assert (listed.exit_code, listed.stderr, listed.stdout.count('"id"')) == (0, "", 4)
    updated = cli_run("update", "2019H2-01", "--note", "写到外面？")
    assert updated.exit_code == 3
    assert updated.stderr == f"duban: {cache}: 不是文件夹（是符号链接或文件）：duban 不使用它；请删除它，duban 会重建\n"
    assert "写到外面" not in workspace.task_path("2019H2-01").read_text(encoding="utf-8")
    validated = cli_run("validate")
    assert validated.exit_code == 1 and f"{cache}: 不是文件夹" in validated.stdout
    assert files_under(outside) == before


def test_an_index_or_lock_folder_symlinked_out_is_not_used(workspace, outside):
    import marshal

    from duban.ledger.index import INDEX_FILE, INDEX_FORMAT

    cache = workspace.cache_dir()
    fake = outside / "index.marshal"
    planted = marshal.dumps((INDEX_FORMAT, {"2019H2": ({}, [])}))  # would hide every task of 2019H2
    fake.write_bytes(planted)
    (cache / INDEX_FILE).unlink(missing_ok=True)
    (cache / INDEX_FILE).symlink_to(fake)
    assert len(load_summaries(workspace).tasks) == 4
    assert fake.read_bytes() == planted
    locks = cache / "locks"
    subprocess.run(["rm", "-rf", str(locks)], check=True)
    locks.symlink_to(outside)
    with pytest.raises(BrokenFile) as refused:
        with workspace.locked("2019H2-01"):
            pass
    assert (refused.value.path, refused.value.reason.key) == (locks, "symlink_outside")
    assert files_under(outside) == ["01.toml", "index.marshal", "plan.toml"]


def test_a_clock_file_symlinked_out_is_not_touched(workspace, outside):
    """The index reads the file system's clock by touching a file of its cache: never one a symlink leads to."""
    from duban.ledger.index import CLOCK_FILE

    target = outside / "plan.toml"
    os.utime(target, ns=(1_500_000_000_000_000_000, 1_500_000_000_000_000_000))
    clock = workspace.cache_dir() / CLOCK_FILE
    clock.unlink(missing_ok=True)
    clock.symlink_to(target)
    assert load_summaries(workspace).parsed == 4  # read anyway, by the wall clock's rule
    assert target.stat().st_mtime_ns == 1_500_000_000_000_000_000
    assert files_under(outside) == ["01.toml", "plan.toml"]


def test_the_cache_is_ignored_by_git_whatever_it_is(cli_run, tmp_path, outside):
    root = tmp_path / "ledger"
    assert cli_run("init", str(root)).exit_code == 0
    (root / ".duban-cache").symlink_to(outside)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    staged = subprocess.run(["git", "-C", str(root), "diff", "--cached", "--name-only"], capture_output=True,
                            text=True, check=True).stdout.split()
    assert staged == [".gitattributes", ".gitignore", "duban.toml"]  # the cache is not among them


def test_a_plan_folder_symlinked_out_is_refused(cli_run, workspace, outside):
    link = workspace.root / "2019Q4"
    link.symlink_to(outside)
    before = (outside / "01.toml").read_bytes()
    said = f"duban: {link}: 是指向工作区之外（{outside}）的符号链接：duban 不跟随它，请删除它或换成真实的文件、文件夹\n"
    for args in (["list"], ["validate"], ["weekly"], ["show", "2019Q4-01"], ["update", "2019Q4-01", "--note", "x"],
                 ["add", "新任务", "--plan", "2019Q4"]):
        result = cli_run(*args)
        assert (result.exit_code, result.stderr) == (3, said), args
    assert (outside / "01.toml").read_bytes() == before and files_under(outside) == ["01.toml", "plan.toml"]


def test_a_task_file_symlinked_out_is_a_fault_of_its_own(cli_run, workspace, outside):
    link = workspace.root / "2019H2" / "05.toml"
    link.symlink_to(outside / "01.toml")
    said = f"{link}: 是指向工作区之外（{outside / '01.toml'}）的符号链接：duban 不跟随它，请删除它或换成真实的文件、文件夹"
    listed = cli_run("list", "--json")
    assert (listed.exit_code, listed.stderr, listed.stdout.count('"id"')) == (0, f"duban: 警告：{said}\n", 4)
    for args in (["show", "2019H2-05"], ["update", "2019H2-05", "--note", "x"], ["cancel", "2019H2-05", "--note", "x"]):
        result = cli_run(*args)
        assert (result.exit_code, result.stderr) == (3, f"duban: {said}\n"), args
    validated = cli_run("validate")
    assert validated.exit_code == 1 and said in validated.stdout
    assert (outside / "01.toml").read_text(encoding="utf-8") == 'id = "outside-01"\ntitle = "外面的任务"\n'


def test_symlinks_inside_the_workspace_and_to_it_are_followed(cli_run, workspace, tmp_path):
    """A workspace reached through a symlink (--plans pointing at it) is where the user said it is."""
    alias = tmp_path / "台账"
    alias.symlink_to(workspace.root)
    ws = Workspace(alias)
    assert len(ws.load_tasks().tasks) == 4
    assert ws.inside(alias / "2019H2" / "01.toml") == alias / "2019H2" / "01.toml"
    (workspace.root / "2019H2" / "notes").symlink_to(workspace.root / "2019Q4", target_is_directory=True)
    assert ws.inside(alias / "2019H2" / "notes") == alias / "2019H2" / "notes"


def test_duban_toml_symlinked_out_is_refused(cli_run, workspace, outside):
    settings = workspace.root / "duban.toml"
    (outside / "duban.toml").write_bytes(settings.read_bytes())
    settings.unlink()
    settings.symlink_to(outside / "duban.toml")
    result = cli_run("validate")
    assert result.exit_code == 1 and f"{settings}: 是指向工作区之外" in result.stdout
    with pytest.raises(BrokenFile):
        Workspace(workspace.root).settings

