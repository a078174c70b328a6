"""`duban log ID`: a task's history from git, in both languages."""

import subprocess

import pytest

from conftest import lines

WHEN = "2019-11-20T09:30:00+08:00"


@pytest.fixture
def repo(workspace, monkeypatch):
    for name, value in (("GIT_AUTHOR_DATE", WHEN), ("GIT_COMMITTER_DATE", WHEN), ("GIT_AUTHOR_NAME", "李四"),
                        ("GIT_COMMITTER_NAME", "李四"), ("GIT_AUTHOR_EMAIL", "l@example.invalid"),
                        ("GIT_COMMITTER_EMAIL", "l@example.invalid")):
        monkeypatch.setenv(name, value)
    root = str(workspace.root)
    subprocess.run(["git", "init", "-q", root], check=True)
    subprocess.run(["git", "-C", root, "add", "."], check=True)
    subprocess.run(["git", "-C", root, "commit", "-qm", "ledger"], check=True)
    return workspace


def test_log_in_chinese_and_english(cli_run, repo):
    cli_run("update", "2019H2-02", "--status", "推进中", "--due", "12月底", "--note", "已拨付资金", "--commit")
    sha = subprocess.run(["git", "-C", str(repo.root), "log", "-1", "--format=%h"], capture_output=True,
                         text=True).stdout.strip()
    said = lines(cli_run("log", "2019H2-02").output)
    assert said[-4:] == [
        f"2019-11-20 09:30  李四  {sha}  duban: 2019H2-02 未开始 → 推进中；延期 2019-11-25 → 2019-12-31",
        "    状态：未开始 → 推进中",
        "    完成时限：2019-11-25 → 2019-12-31",
        "    进展记录：推进中，已拨付资金（张三）",
    ]
    english = lines(cli_run("--lang", "en", "log", "2019H2-02").output)
    assert english[-3:] == ["    Status: to do → in progress", "    Due: 2019-11-25 → 2019-12-31",
                            "    Progress: in progress, 已拨付资金 (张三)"]


def test_log_of_an_unknown_task(cli_run, repo):
    result = cli_run("--lang", "en", "log", "2019H2-09")
    assert (result.exit_code, result.stderr) == (2, "duban: unknown task '2019H2-09': plan 2019H2's tasks are "
                                                    "2019H2-01 to 2019H2-04\n")


def test_log_of_an_unknown_task_outside_git_says_so(cli_run, workspace):
    result = cli_run("--lang", "en", "log", "2030H1-01")
    path = workspace.task_path("2030H1-01")
    assert (result.exit_code, result.output) == (2, f"duban: unknown task '2030H1-01': no {path}\n")
    result = cli_run("--lang", "en", "log", "2019H2-99")
    assert (result.exit_code, result.output) == (2, "duban: unknown task '2019H2-99': plan 2019H2's tasks are "
                                                    "2019H2-01 to 2019H2-04\n")


def test_git_run_in_a_folder_that_is_not_there_is_not_a_missing_git(tmp_path):
    from duban.ledger.git import GitError, _git

    with pytest.raises(GitError) as caught:
        _git(tmp_path / "gone", "status")
    assert (caught.value.key, caught.value.values) == ("not_in_git", {"path": tmp_path / "gone"})
