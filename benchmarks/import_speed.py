"""Import speed, start-up included: `duban import` of reports of about 30,000 characters, as a user runs it.

    .venv/bin/python benchmarks/import_speed.py [RUNS]

Each run is a fresh process importing into a fresh workspace with --yes (reading, the outline, items, targets,
the preview and the writes); medians are printed beside `duban --version`, the bare start-up. The goal (the reading
issue) is 0.3 s for a 30,000-character report. The local reports are read from ../shared (or $DUBAN_SHARED), never
copied here; the seed is the repository's own.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DUBAN_SHARED") or ROOT.parent / "shared")
LOCAL = SHARED / "reports" / "local" / "shenzhen-guangdong"
DUBAN = [sys.executable, "-m", "duban"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def cases() -> list[tuple[Path, str]]:
    """(report, period): three local reports of about 30,000 characters, and the one-line seed."""
    found = [(LOCAL / "深圳市-2025.txt", "2025"), (LOCAL / "广东省-2023.txt", "2023"), (LOCAL / "深圳市-2026.txt", "2026")]
    missing = [str(report) for report, _ in found if not report.is_file()]
    if missing:
        sys.exit(f"needs the local reports of ../shared (set DUBAN_SHARED): {', '.join(missing)}")
    return found + [(next((ROOT / "tests" / "data" / "reports").glob("000_*.txt")), "2019H2")]


def import_times(report: Path, period: str, runs: int, folder: Path, env: dict[str, str]) -> list[float]:
    times = []
    for run in range(runs):
        root = folder / f"{report.stem}-{run}"
        subprocess.run(DUBAN + ["init", str(root), "--org", "区卫生健康局"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(timed(DUBAN + ["--plans", str(root), "import", str(report), "--period", period, "--yes"], env))
    return times


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="120")
    with tempfile.TemporaryDirectory() as folder:
        startup = [timed(DUBAN + ["--version"], env) for _ in range(runs)]
        print(f"{'duban --version':44} median {statistics.median(startup):.3f} s")
        for report, period in cases():
            chars = len(report.read_text(encoding="utf-8"))
            times = import_times(report, period, runs, Path(folder), env)
            name = f"import {report.name} ({chars:,} chars)"
            print(f"{name:44} median {statistics.median(times):.3f} s  (min {min(times):.3f}, "
                  f"max {max(times):.3f}, {runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
