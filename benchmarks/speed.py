"""duban's speed, measured against Taskwarrior on the same tasks in the same run: one table of ratios.

Run by hand (needs Debian's `taskwarrior` and `git`, duban installed in the current environment, and for the
`check` rows the State Council and local reports in ../shared/reports):

    .venv/bin/python benchmarks/speed.py                         # 1,000 / 10,000 / 100,000 tasks, 5 runs each
    .venv/bin/python benchmarks/speed.py --sizes 1000,10000 --runs 3
    .venv/bin/python benchmarks/speed.py --duban /other/checkout/.venv/bin/duban    # another build, same data

Every figure is the median wall time of whole processes (stdout to a file, as a user piping it would), the
duban and Taskwarrior runs taking turns so that a busy machine slows both alike, after one warm-up run each; the
"cpu" column is the ratio of their median CPU time (user + system, duban's worker processes included), which a
machine shared with other work disturbs less than the wall time (where there is no other command: duban's CPU
seconds). The
two data sets hold the same tasks: Chinese titles and owners, due dates around today, statuses todo /
in_progress / blocked / done / dropped, progress notes. duban's `list` is asked for the open tasks (todo,
in_progress, blocked), which are what `task list` shows (Taskwarrior's pending tasks); the row counts are
printed beside each pair so that like is seen to be compared with like.

"after clone" is the first `duban list` in a fresh `git clone` of the workspace (no index, every file new),
each run in a clone of its own; "2nd run" is the run right after it, which must find the index warm.
`weekly` is set against duban's own `list` of all tasks. The `check` rows time a whole `duban check --json`:
plan items are paragraphs of the plan parts of real reports, the summary is the review parts of real reports
run together; the characters column says how much text duban really read (the cleaned text of the summary).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from duban.ledger.model import Plan, ProgressEntry, Task
from duban.ledger.store import init_workspace, render_task, Workspace

ROOT = Path(__file__).resolve().parent.parent
REPORTS = Path(os.environ.get("DUBAN_SHARED") or ROOT.parent / "shared") / "reports"  # read there, never copied
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
OPEN = ("todo", "in_progress", "blocked")
TW_STATUS = {"todo": "pending", "in_progress": "pending", "blocked": "pending", "done": "completed",
             "dropped": "deleted"}


# --- the ledger: the same tasks for duban and Taskwarrior -----------------------------------------------------


def _letters(number: int) -> str:
    """0 → a, 25 → z, 26 → ba …: a plan-id suffix for any number of units (plan ids are ASCII letters/digits)."""
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text = chr(ord("a") + digit) + text
        if not number:
            return text


def plan_for(index: int, today: date) -> Plan:
    """Plan k covers half-year k counting back from today's half-year, so due dates land around today."""
    k = index // TASKS_PER_PLAN
    half = (today.year * 2 + (today.month > 6)) - 2 + k % 5  # five half-years: two back, today's, two ahead
    year, second = divmod(half, 2)
    suffix = f"-{_letters(k // 5)}" if k >= 5 else ""  # several units' plans for the same period
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
    day = min(today, plan.start + timedelta(days=20))
    for _ in range(rng.randrange(4)):  # progress dated up to today, some of it this week
        day = min(today, day + timedelta(days=rng.randrange(1, 40)))
        task.progress.append(ProgressEntry(date=day, status=status, note=rng.choice(NOTES), by=rng.choice(PEOPLE)))
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


class Ledger:
    """N tasks as a duban workspace in a git repository and as a Taskwarrior database."""

    def __init__(self, root: Path, size: int, today: date, seed: int = 6):
        self.root, self.size, self.today = root, size, today
        self.plans = root / "plans"
        self.tw_dir = root / "taskwarrior"
        self.taskrc = self.tw_dir / "taskrc"
        rng = random.Random(seed)
        init_workspace(self.plans, "测试区卫生健康局")
        workspace = Workspace(self.plans)
        self.tw_dir.mkdir()
        self.taskrc.write_text(
            f"data.location={self.tw_dir / 'data'}\nconfirmation=off\nverbose=nothing\ncolor=off\n"
            "detection=off\ndefaultwidth=200\nhooks=off\nuda.owner.type=string\nuda.owner.label=Owner\n",
            encoding="utf-8")
        records, plans, self.open, self.sample_id = [], set(), 0, ""
        for index in range(size):
            plan = plan_for(index, today)
            if plan.id not in plans:
                workspace.save_plan(plan)
                plans.add(plan.id)
            task = make_task(index, today, rng)
            # the store's own rendering, written without an fsync per file: same bytes, a faster set-up
            (self.plans / plan.id / f"{index % TASKS_PER_PLAN + 1:02d}.toml").write_text(render_task(task),
                                                                                         encoding="utf-8")
            records.append(taskwarrior_record(task, today))
            self.open += task.status in OPEN
            if index >= size // 2 and not self.sample_id and task.status in OPEN:
                self.sample_id = task.id  # an open task half-way: what `show` and `update` are timed on
        batch = self.tw_dir / "import.json"
        batch.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        run(self.task_cmd("import", str(batch)), self.env(), Path(os.devnull), check=True)
        batch.unlink()
        git = ["git", "-C", str(self.plans), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "ledger"]):
            subprocess.run(git + args, check=True, stdout=subprocess.DEVNULL)
        time.sleep(2.1)  # a ledger is listed by people, not within two seconds of being written

    def env(self, plans: Path | None = None) -> dict[str, str]:
        env = dict(os.environ, TASKRC=str(self.taskrc), TASKDATA=str(self.tw_dir / "data"),
                   DUBAN_PLANS=str(plans or self.plans), DUBAN_TODAY=self.today.isoformat(), COLUMNS="200",
                   DUBAN_USER="bench")
        env.pop("NO_COLOR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # timed as installed: compiled once, not on every run
        return env

    @staticmethod
    def task_cmd(*args: str) -> list[str]:
        return ["task", "rc.confirmation=off", "rc.verbose=nothing", "rc.color=off", "rc.detection=off",
                "rc.defaultwidth=200", *args]


# --- timing ---------------------------------------------------------------------------------------------------


class Timing(NamedTuple):
    wall: float  # seconds from start to exit
    cpu: float   # user + system seconds of the process and the workers it waited for

    @staticmethod
    def median(timings: list[Timing]) -> Timing:
        return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def run(cmd: list[str], env: dict[str, str], out: Path, check: bool = True) -> Timing:
    with open(out, "wb") as stdout:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-500:]}")
    return Timing(elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def line_count(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


class Row:
    """One line of the table: duban's median against the other command's; the goal is on the wall-time ratio
    (or on duban's own seconds where there is no other command)."""

    def __init__(self, label: str, duban: Timing, other: Timing | None, goal: float | None, note: str = ""):
        self.label, self.duban, self.other, self.goal, self.note = label, duban, other, goal, note

    @property
    def ratio(self) -> float | None:
        return self.duban.wall / self.other.wall if self.other else None

    def met(self) -> str:
        if self.goal is None:
            return ""
        value = self.ratio if self.other is not None else self.duban.wall
        return "met" if value <= self.goal else "NOT MET"

    def text(self) -> str:
        other = f"{self.other.wall:9.3f}" if self.other is not None else f"{'':9}"
        ratio = f"{self.ratio:7.2f}×" if self.ratio is not None else f"{'':8}"
        cpu = (f"{self.duban.cpu / self.other.cpu:7.2f}×" if self.other is not None and self.other.cpu
               else f"{self.duban.cpu:7.3f}s")
        unit = "×" if self.other is not None else " s"
        goal = f"≤ {self.goal:g}{unit}" if self.goal is not None else ""
        return f"{self.label:<40}{self.duban.wall:9.3f}{other}{ratio}{cpu}  {goal:<9}{self.met():<8} {self.note}"


HEADER = (f"{'':<40}{'duban':>9}{'other':>9}{'ratio':>8}{'cpu':>8}  {'goal':<9}{'':<8} rows or characters\n"
          f"{'':<40}{'(wall s)':>9}{'(wall s)':>9}{'(wall)':>8}{'ratio':>8}")


def paired(duban_cmd: list[str], other_cmd: list[str], env: dict, out: Path, runs: int) -> tuple[Timing, Timing]:
    """Medians of the two commands run in turn, after one warm-up each."""
    d_times, o_times = [], []
    for attempt in range(runs + 1):
        d = run(duban_cmd, env, out / "duban.out")
        o = run(other_cmd, env, out / "other.out")
        if attempt:
            d_times.append(d)
            o_times.append(o)
    return Timing.median(d_times), Timing.median(o_times)


def ledger_rows(ledger: Ledger, duban: str, runs: int, out: Path) -> list[Row]:
    env = ledger.env()
    task = ledger.task_cmd
    rows = []
    tw_id = _taskwarrior_id(ledger)

    def pair(label, duban_args, other_cmd, goal=None, count=True):
        d, o = paired([duban, *duban_args], other_cmd, env, out, runs)
        note = f"{line_count(out / 'duban.out'):,} / {line_count(out / 'other.out'):,}" if count else ""
        rows.append(Row(label, d, o, goal, note))

    open_args = ["list", "--status", "todo", "--status", "in_progress", "--status", "blocked"]
    pair("list (open) / task list", open_args, task("list"), 2.0 if ledger.size <= 1000 else None)
    pair("list --json / task export", ["list", "--json"], task("export"))
    pair("overdue / task overdue", ["overdue"], task("overdue"))
    first, second = after_clone(ledger, duban, open_args, runs, out)
    _, tw_list = paired([duban, *open_args], task("list"), env, out, max(1, runs // 2))
    rows.append(Row("list after git clone / task list", first, tw_list, 1.5 if ledger.size == 10_000 else None,
                    "(each run in a fresh clone)"))
    rows.append(Row("  its 2nd run / task list", second, tw_list, None, "(must be warm)"))
    pair(f"show {ledger.sample_id} / task {tw_id} info", ["show", ledger.sample_id], task(tw_id, "info"),
         1.0 if ledger.size == 10_000 else None, count=False)
    pair(f"update --note / task {tw_id} annotate", ["update", ledger.sample_id, "--note", "召开推进会"],
         task(tw_id, "annotate", "召开推进会"), 1.0 if ledger.size == 10_000 else None, count=False)
    weekly, listing = paired([duban, "weekly"], [duban, "list"], env, out, runs)
    rows.append(Row("weekly / duban list (all tasks)", weekly, listing, 2.0 if ledger.size == 10_000 else None,
                    f"{line_count(out / 'duban.out'):,} / {line_count(out / 'other.out'):,}"))
    return rows


def _taskwarrior_id(ledger: Ledger) -> str:
    """Taskwarrior's working-set number of the task duban's `show` and `update` are timed on (the two share its
    uuid by construction): what a Taskwarrior user types."""
    found = subprocess.run(ledger.task_cmd(str(uuid.uuid5(uuid.NAMESPACE_URL, ledger.sample_id)), "_ids"),
                           env=ledger.env(), capture_output=True, text=True, check=True).stdout.split()
    if len(found) != 1:
        raise SystemExit(f"Taskwarrior does not know {ledger.sample_id}'s task: {found}")
    return found[0]


def after_clone(ledger: Ledger, duban: str, args: list[str], runs: int, out: Path) -> tuple[Timing, Timing]:
    """Medians of the first `duban list` in a fresh clone, and of the run right after it."""
    firsts, seconds = [], []
    for attempt in range(runs):
        clone = ledger.root / f"clone-{attempt}"
        subprocess.run(["git", "clone", "-q", str(ledger.plans), str(clone)], check=True)
        env = ledger.env(clone)
        firsts.append(run([duban, *args], env, out / "duban.out"))
        seconds.append(run([duban, *args], env, out / "duban.out"))
        shutil.rmtree(clone)
    return Timing.median(firsts), Timing.median(seconds)


# --- check: real plan paragraphs against real review text -----------------------------------------------------


def _report_files() -> list[Path]:
    state = sorted((REPORTS / "state-council").glob("gwr-*.txt"), reverse=True)
    local = sorted((REPORTS / "local").rglob("*.txt"))
    return state + local


def _parts(path: Path, kind: str) -> list[str]:
    from duban.report.formats import read_report
    from duban.report.sections import find_sections

    text = read_report(path).text
    lines = text.splitlines()
    return ["\n".join(lines[s.start_line - 1: s.end_line]) for s in find_sections(text) if s.kind == kind]


def build_check(root: Path, items: int, chars: int) -> tuple[Path, Path, int]:
    """A workspace with one plan of `items` tasks and a summary of `chars` characters of review text; returns
    them and the characters duban reads from the summary."""
    from duban.report.formats import read_report

    plans = root / "plans"
    init_workspace(plans, "国务院")
    workspace = Workspace(plans)
    workspace.save_plan(Plan("2018", "国务院", "2018", date(2018, 1, 1), date(2018, 12, 31), "plans.txt"))
    made = 0
    reviews: list[str] = []
    for path in _report_files():
        for part in _parts(path, "plan") if made < items else ():
            for paragraph in part.splitlines():
                if len(paragraph) > 40 and made < items:
                    made += 1
                    title, _, detail = paragraph.partition("。")
                    (plans / "2018" / f"{made:02d}.toml").write_text(
                        render_task(Task(f"2018-{made:02d}", title[:60], detail=detail)), encoding="utf-8")
        if sum(map(len, reviews)) < chars:
            reviews += _parts(path, "review")
        if made >= items and sum(map(len, reviews)) >= chars:
            break
    if made < items:
        raise SystemExit(f"only {made} plan paragraphs found")
    text = "\n".join(reviews)[:chars]
    text = text[: text.rfind("。") + 1]
    summary = root / "summary.txt"
    summary.write_text(text, encoding="utf-8")
    return plans, summary, len(read_report(summary).text)


def check_rows(duban: str, runs: int, folder: Path, out: Path) -> list[Row]:
    rows = []
    for items, chars, goal in ((50, 25_000, 0.3), (1000, 400_000, 2.0)):
        root = folder / f"check-{items}"
        root.mkdir()
        plans, summary, read = build_check(root, items, chars)
        env = dict(os.environ, DUBAN_CACHE=str(folder / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [duban, "--plans", str(plans), "check", str(summary), "--plan", "2018", "--json"]
        times = [run(command, env, out / "check.out") for _ in range(runs + 1)][1:]  # the first builds the cache
        rows.append(Row(f"check {items:,} items × {chars // 1000}k characters", Timing.median(times), None,
                        goal, f"{read:,} characters read"))
    return rows


# --- the table -------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="ledger sizes (default 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument("--duban", help="the duban executable to time (default: the one beside this Python)")
    parser.add_argument("--check-runs", type=int, help="timed runs of each check (default: --runs)")
    parser.add_argument("--no-check", action="store_true", help="skip the check rows")
    parser.add_argument("--keep", metavar="DIR", help="build the data in DIR and keep it")
    args = parser.parse_args()
    for tool in ("task", "git"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed: apt-get install -y {'taskwarrior' if tool == 'task' else tool}")
    duban = args.duban or str(Path(sys.executable).with_name("duban"))
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="duban-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    today = date.today()
    try:
        version = subprocess.run([duban, "--version"], capture_output=True, text=True).stdout.strip()
        task_version = subprocess.run(["task", "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{version} ({duban}); Taskwarrior {task_version}; {machine()}; today {today}")
        print(f"median of {args.runs} runs after one warm-up, seconds; duban and the other command run in turn\n")
        print(HEADER, flush=True)
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            started = time.perf_counter()
            ledger = Ledger(folder / f"ledger-{size}", size, today)
            print(f"{size:,} tasks ({ledger.open:,} open; built in {time.perf_counter() - started:.0f} s)",
                  flush=True)
            for row in ledger_rows(ledger, duban, args.runs, folder):
                print(row.text(), flush=True)
            if not args.keep:
                shutil.rmtree(ledger.root)
        if not args.no_check:
            print("check (no Taskwarrior counterpart: goals in seconds)", flush=True)
            for row in check_rows(duban, args.check_runs or args.runs, folder, folder):
                print(row.text(), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
