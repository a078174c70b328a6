"""duban against Taskwarrior on the same N tasks: medians of wall time for each command, and duban's growth series.

Run by hand (needs Debian's `taskwarrior` package and duban installed in the current environment):

    .venv/bin/python benchmarks/scale_vs_taskwarrior.py                  # 10,000 tasks, 5 runs, series to 100,000
    .venv/bin/python benchmarks/scale_vs_taskwarrior.py --tasks 2000 --runs 3 --series 1000,2000

Both data sets hold the same tasks: Chinese titles and owners, due dates around today (some overdue), statuses
todo / in_progress / blocked / done / dropped. duban's is written through the store API; Taskwarrior's is one JSON
file passed to `task import`. Every command runs as a subprocess with stdout to a file (as a user piping to a file
would), once to warm up and then --runs times; the median is printed with duban / Taskwarrior as the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from duban.ledger.index import RACY_NS
from duban.ledger.model import Plan, ProgressEntry, Task
from duban.ledger.store import Workspace, init_workspace

TASKS_PER_PLAN = 500
VERBS = ["全力做好", "深入推进", "持续加强", "扎实开展", "加快推进", "认真落实", "稳步推进", "进一步完善", "大力实施",
         "切实抓好", "统筹推进", "积极开展"]
OBJECTS = ["国家卫生城市复审工作", "家庭医生签约服务", "医联体建设", "公立医院综合改革", "分级诊疗制度建设",
           "基本公共卫生服务项目", "传染病防控工作", "妇幼健康服务", "中医药传承创新", "国医馆建设",
           "计划生育奖励扶助政策", "卫生信息化建设", "爱国卫生运动", "食品安全风险监测", "职业病防治工作",
           "健康扶贫工程", "院前急救体系建设", "医疗卫生人才队伍建设", "党风廉政建设", "无偿献血宣传动员",
           "慢性病综合防控示范区创建", "严重精神障碍患者管理", "卫生监督执法检查", "村卫生室标准化建设"]
SUFFIXES = ["", "，确保按期完成", "，全面提升服务能力", "，巩固已有成果", "，年底前通过验收", "，实现全覆盖"]
OWNERS = ["区卫生健康局", "疾控中心", "妇幼健康科", "中医科", "规划信息科", "人口家庭科", "办公室", "医政医管科",
          "基层卫生科", "区人民医院", "区中医医院", "卫生监督所", "爱卫办", "财务审计科", "组织人事科"]
PEOPLE = ["张三", "李四", "王五", "赵敏", "陈静", "刘洋"]
NOTES = ["完成四小单位摸排", "召开专题推进会", "已拟定实施方案", "完成年度目标的一半", "正在开展督导检查",
         "配合单位已到位", "资金已拨付"]
STATUS_WEIGHTS = [("todo", 30), ("in_progress", 35), ("blocked", 5), ("done", 25), ("dropped", 5)]
TW_STATUS = {"todo": "pending", "in_progress": "pending", "blocked": "pending", "done": "completed",
             "dropped": "deleted"}


def plan_for(index: int, today: date) -> Plan:
    """Plan k covers half-year k counting back from today's half-year, so due dates land around today."""
    k = index // TASKS_PER_PLAN
    half = (today.year * 2 + (today.month > 6)) - 2 + k % 5  # five half-years: two back, today's, two ahead
    year, second = divmod(half, 2)
    suffix = f"-{chr(ord('a') + k // 5)}" if k >= 5 else ""  # several units' plans for the same period
    period = f"{year}H{2 if second else 1}"
    start = date(year, 7 if second else 1, 1)
    end = date(year, 12, 31) if second else date(year, 6, 30)
    return Plan(id=period + suffix, org="测试区卫生健康局", period=period, start=start, end=end,
                report=f"{year}年{'下' if second else '上'}半年工作计划.docx")


def make_task(index: int, today: date, rng: random.Random) -> Task:
    plan = plan_for(index, today)
    number = index % TASKS_PER_PLAN + 1
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    due = plan.start + timedelta(days=rng.randrange((plan.end - plan.start).days + 1))
    owner = rng.choice(OWNERS)
    task = Task(id=f"{plan.id}-{number:02d}", title=rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(SUFFIXES),
                status=status, category="下一步工作打算", owner=owner,
                co_owners=rng.sample([o for o in OWNERS if o != owner], rng.randrange(3)), due=due, due_basis="年底",
                detail="围绕年度目标任务，" + rng.choice(OBJECTS) + "，细化措施，压实责任。",
                source={"report": plan.report, "line": 20 + number})
    for step in range(rng.randrange(3)):
        task.progress.append(ProgressEntry(date=min(today, plan.start + timedelta(days=30 * (step + 1))),
                                           status=status, note=rng.choice(NOTES), by=rng.choice(PEOPLE)))
    return task


def taskwarrior_record(task: Task, today: date) -> dict:
    entry = datetime.combine(today - timedelta(days=200), datetime.min.time())
    record = {"uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, task.id)), "description": task.title,
              "project": task.plan.replace("-", "_"), "owner": task.owner, "status": TW_STATUS[task.status],
              "entry": entry.strftime("%Y%m%dT%H%M%SZ"),
              "due": datetime.combine(task.due, datetime.min.time()).strftime("%Y%m%dT%H%M%SZ")}
    if record["status"] in ("completed", "deleted"):
        record["end"] = record["entry"]
    if task.progress:
        record["annotations"] = [{"entry": record["entry"], "description": p.note} for p in task.progress]
    return record


class DataSets:
    """One duban workspace and one Taskwarrior database that grow together, task by task."""

    def __init__(self, root: Path, today: date, seed: int = 6, taskwarrior: bool = True):
        self.today = today
        self.taskwarrior = taskwarrior
        self.rng = random.Random(seed)
        self.plans_dir = root / "plans"
        init_workspace(self.plans_dir, "测试区卫生健康局")
        self.workspace = Workspace(self.plans_dir)
        self.tw_dir = root / "taskwarrior"
        self.tw_dir.mkdir()
        self.taskrc = self.tw_dir / "taskrc"
        self.taskrc.write_text(
            f"data.location={self.tw_dir / 'data'}\nconfirmation=off\nverbose=nothing\ncolor=off\n"
            "detection=off\ndefaultwidth=200\nhooks=off\nuda.owner.type=string\nuda.owner.label=Owner\n",
            encoding="utf-8")
        self.count = 0
        self.tw_records: list[dict] = []

    def grow(self, total: int) -> None:
        """Add tasks until both sides hold `total`; Taskwarrior's are imported once, after duban's are written."""
        plans_seen = set()
        new_records = []
        while self.count < total:
            task = make_task(self.count, self.today, self.rng)
            plan = plan_for(self.count, self.today)
            if plan.id not in plans_seen and not (self.plans_dir / plan.id / "plan.toml").exists():
                self.workspace.save_plan(plan)
            plans_seen.add(plan.id)
            self.workspace.save_task(task)
            new_records.append(taskwarrior_record(task, self.today))
            self.count += 1
        if new_records and self.taskwarrior:
            batch = self.tw_dir / "import.json"
            batch.write_text(json.dumps(new_records, ensure_ascii=False), encoding="utf-8")
            run(self.task_cmd("import", str(batch)), self.env(), Path(os.devnull), check=True)
            self.tw_records.extend(new_records)
        # duban's index does not trust a file changed in the last RACY_NS (its mtime could still repeat); a ledger
        # is edited by people, not listed four times within two seconds of being generated, so wait that out.
        time.sleep(RACY_NS / 1e9 + 0.1)

    def env(self) -> dict[str, str]:
        env = dict(os.environ, TASKRC=str(self.taskrc), TASKDATA=str(self.tw_dir / "data"),
                   DUBAN_PLANS=str(self.plans_dir), DUBAN_TODAY=self.today.isoformat(), COLUMNS="200")
        env.pop("NO_COLOR", None)
        return env

    @staticmethod
    def task_cmd(*args: str) -> list[str]:
        return ["task", "rc.confirmation=off", "rc.verbose=nothing", "rc.color=off", "rc.detection=off",
                "rc.defaultwidth=200", *args]


def duban_cmd(*args: str) -> list[str]:
    exe = Path(sys.executable).with_name("duban")
    return [str(exe) if exe.exists() else shutil.which("duban") or "duban", *args]


def run(cmd: list[str], env: dict[str, str], out: Path, check: bool = False) -> float:
    with open(out, "wb") as stdout:
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def median_time(cmd: list[str], env: dict[str, str], out: Path, runs: int) -> tuple[float, float]:
    """(first run, median of the next `runs`): the first run pays for a cold index cache."""
    first = run(cmd, env, out)
    return first, statistics.median(run(cmd, env, out) for _ in range(runs))


def line_count(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def compare(data: DataSets, runs: int, out_dir: Path) -> None:
    env = data.env()
    pairs = [("list", ["list"], ["list"]), ("overdue", ["overdue"], ["overdue"]),
             ("list --json", ["list", "--json"], ["export"])]
    print(f"\n{data.count:,} tasks; median of {runs} runs after one warm-up (seconds)")
    print(f"{'command':<34}{'duban':>9}{'1st run':>9}{'task':>9}{'ratio':>8}   output lines duban / task")
    for name, duban_args, task_args in pairs:
        d_out, t_out = out_dir / f"duban-{name}.out", out_dir / f"task-{name}.out"
        d_first, d_med = median_time(duban_cmd(*duban_args), env, d_out, runs)
        _, t_med = median_time(data.task_cmd(*task_args), env, t_out, runs)
        label = f"duban {name} / task {' '.join(task_args)}"
        print(f"{label:<34}{d_med:>9.3f}{d_first:>9.3f}{t_med:>9.3f}{d_med / t_med:>8.2f}   "
              f"{line_count(d_out):,} / {line_count(t_out):,}")
    for args in (["--version"], ["--help"]):
        _, med = median_time(duban_cmd(*args), env, out_dir / "duban-start.out", runs)
        verdict = "ok" if med < 0.15 else "TOO SLOW"
        print(f"{'duban ' + args[0]:<34}{med:>9.3f}{'':>9}{'':>9}{'':>8}   (< 0.150: {verdict})")


def series(data: DataSets, sizes: list[int], runs: int, out_dir: Path) -> None:
    print(f"\nduban list as the ledger grows (median of {runs} runs after one warm-up)")
    print(f"{'tasks':>9}{'seconds':>10}{'ms / 1,000 tasks':>18}{'1st run':>10}")
    for size in sizes:
        data.grow(size)
        first, med = median_time(duban_cmd("list"), data.env(), out_dir / "series.out", runs)
        print(f"{size:>9,}{med:>10.3f}{med / size * 1_000_000:>18.1f}{first:>10.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=10_000, help="tasks for the comparison (default 10,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--series", default="1000,3000,10000,30000,100000",
                        help="comma-separated sizes for duban list's growth series; empty to skip")
    parser.add_argument("--keep", metavar="DIR", help="build the data sets in DIR and keep them")
    args = parser.parse_args()
    if not shutil.which("task"):
        raise SystemExit("Taskwarrior is not installed: apt-get install -y taskwarrior")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="duban-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    today = date.today()
    try:
        versions = [subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
                    for cmd in (duban_cmd("--version"), ["task", "--version"])]
        print(f"{versions[0]}; task {versions[1]}; today {today}; data in {root}")
        data = DataSets(root, today)
        started = time.perf_counter()
        data.grow(args.tasks)
        print(f"generated {args.tasks:,} tasks for both in {time.perf_counter() - started:.1f} s")
        compare(data, args.runs, root)
        sizes = sorted(int(s) for s in args.series.split(",") if s.strip())
        if sizes:
            (root / "series").mkdir()
            series(DataSets(root / "series", today, seed=7, taskwarrior=False), sizes, max(1, args.runs - 2), root)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
