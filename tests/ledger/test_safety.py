"""Safety: concurrent updates from real processes, writes interrupted at every step, and files however broken."""

import os
import signal
import subprocess
import sys
import time
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.ledger import store
from duban.ledger import tomlfile
from duban.cli import cli
from duban.errors import BrokenFile
from duban.ledger.index import load_summaries
from duban.ledger.model import Task
from duban.ledger.store import Workspace, atomic_write

from conftest import make_workspace


# --- concurrent updates ---------------------------------------------------------------------------------


UPDATER = """
import subprocess, sys
plans, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(count):
    done = subprocess.run([sys.executable, "-m", "duban", "--plans", plans, "--today", "2019-11-20", "update",
                           "2019H2-01", "--note", f"w{worker}-{n}", "--by", f"w{worker}"] + sys.argv[4:],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr)
"""


def run_updaters(workspace, processes, updates, *extra, env=None):
    workers = [subprocess.Popen([sys.executable, "-c", UPDATER, str(workspace.root), str(w), str(updates), *extra],
                                stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
               for w in range(processes)]
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors


def test_concurrent_updates_of_one_task_lose_nothing(workspace):
    run_updaters(workspace, 8, 10)
    task = workspace.get_task("2019H2-01")
    notes = [entry.note for entry in task.progress]
    assert len(notes) == 80
    assert sorted(notes) == sorted(f"w{w}-{n}" for w in range(8) for n in range(10))
    for worker in range(8):  # each worker's entries in the order it made them
        mine = [note for note in notes if note.startswith(f"w{worker}-")]
        assert mine == [f"w{worker}-{n}" for n in range(10)]
    assert [p.name for p in workspace.task_path("2019H2-01").parent.iterdir() if p.name.endswith(".tmp")] == []


def test_concurrent_committed_updates_make_one_commit_each(workspace, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "并发", "GIT_AUTHOR_EMAIL": "a@b.c",
           "GIT_COMMITTER_NAME": "并发", "GIT_COMMITTER_EMAIL": "a@b.c"}
    git = lambda *args: subprocess.run(["git", *args], cwd=workspace.root, env={**os.environ, **env},
                                       capture_output=True, text=True, check=True).stdout
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "ledger")
    run_updaters(workspace, 4, 5, "--commit", env=env)
    subjects = git("log", "--format=%s").splitlines()
    assert len(subjects) == 21
    assert sorted(subjects[:-1]) == sorted(f"duban: 2019H2-01 进展：w{w}-{n}" for w in range(4) for n in range(5))
    assert git("status", "--porcelain") == ""
    # every commit holds exactly the entry its message names, on top of the one before
    for count, sha in enumerate(reversed(git("log", "--format=%H").split()[:-1]), 1):
        text = git("show", f"{sha}:2019H2/01.toml")
        assert text.count("[[progress]]") == count


# --- interrupted writes ---------------------------------------------------------------------------------

STEPS = ["temp file", "write", "fsync", "chmod", "replace"]


@pytest.mark.parametrize("step", STEPS)
def test_a_write_failing_at_any_step_keeps_the_old_file(tmp_path, monkeypatch, step):
    path = tmp_path / "01.toml"
    atomic_write(path, "old = 1\n")

    def fail(*args, **kwargs):
        raise OSError(28, f"No space left on device ({step})")

    if step == "temp file":
        monkeypatch.setattr(os, "open", fail)
    elif step == "write":
        real_fdopen = os.fdopen

        class FailingFile:
            def __init__(self, handle):
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

            def write(self, data):
                self.handle.write(data[: len(data) // 2])  # half of it reaches the disk, then the disk is full
                self.handle.flush()
                fail()

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingFile(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(os, {"fsync": "fsync", "chmod": "chmod", "replace": "replace"}[step], fail)
    with pytest.raises(OSError, match=step):
        atomic_write(path, "new = 2\n" * 1000)
    monkeypatch.undo()
    assert path.read_text() == "old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["01.toml"]


def test_an_interrupt_during_a_write_keeps_the_old_file(tmp_path, monkeypatch):
    """KeyboardInterrupt (Ctrl-C) between write and rename: the temp file is removed, the old file stays."""
    path = tmp_path / "01.toml"
    atomic_write(path, "old = 1\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, "new = 2\n")
    monkeypatch.undo()
    assert path.read_text() == "old = 1\n" and [p.name for p in tmp_path.iterdir()] == ["01.toml"]


WRITER = """
import sys
from pathlib import Path
from duban.ledger.store import atomic_write
path = Path(sys.argv[1])
versions = ["".join("k%d = %d\\n" % (i, n) for i in range(20000)) for n in range(2)]
print("ready", flush=True)
n = 0
while True:
    atomic_write(path, versions[n % 2])
    n += 1
"""


def test_a_writer_killed_at_random_moments_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "01.toml"
    versions = {"".join("k%d = %d\n" % (i, n) for i in range(20000)) for n in range(2)}
    atomic_write(path, min(versions))
    for round_ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline() == "ready\n"
        time.sleep(0.005 * (round_ % 4))  # killed at a different point of its loop each round
        for _ in range(20):
            assert path.read_text() in versions  # readers see one whole version or the other, never a mix
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert path.read_text() in versions
        tomlfile.loads(path.read_text(), path)
    # a killed writer can leave its temp file behind; it is never taken for a task file
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "01.toml"]
    assert all(name.startswith(".01.toml.") and name.endswith(".tmp") for name in leftovers)


# --- files however broken ---------------------------------------------------------------------------------

toml_scalars = st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False), st.booleans(),
                         st.dates(), st.datetimes(), st.times())
toml_values = st.recursive(toml_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                                  st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=3)), max_leaves=8)
task_keys = st.sampled_from(["id", "title", "status", "owner", "co_owners", "due", "due_basis", "targets", "source",
                             "progress", "check", "category", "detail", "extra"])
task_like = st.dictionaries(st.one_of(task_keys, st.text(max_size=6)), toml_values, max_size=10)


def write_and_read(tmp_path, data: bytes):
    path = tmp_path / "2019H2" / "01.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    try:
        return Workspace(tmp_path).read_task_file(path)
    except BrokenFile as fault:
        assert fault.path == path and fault.reason
        assert fault.line is None or fault.line >= 1
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_are_a_task_or_a_broken_file(tmp_path, data):
    write_and_read(tmp_path, data)


def mutate(text: str, cut: int, insert: str) -> str:
    cut = cut % (len(text) + 1)
    return text[:cut] + insert + text[cut:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(task_like, st.integers(0, 10_000), st.sampled_from(["", "\n", "=", "[", "]]", '"', "'''", "\x00", "<<<<<<< "
                                                          "HEAD\n", "\ufeff", "\r", "#", "[[progress]]\n"]))
def test_any_toml_is_a_task_or_a_broken_file(tmp_path, data, cut, insert):
    try:
        text = tomlfile.dumps(data)
    except TypeError:
        return
    task = write_and_read(tmp_path, mutate(text, cut, insert).encode("utf-8"))
    if task is not None:  # what was read must also write back and read again
        assert isinstance(task, Task)
        tomlfile.loads(store.render_task(task), "again")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.builds(dict, id=st.just("2019H2-01"), title=toml_values, status=toml_values, owner=toml_values,
                 co_owners=toml_values, due=toml_values, targets=toml_values, progress=toml_values,
                 source=toml_values, check=toml_values))
def test_right_keys_with_any_values_are_a_task_or_a_broken_file(tmp_path, data):
    try:
        text = tomlfile.dumps(data)
    except TypeError:
        return
    task = write_and_read(tmp_path, text.encode("utf-8"))
    if task is not None:
        tomlfile.loads(store.render_task(task), "again")


broken_files = st.one_of(st.binary(max_size=300), task_like.map(lambda d: _dumps_or_empty(d).encode("utf-8")),
                         st.text(max_size=200).map(lambda t: t.encode("gb18030", errors="replace")))


def _dumps_or_empty(data):
    try:
        return tomlfile.dumps(data)
    except TypeError:
        return ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(broken_files, min_size=1, max_size=3))
def test_list_never_tracebacks_whatever_the_files_hold(tmp_path_factory, contents):
    workspace = make_workspace(tmp_path_factory.mktemp("ws") / "plans")
    for number, data in enumerate(contents, 5):
        (workspace.root / "2019H2" / f"{number:02d}.toml").write_bytes(data)
    expected = workspace.load_tasks()
    runner = CliRunner()
    for args in (["list"], ["list", "--json"], ["overdue"], ["list", "--grep", "x", "--sort", "due"], ["validate"]):
        result = runner.invoke(cli, ["--plans", str(workspace.root), "--today", "2019-11-20", *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output + result.stderr
    assert len(load_summaries(workspace).tasks) == len(expected.tasks)


def test_list_after_a_crash_ignores_temp_files(workspace):
    (workspace.root / "2019H2" / ".01.toml.k3j2.tmp").write_text('id = "half', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "list", "--json"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(__import__("json").loads(result.stdout)) == 4


READER = """
import sys
from pathlib import Path
from duban.ledger.index import load_summaries
from duban.ledger.store import Workspace
workspace = Workspace(Path(sys.argv[1]))
print("ready", flush=True)
for _ in range(int(sys.argv[2])):
    result = load_summaries(workspace)
    if result.faults or len(result.tasks) != 4:
        sys.exit(f"saw {[str(f) for f in result.faults]} and {len(result.tasks)} tasks")
"""


def test_readers_never_see_a_half_written_task(workspace):
    """Reader processes list (through the index) while this one rewrites a task: never a fault, never a gap."""
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(workspace.root), "150"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for reader in readers:
        assert reader.stdout.readline() == "ready\n"
    task = workspace.get_task("2019H2-01")
    n = 0
    while any(reader.poll() is None for reader in readers):
        n += 1
        task.detail = "内容" * (n % 500)
        workspace.save_task(task)
    for reader in readers:
        assert reader.wait() == 0, reader.stderr.read()
    assert workspace.get_task("2019H2-01").detail == task.detail


def test_a_task_locked_too_long_is_one_clear_error(workspace):
    from duban.ledger.store import WorkspaceBusy

    with workspace.locked("2019H2-01"):
        with pytest.raises(WorkspaceBusy, match="task 2019H2-01 is still being changed by another duban"):
            with workspace._lock("2019H2-1.lock", "task 2019H2-01", timeout=0.05):
                pass
    with workspace.locked("2019H2-01"):  # released: free again
        pass


def test_update_waiting_on_a_held_lock_fails_cleanly(workspace, monkeypatch):
    """A lock held by another process past the timeout: exit 3 and one line, no traceback, nothing written."""
    (workspace.root / ".duban-cache" / "locks").mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom filelock import FileLock\n"
                               "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True); "
                               "time.sleep(60)", str(workspace.root / ".duban-cache" / "locks" / "2019H2-1.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        before = workspace.task_path("2019H2-01").read_bytes()
        from duban.ledger import store

        real_lock = store.Workspace._lock
        monkeypatch.setattr(store.Workspace, "_lock", lambda self, name, what, timeout=60:
                            real_lock(self, name, what, timeout=0.2))
        result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "update", "2019H2-01", "--note", "x"])
        assert result.exit_code == 3
        assert result.stderr.startswith("duban: 任务 2019H2-01 正被另一个 duban 修改，已等待 0.2 秒")
        assert result.stderr.count("\n") == 1
        assert workspace.task_path("2019H2-01").read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_reader_that_goes_away_is_exit_1_as_for_any_output(workspace):
    """`duban list --json | head`: the JSON is written in one go; a short write must not pass for success."""
    for number in range(5, 700):
        workspace.save_task(Task(f"2019H2-{number:02d}", "全力做好创建国家卫生城市复审工作" * 3, owner="区卫生健康局"))
    for args in (["list", "--json"], ["list"]):
        reader = subprocess.Popen([sys.executable, "-m", "duban", "--plans", str(workspace.root), *args],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert reader.stdout.read(10)
        reader.stdout.close()
        assert reader.wait(timeout=60) == 1
        assert reader.stderr.read() == b""
