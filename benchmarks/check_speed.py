"""How long `duban check` takes for a 50-item plan against a 25,000-character summary, start-up included.

The plan: the first 50 paragraphs of the State Council's 2017 and 2018 plan parts (each paragraph's first
sentence its title, the rest its detail), written into a temporary workspace. The summary: gwr-2019.txt with
gwr-2018.txt's review after it, cut to 25,000 characters. Each run is a fresh `duban check … --json` process;
the script prints the median (and min/max) of the runs, with jieba's dictionary cache already built (a first run
ever on a machine also builds it, which takes about a second more: shown apart), and `duban list --json` for
comparison, which must not load the segmenter at all.

    .venv/bin/python benchmarks/check_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from duban.ledger.model import Plan, Task  # noqa: E402
from duban.report.formats import read_report  # noqa: E402
from duban.report.sections import find_sections  # noqa: E402
from duban.ledger.store import Workspace, init_workspace  # noqa: E402

REPORTS = ROOT.parent / "shared" / "reports" / "state-council"  # read where they are, never copied here
ITEMS = 50
SUMMARY_CHARS = 25_000


def plan_paragraphs(name: str) -> list[str]:
    text = read_report(REPORTS / name).text
    lines = text.splitlines()
    paragraphs = []
    for section in find_sections(text):
        if section.kind == "plan":
            paragraphs += [line for line in lines[section.start_line: section.end_line] if len(line) > 40]
    return paragraphs


def build_workspace(root: Path) -> None:
    init_workspace(root, "国务院")
    workspace = Workspace(root)
    workspace.save_plan(Plan("2018", "国务院", "2018", date(2018, 1, 1), date(2018, 12, 31), "plans.txt"))
    paragraphs = (plan_paragraphs("gwr-2017.txt") + plan_paragraphs("gwr-2018.txt"))[:ITEMS]
    if len(paragraphs) < ITEMS:
        raise SystemExit(f"only {len(paragraphs)} plan paragraphs found")
    for number, paragraph in enumerate(paragraphs, 1):
        title, _, detail = paragraph.partition("。")
        workspace.save_task(Task(f"2018-{number:02d}", title[:60], detail=detail))


def build_summary(path: Path) -> None:
    first = (REPORTS / "gwr-2019.txt").read_text(encoding="utf-8")
    second = read_report(REPORTS / "gwr-2018.txt")
    review = [s for s in find_sections(second.text) if s.kind == "review"][0]
    extra = "\n".join(second.lines[review.start_line - 1: review.end_line])
    text = (first + "\n" + extra)[:SUMMARY_CHARS]
    path.write_text(text, encoding="utf-8")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed


def report(label: str, times: list[float]) -> None:
    print(f"{label:<44} median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f}, "
          f"{len(times)} runs)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    duban = str(Path(sys.executable).with_name("duban"))
    with tempfile.TemporaryDirectory() as folder:
        root, summary, cache = Path(folder) / "plans", Path(folder) / "summary.txt", Path(folder) / "cache"
        build_workspace(root)
        build_summary(summary)
        env = {**os.environ, "DUBAN_CACHE": str(cache)}
        command = [duban, "--plans", str(root), "check", str(summary), "--plan", "2018", "--json"]
        print(f"plan of {ITEMS} items, summary of {len(summary.read_text(encoding='utf-8'))} characters")
        report("check, first run (builds jieba's cache)", [timed(command, env)])
        report("check", [timed(command, env) for _ in range(args.runs)])
        report("list --json (no segmenter)", [timed([duban, "--plans", str(root), "list", "--json"], env)
                                              for _ in range(args.runs)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
