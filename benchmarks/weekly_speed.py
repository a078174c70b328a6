"""How long `duban weekly` takes on a ledger of 2,000 tasks, as a user runs it (a fresh process each time).

    .venv/bin/python benchmarks/weekly_speed.py [--tasks 2000] [--runs 7] [--pdf]

Builds a workspace with the store API in a temporary folder (four plans of 500 tasks, each task with a progress log,
a quarter of them checked), runs `python -m duban weekly --format F -o FILE` for text, md and html (and pdf with
--pdf, which starts Chromium), and prints the median wall time of each. The target is under 1 s for text/md/html.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from duban.ledger.model import STATUSES, Plan, ProgressEntry, Task
from duban.ledger.store import Workspace, init_workspace

TODAY = date(2019, 9, 4)
OWNERS = ["区卫生健康局", "疾控中心", "中医科", "妇幼健康科", "基层卫生科", "医政科", "规划信息科", "办公室",
          "人口家庭科", "卫生监督所", "区人民医院", "区中医院"]
VERBS = ["全力推进", "扎实做好", "进一步加强", "持续深化", "稳步推进", "加快完成"]
THINGS = ["国家卫生城市复审工作", "家庭医生签约服务", "医联体建设", "基层医疗卫生机构标准化建设",
          "公立医院综合改革", "全民健康信息平台建设", "重大传染病防控", "中医药服务能力提升"]


def build(root: Path, n_tasks: int, seed: int = 7) -> Workspace:
    rng = random.Random(seed)
    init_workspace(root, "城南区卫生健康局")
    workspace = Workspace(root)
    periods = [("2018H2", date(2018, 7, 1), date(2018, 12, 31)), ("2019H1", date(2019, 1, 1), date(2019, 6, 30)),
               ("2019H2", date(2019, 7, 1), date(2019, 12, 31)), ("2020H1", date(2020, 1, 1), date(2020, 6, 30))]
    per_plan = -(-n_tasks // len(periods))
    made = 0
    for period, start, end in periods:
        workspace.save_plan(Plan(period, "城南区卫生健康局", period, start, end, f"{period}工作总结.docx"))
        for number in range(1, per_plan + 1):
            if made == n_tasks:
                break
            made += 1
            status = rng.choice(list(STATUSES))
            log = []
            day = start
            for _ in range(rng.randint(0, 4)):
                day = day + timedelta(days=rng.randint(3, 40))
                if day > TODAY:  # nobody logs progress in the future
                    break
                log.append(ProgressEntry(day, rng.choice(["in_progress", "in_progress", "blocked", status]),
                                         f"完成第{rng.randint(1, 9)}阶段工作，推进{rng.choice(THINGS)}",
                                         rng.choice(["张三", "李四", "王五"])))
            check = {}
            if rng.random() < 0.25:
                check = {"report": f"{period}工作总结.docx", "verdict": rng.choice(["done", "in_progress", "at_risk",
                                                                                  "not_found"]),
                         "score": round(rng.random(), 2), "evidence": [f"{rng.choice(THINGS)}取得明显成效。"]}
            workspace.save_task(Task(
                f"{period}-{number:02d}", f"{rng.choice(VERBS)}{rng.choice(THINGS)}（第{number}项）", status=status,
                owner=rng.choice(OWNERS), co_owners=rng.sample(OWNERS, rng.randint(0, 2)),
                due=start + timedelta(days=rng.randint(30, (end - start).days)), due_basis="period end",
                detail="为辖区医疗机构发放宣传画和禁烟标识，开展专项整治。" * 3, progress=log, check=check))
    return workspace


def time_command(args: list[str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf", action="store_true", help="also time PDF printing (starts Chromium)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="duban-weekly-bench-") as folder:
        root = Path(folder) / "plans"
        started = time.perf_counter()
        build(root, options.tasks)
        print(f"built {options.tasks} tasks in {time.perf_counter() - started:.1f} s")
        formats = ["text", "md", "html"] + (["pdf"] if options.pdf else [])
        for fmt in formats:
            out = Path(folder) / f"weekly.{fmt}"
            args = [sys.executable, "-m", "duban", "--plans", str(root), "--today", TODAY.isoformat(), "weekly",
                    "--format", fmt, "-o", str(out)]
            timings = time_command(args, options.runs if fmt != "pdf" else max(3, options.runs // 2))
            size = out.stat().st_size
            print(f"weekly --format {fmt:<4}  median {statistics.median(timings):.3f} s  "
                  f"(min {min(timings):.3f}, max {max(timings):.3f}, {len(timings)} runs, {size:,} bytes)")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import duban.cli"], check=True)
        print(f"python start + import duban.cli: {time.perf_counter() - started:.3f} s (once)")


if __name__ == "__main__":
    main()
