"""Work shared out between this process and forked workers on the machine's other CPUs, for the few jobs that are
CPU-bound over thousands of pieces: reading the task files after a clone or a pull, cutting a long summary into
words.

A worker is a fork of this process: it has every module and every loaded object (the segmenter's dictionary)
already, so it starts in a few milliseconds where a multiprocessing pool takes tens. It sends its results back
through a pipe, marshalled (plain values only: str, bytes, numbers, None, tuples, lists, dicts). A worker that
cannot start or fails leaves its share to this process; where there is no fork (Windows), all is done here.
"""

from __future__ import annotations

import marshal
import os
from typing import Callable, Sequence


def cpus() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def workers_for(amount: int, per_worker: int) -> int:
    """How many processes (this one included) `amount` of work deserves, `per_worker` being the least amount that
    pays for starting one."""
    return max(1, min(cpus(), amount // per_worker + 1))


def map_forked(function: Callable, items: Sequence, workers: int) -> list:
    """[function(item) for item in items], the items shared out between this process and `workers - 1` forks."""
    if workers < 2 or len(items) < workers or not hasattr(os, "fork"):
        return [function(item) for item in items]
    shares = [items[start::workers] for start in range(workers)]
    children = [_start(function, share) for share in shares[1:]]
    results: list = [None] * len(items)
    results[0::workers] = [function(item) for item in shares[0]]
    for start, (child, share) in enumerate(zip(children, shares[1:]), 1):
        done = _collect(*child) if child is not None else None
        if done is None or len(done) != len(share):
            done = [function(item) for item in share]
        results[start::workers] = done
    return results


# Set by the console script, whose process ends right after its command: work whose result only a later run reads (the
# listing index) may then go on in a fork while this run draws its output, and the run waits for it before it exits.
# Off in a process that goes on after the command (tests through CliRunner, a library caller): there the work is
# done before the command returns, as a caller reading the result at once expects.
BACKGROUND = False


def in_background(function: Callable[[], object]) -> bool:
    """function() in a forked process this run waits for when it exits; False where that is off or there is no fork
    (the caller then does the work itself)."""
    if not BACKGROUND or not hasattr(os, "fork"):
        return False
    pid = _fork(function)
    if pid is None:
        return False
    import atexit

    atexit.register(_wait, pid)
    return True


def _wait(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except (ChildProcessError, InterruptedError):
        pass


def _start(function: Callable, items: Sequence) -> tuple[int, int] | None:
    """A forked worker computing function over the items: (pid, the pipe it writes to), or None."""
    try:
        reading, writing = os.pipe()
    except OSError:
        return None

    def send() -> None:
        os.close(reading)
        with os.fdopen(writing, "wb") as out:
            out.write(marshal.dumps([function(item) for item in items]))

    pid = _fork(send)
    os.close(writing)
    if pid is None:
        os.close(reading)
        return None
    return pid, reading


def _fork(work: Callable[[], object]) -> int | None:
    """A forked process that does `work` and ends, with status 0 when it did and 1 when it failed: its pid, or None
    where there could be no fork. The child never returns into the caller's code nor flushes the caller's buffers."""
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)
    return pid


def _collect(pid: int, reading: int) -> list | None:
    """What a worker sent, once it has exited; None when it failed."""
    chunks = []
    with os.fdopen(reading, "rb") as pipe:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        return marshal.loads(b"".join(chunks))
    except (EOFError, ValueError, TypeError):
        return None
