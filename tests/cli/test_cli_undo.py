import subprocess

import pytest


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(workspace):
    git(workspace.root, "init", "-q")
    git(workspace.root, "config", "user.name", "测试")
    git(workspace.root, "config", "user.email", "t@example.invalid")
    git(workspace.root, "add", ".")
    git(workspace.root, "commit", "-qm", "ledger")
    return workspace.root


def test_undo_reverts_duban_s_last_commit(cli_run, workspace, repo):
    before = workspace.task_path("2019H2-01").read_bytes()
    cli_run("update", "2019H2-01", "--status", "done", "--commit")
    result = cli_run("undo")
    sha = git(repo, "log", "-1", "--format=%h", "--skip=1").strip()
    assert (result.exit_code, result.output) == (0, f"已撤销 {sha}：duban: 2019H2-01 未开始 → 已完成\n")
    assert workspace.task_path("2019H2-01").read_bytes() == before
    assert git(repo, "log", "-1", "--format=%s").strip() == "duban: 撤销 2019H2-01 未开始 → 已完成"


def test_undo_of_an_add_removes_the_file(cli_run, workspace, repo):
    cli_run("add", "临时任务", "--commit")
    assert workspace.task_path("2019H2-jb-01").exists()
    sha = git(repo, "log", "-1", "--format=%h").strip()
    result = cli_run("--lang", "en", "undo")
    assert result.output == f"undid {sha}: duban: 添加 2019H2-jb-01 临时任务\n"  # the commit was made in Chinese
    assert not workspace.task_path("2019H2-jb-01").exists()


def test_undo_refuses_when_there_is_nothing_or_files_changed(cli_run, workspace, repo):
    result = cli_run("--lang", "en", "undo")
    assert (result.exit_code, result.stderr) == (2, f"duban: no commit of duban's to undo in {repo}\n")
    cli_run("update", "2019H2-01", "--status", "done", "--commit")
    workspace.task_path("2019H2-01").write_text(workspace.task_path("2019H2-01").read_text() + "# x\n")
    dirty = cli_run("undo")
    assert (dirty.exit_code, dirty.stderr) == (2, "duban: 有未提交的修改，未撤销：2019H2/01.toml\n")


def test_undo_outside_git(cli_run, workspace):
    result = cli_run("undo")
    assert (result.exit_code, result.stderr) == (2, f"duban: {workspace.root} 不在 git 仓库中，无法撤销\n")
