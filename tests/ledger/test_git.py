"""Git workflow end to end, with real git and real duban processes: commits, history, two clones, conflicts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_workspace
from sample_reports import seed, seed as seed_report

pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                                reason="git is not installed")


@pytest.fixture
def env(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "张三",
            "GIT_AUTHOR_EMAIL": "zhangsan@example.org", "GIT_COMMITTER_NAME": "张三",
            "GIT_COMMITTER_EMAIL": "zhangsan@example.org", "DUBAN_USER": "张三", "DUBAN_TODAY": "2019-11-20",
            "NO_COLOR": "1", "COLUMNS": "200"}


def git(cwd, env, *args, check=True):
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stderr}")
    return done


def duban(cwd, env, *args):
    return subprocess.run([sys.executable, "-m", "duban", "--plans", "plans", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path, env):
    """A git repository holding the four-task workspace of conftest, committed."""
    root = tmp_path / "office"
    root.mkdir()
    git(root, env, "init", "-q", "-b", "main")
    make_workspace(root / "plans")
    git(root, env, "add", "plans")
    git(root, env, "commit", "-qm", "ledger")
    return root


def subjects(cwd, env):
    return git(cwd, env, "log", "--format=%s").stdout.splitlines()


def test_update_commit_says_what_changed_and_leaves_other_staged_files_alone(repo, env):
    (repo / "notes.txt").write_text("my own work\n", encoding="utf-8")
    git(repo, env, "add", "notes.txt")
    result = duban(repo, env, "update", "2019H2-03", "--status", "done", "--note", "平台上线", "--commit")
    assert result.returncode == 0, result.stderr
    assert subjects(repo, env)[0] == "duban: 2019H2-03 推进中 → 已完成"
    changed = git(repo, env, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert changed == ["plans/2019H2/03.toml"]
    assert git(repo, env, "status", "--porcelain").stdout == "A  notes.txt\n"  # still staged, not committed
    body = git(repo, env, "log", "-1", "--format=%b").stdout
    assert body.strip().splitlines() == ["说明：平台上线", "记录人：张三"]


def test_owner_and_due_changes_are_in_the_message(repo, env):
    duban(repo, env, "update", "2019H2-02", "--owner", "疾控中心", "--due", "2019-12-20", "--commit")
    assert subjects(repo, env)[0] == "duban: 2019H2-02 责任单位 中医科 → 疾控中心；延期 2019-11-25 → 2019-12-20"
    duban(repo, env, "--lang", "en", "update", "2019H2-02", "--note", "资金已拨付", "--commit")
    assert subjects(repo, env)[0] == "duban: 2019H2-02 progress: 资金已拨付"


def test_without_commit_nothing_is_committed_unless_auto_commit(repo, env):
    duban(repo, env, "update", "2019H2-01", "--status", "in_progress")
    assert subjects(repo, env) == ["ledger"]
    settings = repo / "plans" / "duban.toml"
    settings.write_text("auto_commit = true\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, env, "commit", "-qam", "auto commit on")
    duban(repo, env, "update", "2019H2-02", "--status", "blocked", "--note", "等待资金")
    assert subjects(repo, env)[0] == "duban: 2019H2-02 未开始 → 受阻"
    assert git(repo, env, "status", "--porcelain").stdout == ""


def test_commit_outside_a_repository_is_one_clear_error(tmp_path, env):
    make_workspace(tmp_path / "plain" / "plans")
    result = duban(tmp_path / "plain", env, "update", "2019H2-01", "--status", "done", "--commit")
    assert result.returncode == 3
    assert result.stderr.startswith("duban: ") and "不在 git 仓库中，无法 --commit" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_commit(tmp_path, env):
    git(tmp_path, env, "init", "-q", "-b", "main")
    result = duban(tmp_path, env, "init", "--org", "区卫生健康局", "--commit")
    assert result.returncode == 0, result.stderr
    assert subjects(tmp_path, env) == ["duban: 创建工作区 plans"]
    files = git(tmp_path, env, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert files == ["plans/.gitattributes", "plans/.gitignore", "plans/duban.toml"]
    driver = git(tmp_path, env, "config", "merge.duban.driver").stdout.strip()
    assert driver == f"{sys.executable} -m duban merge-file %O %A %B %P"  # init registered duban's merge driver


def test_log_shows_who_changed_what_and_when(repo, env):
    env = {**env, "GIT_AUTHOR_DATE": "2019-09-02T10:00:00+08:00"}
    duban(repo, env, "update", "2019H2-01", "--status", "推进中", "--note", "完成四小单位摸排", "--commit")
    env = {**env, "GIT_AUTHOR_NAME": "李四", "GIT_AUTHOR_DATE": "2019-10-08T09:30:00+08:00", "DUBAN_USER": "李四"}
    duban(repo, env, "update", "2019H2-01", "--owner", "疾控中心", "--due", "2019-12-31", "--commit")
    result = duban(repo, env, "log", "2019H2-01")
    assert result.returncode == 0, result.stderr
    commits = git(repo, env, "log", "--format=%h", "--", "plans/2019H2/01.toml").stdout.split()[::-1]
    first = git(repo, env, "log", "-1", "--format=%aI", commits[0]).stdout.strip()
    assert result.stdout.splitlines() == [
        f"{first[:16].replace('T', ' ')}  张三  {commits[0]}  ledger",
        "    新建",
        "    标题：全力做好创建国家卫生城市复审工作",
        "    状态：未开始",
        "    责任单位：区卫生健康局",
        "    配合单位：疾控中心",
        "    完成时限：2019-10-31",
        f"2019-09-02 10:00  张三  {commits[1]}  duban: 2019H2-01 未开始 → 推进中",
        "    状态：未开始 → 推进中",
        "    进展记录：推进中，完成四小单位摸排（张三）",
        f"2019-10-08 09:30  李四  {commits[2]}  duban: 2019H2-01 责任单位 区卫生健康局 → 疾控中心；延期 2019-10-31 → 2019-12-31",
        "    责任单位：区卫生健康局 → 疾控中心",
        "    完成时限：2019-10-31 → 2019-12-31",
        "    进展记录：推进中（李四）",
    ]
    history = json.loads(duban(repo, env, "log", "2019H2-01", "--json").stdout)
    assert [h["author"] for h in history] == ["张三", "张三", "李四"]
    assert history[1]["changes"] == {"status": ["todo", "in_progress"]}
    assert history[1]["notes"] == [{"date": "2019-11-20", "status": "in_progress", "note": "完成四小单位摸排",
                                    "by": "张三"}]
    assert history[2]["date"] == "2019-10-08T09:30:00+08:00"
    assert history[2]["changes"] == {"owner": ["区卫生健康局", "疾控中心"], "due": ["2019-10-31", "2019-12-31"]}


def test_log_of_an_uncommitted_or_unknown_task(repo, env):
    (repo / "plans" / "2019H2" / "05.toml").write_text('id = "2019H2-05"\ntitle = "新任务"\n', encoding="utf-8")
    assert duban(repo, env, "log", "2019H2-05").stdout == "2019H2-05：没有 git 历史记录\n"
    result = duban(repo, env, "log", "2019H2-99")
    assert result.returncode == 2 and result.stderr.startswith("duban: 没有任务 2019H2-99：计划 2019H2 的任务是 ")


# --- two clones of one remote ----------------------------------------------------------------------------


@pytest.fixture
def clones(tmp_path, repo, env):
    remote = tmp_path / "remote.git"
    git(tmp_path, env, "clone", "-q", "--bare", str(repo), str(remote))
    pair = []
    for name in ("a", "b"):
        git(tmp_path, env, "clone", "-q", str(remote), name)
        git(tmp_path / name, env, "config", "pull.rebase", "false")
        pair.append(tmp_path / name)
    return pair


def test_different_tasks_merge_without_conflict(clones, env):
    a, b = clones
    assert duban(a, env, "update", "2019H2-01", "--status", "done", "--commit").returncode == 0
    git(a, env, "push", "-q")
    assert duban(b, env, "update", "2019H2-02", "--status", "blocked", "--note", "等待资金", "--commit").returncode == 0
    git(b, env, "pull", "-q", "--no-edit")
    git(b, env, "push", "-q")
    git(a, env, "pull", "-q")
    for clone in (a, b):
        listed = json.loads(duban(clone, env, "list", "--json").stdout)
        assert {t["id"]: t["status"] for t in listed} == {
            "2019H2-01": "done", "2019H2-02": "blocked", "2019H2-03": "in_progress", "2019H2-04": "done"}
        assert duban(clone, env, "validate").returncode == 0


def test_same_task_on_both_sides_conflicts_in_that_file_only(clones, env):
    a, b = clones
    duban(a, env, "update", "2019H2-03", "--status", "done", "--note", "平台上线", "--commit")
    git(a, env, "push", "-q")
    duban(b, env, "update", "2019H2-03", "--status", "blocked", "--note", "招标流标", "--commit")
    duban(b, env, "update", "2019H2-01", "--note", "复审材料已报送", "--commit")
    pulled = git(b, env, "pull", "-q", "--no-edit", check=False)
    assert pulled.returncode != 0
    conflicted = git(b, env, "diff", "--name-only", "--diff-filter=U").stdout.split()
    assert conflicted == ["plans/2019H2/03.toml"]

    path = Path("plans/2019H2/03.toml")
    text = (b / path).read_text(encoding="utf-8")
    markers = [number for number, line in enumerate(text.splitlines(), 1)
               if line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    assert len(markers) >= 3
    validated = duban(b, env, "validate")
    assert validated.returncode == 1
    assert validated.stdout.splitlines() == [f"{path}:{line}: git 冲突标记：请解决合并冲突并删除它"
                                             for line in markers]

    listed = duban(b, env, "list")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("2019H2-")] == [
        "2019H2-01", "2019H2-02", "2019H2-04"]
    assert listed.stderr == f"duban: 警告：{path}:{markers[0]}: git 冲突标记：请解决合并冲突并删除它\n"
    assert duban(b, env, "validate").returncode == 1  # still, until it is resolved

    git(b, env, "checkout", "--theirs", str(path))
    git(b, env, "add", str(path))
    git(b, env, "commit", "-q", "--no-edit")
    assert duban(b, env, "validate").returncode == 0
    listed = json.loads(duban(b, env, "list", "--json").stdout)
    assert {t["id"]: t["status"] for t in listed}["2019H2-03"] == "done"
    assert "复审材料已报送" in (b / "plans/2019H2/01.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["--commit", "auto_commit"])
def test_import_commits_its_files_with_commit_or_auto_commit(tmp_path, env, how):
    seed = seed_report("000")
    git(tmp_path, env, "init", "-q", "-b", "main")
    duban(tmp_path, env, "init", "--org", "区卫生健康局", "--commit")
    if how == "auto_commit":
        settings = tmp_path / "plans" / "duban.toml"
        settings.write_text("auto_commit = true\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
        git(tmp_path, env, "commit", "-qam", "auto commit on")
    flags = ["--commit"] if how == "--commit" else []
    result = duban(tmp_path, env, "import", str(seed), "--period", "2019H2", "--yes", *flags)
    assert result.returncode == 0, result.stderr
    assert subjects(tmp_path, env)[0] == "duban: 导入《000_39b622c591527ef1.txt》为计划 2019H2"
    files = git(tmp_path, env, "show", "--name-only", "--format=", "HEAD").stdout.split()
    assert files[:3] == ["plans/2019H2/01.toml", "plans/2019H2/02.toml", "plans/2019H2/03.toml"]
    assert "plans/2019H2/plan.toml" in files and "plans/2019H2/report.txt" in files
    assert git(tmp_path, env, "status", "--porcelain").stdout == ""


def test_the_cache_is_never_committed_even_without_the_workspace_gitignore(repo, env):
    (repo / "plans" / ".gitignore").unlink()
    git(repo, env, "commit", "-qam", "lost the .gitignore")
    assert duban(repo, env, "list").returncode == 0
    assert duban(repo, env, "update", "2019H2-01", "--note", "x").returncode == 0
    git(repo, env, "add", "plans")
    staged = git(repo, env, "diff", "--cached", "--name-only").stdout.split()
    assert staged == ["plans/2019H2/01.toml"]
