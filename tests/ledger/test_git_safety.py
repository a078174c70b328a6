"""Nothing written that cannot be committed: what can stop a commit is checked before any file is written (a broken
duban.toml, git's index.lock, an unfinished merge, someone's uncommitted changes in the file), and a commit that
fails after the write says the change is saved and how to commit it. A merge left unresolved is a fault of
`validate` even where no conflict marker shows it. Real git, real duban processes."""

import subprocess

import pytest

from test_git import duban, env, git, repo, subjects  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")


def snapshot(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "plans").rglob("*"))
            if p.is_file() and ".duban-cache" not in p.parts}


def test_a_broken_duban_toml_stops_update_before_it_writes(repo, env):
    settings = repo / "plans" / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'auto_commit = "yes\n', encoding="utf-8")
    line = settings.read_text(encoding="utf-8").count("\n")
    before = snapshot(repo)
    for extra in ((), ("--commit",)):
        result = duban(repo, env, "--lang", "en", "update", "2019H2-03", "--note", "完成复审", *extra)
        assert result.returncode == 3
        assert result.stderr.startswith(f"duban: plans/duban.toml:{line}: not valid TOML: ")
        assert snapshot(repo) == before


def test_a_stale_index_lock_stops_update_before_it_writes_and_is_named(repo, env):
    lock = repo / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    before = snapshot(repo)
    result = duban(repo, env, "--lang", "en", "update", "2019H2-03", "--note", "完成复审", "--commit")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == (f"duban: nothing written: git's index is locked ({lock}): another git is running, "
                             "or one was interrupted; when none runs, delete that file\n")
    assert snapshot(repo) == before
    lock.unlink()
    again = duban(repo, env, "update", "2019H2-03", "--note", "完成复审", "--commit")
    assert again.returncode == 0, again.stderr
    notes = git(repo, env, "show", "HEAD:plans/2019H2/03.toml").stdout.count('note = "完成复审"')
    assert notes == 1  # the retry made the one entry: nothing had been written before


@pytest.mark.parametrize("command", [
    ("update", "2019H2-03", "--status", "done"),
    ("cancel", "2019H2-02", "--note", "上级通知暂缓"),
    ("rm", "2019H2-02", "--yes"),
    ("add", "做好冬季流感防控", "--plan", "2019H2", "--new-owner", "--owner", "疾控中心"),
    ("import", "REPORT", "--period", "2019H2", "--yes"),
])
def test_every_command_that_commits_checks_git_before_it_writes(repo, env, command):
    from sample_reports import seed

    command = [str(seed("000")) if arg == "REPORT" else arg for arg in command]
    (repo / ".git" / "index.lock").write_text("", encoding="utf-8")
    before = snapshot(repo)
    result = duban(repo, env, "--lang", "en", *command, "--commit")
    assert result.returncode == 3
    assert result.stderr.startswith("duban: nothing written: git's index is locked (")
    assert snapshot(repo) == before


def test_an_unfinished_merge_stops_update_before_it_writes(repo, env):
    git(repo, env, "checkout", "-q", "-b", "side")
    duban(repo, env, "update", "2019H2-04", "--note", "甲", "--commit")
    git(repo, env, "checkout", "-q", "main")
    duban(repo, env, "update", "2019H2-04", "--note", "乙", "--commit")
    assert git(repo, env, "merge", "-q", "side", check=False).returncode != 0
    before = snapshot(repo)
    result = duban(repo, env, "--lang", "en", "update", "2019H2-03", "--note", "完成复审", "--commit")
    assert result.returncode == 3
    assert result.stderr == (f"duban: nothing written: an unfinished git merge in {repo}: finish it (git commit) or "
                             "abort it (git merge --abort) first\n")
    assert snapshot(repo) == before


def test_a_commit_that_fails_after_the_write_says_the_entry_is_saved_and_how_to_commit_it(repo, env):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by the hook' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    result = duban(repo, env, "--lang", "en", "update", "2019H2-03", "--note", "完成复审", "--commit")
    assert (result.returncode, result.stdout) == (3, "2019H2-03 progress recorded\n")
    assert result.stderr == ("duban: plans/2019H2/03.toml saved but not committed: git commit failed: refused by the "
                             "hook. Do not run the command again; once fixed, commit them: git commit "
                             "plans/2019H2/03.toml\n")
    assert (repo / "plans" / "2019H2" / "03.toml").read_text(encoding="utf-8").count('note = "完成复审"') == 1
    hook.unlink()
    git(repo, env, "commit", "-qm", "by hand", "plans/2019H2/03.toml")
    assert git(repo, env, "status", "--porcelain").stdout == ""


@pytest.mark.parametrize("staged", [True, False])
def test_a_hand_edit_of_the_same_file_never_goes_into_duban_s_commit(repo, env, staged):
    path = repo / "plans" / "2019H2" / "03.toml"
    path.write_text("# 局长批示：加快进度\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    if staged:
        git(repo, env, "add", "plans/2019H2/03.toml")
    before = snapshot(repo)
    result = duban(repo, env, "--lang", "en", "update", "2019H2-03", "--note", "完成复审", "--commit")
    assert result.returncode == 3
    assert result.stderr == ("duban: nothing written: plans/2019H2/03.toml has changes not yet committed that would "
                             "go in under duban's message: commit them first (git commit plans/2019H2/03.toml), or "
                             "run without --commit\n")
    assert snapshot(repo) == before
    assert subjects(repo, env) == ["ledger"]


@pytest.mark.parametrize("lang, said", [
    ("en", "not resolved in git's merge (UD: changed here, deleted in the branch merged): resolve it, then git add "
           "or git rm it"),
    ("zh", "git 合并尚未解决（UD：本方修改，对方删除）：解决后用 git add 或 git rm 标记"),
])
def test_validate_fails_while_a_merge_leaves_a_task_modified_here_and_deleted_there(repo, env, lang, said):
    git(repo, env, "checkout", "-q", "-b", "side")
    git(repo, env, "rm", "-q", "plans/2019H2/02.toml")
    git(repo, env, "commit", "-qm", "drop 02")
    git(repo, env, "checkout", "-q", "main")
    duban(repo, env, "update", "2019H2-02", "--note", "资金已拨付", "--commit")
    assert git(repo, env, "merge", "-q", "side", check=False).returncode != 0
    assert git(repo, env, "status", "--porcelain").stdout == "UD plans/2019H2/02.toml\n"
    validated = duban(repo, env, "--lang", lang, "validate")
    assert validated.returncode == 1
    assert validated.stdout == f"plans/2019H2/02.toml: {said}\n"
    git(repo, env, "rm", "-q", "plans/2019H2/02.toml")  # resolved: the deletion taken
    assert duban(repo, env, "validate").returncode == 0
