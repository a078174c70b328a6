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
