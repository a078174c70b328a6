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

from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from duban.text.dates import Period, parse_period
from duban.errors import BadInput, UsageError
from duban.plan.items import Item, extract_items, find_period
from duban.ledger.model import Plan, Task
from duban.report.formats import Report, read_report
from duban.report.sections import read_report_text
from duban.report.speaker import other_speaker, speaker
from duban.ledger.store import PLAN_FILE, REPORT_FILE, Workspace, atomic_write, updated_text
from duban.ledger.taskid import TaskId, task_file_number


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
    # How each task is written: its id and how it is made from its file as that file is then (None: no file yet).
    # `tasks` is what they make of the files as the preview read them; writing makes them again, under each task's
    # lock, so whatever was recorded while the preview waited (an update, a check) is kept.
    merges: list[tuple[str, Callable[[Task | None], Task]]] = field(default_factory=list)
    known_ids: frozenset[str] | None = None  # the plan's tasks when the preview was made (None: not checked)
    reimport: Reimport | None = None  # what importing into a plan already in the ledger changes (None: a new plan)


@dataclass
class Reimport:
    """What a report imported into a plan already in the ledger does to it, as the preview says it: the matched tasks
    it changes and those it leaves as they are, the tasks it adds, and whether plan.toml or report.txt change."""

    changed: list[str]
    same: list[str]
    new: list[str]
    plan_changed: bool
    renamed_from: str = ""  # the report's former file name, where that is all the changed tasks change

    @property
    def changes_nothing(self) -> bool:
        return not (self.changed or self.new or self.plan_changed)


def prepare_imports(workspace: Workspace, path, *, period: str | None = None, org: str | None = None,
                    owner: str | None = None, today=None, by: str = "", new_owner: bool = False) -> list[Prepared]:
    """What importing a file would write: a report or a task table gives one plan; a ledger sheet that `duban
    export` wrote gives the changes to the tasks of each plan it holds (`today` and `by` date and sign them; a
    unit it names must be a known one unless `new_owner`)."""
    from duban.plan.table_import import is_table_file, prepare_table_imports  # tables need calamine or docx

    if is_table_file(Path(path)):
        return prepare_table_imports(workspace, Path(path), period=period, org=org, owner=owner, today=today, by=by,
                                     new_owner=new_owner)
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
    return merged_plan(workspace, plan, items, report, found, settings)


def new_plan(workspace: Workspace, plan_id: str, organisation: str, period: Period, report: Report) -> Plan:
    """The plan a report becomes, keeping the keys of the plan already there (which must be the same org's)."""
    plan = Plan(id=plan_id, org=organisation, period=period.id, start=period.start, end=period.end,
                report=report.name, sha256=report.sha256)
    existing_plan = _existing_plan(workspace, plan_id)
    if existing_plan is not None:
        if existing_plan.org and existing_plan.org != organisation:
            raise UsageError("plan_other_org", plan=plan_id, org=existing_plan.org, given=organisation)
        _refuse_another_place(workspace, existing_plan, report)
        plan.extra = dict(existing_plan.extra)
    return plan


def _refuse_another_place(workspace: Workspace, existing: Plan, report: Report) -> None:
    """Another place's report (我代表罗湖区人民政府) never replaces the tasks of a plan made from this place's:
    it would keep their progress and checks under another government's titles."""
    own_text = workspace.stored_report(existing.id)
    other = other_speaker(report.text, own_text, existing.org)
    if other:
        raise UsageError("plan_other_place", plan=existing.id, report=report.name, speaker=other,
                         org=existing.org or speaker(own_text) or "?")




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


def merged_plan(workspace: Workspace, plan: Plan, items: list[Item], report: Report, period: Period,
                settings: _Settings, previous=None) -> Prepared:
    """What importing the items into the plan writes: new tasks for the items, carrying over what people recorded
    on the tasks already there.

    Task ids never change: an item is matched to its task by title, else by number; items new in the report get
    the next free numbers. `previous(workspace, plan_id, period, settings)` gives the items of the stored report.txt
    by line (default: a report's); a task table reads its stored text its own way."""
    loaded = workspace.load_tasks([plan.id])
    if loaded.faults:
        raise loaded.faults[0]  # never overwrite a file someone has to fix first
    old_tasks = {task.id: task for task in loaded.tasks}
    matched = _match(plan.id, items, old_tasks)
    before = (previous or _previous_items)(workspace, plan.id, period, settings) if old_tasks else {}
    units = workspace.units(ledger_owners=())
    merges = []
    for task_id, item in matched:
        fresh = _task_from(item, task_id, report.name)
        merges.append((task_id, lambda old, fresh=fresh: _carried(fresh, old, before, units)))
    tasks = [merge(old_tasks.get(task_id)) for task_id, merge in merges]
    gone = sorted(set(old_tasks) - {task_id for task_id, _ in matched})
    prepared = Prepared(report=report, plan=plan, tasks=tasks, gone=gone, merges=merges,
                        known_ids=frozenset(old_tasks), warnings=list(getattr(report, "warnings", ())))
    if (workspace.plan_dir(plan.id) / PLAN_FILE).is_file():
        prepared.reimport = _reimport(workspace, prepared, old_tasks)
    return prepared


def _reimport(workspace: Workspace, prepared: Prepared, old_tasks: dict[str, Task]) -> Reimport:
    """Which files the import would change, as the preview reads them (writing merges each task again)."""
    changing = {path for path, text in _texts(workspace, prepared, prepared.tasks).items() if not _holds(path, text)}
    matched = [task.id for task in prepared.tasks if task.id in old_tasks]
    changed = [task_id for task_id in matched if workspace.task_path(task_id) in changing]
    folder = workspace.plan_dir(prepared.plan.id)
    return Reimport(changed=changed, same=[task_id for task_id in matched if task_id not in changed],
                    new=[task.id for task in prepared.tasks if task.id not in old_tasks],
                    plan_changed=bool(changing & {folder / PLAN_FILE, folder / REPORT_FILE}),
                    renamed_from=_renamed_from(prepared, old_tasks, changed))


def _renamed_from(prepared: Prepared, old_tasks: dict[str, Task], changed: list[str]) -> str:
    """The report's former file name when the changed tasks differ from their files only in it (the same report
    imported again as its .docx or .pdf), else ""."""
    tasks = {task.id: task for task in prepared.tasks}
    names = set()
    for task_id in changed:
        old, new = old_tasks[task_id], tasks[task_id]
        if not isinstance(old.source, dict):
            return ""
        if replace(new, source={**new.source, "report": old.source.get("report")}) != old:
            return ""
        names.add(old.source.get("report", ""))
    return names.pop() if len(names) == 1 else ""


def _match(plan_id: str, items: list[Item], old_tasks: dict[str, Task]) -> list[tuple[str, Item]]:
    """Each item with the id of its task: the old task of the same title, else of the same number, else a new one."""
    by_title = {task.title: task.id for task in old_tasks.values()}
    ids: dict[int, str] = {}
    for index, item in enumerate(items):
        task_id = by_title.get(item.title)
        if task_id is not None and task_id not in ids.values():
            ids[index] = task_id
    for index in range(len(items)):
        task_id = str(TaskId(plan_id, index + 1))
        if index not in ids and task_id in old_tasks and task_id not in ids.values():
            ids[index] = task_id
    next_number = max((TaskId.parse(task_id).number for task_id in old_tasks), default=0) + 1
    for index in range(len(items)):
        if index not in ids:
            ids[index] = str(TaskId(plan_id, next_number))
            next_number += 1
    return [(ids[index], item) for index, item in enumerate(items)]


def _carried(fresh: Task, old: Task | None, before: dict[int, Item], units) -> Task:
    """The task as the report gives it, with what people recorded on `old`: status, log, check, keys duban does not
    know, and the owner and deadline when they were changed by hand (they differ from what the stored report gave).
    Owners as [units] names them: an alias (疾控) becomes its unit (疾控中心)."""
    task = replace(fresh, co_owners=list(fresh.co_owners), targets=list(fresh.targets), source=dict(fresh.source))
    if old is not None:
        task.status, task.progress, task.check, task.extra = old.status, old.progress, old.check, old.extra
        given = before.get(old.source.get("line")) if isinstance(old.source, dict) else None
        if given is not None:
            if (old.owner, old.co_owners) != (given.owner, given.co_owners):
                task.owner, task.co_owners = old.owner, old.co_owners  # changed by hand: keep
            if (old.due, old.due_basis) != (given.due, given.due_basis):
                task.due, task.due_basis = old.due, old.due_basis
    task.owner, task.co_owners = units.canonical(task.owner), [units.canonical(o) for o in task.co_owners]
    return task


def _previous_items(workspace: Workspace, plan_id: str, period: Period, settings: _Settings) -> dict[int, Item]:
    """What the stored report.txt gave, by line: tells inferred owners and deadlines from ones set by hand."""
    text = workspace.stored_report(plan_id)
    if not text:
        return {}
    items = extract_items(text, period, owner_rules=settings.owner_rules, synonyms=settings.synonyms,
                          default_owner=settings.default_owner)
    return {item.line: item for item in items}


def write_import(workspace: Workspace, prepared: Prepared, check: Callable[[list[Path]], None] | None = None,
                 then: Callable[[list[Path]], None] | None = None) -> list[Path]:
    """Write the plan, its report text and its tasks; returns the files that changed (none on a re-import).

    Each task is merged again with its file as it is now, under the task's lock: an update made while the preview
    waited is kept. The plan's tasks must still be the ones the preview saw (no task added or removed meanwhile),
    else nothing is written. `check(files)` sees the files about to change before any is written (it raises to
    stop); `then(changed)` runs while the locks are still held (the commit: so that it holds this import's changes
    and no one else's)."""
    with ExitStack() as held:
        held.enter_context(workspace.locked_numbering())  # no task is added to the plan meanwhile
        if prepared.known_ids is not None and _task_ids(workspace, prepared.plan.id) != prepared.known_ids:
            raise UsageError("import_changed_meanwhile", plan=prepared.plan.id)
        for task_id in sorted({task_id for task_id, _ in prepared.merges}, key=TaskId.parse):
            held.enter_context(workspace.locked(task_id))
        tasks = [merge(_current(workspace, task_id, prepared)) for task_id, merge in prepared.merges]
        texts = _texts(workspace, prepared, tasks)
        changing = [path for path, text in texts.items() if not _holds(path, text)]
        if check is not None and changing:
            check(changing)
        changed = [path for path in changing if atomic_write(path, texts[path])]
        if then is not None and changed:
            then(changed)
    return changed


def _texts(workspace: Workspace, prepared: Prepared, tasks: list[Task]) -> dict[Path, str]:
    """Each file the import writes, with its text: the plan's, its report's and each task's."""
    folder = workspace.plan_dir(prepared.plan.id)
    texts = {}
    if not prepared.update_only:  # a ledger sheet read back changes tasks only
        # the plan's file is updated in place: a person's comments in it stay
        texts[folder / PLAN_FILE] = updated_text(folder / PLAN_FILE, prepared.plan.to_dict())
        texts[folder / REPORT_FILE] = prepared.report.text
    for task in tasks:
        texts[workspace.task_path(task.id)] = workspace.task_text(task)  # the comments people wrote stay
    return texts


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def _current(workspace: Workspace, task_id: str, prepared: Prepared) -> Task | None:
    """The task's file as it is now (None when there is none, as for an item new in the report)."""
    if workspace.task_path(task_id).is_file():
        return workspace.get_task(task_id)
    if prepared.known_ids is None or task_id in prepared.known_ids:
        raise UsageError("import_changed_meanwhile", plan=prepared.plan.id)  # removed while the preview waited
    return None


def _task_ids(workspace: Workspace, plan_id: str) -> frozenset[str]:
    return frozenset(str(TaskId(plan_id, number)) for path in workspace.task_files([plan_id])
                     if (number := task_file_number(path.name)) is not None)
