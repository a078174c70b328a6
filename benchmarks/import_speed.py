"""Import speed, start-up included: `duban import` of a ~20,000-character report, as a user runs it.

    .venv/bin/python benchmarks/import_speed.py [RUNS]

Each run is a fresh process (subprocess) importing into a fresh workspace with --yes; medians are printed, with
`duban --version` as the bare start-up for comparison. The target is under 0.5 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "reports" / "state-council"  # read where they are, never copied here
DUBAN = [sys.executable, "-m", "duban"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="120")
    cases = [("gwr-2016.txt (20,880 chars)", REPORTS / "gwr-2016.txt", "2016"),
             ("gwr-2017.txt (20,196 chars)", REPORTS / "gwr-2017.txt", "2017"),
             ("000 seed (4,532 chars, one line)", next(REPORTS.glob("000_*.txt")), "2019H2")]
    with tempfile.TemporaryDirectory() as folder:
        startup = [timed(DUBAN + ["--version"], env) for _ in range(runs)]
        print(f"{'duban --version':40} median {statistics.median(startup):.3f} s")
        for name, report, period in cases:
            times = []
            for run in range(runs):
                root = Path(folder) / f"plans-{run}"
                subprocess.run(DUBAN + ["init", str(root), "--org", "区卫生健康局"], env=env, check=True,
                               stdout=subprocess.DEVNULL)
                times.append(timed(DUBAN + ["--plans", str(root), "import", str(report), "--period", period,
                                            "--yes"], env))
                shutil.rmtree(root)
            print(f"{'import ' + name:40} median {statistics.median(times):.3f} s  (min {min(times):.3f}, "
                  f"max {max(times):.3f}, {runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
