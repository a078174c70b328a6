"""Writing a check into the ledger, after showing exactly what it will change.

`preview_check` works out, without writing, which task files a check changes and which statuses it moves: a done
verdict marks an open task done only with `--mark-done`, an in-progress verdict moves a todo task on only with
`--mark-progress`, and neither ever touches a blocked or dropped task or one whose status a person set after the
summary's date, nor marks done a task whose figures the summary reports missed (those are listed as left alone,
with why). `write_check` then writes what the preview showed: the
summary's clean text kept in the plan's folder (`checks/<summary>.txt`, what every evidence line number refers
to), and each task's `[check]` table with a progress entry. A task someone changed in between keeps its status.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from duban.check.figures import TargetResult
from duban.check.verdicts import CheckResult, Evidence, ItemResult
from duban.ledger.entries import ProgressEntry
from duban.ledger.model import Task
from duban.ledger.store import atomic_write

CHECKS_DIR = "checks"


@dataclass(frozen=True)
class Summary:
    """The summary a check read: its file's name and sha256, and where its clean text is kept in the plan's folder."""

    name: str
    sha256: str
    text: str  # checks/<summary>.txt, relative to the plan's folder

    @classmethod
    def of(cls, report) -> Summary:
        return cls(report.name, report.sha256, str(PurePosixPath(CHECKS_DIR) / f"{Path(report.name).stem}.txt"))


@dataclass(frozen=True)
class StatusChange:
    task_id: str
    title: str
    old: str
    new: str
    verdict: str
    evidence: Evidence | None  # the first passage that shows it


@dataclass(frozen=True)
class LeftAlone:
    """A task whose status the check would have moved but leaves as it is, and why."""

    task_id: str
    title: str
    status: str
    verdict: str
    reason: str                # blocked | dropped | set_after | target_missed | not_due
    set_on: date | None = None  # set_after: when a person set the status, and who
    by: str = ""
    detail: str = ""           # target_missed: the figure that fell short; not_due: the task's deadline


@dataclass
class CheckPreview:
    """What applying a check writes: the task files it changes, the statuses it moves, the tasks it leaves alone."""

    plan: str
    summary: Summary
    summary_date: date | None
    mark_done: bool
    mark_progress: bool
    writes: list[str] = field(default_factory=list)   # ids of the tasks whose file changes
    changes: list[StatusChange] = field(default_factory=list)
    left_alone: list[LeftAlone] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # after write_check: the tasks written
    moved: list[str] = field(default_factory=list)    # after write_check: the tasks whose status it changed
    text_path: Path | None = None                      # after write_check: the kept text


def target_record(result: TargetResult) -> dict[str, Any]:
    """One target's result as the [check] table keeps it: the target, the figure found, where, and the verdict."""
    record = {**result.target.to_dict(), "verdict": result.verdict}
    if result.actual is not None:
        record["actual"] = int(result.actual) if float(result.actual).is_integer() else result.actual
    if result.actual_text:
        record["actual_text"] = result.actual_text
    if result.line:
        record["line"] = result.line
    return record


def check_table(item: ItemResult, targets: list[TargetResult], summary: Summary, today: date) -> dict[str, Any]:
    """The task's [check] table: which summary (its kept text), when, the verdict and its passages, the targets."""
    table: dict[str, Any] = {"report": summary.name, "sha256": summary.sha256, "text": summary.text, "date": today,
                             "verdict": item.verdict, "score": item.score,
                             "evidence": [e.text for e in item.evidence]}
    if item.evidence:
        table["lines"] = [e.line for e in item.evidence]
    if item.risk is not None:
        table["risk"] = item.risk.text
        table["risk_line"] = item.risk.line
        if item.risk_from != "problems":
            table["risk_from"] = item.risk_from  # a figure of its own that fell short, not the problems part
    if targets:
        table["targets"] = [target_record(t) for t in targets]
    return table


def last_status_set(task: Task) -> ProgressEntry | None:
    """The latest progress entry that changed the task's status other than by a check (a person's)."""
    previous, found = "todo", None
    for entry in task.progress:
        if entry.status != previous and "check" not in entry.extra:
            found = entry
        previous = entry.status
    return found


def decide_status(task: Task, item: ItemResult, summary_date: date | None, mark_done: bool,
                  mark_progress: bool, targets: list[TargetResult] = ()) -> tuple[str, LeftAlone | None]:
    """The status the check gives the task, and why it leaves the task alone where it would have moved it: a task
    one of whose figures (the plan year's goals given to it among them) the summary reports missed is not marked
    done, whatever its words say."""
    marking_done = mark_done and item.verdict == "done" and task.status != "done"
    missed = next((t for t in targets if t.verdict == "not_met"), None)
    if marking_done and missed is not None:
        return task.status, LeftAlone(task.id, task.title, task.status, item.verdict, "target_missed",
                                      detail=missed.actual_text or missed.target.metric)
    if marking_done and task.due is not None and summary_date is not None \
            and task.due > summary_date + timedelta(days=366):
        # a five-year task a first year's review speaks of: under way, not done on one year's word
        return task.status, LeftAlone(task.id, task.title, task.status, item.verdict, "not_due",
                                      detail=task.due.isoformat())
    wanted = task.status
    if marking_done:
        wanted = "done"
    elif mark_progress and item.verdict in ("in_progress", "done") and task.status in ("todo", "blocked", "dropped"):
        wanted = "in_progress"
    if wanted == task.status:
        return task.status, None
    if task.status in ("blocked", "dropped"):
        return task.status, LeftAlone(task.id, task.title, task.status, item.verdict, task.status)
    set_by = last_status_set(task)
    if set_by is not None and summary_date is not None and set_by.date > summary_date:
        return task.status, LeftAlone(task.id, task.title, task.status, item.verdict, "set_after", set_by.date,
                                      set_by.by)
    return wanted, None


def apply_result(task: Task, table: dict[str, Any], status: str, note: str, by: str = "",
                 recorded_note: str | None = None) -> bool:
    """Write a check into a task: its [check] table, its status, and a progress entry that says so (marked as the
    check's, so that it never counts as a status a person set). When the task already holds this very check (`check
    --apply`, then `--mark-done`), the entry that moves its status says `recorded_note` instead of repeating the
    verdict and evidence the log has. Returns whether anything changed."""
    last = task.progress[-1] if task.progress else None
    same = {**task.check, "date": table["date"]} == table  # the same check, applied on whichever day
    if same and status == task.status and last is not None and last.note in (note, recorded_note):
        return False  # the same check applied twice leaves the file as it is
    if same and status != task.status and recorded_note is not None:
        note = recorded_note
    entry = ProgressEntry(date=table["date"], status=status, note=note, by=by, extra={"check": table["report"]})
    if status != task.status:
        entry.extra["changes"] = {"status": [task.status, status]}
    task.check = table
    task.status = status
    task.progress.append(entry)
    return True


def preview_check(result: CheckResult, tasks: list[Task], report, summary_date: date | None, today: date,
                  note_of: Callable[[ItemResult], str], mark_done: bool = False, mark_progress: bool = False,
                  by: str = "", recorded_note_of: Callable[[ItemResult], str] | None = None) -> CheckPreview:
    """What applying `result` (a check of `tasks`) would write, worked out on copies; nothing is written."""
    preview = CheckPreview(result.plan, Summary.of(report), summary_date, mark_done, mark_progress)
    by_id = {task.id: task for task in tasks}
    for item in result.items:
        task = by_id[item.task_id]
        targets = _targets_of(result, item)
        status, left = decide_status(task, item, summary_date, mark_done, mark_progress, targets)
        if left is not None:
            preview.left_alone.append(left)
        if status != task.status:
            first = item.evidence[0] if item.evidence else None
            preview.changes.append(StatusChange(task.id, task.title, task.status, status, item.verdict, first))
        table = check_table(item, targets, preview.summary, today)
        if apply_result(copy.deepcopy(task), table, status, note_of(item), by, _recorded(recorded_note_of, item)):
            preview.writes.append(task.id)
    return preview


def write_check(workspace, result: CheckResult, report, preview: CheckPreview, today: date,
                note_of: Callable[[ItemResult], str], by: str = "",
                recorded_note_of: Callable[[ItemResult], str] | None = None) -> list[Path]:
    """Write what `preview` showed: the kept summary text, then each task that changes (read again under its lock;
    a status someone changed since the preview is kept). Returns the files written."""
    changed: list[Path] = []
    folder = workspace.plan_dir(result.plan)
    preview.text_path = folder / preview.summary.text
    preview.text_path.parent.mkdir(exist_ok=True)
    if atomic_write(preview.text_path, report.text):
        changed.append(preview.text_path)
    moves = {c.task_id: c for c in preview.changes}
    for item in result.items:
        if item.task_id not in preview.writes:
            continue
        with workspace.locked(item.task_id):
            task = workspace.get_task(item.task_id)
            move = moves.get(task.id)
            status = move.new if move is not None and move.old == task.status else task.status
            table = check_table(item, _targets_of(result, item), preview.summary, today)
            old = task.status
            if apply_result(task, table, status, note_of(item), by, _recorded(recorded_note_of, item)):
                workspace.save_task(task)
                preview.written.append(task.id)
                if task.status != old:
                    preview.moved.append(task.id)
                changed.append(workspace.task_path(task.id))
    return changed


def _recorded(recorded_note_of: Callable[[ItemResult], str] | None, item: ItemResult) -> str | None:
    return recorded_note_of(item) if recorded_note_of is not None else None


def _targets_of(result: CheckResult, item: ItemResult) -> list[TargetResult]:
    return [t for t in result.targets if t.task_id == item.task_id]
