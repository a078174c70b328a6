"""Several clerks, one ledger: a bare remote (as on a shared drive), three clones, real duban and git processes, and
git running duban's merge driver."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.ledger.store import Workspace
from duban.ledger.validate import validate
from test_git import duban, env, git  # noqa: F401  (env is a fixture)

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")

TASK = Path("plans/2019H2/03.toml")


@pytest.fixture
def office(tmp_path, env):  # noqa: F811
    """The shared bare repository holding the four-task ledger of conftest, and three clones of it (each set up by
    `duban sync` or `git-setup` as a clerk would, except where a test says otherwise)."""
    from conftest import make_workspace

    first = tmp_path / "first"
    first.mkdir()
    git(first, env, "init", "-q", "-b", "main")
    make_workspace(first / "plans")
    git(first, env, "add", "plans")
    git(first, env, "commit", "-qm", "ledger")
    remote = tmp_path / "share" / "ledger.git"
    git(tmp_path, env, "clone", "-q", "--bare", str(first), str(remote))
    clones = []
    for name in ("a", "b", "c"):
        git(tmp_path, env, "clone", "-q", str(remote), name)
        clones.append(tmp_path / name)
    return clones


def clerk(env, name):  # noqa: F811
    return {**env, "DUBAN_USER": name, "GIT_AUTHOR_NAME": name, "GIT_COMMITTER_NAME": name}


def synced(clone, env):  # noqa: F811
    done = duban(clone, env, "sync")
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def task_in(clone, task_id="2019H2-03"):
    return Workspace(clone / "plans").get_task(task_id)


def notes(clone, task_id="2019H2-03"):
    return [(entry.date.isoformat(), entry.note, entry.by) for entry in task_in(clone, task_id).progress]


def test_notes_added_to_one_task_on_every_clone_all_arrive_everywhere(office, env):  # noqa: F811
    a, b, c = office
    for clone, name, day in ((a, "张三", "2019-11-20"), (b, "李四", "2019-11-19"), (c, "王五", "2019-11-21")):
        done = duban(clone, {**clerk(env, name), "DUBAN_TODAY": day}, "update", "2019H2-03", "--note", f"{name}的进展")
        assert done.returncode == 0, done.stderr
    assert synced(a, env) == "已与 origin/main 同步：提交本地改动 1 个文件，推送 1 个提交\n"
    assert synced(b, env) == ("已与 origin/main 同步：提交本地改动 1 个文件，收到 1 项任务的改动（其中 1 项两边都改过，"
                              "已逐项合并：2019H2-03），推送 2 个提交\n")
    synced(c, env)
    assert synced(a, env) == "已与 origin/main 同步：收到 1 项任务的改动\n"
    assert synced(b, env) == "已与 origin/main 同步：收到 1 项任务的改动\n"
    assert synced(c, env) == "已是最新：与 origin/main 一致\n"
    expected = [("2019-09-02", "完成平台招标", "张三"), ("2019-11-19", "李四的进展", "李四"),
                ("2019-11-20", "张三的进展", "张三"), ("2019-11-21", "王五的进展", "王五")]
    for clone in office:
        assert notes(clone) == expected
        assert validate(Workspace(clone / "plans")).faults == []
        assert (clone / TASK).read_bytes() == (a / TASK).read_bytes()
        assert git(clone, env, "status", "--porcelain").stdout == ""
    subjects = git(a, env, "log", "--format=%s").stdout.splitlines()
    assert subjects.count("duban: 同步前提交本地改动：2019H2-03") == 3 and "同步：合并 origin/main" in subjects


def test_a_status_change_and_another_clerk_s_note_merge_cleanly_through_plain_git_pull(office, env):  # noqa: F811
    a, b, _ = office
    assert duban(a, env, "update", "2019H2-03", "--status", "done", "--commit").returncode == 0
    git(a, env, "push", "-q")
    assert duban(b, env, "git-setup").stdout.startswith(f"已在 {b} 注册 duban 的合并程序：")
    assert duban(b, clerk(env, "李四"), "update", "2019H2-03", "--note", "平台试运行", "--commit").returncode == 0
    # git runs the driver from the top of the repository whatever the folder, and without duban on PATH
    bare_path = {**env, "PATH": os.pathsep.join(p for p in env["PATH"].split(os.pathsep)
                                                 if not (Path(p) / "duban").exists())}
    pulled = git(b / "plans" / "2019H2", bare_path, "pull", "-q", "--no-rebase", "--no-edit")
    assert pulled.returncode == 0
    task = task_in(b)
    assert task.status == "done"
    assert [entry.note for entry in task.progress] == ["完成平台招标", "平台试运行", ""]  # the same day: ours first
    assert validate(Workspace(b / "plans")).faults == []


def test_conflicting_status_changes_stay_one_conflict_until_resolved(office, env):  # noqa: F811
    a, b, c = office
    duban(a, clerk(env, "张三"), "update", "2019H2-03", "--status", "done", "--note", "平台上线")
    synced(a, env)
    duban(b, clerk(env, "李四"), "update", "2019H2-03", "--status", "blocked", "--note", "招标流标")
    duban(b, clerk(env, "李四"), "update", "2019H2-01", "--note", "复审材料已报送")
    conflicted = duban(b, env, "sync")
    assert (conflicted.returncode, conflicted.stdout) == (1, (
        "合并未完成：2019H2-03 两边改得不同，冲突标记已留在文件中，运行 duban validate 查看行号；改好后再运行 "
        "duban sync（放弃这次合并：git merge --abort）\n"))
    text = (b / TASK).read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("<<<<<<< 本地（ours）")
    assert lines[start:start + 5] == ["<<<<<<< 本地（ours）", 'status = "blocked"', "=======", 'status = "done"',
                                      ">>>>>>> 对方（theirs）"]
    assert text.count("<<<<<<<") == 1 and "招标流标" in text and "平台上线" in text  # only the status is in doubt
    validated = duban(b, env, "validate")
    assert validated.returncode == 1
    assert validated.stdout.splitlines() == [f"{TASK}:{n}: git 冲突标记：请解决合并冲突并删除它"
                                             for n in (start + 1, start + 3, start + 5)]
    assert duban(b, env, "sync").returncode == 1  # still unfinished: nothing committed, nothing pushed

    resolved = lines[:start] + ['status = "blocked"'] + lines[start + 5:]  # 李四 keeps his side
    (b / TASK).write_text("\n".join(resolved) + "\n", encoding="utf-8")
    assert synced(b, env) == "已与 origin/main 同步：完成上次未完成的合并，推送 2 个提交\n"
    assert synced(c, env) == "已与 origin/main 同步：收到 2 项任务的改动\n"
    task = task_in(c)
    assert task.status == "blocked"
    assert [entry.note for entry in task.progress] == ["完成平台招标", "招标流标", "平台上线"]
    assert notes(c, "2019H2-01")[-1][1] == "复审材料已报送"


def test_sync_merges_again_when_someone_pushes_while_it_pushes(office, env):  # noqa: F811
    a, b, _ = office
    duban(b, clerk(env, "李四"), "update", "2019H2-01", "--note", "李四抢先推送", "--commit")
    hook = a / ".git" / "hooks" / "pre-push"  # the first push of a: b's commit lands on the remote meanwhile
    hook.write_text(f"#!/bin/sh\n[ -e {a}/.pushed-once ] && exit 0\ntouch {a}/.pushed-once\n"
                    f"git -C {b} push -q origin main\n", encoding="utf-8")
    hook.chmod(0o755)
    duban(a, clerk(env, "张三"), "update", "2019H2-03", "--note", "张三的进展")
    assert synced(a, env) == "已与 origin/main 同步：提交本地改动 1 个文件，收到 1 项任务的改动，推送 2 个提交\n"
    assert git(a, env, "status", "--porcelain", "--untracked-files=no").stdout == ""
    assert synced(b, env) == "已与 origin/main 同步：收到 1 项任务的改动\n"
    assert notes(b)[-1][1] == "张三的进展"


def test_a_fresh_clone_is_set_up_by_its_first_sync_and_pushes_a_new_branch(office, env, tmp_path):  # noqa: F811
    a, _, _ = office
    assert git(a, env, "config", "merge.duban.driver", check=False).stdout == ""  # config is not cloned
    git(a, env, "switch", "-q", "-c", "卫生监督所")
    git(a, env, "config", "--unset", "branch.卫生监督所.remote", check=False)
    duban(a, env, "--lang", "en", "update", "2019H2-02", "--status", "in_progress")
    done = duban(a, env, "--lang", "en", "sync")
    assert done.stdout == "synced with origin/卫生监督所: committed 1 local file, pushed 1 commit\n"
    assert git(a, env, "config", "merge.duban.driver").stdout.strip() == (
        f"{sys.executable} -m duban merge-file %O %A %B %P")
    assert git(a, env, "rev-parse", "--abbrev-ref", "@{u}").stdout.strip() == "origin/卫生监督所"
