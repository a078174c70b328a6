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
    path = workspace.task_path("2019H2-01")
    assert (dirty.exit_code, dirty.stderr) == (2, f"duban: 有未提交的修改，未撤销：{path}。undo 只撤销 duban 已提交的修改；"
                                                  f"要放弃这些修改：git checkout HEAD -- {path}；要保留：git commit {path}\n")


@pytest.mark.parametrize("lang, said", [
    ("zh", "duban: 有未提交的修改，未撤销：2019H2/01.toml。undo 只撤销 duban 已提交的修改；"
           "要放弃这些修改：git checkout HEAD -- 2019H2/01.toml；要保留：git commit 2019H2/01.toml\n"),
    ("en", "duban: not undone: uncommitted changes in 2019H2/01.toml. undo reverts duban's commits only; "
           "to discard the changes: git checkout HEAD -- 2019H2/01.toml; to keep them: git commit "
           "2019H2/01.toml\n"),
])
def test_undo_after_an_update_not_committed_says_how_to_discard_it(cli_run, workspace, repo, monkeypatch, lang,
                                                                   said):
    monkeypatch.chdir(repo)  # the paths are said as typed from here, where the clerk is
    cli_run("update", "2019H2-01", "--status", "done", "--commit")
    cli_run("update", "2019H2-01", "--note", "已催办")  # not committed (auto_commit = false)
    before = workspace.task_path("2019H2-01").read_bytes()
    result = cli_run("--lang", lang, "undo")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)
    assert workspace.task_path("2019H2-01").read_bytes() == before
    subprocess.run(["git", "checkout", "HEAD", "--", "2019H2/01.toml"], cwd=repo, check=True)
    assert cli_run("undo").exit_code == 0  # what the message says to do works


def test_a_second_undo_refuses_rather_than_redo(cli_run, workspace, repo):
    cli_run("update", "2019H2-01", "--status", "done", "--commit")
    cli_run("undo")
    undo = git(repo, "log", "-1", "--format=%h %s").strip()
    before = workspace.task_path("2019H2-01").read_bytes()
    for lang, said in (("zh", f"duban: duban 的最近一次提交 {undo[:7]} 已是撤销（duban: 撤销 2019H2-01 未开始 → 已完成），"
                              "未再撤销：undo 只撤销 duban 的最近一次提交；要恢复被撤销的修改，请重新执行原来的命令\n"),
                       ("en", f"duban: not undone: duban's last commit {undo[:7]} is already an undo (duban: 撤销 "
                              "2019H2-01 未开始 → 已完成); undo reverts duban's last commit only: to have the change "
                              "back, run its command again\n")):
        result = cli_run("--lang", lang, "undo")
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", said)
    assert workspace.task_path("2019H2-01").read_bytes() == before
    assert git(repo, "log", "-1", "--format=%h %s").strip() == undo
    assert git(repo, "log", "-1", "--format=%b").strip().startswith("This reverts commit ")


def test_an_undo_made_before_undo_commits_said_so_is_known_by_its_subject(cli_run, workspace, repo):
    path = workspace.task_path("2019H2-01")
    path.write_text(path.read_text() + "# 手工\n")
    git(repo, "commit", "-qam", "duban: undo 2019H2-01 edited by hand")
    result = cli_run("undo")
    assert (result.exit_code, result.stderr.startswith("duban: duban 的最近一次提交")) == (2, True)


def test_undo_outside_git(cli_run, workspace):
    result = cli_run("undo")
    assert (result.exit_code, result.stderr) == (2, f"duban: {workspace.root} 不在 git 仓库中，无法撤销\n")
