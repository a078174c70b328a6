"""`duban sync` through the command line: its line for each outcome, in both languages, and its refusals."""

import subprocess

import pytest

from conftest import lines


def git(root, *args, check=True):
    return subprocess.run(["git", "-C", str(root), *args], check=check, capture_output=True, text=True)


@pytest.fixture
def shared(workspace, tmp_path, monkeypatch):
    """The workspace committed in a repository of its own, cloned bare as the office's shared repository."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "测试")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "t@example.invalid")
    git(workspace.root, "init", "-q", "-b", "main")
    git(workspace.root, "add", ".")
    git(workspace.root, "commit", "-qm", "ledger")
    remote = tmp_path / "share.git"
    git(tmp_path, "clone", "-q", "--bare", str(workspace.root), str(remote))
    git(workspace.root, "remote", "add", "origin", str(remote))
    git(workspace.root, "fetch", "-q", "origin")
    git(workspace.root, "branch", "-q", "--set-upstream-to=origin/main")
    return remote


def test_sync_commits_pushes_and_then_is_up_to_date(cli_run, workspace, shared):
    cli_run("update", "2019H2-01", "--note", "复审材料已报送")
    cli_run("add", "做好冬季流感防控", "--owner", "疾控中心", "--new-owner")
    result = cli_run("sync")
    assert (result.exit_code, result.output) == (0, "已与 origin/main 同步：提交本地改动 3 个文件，推送 1 个提交\n")
    assert git(shared, "log", "-1", "--format=%s").stdout == (
        "duban: 同步前提交本地改动：2019H2-01、2019H2-jb-01、2019H2-jb/plan.toml\n")
    assert lines(cli_run("--lang", "en", "sync").output) == ["up to date with origin/main"]
    assert git(workspace.root, "status", "--porcelain").stdout == ""


def test_many_files_are_named_up_to_five_in_the_commit_subject(cli_run, workspace, shared):
    for number in range(1, 5):
        cli_run("update", f"2019H2-0{number}", "--note", "已催办")
    (workspace.root / "2019H2" / "plan.toml").write_text(
        (workspace.root / "2019H2" / "plan.toml").read_text(encoding="utf-8") + "# 已归档\n", encoding="utf-8")
    (workspace.root / "duban.toml").write_text(
        (workspace.root / "duban.toml").read_text(encoding="utf-8") + "auto_commit = false\n", encoding="utf-8")
    assert cli_run("sync").exit_code == 0
    assert git(shared, "log", "-1", "--format=%s").stdout == (
        "duban: 同步前提交本地改动：2019H2-01、2019H2-02、2019H2-03、2019H2-04、2019H2/plan.toml 等 6 项\n")
    assert cli_run("--lang", "en", "update", "2019H2-01", "--note", "x").exit_code == 0
    for number in range(2, 7):
        cli_run("add", f"任务{number}")
    assert cli_run("--lang", "en", "sync").exit_code == 0
    assert git(shared, "log", "-1", "--format=%s").stdout == (
        "duban: local changes before sync: 2019H2-01, 2019H2-jb-01, 2019H2-jb-02, 2019H2-jb-03, 2019H2-jb-04 "
        "(7 in all)\n")


def test_sync_refuses_a_broken_file_and_commits_nothing(cli_run, workspace, shared):
    path = workspace.task_path("2019H2-02")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "todo"', 'status = "未知"'), encoding="utf-8")
    result = cli_run("sync")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"duban: 未同步：{path}:8: 无法识别的状态“未知”：请用 todo (未开始), in_progress (推进中), "
                             "done (已完成), blocked (受阻), dropped (已取消) 之一（共 1 处问题，duban validate 列出全部；"
                             "改好后再同步）\n")
    assert git(workspace.root, "log", "--format=%s").stdout == "ledger\n"


def test_sync_says_what_is_missing_outside_git_without_a_remote_and_offline(cli_run, workspace, tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(workspace.root.parent))
    result = cli_run("sync")
    assert (result.exit_code, result.stderr) == (2, f"duban: {workspace.root} 不在 git 仓库中，无法同步（先 git clone "
                                                    "共享的台账仓库，或 git init 并 git remote add）\n")
    git(workspace.root, "init", "-q", "-b", "main")
    result = cli_run("--lang", "en", "sync")
    assert (result.exit_code, result.stderr) == (2, "duban: no remote: git remote add origin PATH-OR-URL of the "
                                                    "shared repository first\n")
    git(workspace.root, "remote", "add", "origin", str(tmp_path / "unplugged-drive" / "ledger.git"))
    result = cli_run("--lang", "en", "sync")
    assert result.exit_code == 3
    assert result.stderr.startswith("duban: not synced: cannot fetch from origin (")
    assert result.stderr.endswith("); local changes are committed here, run duban sync later\n")
    assert git(workspace.root, "log", "--format=%s").stdout.startswith("duban: local changes before sync: ")


def test_a_task_deleted_on_one_side_and_changed_on_the_other_is_left_for_a_person(cli_run, workspace, shared,
                                                                                   tmp_path):
    from click.testing import CliRunner

    from duban.cli import cli

    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(shared), str(other))

    def elsewhere(*args):
        return CliRunner().invoke(cli, ["--plans", str(other), "--today", "2019-11-20", *args])

    assert elsewhere("rm", "2019H2-04", "--yes").exit_code == 0
    assert elsewhere("sync").exit_code == 0
    cli_run("update", "2019H2-04", "--note", "党建材料已报送")
    result = cli_run("sync")
    assert (result.exit_code, result.output) == (1, (
        "合并未完成：2019H2-04 一边删除了、一边修改了（或不是 TOML 文件），请用 git add 保留或 git rm 删除；改好后再运行 "
        "duban sync（放弃这次合并：git merge --abort）\n"))
    assert cli_run("sync").exit_code == 1  # not settled by itself
    git(workspace.root, "rm", "-q", "2019H2/04.toml")
    result = cli_run("--lang", "en", "sync")
    assert (result.exit_code, result.output) == (0, "synced with origin/main: concluded the unfinished merge, "
                                                    "pushed 2 commits\n")


def test_tasks_two_clerks_added_under_one_number_are_both_kept(cli_run, workspace, shared, tmp_path):
    from click.testing import CliRunner

    from duban.cli import cli

    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(shared), str(other))
    added = CliRunner().invoke(cli, ["--plans", str(other), "--today", "2019-11-20", "add", "做好冬季流感防控"])
    assert added.output.startswith("已添加 2019H2-jb-01")
    assert CliRunner().invoke(cli, ["--plans", str(other), "sync"]).exit_code == 0
    assert cli_run("add", "迎接省级卫生城市复审").output.startswith("已添加 2019H2-jb-01")
    result = cli_run("sync")
    assert (result.exit_code, result.output) == (0, (
        "已与 origin/main 同步：2019H2-jb-01 两边都新建了：对方的保留此编号，本地的改为 2019H2-jb-02，提交本地改动 2 个文件，"
        "收到 1 项任务的改动，收到其他文件的改动 1 个，推送 2 个提交\n"))
    titles = {task.id: task.title for task in workspace.load_tasks(["2019H2-jb"]).tasks}
    assert titles == {"2019H2-jb-01": "做好冬季流感防控", "2019H2-jb-02": "迎接省级卫生城市复审"}
    assert git(workspace.root, "status", "--porcelain").stdout == ""
