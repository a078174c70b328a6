"""The weekly status report (督办周报): what the Monday meeting needs, computed from the workspace.

This module only computes; `weekly.render` turns a `WeeklyReport` into text, Markdown or HTML (and through it PDF),
`views.json` into JSON. Counts, overdue days and the two-week horizon are taken as of `today`; "this week" is the
chosen ISO week. A report covers the whole workspace or a scope (one owner, one plan, one organisation); with
`by_owner`, each lead unit gets a sheet of its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Sequence

from duban.errors import BrokenFile, UsageError
from duban.ledger.values import TARGET_VERDICTS, VERDICTS, parse_status, parse_verdict
from duban.ledger.queries import is_due_soon, owner_matches
from duban.ledger.store import Workspace
from duban.ledger.taskid import sort_key as _id_key
from duban.settings import WeeklyForm
from duban.text.dates import days_after, iso_week_of, parse_iso_week

if TYPE_CHECKING:
    from duban.ledger.model import Target, Task

NO_OWNER = ""  # tasks without a lead unit are grouped under the empty owner; renderers label it


class Counts(NamedTuple):
    total: int
    open: int
    todo: int
    in_progress: int
    blocked: int
    done: int
    dropped: int
    overdue: int
    due_soon: int


class Scope(NamedTuple):
    """What a report covers: tasks this unit leads or supports, of this plan, of this organisation's plans."""

    owner: str = ""
    plan: str = ""
    org: str = ""

    def __bool__(self) -> bool:
        return bool(self.owner or self.plan or self.org)


class Movement(NamedTuple):
    """One progress entry dated in the week; `previous` is the status the task had before it; `changes` what the
    entry recorded changing ({field: [old, new]}: a deadline, the owner …), as the task file keeps it."""

    task_id: str
    title: str
    owner: str
    date: date
    status: str
    previous: str
    note: str
    by: str
    changes: dict

    @property
    def status_changed(self) -> bool:
        return self.status != self.previous


class DueChange(NamedTuple):
    """A deadline moved by a progress entry dated in the week (延期): from `old` to `new`, with the entry's note."""

    task_id: str
    title: str
    owner: str
    date: date
    old: date | None
    new: date | None
    note: str
    by: str

    @property
    def days(self) -> int | None:
        """How many days later the deadline now is (negative: earlier); None when there was none before."""
        return (self.new - self.old).days if self.old and self.new else None

    @property
    def direction(self) -> str:
        """`later` (延期), `earlier` (提前), or `set` where there was no deadline before."""
        days = self.days
        return "set" if days is None else "later" if days > 0 else "earlier"


class LateTask(NamedTuple):
    task_id: str
    title: str
    owner: str
    due: date
    days_late: int
    status: str
    last_note: str
    last_note_date: date | None


class DueTask(NamedTuple):
    task_id: str
    title: str
    owner: str
    due: date
    days_left: int
    status: str


class OwnerStats(NamedTuple):
    owner: str
    total: int      # tasks led by this owner that count (dropped ones do not)
    open: int
    done: int
    overdue: int
    dropped: int = 0

    @property
    def completion(self) -> float | None:
        """Share of counted tasks that are done; None when the owner has none."""
        return self.done / self.total if self.total else None


class CheckedTarget(NamedTuple):
    """One numeric target of a checked task against the figure the summary gave (as its [check] table keeps it)."""

    task_id: str
    target: Target
    actual: float | int | None
    actual_text: str
    verdict: str  # met | not_met | unknown


class CheckedTask(NamedTuple):
    task_id: str
    title: str
    owner: str
    verdict: str
    score: float | None
    evidence: str
    targets: tuple[CheckedTarget, ...] = ()


class PlanCheck(NamedTuple):
    """The latest check of one plan against one later summary."""

    plan: str
    report: str
    verdicts: dict[str, int]  # verdict → number of tasks, in VERDICTS order
    tasks: list[CheckedTask]
    date: date | None = None  # when it was applied (older ledgers did not record it)

    @property
    def targets(self) -> list[CheckedTarget]:
        return [target for task in self.tasks for target in task.targets]


class WeeklyReport(NamedTuple):
    organisation: str
    week: str        # 2019-W36
    monday: date
    sunday: date
    today: date
    counts: Counts
    moved: Sequence[Movement] = ()  # tuples where nothing is given: a NamedTuple's defaults are shared
    due_changes: Sequence[DueChange] = ()
    overdue: Sequence[LateTask] = ()
    due_soon: Sequence[DueTask] = ()
    owners: Sequence[OwnerStats] = ()
    checks: Sequence[PlanCheck] = ()
    skipped: Sequence[BrokenFile] = ()

    soon_days: int = 14
    scope: Scope = Scope()
    issue: int | None = None  # 期号: 第N期
    form: WeeklyForm = WeeklyForm()

    @property
    def horizon(self) -> date:
        return days_after(self.today, self.soon_days)

    @property
    def issuer(self) -> str:
        """编发单位: duban.toml's [weekly] issuer, else the organisation."""
        return self.form.issuer or self.organisation

    @property
    def status_changes(self) -> int:
        return sum(1 for m in self.moved if m.status_changed)

    def due_moves(self, direction: str) -> int:
        """How many of the week's deadline changes went this way (later, earlier, set)."""
        return sum(1 for c in self.due_changes if c.direction == direction)


def weekly_report(workspace: Workspace, today: date, week: str | None = None, scope: Scope = Scope(),
                  issue: int | None = None) -> WeeklyReport:
    """The report for the ISO week `week` (default: the week of `today`) on the tasks in `scope`, skipping broken
    task files; `issue` overrides the 期号 counted from duban.toml's [weekly] first_week."""
    return weekly_sheets(workspace, today, week, scope, issue)[0]


def weekly_sheets(workspace: Workspace, today: date, week: str | None = None, scope: Scope = Scope(),
                  issue: int | None = None, by_owner: bool = False) -> list[WeeklyReport]:
    """One report on the scope; with `by_owner`, one per lead unit in it (each on what the unit leads or
    supports), the units with most late tasks first."""
    from duban.ledger.index import paused_gc

    with paused_gc():  # the report makes an object or more per task and progress entry, none of them in a cycle
        return _sheets(workspace, today, week, scope, issue, by_owner)


def _sheets(workspace: Workspace, today: date, week: str | None, scope: Scope, issue: int | None,
            by_owner: bool) -> list[WeeklyReport]:
    week = (week or iso_week_of(today)).strip().upper()
    monday, sunday = parse_iso_week(week)
    from duban.ledger.index import load_summaries

    loaded = load_summaries(workspace)  # through the index: its records keep each task's progress log and check
    tasks = scoped_tasks(workspace, loaded.tasks, scope)
    form = workspace.settings.weekly
    # what every sheet of this run shares
    common = dict(organisation=scope.org or _organisation(workspace), week=iso_week_of(monday), monday=monday,
                  sunday=sunday, today=today, skipped=list(loaded.faults), soon_days=workspace.settings.due_soon_days,
                  issue=issue if issue is not None else issue_number(monday, form.first_week), form=form)
    if not by_owner:
        return [_sheet(common, scope, tasks)]
    units = [stats.owner for stats in owner_stats(tasks, today) if stats.owner != NO_OWNER]
    if not units:
        raise UsageError("weekly_no_lead_unit")
    return [_sheet(common, scope._replace(owner=unit), [t for t in tasks if t.owner == unit or unit in t.co_owners])
            for unit in units]


def _sheet(common: dict, scope: Scope, tasks: list[Task]) -> WeeklyReport:
    today, soon_days, monday, sunday = common["today"], common["soon_days"], common["monday"], common["sunday"]
    return WeeklyReport(**common, scope=scope, counts=count_tasks(tasks, today, soon_days),
                        moved=movements(tasks, monday, sunday), due_changes=due_changes(tasks, monday, sunday),
                        overdue=late_tasks(tasks, today), due_soon=due_soon(tasks, today, soon_days),
                        owners=owner_stats(tasks, today), checks=plan_checks(tasks))


def scoped_tasks(workspace: Workspace, tasks: list[Task], scope: Scope) -> list[Task]:
    """The tasks in scope; an unknown plan, organisation or owner is a usage error that names the known ones."""
    if scope.plan:
        workspace.read_plan(scope.plan)
        tasks = [t for t in tasks if t.plan == scope.plan]
    if scope.org:
        plans = workspace.plans()
        ids = {p.id for p in plans if p.org == scope.org}
        if not ids:
            known = "、".join(dict.fromkeys(p.org for p in plans if p.org)) or "—"
            raise UsageError("weekly_unknown_org", org=scope.org, known=known)
        tasks = [t for t in tasks if t.plan in ids]
    if scope.owner:
        found = [t for t in tasks if owner_matches(t, scope.owner)]
        if not found:
            known = "、".join(sorted({t.owner for t in tasks if t.owner})) or "—"
            raise UsageError("weekly_unknown_owner", owner=scope.owner, known=known)
        tasks = found
    return tasks


def issue_number(monday: date, first_week: str = "") -> int | None:
    """期号: weeks counted from [weekly] first_week (issue 1) in its year, from week 1 in later years; the ISO week
    number when first_week is not set; None for a week before the first issue."""
    year, week, _ = monday.isocalendar()
    if not first_week:
        return week
    first_monday, _ = parse_iso_week(first_week)
    first_year, first, _ = first_monday.isocalendar()
    if (year, week) < (first_year, first):
        return None
    return week - first + 1 if year == first_year else week


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


def movements(tasks: list[Task], monday: date, sunday: date) -> list[Movement]:
    """Progress entries dated Monday–Sunday, by owner, then date, then task.

    A task starts as todo; each entry's status is compared with the one before it, so an entry that moves a task
    from 推进中 to 已完成 counts as a status change and a plain note does not.
    """
    moved = []
    statuses: dict[str, str] = {}  # each way of writing a status read once (10,000 tasks write it a few ways)
    for task in _touched_since(tasks, monday):
        previous = "todo"
        for entry in task.progress:
            status = statuses.get(entry.status)
            if status is None:
                try:
                    status = statuses[entry.status] = parse_status(entry.status)
                except UsageError:  # not a status: the task stays where it was
                    status = previous
            if monday <= entry.date <= sunday:
                changes = entry.extra.get("changes")
                moved.append(Movement(task.id, task.title, task.owner, entry.date, status, previous,
                                      entry.note, entry.by, dict(changes) if isinstance(changes, dict) else {}))
            previous = status
    moved.sort(key=lambda m: (m.owner == NO_OWNER, m.owner, m.date, _id_key(m.task_id)))
    return moved


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def due_changes(tasks: list[Task], monday: date, sunday: date) -> list[DueChange]:
    """Deadlines moved by entries dated Monday–Sunday (the `changes` an update records: due = [old, new]), by date,
    then task."""
    found = []
    for task in _touched_since(tasks, monday):
        for entry in task.progress:
            changes = entry.extra.get("changes")
            moved = changes.get("due") if isinstance(changes, dict) else None
            if monday <= entry.date <= sunday and isinstance(moved, list) and len(moved) == 2:
                old, new = (_as_date(v) for v in moved)
                if old != new:
                    found.append(DueChange(task.id, task.title, task.owner, entry.date, old, new, entry.note,
                                           entry.by))
    found.sort(key=lambda c: (c.date, _id_key(c.task_id)))
    return found


def _touched_since(tasks: list[Task], monday: date) -> list[Task]:
    """The tasks with a progress entry dated Monday or later: the others' logs (most of a ledger's in a week) are
    left packed in the index."""
    return [task for task in tasks if (latest := task.last_entry_date()) is not None and latest >= monday]


def late_tasks(tasks: list[Task], today: date) -> list[LateTask]:
    """Open tasks past their due date, worst first."""
    late = []
    for task in tasks:
        days = task.days_overdue(today)
        if days > 0:
            late.append(LateTask(task.id, task.title, task.owner, task.due, days, task.status, task.last_note(),
                                 task.last_note_date()))
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
    dropped: dict[str, int] = defaultdict(int)
    for task in tasks:
        if task.status == "dropped":
            dropped[task.owner.strip()] += 1
    stats = [OwnerStats(owner, len(groups[owner]), sum(1 for t in groups[owner] if t.is_open),
                        sum(1 for t in groups[owner] if t.status == "done"),
                        sum(1 for t in groups[owner] if t.days_overdue(today) > 0), dropped[owner])
             for owner in {*groups, *dropped}]
    stats.sort(key=lambda s: (-s.overdue, -s.open, s.owner == NO_OWNER, s.owner))
    return stats


def _checked_targets(task_id: str, check: dict) -> tuple[CheckedTarget, ...]:
    """The target results a [check] table keeps (`check --apply` writes them); a malformed record is left out."""
    from duban.ledger.model import Target  # here: only a checked plan's targets need the records

    records = check.get("targets")
    found = []
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or record.get("verdict") not in TARGET_VERDICTS:
            continue
        try:
            target = Target.from_dict(record)
        except KeyError:
            continue
        actual = record.get("actual")
        found.append(CheckedTarget(task_id, target, actual if isinstance(actual, (int, float)) else None,
                                   str(record.get("actual_text", "")), record["verdict"]))
    return tuple(found)


def plan_checks(tasks: list[Task]) -> list[PlanCheck]:
    """The `[check]` tables of checked tasks: for each plan, the latest summary it was checked against (by the date
    the check was applied; without dates, the summary that most of its tasks were checked against)."""
    groups: dict[tuple[str, str], list[CheckedTask]] = defaultdict(list)
    dates: dict[tuple[str, str], date | None] = {}
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
        key = (task.plan, str(check.get("report", "")))
        groups[key].append(CheckedTask(
            task.id, task.title, task.owner, verdict,
            float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None,
            str(evidence[0]) if isinstance(evidence, list) and evidence else "", _checked_targets(task.id, check)))
        applied = _as_date(check.get("date"))
        dates[key] = max(filter(None, (dates.get(key), applied)), default=None)
    latest: dict[str, tuple[str, str]] = {}
    for key in sorted(groups):
        plan = key[0]
        rank = (dates[key] or date.min, len(groups[key]))
        if plan not in latest or rank > (dates[latest[plan]] or date.min, len(groups[latest[plan]])):
            latest[plan] = key
    checks = []
    for plan, report in sorted(latest.values()):
        checked = sorted(groups[(plan, report)], key=lambda c: _id_key(c.task_id))
        tally = {v: sum(1 for c in checked if c.verdict == v) for v in VERDICTS}
        checks.append(PlanCheck(plan, report, {v: n for v, n in tally.items() if n}, checked, dates[(plan, report)]))
    return checks
