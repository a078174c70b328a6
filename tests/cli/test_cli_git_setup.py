"""`duban git-setup`: duban's merge driver in the clone's git config and the workspace's .gitattributes."""

import subprocess
import sys

from conftest import lines


def git(root, *args, check=True):
    return subprocess.run(["git", "-C", str(root), *args], check=check, capture_output=True, text=True)


def test_git_setup_registers_the_driver_and_writes_gitattributes_once(cli_run, workspace, monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "测试")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "t@example.invalid")
    attributes = workspace.root / ".gitattributes"
    attributes.write_text("*.txt text\n", encoding="utf-8")  # an older workspace: its own attributes, no driver
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "commit", "-q", "--allow-empty", "-m", "start")
    command = f"{sys.executable} -m duban merge-file %O %A %B %P"
    result = cli_run("git-setup", "--commit")
    assert (result.exit_code, lines(result.output)) == (0, [
        f"已在 {tmp_path} 注册 duban 的合并程序：{command}",
        f"已写入 {attributes}：请提交它（或加 --commit），其他克隆才会用这个合并程序"])
    assert git(tmp_path, "config", "merge.duban.driver").stdout == command + "\n"
    assert attributes.read_text(encoding="utf-8") == (
        "*.txt text\n# duban merges the workspace's TOML files key by key (`duban git-setup` registers it in each "
        "clone)\n*.toml merge=duban\n")
    assert git(tmp_path, "log", "-1", "--format=%s").stdout == "duban: 为任务文件注册 duban 合并程序\n"
    assert git(tmp_path, "check-attr", "merge", "--", "plans/2019H2/01.toml").stdout == (
        "plans/2019H2/01.toml: merge: duban\n")
    again = cli_run("--lang", "en", "git-setup")
    assert lines(again.output) == [f"registered duban's merge driver in {tmp_path}: {command}"]


def test_git_setup_outside_git_says_so(cli_run, workspace, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(workspace.root.parent))
    result = cli_run("git-setup")
    assert (result.exit_code, result.stderr) == (3, f"duban: {workspace.root} 不在 git 仓库中（请运行 `git init`）\n")
