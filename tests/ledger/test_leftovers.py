"""What duban leaves in a workspace: no lock files once it is done (none at all for an id that is not a task), and the
temp file of a write that was killed is ignored by git, named by `validate` and removed by a later write."""

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from duban.cli import cli
from duban.ledger.store import LEFTOVER_RE, STALE_SECONDS, Workspace, _new_temp_file, init_workspace
from test_safety import run_updaters


def invoke(workspace, *args):
    return CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", "2019-11-20", "--lang", "en", *args])


def lock_files(workspace) -> list[str]:
    folder = workspace.root / ".duban-cache" / "locks"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def test_concurrent_updates_leave_no_lock_files_and_lose_nothing(workspace):
    run_updaters(workspace, 6, 8)
    assert len(workspace.get_task("2019H2-01").progress) == 48
    assert lock_files(workspace) == []


def test_an_id_that_is_not_a_task_makes_no_lock_file(workspace):
    for command in (("update", "2019H2-99", "--note", "x"), ("cancel", "2019H2-99", "--note", "x"),
                    ("rm", "2019H2-99", "--yes"), ("update", "2030H1-01", "--note", "x")):
        result = invoke(workspace, *command)
        assert result.exit_code == 2 and result.stderr.startswith("duban: unknown task ")
    assert lock_files(workspace) == []
    assert not (workspace.root / "2030H1").exists()


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from duban.ledger.store import Workspace

workspace = Workspace(Path(sys.argv[1]))
task = workspace.get_task("2019H2-02")
task.detail = "写到一半"
def stall(*args):
    print("temp written", flush=True)
    time.sleep(600)
os.replace = stall  # the write stops between its temp file and the rename: killed there
workspace.save_task(task)
"""


def test_a_killed_write_leaves_a_temp_file_that_git_ignores_validate_names_and_a_later_write_removes(tmp_path):
    from conftest import make_workspace

    workspace = make_workspace(tmp_path / "plans")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(workspace.root)], stdout=subprocess.PIPE,
                              text=True)
    assert writer.stdout.readline() == "temp written\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    folder = workspace.root / "2019H2"
    [left] = [name for name in os.listdir(folder) if name.endswith(".tmp")]
    assert left.startswith(".02.toml.")

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "plans"], check=True)
    staged = subprocess.run(["git", "-C", str(tmp_path), "diff", "--cached", "--name-only"], capture_output=True,
                            text=True, check=True).stdout.split()
    assert f"plans/2019H2/{left}" not in staged and "plans/2019H2/02.toml" in staged

    validated = invoke(workspace, "validate")
    assert validated.exit_code == 1
    assert validated.stdout == (f"{folder / left}: the temp file of a write that was interrupted: remove it (duban "
                                "does, when it writes here ten minutes on)\n")

    update = [sys.executable, "-m", "duban", "--plans", str(workspace.root), "update", "2019H2-03", "--note", "x"]
    subprocess.run(update, check=True, capture_output=True)
    assert (folder / left).exists()  # a write under way could still be renaming it: left alone while recent
    long_ago = time.time() - STALE_SECONDS - 60
    os.utime(folder / left, (long_ago, long_ago))
    subprocess.run(update, check=True, capture_output=True)
    assert not (folder / left).exists()
    assert invoke(workspace, "validate").stdout == "ok: 1 plan, 4 tasks\n"
    assert workspace.get_task("2019H2-02").detail == ""  # the killed write changed nothing


def test_a_new_workspace_ignores_temp_files(tmp_path):
    init_workspace(tmp_path / "plans", "区卫生健康局")
    assert (tmp_path / "plans" / ".gitignore").read_text(encoding="utf-8").splitlines() == [".duban-cache", ".*.tmp"]
    assert Workspace(tmp_path / "plans").plan_dirs() == []


def test_the_temp_file_of_every_file_duban_writes_is_known_as_a_leftover(tmp_path):
    """Temp files are made without tempfile (an `update` is timed from start-up): their names are still what
    validate and the sweep know (eight lowercase characters), and two of one file never clash."""
    names = set()
    for target in ("07.toml", "123456.toml", "plan.toml", "report.txt", "duban.toml", ".gitignore", "index.marshal"):
        for _ in range(20):
            fd, temp = _new_temp_file(tmp_path / target)
            os.close(fd)
            name = os.path.basename(temp)
            assert LEFTOVER_RE.match(name) and name.startswith(f".{target}."), name
            names.add(name)
    assert len(names) == 140 == len(os.listdir(tmp_path))
