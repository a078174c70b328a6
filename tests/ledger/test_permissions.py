"""A plan folder or task file that cannot be read is named, never silently left out: `validate` fails, `list` warns
and lists the rest. Run as a user the file permissions apply to (root reads everything)."""

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from conftest import make_workspace
from duban.ledger.model import Plan, Task

DENIED = os.strerror(13)  # "Permission denied"


def _as_nobody() -> dict | None:
    """subprocess options to run as the user nobody, when it exists and can run this interpreter with duban."""
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return None
    options = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    try:
        probe = subprocess.run([sys.executable, "-c", "import duban.cli"], capture_output=True, cwd="/", **options)
    except OSError:
        return None
    return options if probe.returncode == 0 else None


@pytest.fixture(scope="module")
def unprivileged():
    """How to run duban so that file permissions hold: as this user when it is not root; as root, as the user nobody
    (the test's files given to it), else as root without the capabilities that bypass permissions (setpriv)."""
    if os.geteuid() != 0:
        return {"prefix": [], "options": {}, "owner": None}
    options = _as_nobody()
    if options is not None:
        return {"prefix": [], "options": options, "owner": (options["user"], options["group"])}
    if shutil.which("setpriv") and subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search",
                                                   "true"], capture_output=True).returncode == 0:
        return {"prefix": ["setpriv", "--bounding-set=-dac_override,-dac_read_search"], "options": {}, "owner": None}
    pytest.skip("running as root, and neither the user nobody (with this interpreter) nor setpriv is available to "
                "run duban without the power to read every file")


@pytest.fixture
def ledger(unprivileged):
    """Two plans in a folder of their own under /tmp (the user nobody cannot enter pytest's tmp_path)."""
    top = Path(tempfile.mkdtemp(prefix="duban-permissions-"))
    workspace = make_workspace(top / "plans")
    workspace.save_plan(Plan("2019Q4", "区卫生健康局", "2019Q4", date(2019, 10, 1), date(2019, 12, 31), "纪要.txt",
                             "0" * 64))
    workspace.save_task(Task("2019Q4-01", "做好冬季流感防控", owner="疾控中心", due=date(2019, 12, 15)))
    workspace.save_task(Task("2019Q4-02", "开展安全生产大检查", owner="卫生监督所", due=date(2019, 11, 30)))
    if unprivileged["owner"] is not None:
        os.chmod(top, 0o755)
        for folder, _, names in os.walk(top):
            for path in (folder, *(os.path.join(folder, name) for name in names)):
                os.chown(path, *unprivileged["owner"])
    yield workspace
    for folder, _, _ in os.walk(top):
        os.chmod(folder, 0o755)
    shutil.rmtree(top)


@pytest.fixture
def duban(unprivileged, ledger):
    def run(*args):
        return subprocess.run([*unprivileged["prefix"], sys.executable, "-m", "duban", "--plans", str(ledger.root),
                               "--today", "2019-11-20", "--lang", "en", *args], capture_output=True, text=True,
                              env={**os.environ, "HOME": str(ledger.root.parent), "COLUMNS": "120"}, cwd="/",
                              **unprivileged["options"])
    return run


def test_an_unreadable_plan_folder_and_task_file_are_named_and_validate_fails(ledger, duban):
    folder, task = ledger.root / "2019Q4", ledger.root / "2019H2" / "02.toml"
    assert duban("list").returncode == 0  # the index now holds every task
    os.chmod(folder, 0)
    os.chmod(task, 0)

    validated = duban("validate")
    assert validated.returncode == 1
    assert validated.stdout.splitlines()[:2] == [f"{task}: cannot read: {DENIED}", f"{folder}: cannot read: {DENIED}"]

    listed = duban("list")
    assert listed.returncode == 0
    assert listed.stderr.splitlines() == [f"duban: warning: {task}: cannot read: {DENIED}",
                                          f"duban: warning: {folder}: cannot read: {DENIED}"]
    assert [line.split()[0] for line in listed.stdout.splitlines() if line.startswith("2019")] == [
        "2019H2-01", "2019H2-03", "2019H2-04"]

    os.chmod(folder, 0o755)
    os.chmod(task, 0o644)
    again = duban("list")
    assert again.stderr == ""
    assert [line.split()[0] for line in again.stdout.splitlines() if line.startswith("2019")] == [
        "2019H2-01", "2019H2-02", "2019H2-03", "2019H2-04", "2019Q4-01", "2019Q4-02"]
    assert duban("validate").stdout == "ok: 2 plans, 6 tasks\n"


def test_a_task_file_made_unreadable_after_it_was_listed_is_not_served_from_the_index(ledger, duban):
    path = ledger.root / "2019Q4" / "01.toml"
    an_hour_ago = path.stat().st_mtime - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))  # old enough for the index to trust its size and time
    assert duban("list").stderr == ""
    os.chmod(path, 0)  # changes neither its size nor its modification time
    assert duban("overdue").stderr == f"duban: warning: {path}: cannot read: {DENIED}\n"
