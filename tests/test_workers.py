"""Work shared out with forked workers: the same results in the same order as done in one process."""

import os

import pytest

from duban import workers


def shout(text):
    return [text.upper(), len(text)]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 7, 100])
@pytest.mark.parametrize("processes", [1, 2, 3])
def test_results_come_back_in_order(count, processes):
    items = [f"item{n}" for n in range(count)]
    assert workers.map_forked(shout, items, processes) == [shout(item) for item in items]


def test_a_failing_worker_leaves_its_share_to_this_process():
    parent = os.getpid()

    def fails_in_a_worker(number):
        if os.getpid() != parent:
            raise RuntimeError("a worker dies")
        return number * 2

    assert workers.map_forked(fails_in_a_worker, list(range(10)), 3) == [n * 2 for n in range(10)]


def test_without_fork_all_is_done_here(monkeypatch):
    monkeypatch.delattr(workers.os, "fork")
    assert workers.map_forked(shout, ["a", "b", "c"], 3) == [shout("a"), shout("b"), shout("c")]


def test_workers_for_counts_cpus_and_work(monkeypatch):
    monkeypatch.setattr(workers, "cpus", lambda: 2)
    assert [workers.workers_for(amount, 500) for amount in (0, 499, 500, 5000)] == [1, 1, 2, 2]


def test_background_work_is_off_outside_the_console_script(tmp_path):
    assert workers.BACKGROUND is False
    assert workers.in_background(lambda: (tmp_path / "written").write_text("x")) is False
    assert not (tmp_path / "written").exists()


_BACKGROUND_RUN = """
import sys, time
from pathlib import Path
from duban import workers
workers.BACKGROUND = True
target = Path(sys.argv[1])
assert workers.in_background(lambda: (time.sleep(0.3), target.write_text("written")))
assert not target.exists()  # this process went on at once
"""


def test_the_run_waits_for_its_background_work_before_it_exits(tmp_path):
    """The index a fork writes is there when the run that started it has ended: the next run finds it warm."""
    import subprocess
    import sys

    target, errors = tmp_path / "written", tmp_path / "stderr"
    with errors.open("wb") as stderr:  # not a pipe: reading a pipe to its end would wait for the fork too
        done = subprocess.run([sys.executable, "-c", _BACKGROUND_RUN, str(target)], stdout=subprocess.DEVNULL,
                              stderr=stderr)
    assert (done.returncode, errors.read_text()) == (0, "")
    assert target.read_text() == "written"


def test_the_console_script_writes_the_index_before_it_exits(workspace, tmp_path):
    import subprocess
    import sys

    index, listing = workspace.cache_dir() / "index.marshal", tmp_path / "listing"
    assert not index.exists()
    with listing.open("wb") as out:  # not a pipe, as in test_the_run_waits_for_its_background_work_before_it_exits
        done = subprocess.run([sys.executable, "-m", "duban", "--plans", str(workspace.root), "--today",
                               "2019-11-20", "list"], stdout=out)
    assert done.returncode == 0 and "2019H2-01" in listing.read_text(encoding="utf-8")
    assert index.stat().st_size > 0
