"""Turning a report into a plan of the workspace: plan.toml, report.txt and one task file per plan item.

Plan ids: a plan's id is its period ("2019H2"). A workspace that follows several organisations gives each other
organisation an ASCII suffix in duban.toml, and that organisation's plan ids carry it ("2018-gwr"):

    organisation = "区卫生健康局"
    [orgs]
    "国务院" = "gwr"

Re-importing: the same report writes the same bytes (nothing changes). A corrected report updates what comes from
the report (title, category, detail, targets, source line) and keeps what people recorded (status, progress log,
check, keys duban does not know). Owner and deadline are updated too, unless someone changed them by hand: they are
kept when they differ from what the previous report gave. Task ids never change: an item is matched to its task by
title, else by number; items new in the corrected report get the next free numbers, and tasks whose item is gone
are left as they are (and reported).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from duban.text.dates import Period, parse_period
from duban.errors import BadInput, UsageError
from duban.plan.items import Item, extract_items, find_period
from duban.ledger.model import Plan, Task
from duban.report.formats import Report, read_report
from duban.report.sections import read_report_text
from duban.ledger.store import PLAN_FILE, REPORT_FILE, Workspace, atomic_write, updated_text
from duban.ledger.taskid import TaskId

_SUFFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.]*$")


@dataclass
class Prepared:
    """Everything an import would write, computed without writing anything."""

    report: Report
    plan: Plan
    tasks: list[Task]
    gone: list[str] = field(default_factory=list)  # ids of tasks whose item the report no longer has
    # A ledger sheet imported back (plan/table_import.py) changes its tasks and nothing else of the plan:
    update_only: bool = False
    changes: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)  # (task, [(field, old, new)])
    warnings: list[str] = field(default_factory=list)


def prepare_imports(workspace: Workspace, path, *, period: str | None = None, org: str | None = None,
                    owner: str | None = None, today=None, by: str = "") -> list[Prepared]:
    """What importing a file would write: a report or a task table gives one plan; a ledger sheet that `duban
    export` wrote gives the changes to the tasks of each plan it holds (`today` and `by` date and sign them)."""
    from duban.plan.table_import import is_table_file, prepare_table_imports  # tables need calamine or docx

    if is_table_file(Path(path)):
        return prepare_table_imports(workspace, Path(path), period=period, org=org, owner=owner, today=today, by=by)
    return [prepare_import(workspace, path, period=period, org=org, owner=owner)]


def plan_id_for(workspace: Workspace, org: str, period: Period) -> str:
    """The period, with the organisation's [orgs] suffix when it is not the workspace's own organisation."""
    if not org or org == workspace.organisation:
        return period.id
    suffix = workspace.settings.org_suffix(org)
    if suffix is None:
        raise UsageError("org_needs_suffix", org=org, own=workspace.organisation, settings=workspace.root / "duban.toml")
    return f"{period.id}-{suffix}"


def prepare_import(workspace: Workspace, path, *, period: str | None = None, org: str | None = None,
                   owner: str | None = None) -> Prepared:
    """Read a report and work out its plan and tasks, merged with what the workspace already holds."""
    report = read_report(path)
    organisation = org or workspace.organisation
    settings = _Settings(workspace, owner or organisation, own=organisation == workspace.organisation)
    reading = read_report_text(report.text, settings.synonyms)
    if not reading.plan_blocks():
        raise BadInput("no_plan_section", report=report.name)
    found = parse_period(period) if period else find_period(reading)
    if found is None:
        raise UsageError("period_unknown", report=report.name)
    plan_id = plan_id_for(workspace, organisation, found)
    items = extract_items(report.text, found, owner_rules=settings.owner_rules, synonyms=settings.synonyms,
                          default_owner=settings.default_owner, reading=reading)
    if not items:
        raise BadInput("no_plan_items", report=report.name)
    plan = new_plan(workspace, plan_id, organisation, found, report)
    tasks, gone = _merge(workspace, plan, items, report.name, found, settings)
    canonical_owners(workspace, tasks)
    return Prepared(report=report, plan=plan, tasks=tasks, gone=gone, warnings=list(report.warnings))


def new_plan(workspace: Workspace, plan_id: str, organisation: str, period: Period, report: Report) -> Plan:
    """The plan a report becomes, keeping the keys of the plan already there (which must be the same org's)."""
    plan = Plan(id=plan_id, org=organisation, period=period.id, start=period.start, end=period.end,
                report=report.name, sha256=report.sha256)
    existing_plan = _existing_plan(workspace, plan_id)
    if existing_plan is not None:
        if existing_plan.org and existing_plan.org != organisation:
            raise UsageError("plan_other_org", plan=plan_id, org=existing_plan.org, given=organisation)
        plan.extra = dict(existing_plan.extra)
    return plan


def canonical_owners(workspace: Workspace, tasks: list[Task]) -> None:
    """Owners as [units] names them: an alias (疾控) becomes its unit (疾控中心)."""
    units = workspace.units(ledger_owners=())
    for task in tasks:
        task.owner, task.co_owners = units.canonical(task.owner), [units.canonical(o) for o in task.co_owners]


class _Settings:
    def __init__(self, workspace: Workspace, default_owner: str, own: bool = True):
        settings = workspace.settings
        # The [owners] rules name the workspace's own units: another organisation's plan keeps its own name.
        self.owner_rules = settings.owner_rules if own else {}
        self.synonyms = settings.synonyms
        self.default_owner = default_owner


def _existing_plan(workspace: Workspace, plan_id: str) -> Plan | None:
    if not (workspace.plan_dir(plan_id) / PLAN_FILE).is_file():
        return None
    return workspace.read_plan(plan_id)


def _task_from(item: Item, task_id: str, report_name: str) -> Task:
    return Task(id=task_id, title=item.title, category=item.category, detail=item.detail, owner=item.owner,
                co_owners=list(item.co_owners), due=item.due, due_basis=item.due_basis, targets=list(item.targets),
                source={"report": report_name, "line": item.line})


def _merge(workspace: Workspace, plan: Plan, items: list[Item], report_name: str, period: Period,
           settings: _Settings, previous=None) -> tuple[list[Task], list[str]]:
    """New tasks for the items, carrying over what people recorded on the tasks already there.

    `previous(workspace, plan_id, period, settings)` gives the items of the stored report.txt by line (default: a
    report's); a task table reads its stored text its own way."""
    loaded = workspace.load_tasks([plan.id])
    if loaded.faults:
        raise loaded.faults[0]  # never overwrite a file someone has to fix first
    old_tasks = {task.id: task for task in loaded.tasks}
    if not old_tasks:
        return [_task_from(item, str(TaskId(plan.id, n)), report_name) for n, item in enumerate(items, 1)], []
    previous = (previous or _previous_items)(workspace, plan.id, period, settings)
    by_title = {task.title: task for task in old_tasks.values()}
    matched: dict[int, Task] = {}
    used: set[str] = set()
    for index, item in enumerate(items):
        task = by_title.get(item.title)
        if task is not None and task.id not in used:
            matched[index] = task
            used.add(task.id)
    for index, item in enumerate(items):
        if index in matched:
            continue
        task = old_tasks.get(str(TaskId(plan.id, index + 1)))
        if task is not None and task.id not in used:
            matched[index] = task
            used.add(task.id)
    next_number = max(TaskId.parse(task_id).number for task_id in old_tasks) + 1
    tasks = []
    for index, item in enumerate(items):
        old = matched.get(index)
        if old is None:
            tasks.append(_task_from(item, str(TaskId(plan.id, next_number)), report_name))
            next_number += 1
            continue
        task = _task_from(item, old.id, report_name)
        task.status, task.progress, task.check, task.extra = old.status, old.progress, old.check, old.extra
        before = previous.get(old.source.get("line")) if isinstance(old.source, dict) else None
        if before is not None:
            if (old.owner, old.co_owners) != (before.owner, before.co_owners):
                task.owner, task.co_owners = old.owner, old.co_owners  # changed by hand: keep
            if (old.due, old.due_basis) != (before.due, before.due_basis):
                task.due, task.due_basis = old.due, old.due_basis
        tasks.append(task)
    gone = sorted(task_id for task_id in old_tasks if task_id not in used)
    return tasks, gone


def _previous_items(workspace: Workspace, plan_id: str, period: Period, settings: _Settings) -> dict[int, Item]:
    """What the stored report.txt gave, by line: tells inferred owners and deadlines from ones set by hand."""
    text = workspace.stored_report(plan_id)
    if not text:
        return {}
    items = extract_items(text, period, owner_rules=settings.owner_rules, synonyms=settings.synonyms,
                          default_owner=settings.default_owner)
    return {item.line: item for item in items}


def write_import(workspace: Workspace, prepared: Prepared) -> list[Path]:
    """Write the plan, its report text and its tasks; returns the files that changed (none on a re-import)."""
    folder = workspace.plan_dir(prepared.plan.id)
    changed = []
    if not prepared.update_only:  # a ledger sheet read back changes tasks only
        # the plan's file is updated in place: a person's comments in it stay
        if atomic_write(folder / PLAN_FILE, updated_text(folder / PLAN_FILE, prepared.plan.to_dict())):
            changed.append(folder / PLAN_FILE)
        if atomic_write(folder / REPORT_FILE, prepared.report.text):
            changed.append(folder / REPORT_FILE)
    for task in prepared.tasks:
        if workspace.save_task(task):  # a re-import keeps the comments people wrote in the task files
            changed.append(workspace.task_path(task.id))
    return changed
