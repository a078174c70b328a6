"""What outsized inputs cost, as a user meets them (a fresh process each time): issue 15's items 9 and 11.

    .venv/bin/python benchmarks/large_inputs.py [--runs 3] [--entries 5000 50000]

Prints the median wall time and the peak memory (max RSS) of:
- `show`, `update --note` and `list` of a task with N progress entries (the audit: 5,000 entries took 7.9 s to
  update, 50,000 over a minute for every command);
- `show` and `weekly` of a task whose last note is 1 MB: Chinese text, one ASCII word, a run of commas (the audit:
  100 s for weekly, 56 s for show);
- `import` of a 5 MB .docx whose document.xml unpacks to 1 GiB (the audit: 2.1 GB of memory before failing).
The tests assert how the work grows (tests/work.py), never how long it takes; the figures are here.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from duban.ledger.model import Plan, ProgressEntry, Task
from duban.ledger.store import Workspace, init_workspace
from duban.ledger.tomlfile import dumps


def run(workspace: Path, *args: str) -> tuple[float, float, int]:
    """(seconds, peak MB of memory, exit code) of one `duban` process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "duban", "--plans", str(workspace), "--today", "2019-11-20",
                                *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not the largest child's so far
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def median_run(workspace: Path, runs: int, *args: str) -> str:
    results = [run(workspace, *args) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    return f"{seconds:7.2f} s  {max(r[1] for r in results):6.0f} MB  exit {results[-1][2]}"


def ledger(root: Path, entries: int = 0, note: str = "") -> Path:
    init_workspace(root, "区卫生健康局")
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019H2", "区卫生健康局", "2019H2", date(2019, 7, 1), date(2019, 12, 31), "r.txt"))
    log = [ProgressEntry(date(2019, 7, 1 + i % 28), "in_progress", f"完成第{i}阶段工作", "张三") for i in range(entries)]
    if note:
        log.append(ProgressEntry(date(2019, 11, 19), "in_progress", note, "张三"))
    task = Task("2019H2-01", "全力做好创建国家卫生城市复审工作", owner="疾控中心", due=date(2019, 12, 31),
                status="in_progress", progress=log)
    (root / "2019H2" / "01.toml").write_text(dumps(task.to_dict()), encoding="utf-8")
    return root


def zip_bomb(path: Path, unpacked: int = 1 << 30) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as stream:
            chunk = b"<w:p><w:r><w:t>" + "全力做好创建国家卫生城市复审工作".encode() * 20_000 + b"</w:t></w:r></w:p>"
            for _ in range(unpacked // len(chunk) + 1):
                stream.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, nargs="+", default=[5000, 50000])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        for n in options.entries:
            root = ledger(temp / f"entries{n}", entries=n)
            print(f"{n:>6} progress entries")
            print(f"    show                {median_run(root, options.runs, 'show', '2019H2-01')}")
            print(f"    update --note       {median_run(root, options.runs, 'update', '2019H2-01', '--note', '核实')}")
            print(f"    list (index cold)   {median_run(root, 1, 'list')}")
        for name, note in (("Chinese", "完成摸排，" * 200_000), ("one ASCII word", "a" * 1_000_000),
                           ("commas", "，" * 350_000)):
            root = ledger(temp / f"note-{name}", note=note)
            print(f"1 MB note ({name})")
            print(f"    show                {median_run(root, options.runs, 'show', '2019H2-01')}")
            print(f"    weekly              {median_run(root, options.runs, 'weekly')}")
            print(f"    weekly --json       {median_run(root, options.runs, 'weekly', '--json')}")
        root = ledger(temp / "bomb")
        bomb = zip_bomb(temp / "炸弹.docx")
        print(f"zip bomb: {bomb.stat().st_size / 2**20:.1f} MB unpacking to 1 GiB")
        print(f"    import              {median_run(root, options.runs, 'import', str(bomb), '--dry-run')}")


if __name__ == "__main__":
    main()
