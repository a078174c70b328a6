"""The weekly status report (督办周报): what the Monday meeting needs, computed from the workspace.

This module only computes; `weekly_render` turns a `WeeklyReport` into text, Markdown, HTML or PDF.
Counts, overdue days and the two-week horizon are taken as of `today`; "this week" is the chosen ISO week.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from duban.text.dates import iso_week_of, parse_iso_week
from duban.errors import BrokenFile, UsageError
from duban.ledger.model import VERDICTS, Task, parse_status, parse_verdict
from duban.ledger.queries import is_due_soon
from duban.ledger.store import Workspace
from duban.ledger.taskid import sort_key as _id_key

NO_OWNER = ""  # tasks without a lead unit are grouped under the empty owner; renderers label it


@dataclass(frozen=True)
class Counts:
    total: int
    open: int
    todo: int
    in_progress: int
    blocked: int
    done: int
    dropped: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class Movement:
    """One progress entry dated in the week; `previous` is the status the task had before it."""

    task_id: str
    title: str
    owner: str
    date: date
    status: str
    previous: str
    note: str
    by: str

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous


@dataclass(frozen=True)
class LateTask:
    task_id: str
    title: str
    owner: str
    due: date
    days_late: int
    status: str
    last_note: str
    last_note_date: date | None


@dataclass(frozen=True)
class DueTask:
    task_id: str
    title: str
    owner: str
    due: date
    days_left: int
    status: str


@dataclass(frozen=True)
class OwnerStats:
    owner: str
    total: int      # tasks led by this owner that count (dropped ones do not)
    open: int
    done: int
    overdue: int

    @property
    def completion(self) -> float | None:
        """Share of counted tasks that are done; None when the owner has none."""
        return self.done / self.total if self.total else None


@dataclass(frozen=True)
class CheckedTask:
    task_id: str
    title: str
    owner: str
    verdict: str
    score: float | None
    evidence: str


@dataclass(frozen=True)
class PlanCheck:
    """The latest check of one plan against one later summary."""

    plan: str
    report: str
    verdicts: dict[str, int]  # verdict → number of tasks, in VERDICTS order
    tasks: list[CheckedTask]


@dataclass
class WeeklyReport:
    organisation: str
    week: str        # 2019-W36
    monday: date
    sunday: date
    today: date
    counts: Counts
    moved: list[Movement] = field(default_factory=list)
    overdue: list[LateTask] = field(default_factory=list)
    due_soon: list[DueTask] = field(default_factory=list)
    owners: list[OwnerStats] = field(default_factory=list)
    checks: list[PlanCheck] = field(default_factory=list)
    skipped: list[BrokenFile] = field(default_factory=list)

    soon_days: int = 14

    @property
    def horizon(self) -> date:
        return self.today + timedelta(days=self.soon_days)

    @property
    def status_changes(self) -> int:
        return sum(1 for m in self.moved if m.status_changed)


def weekly_report(workspace: Workspace, today: date, week: str | None = None) -> WeeklyReport:
    """The report for the ISO week `week` (default: the week of `today`), skipping broken task files."""
    week = (week or iso_week_of(today)).strip().upper()
    monday, sunday = parse_iso_week(week)
    week = iso_week_of(monday)  # normalise 2019W36 / 2019-w36 to 2019-W36
    loaded = workspace.load_tasks()
    tasks = loaded.tasks
    soon_days = workspace.settings.due_soon_days
    return WeeklyReport(
        organisation=_organisation(workspace),
        week=week, monday=monday, sunday=sunday, today=today,
        counts=count_tasks(tasks, today, soon_days),
        moved=movements(tasks, monday, sunday),
        overdue=late_tasks(tasks, today),
        due_soon=due_soon(tasks, today, soon_days),
        owners=owner_stats(tasks, today),
        checks=plan_checks(tasks),
        skipped=list(loaded.faults),
        soon_days=soon_days,
    )


def _organisation(workspace: Workspace) -> str:
    """duban.toml's organisation; else the organisations the plans name."""
    if workspace.organisation.strip():
        return workspace.organisation.strip()
    try:
        plans = workspace.plans()
    except BrokenFile:
        return ""
    return "、".join(dict.fromkeys(p.org for p in plans if p.org))


def count_tasks(tasks: list[Task], today: date, soon_days: int = 14) -> Counts:
    by_status: dict[str, int] = defaultdict(int)
    for task in tasks:
        by_status[task.status] += 1
    return Counts(
        total=len(tasks),
        open=sum(1 for t in tasks if t.is_open),
        todo=by_status["todo"], in_progress=by_status["in_progress"], blocked=by_status["blocked"],
        done=by_status["done"], dropped=by_status["dropped"],
        overdue=sum(1 for t in tasks if t.days_overdue(today) > 0),
        due_soon=sum(1 for t in tasks if is_due_soon(t, today, soon_days)),
    )


def _entry_status(raw: str, fallback: str) -> str:
    try:
        return parse_status(raw)
    except UsageError:
        return fallback


def movements(tasks: list[Task], monday: date, sunday: date) -> list[Movement]:
    """Progress entries dated Monday–Sunday, by owner, then date, then task.

    A task starts as todo; each entry's status is compared with the one before it, so an entry that moves a task
    from 推进中 to 已完成 counts as a status change and a plain note does not.
    """
    moved = []
    for task in tasks:
        previous = "todo"
        for entry in task.progress:
            status = _entry_status(entry.status, previous)
            if monday <= entry.date <= sunday:
                moved.append(Movement(task.id, task.title, task.owner, entry.date, status, previous,
                                      entry.note, entry.by))
            previous = status
    moved.sort(key=lambda m: (m.owner == NO_OWNER, m.owner, m.date, _id_key(m.task_id)))
    return moved


def _last_note(task: Task) -> tuple[str, date | None]:
    for entry in reversed(task.progress):
        if entry.note:
            return entry.note, entry.date
    return "", None


def late_tasks(tasks: list[Task], today: date) -> list[LateTask]:
    """Open tasks past their due date, worst first."""
    late = []
    for task in tasks:
        days = task.days_overdue(today)
        if days > 0:
            note, noted = _last_note(task)
            late.append(LateTask(task.id, task.title, task.owner, task.due, days, task.status, note, noted))
    late.sort(key=lambda t: (-t.days_late, _id_key(t.task_id)))
    return late


def due_soon(tasks: list[Task], today: date, soon_days: int = 14) -> list[DueTask]:
    """Open tasks due from today to 14 days ahead, soonest first."""
    soon = [DueTask(t.id, t.title, t.owner, t.due, (t.due - today).days, t.status)
            for t in tasks if is_due_soon(t, today, soon_days)]
    soon.sort(key=lambda t: (t.due, _id_key(t.task_id)))
    return soon


def owner_stats(tasks: list[Task], today: date) -> list[OwnerStats]:
    """Per lead unit; dropped tasks do not count. Most overdue first, then most open, then by name."""
    groups: dict[str, list[Task]] = defaultdict(list)
    for task in tasks:
        if task.status != "dropped":
            groups[task.owner.strip()].append(task)
    stats = [OwnerStats(owner, len(group), sum(1 for t in group if t.is_open),
                        sum(1 for t in group if t.status == "done"),
                        sum(1 for t in group if t.days_overdue(today) > 0))
             for owner, group in groups.items()]
    stats.sort(key=lambda s: (-s.overdue, -s.open, s.owner == NO_OWNER, s.owner))
    return stats


def plan_checks(tasks: list[Task]) -> list[PlanCheck]:
    """The `[check]` tables of checked tasks, grouped by plan and the summary they were checked against."""
    groups: dict[tuple[str, str], list[CheckedTask]] = defaultdict(list)
    for task in tasks:
        check = task.check
        if not check or "verdict" not in check:
            continue
        try:
            verdict = parse_verdict(str(check["verdict"]))
        except UsageError:
            continue
        score = check.get("score")
        evidence = check.get("evidence") or []
        groups[(task.plan, str(check.get("report", "")))].append(CheckedTask(
            task.id, task.title, task.owner, verdict,
            float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None,
            str(evidence[0]) if isinstance(evidence, list) and evidence else ""))
    checks = []
    for (plan, report), checked in sorted(groups.items()):
        checked.sort(key=lambda c: _id_key(c.task_id))
        tally = {v: sum(1 for c in checked if c.verdict == v) for v in VERDICTS}
        checks.append(PlanCheck(plan, report, {v: n for v, n in tally.items() if n}, checked))
    return checks
