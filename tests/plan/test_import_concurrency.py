"""`import` against concurrent updates, with real processes: it merges with each task file as it is when it writes
(under the task's lock), so an update made while it read, previewed or waited at its prompt is never lost."""

import os
import subprocess
import sys

import pytest

from duban.ledger.store import Workspace, init_workspace
from sample_reports import seed

REPORT = str(seed("000"))


@pytest.fixture
def env(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return {**os.environ, "HOME": str(home), "DUBAN_USER": "张三", "DUBAN_TODAY": "2019-11-20", "DUBAN_LANG": "en",
            "NO_COLOR": "1"}


@pytest.fixture
def imported(tmp_path, env) -> Workspace:
    root = tmp_path / "plans"
    init_workspace(root, "区卫生健康局")
    done = duban(root, env, "import", REPORT, "--period", "2019H2", "--yes")
    assert done.returncode == 0, done.stderr
    return Workspace(root)


def duban(root, env, *args, **options):
    return subprocess.run([sys.executable, "-m", "duban", "--plans", str(root), *args], env=env, capture_output=True,
                          text=True, **options)


def snapshot(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".duban-cache" not in p.parts}


def corrected_report(tmp_path):
    """Seed 000 with a tenth plan item: importing it again asks (the unchanged report writes nothing, asks nothing)."""
    corrected = tmp_path / seed("000").name
    text = seed("000").read_text(encoding="utf-8")
    corrected.write_text(text.replace("(转载请注明)", "4.做好年度考核迎检工作。(转载请注明)"), encoding="utf-8")
    return corrected


def test_an_update_made_while_import_waits_at_its_prompt_is_kept(imported, env, tmp_path):
    importing = subprocess.Popen([sys.executable, "-m", "duban", "--plans", str(imported.root), "import",
                                  str(corrected_report(tmp_path)), "--period", "2019H2"], env=env,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shown = ""
    while "Update plan 2019H2 (1 new, 9 unchanged)?" not in shown:  # the preview is made: the tasks are read
        char = importing.stdout.read(1)
        assert char, importing.stderr.read()
        shown += char
    updated = duban(imported.root, env, "update", "2019H2-03", "--status", "done", "--note", "完成复审")
    assert updated.returncode == 0, updated.stderr
    out, err = importing.communicate("y\n", timeout=120)
    assert importing.returncode == 0, err
    task = imported.get_task("2019H2-03")
    assert (task.status, task.progress[-1].note) == ("done", "完成复审")


UPDATER = """
import subprocess, sys
plans, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for n in range(count):
    task = f"2019H2-0{1 + (worker + n) % 9}"
    done = subprocess.run([sys.executable, "-m", "duban", "--plans", plans, "update", task, "--note", f"w{worker}-{n}"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr)
"""

IMPORTER = """
import subprocess, sys
plans, report, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
for n in range(count):
    done = subprocess.run([sys.executable, "-m", "duban", "--plans", plans, "import", report, "--period", "2019H2",
                           "--yes"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr)
"""


def test_imports_in_a_loop_lose_none_of_the_concurrent_updates(imported, env):
    workers = [subprocess.Popen([sys.executable, "-c", UPDATER, str(imported.root), str(w), "12"], env=env,
                                stderr=subprocess.PIPE, text=True) for w in range(3)]
    workers.append(subprocess.Popen([sys.executable, "-c", IMPORTER, str(imported.root), REPORT, "8"], env=env,
                                    stderr=subprocess.PIPE, text=True))
    for worker in workers:
        _, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
    notes = [entry.note for task in imported.load_tasks().tasks for entry in task.progress]
    assert sorted(notes) == sorted(f"w{w}-{n}" for w in range(3) for n in range(12))
    before = snapshot(imported.root)
    again = duban(imported.root, env, "import", REPORT, "--period", "2019H2", "--yes")
    assert (again.returncode, again.stdout) == (0, again.stdout)
    assert "2019H2: 9 tasks, already up to date" in again.stdout
    assert snapshot(imported.root) == before  # re-importing the unchanged report changes nothing


def test_a_task_added_to_the_plan_while_import_waits_stops_the_import(imported, env, tmp_path):
    corrected = corrected_report(tmp_path)
    importing = subprocess.Popen([sys.executable, "-m", "duban", "--plans", str(imported.root), "import",
                                  str(corrected), "--period", "2019H2"], env=env, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shown = ""
    while "Update plan 2019H2 (1 new, 9 unchanged)?" not in shown:  # its new item would be 2019H2-10
        char = importing.stdout.read(1)
        assert char, importing.stderr.read()
        shown += char
    added = duban(imported.root, env, "add", "做好冬季流感防控", "--plan", "2019H2", "--new-owner", "--owner", "疾控中心")
    assert added.returncode == 0, added.stderr
    before = snapshot(imported.root)
    _, err = importing.communicate("y\n", timeout=120)
    assert importing.returncode == 2
    assert err == "duban: plan 2019H2 gained or lost tasks after the preview; nothing written: import again\n"
    assert snapshot(imported.root) == before
