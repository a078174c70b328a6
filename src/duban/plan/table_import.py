"""Importing a table file: a 任务分解表 becomes a plan as a report does; a ledger sheet that `duban export` wrote
(its 编号 column names this workspace's tasks) changes those tasks as `duban update` would.

A 任务分解表 goes the way of a report (plan/importer.py): its report text (plan/tables.py) is stored as the plan's
report.txt, its rows become items, and a re-import keeps statuses, logs and hand-made changes.

A ledger sheet changes only what its cells say differently from the task: the title, the lead and supporting
units, the deadline (a date, or words such as 年底), the status and a new 最新进展 note. A change of status, owner
or deadline, and a new note, go into the task's progress log as one entry, dated and signed like an update. The
columns the sheet only shows (逾期天数, 核查结论) are never read back, and an unchanged sheet changes no file.
A unit typed into the sheet is taken as `update --owner` takes it: an alias becomes its unit, and a name that is no
known unit stops the import, naming its row and the nearest units, unless `new_owner` says it is a new one.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from duban.errors import BadInput, Said, UsageError
from duban.inputs import name_text, read_bytes
from duban.ledger.model import Task
from duban.ledger.store import Workspace
from duban.ledger.taskid import TaskId, is_plan_id, is_task_id
from duban.ledger.units import Units
from duban.ledger.updates import Change, apply_change
from duban.plan.importer import Prepared, _Settings, merged_plan, new_plan, plan_id_for
from duban.plan.sheets import TABLE_SUFFIXES, cell_text, read_docx_grids, read_grids
from duban.plan.tables import (Row, Table, _cell_for_text, _join_lines, cell_deadline, cell_status, check_table,
                               column_kinds, grids_text, is_header, ledger_rows, read_table_text, row_owners,
                               split_units, table_items, title_period)
from duban.report.formats import Report
from duban.text.dates import Period, parse_period


def is_table_file(path: Path) -> bool:
    """A spreadsheet or CSV; or a .docx holding a task table (then its table is what is imported, not its prose)."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return True
    if suffix != ".docx":
        return False
    try:
        grids = read_docx_grids(read_bytes(path), path)
    except (OSError, BadInput):
        return False  # the report reader says what is wrong with it
    return any(is_header(column_kinds(row)) for grid in grids for row in grid.cells[:20])


def prepare_table_imports(workspace: Workspace, path: Path, *, period: str | None = None, org: str | None = None,
                          owner: str | None = None, today: date | None = None, by: str = "",
                          new_owner: bool = False) -> list[Prepared]:
    try:
        data = read_bytes(path)
    except OSError as error:
        raise BadInput("cannot_read", path=path, reason=error.strerror or str(error)) from None
    notes: list = []
    text = grids_text(read_grids(data, path, notes))
    table = read_table_text(text)
    check_table(table, name_text(path))
    ledger = ledger_rows(table, lambda task_id: workspace.task_path(task_id).is_file())
    if ledger:
        units = _SheetUnits(workspace.units(), new_owner, name_text(path))
        prepared = _ledger_updates(workspace, table, ledger, name_text(path), today or date.today(), by, units)
    else:
        report = Report(name=name_text(path), text=text, sha256=hashlib.sha256(data).hexdigest())
        prepared = [_table_plan(workspace, table, report, period=period, org=org, owner=owner)]
    prepared[0].warnings[:0] = notes  # said once, with the first plan the file gives
    return prepared


# --- a 任务分解表 → a plan ------------------------------------------------------------------------------------

def _table_plan(workspace: Workspace, table: Table, report: Report, *, period, org, owner) -> Prepared:
    organisation = org or workspace.organisation
    settings = _Settings(workspace, owner or organisation, own=organisation == workspace.organisation)
    found = parse_period(period) if period else (title_period(table.titles + [Path(report.name).stem])
                                                 or _period_of_ids(table))
    if found is None:
        raise UsageError("table_period_unknown", report=report.name)
    items = table_items(table, found, owner_rules=settings.owner_rules, synonyms=settings.synonyms,
                        default_owner=settings.default_owner)
    if not items:
        raise BadInput("table_no_rows", report=report.name)
    plan = new_plan(workspace, plan_id_for(workspace, organisation, found), organisation, found, report)
    return merged_plan(workspace, plan, items, report, found, settings, previous=_previous_table_items)


def _period_of_ids(table: Table) -> Period | None:
    """A sheet exported from another workspace: its 编号 (2019H2-03) names the period."""
    for row in table.rows:
        task_id = row.get("id")
        if is_task_id(task_id):
            plan = TaskId.parse(task_id).plan
            try:
                return parse_period(plan) if is_plan_id(plan) else None
            except UsageError:
                return None
    return None


def _previous_table_items(workspace: Workspace, plan_id: str, period: Period, settings: _Settings) -> dict:
    """What the stored report.txt gave, by line, when it is a task table's text; {} for a report's."""
    text = workspace.stored_report(plan_id)
    if not text:
        return {}
    items = table_items(read_table_text(text), period, owner_rules=settings.owner_rules,
                        synonyms=settings.synonyms, default_owner=settings.default_owner)
    return {item.line: item for item in items}


# --- a ledger sheet → changes to its tasks --------------------------------------------------------------

def _ledger_updates(workspace: Workspace, table: Table, rows: list[Row], name: str, today: date,
                    by: str, units: _SheetUnits | None = None) -> list[Prepared]:
    by_plan: dict[str, list[Row]] = {}
    for row in rows:
        by_plan.setdefault(TaskId.parse(row.get("id")).plan, []).append(row)
    warnings = [Said("sheet_row_not_a_task", name=name, line=row.line, id=row.get("id") or "—")
                for row in table.rows if row not in rows and row.get("title")]
    prepared = []
    for plan_id, plan_rows in by_plan.items():
        plan = workspace.read_plan(plan_id)
        loaded = workspace.load_tasks([plan_id])
        if loaded.faults:
            raise loaded.faults[0]  # never overwrite a file someone has to fix first
        tasks = {task.id: task for task in loaded.tasks}
        period = Period(plan.period, plan.start, plan.end)
        in_sheet: dict[str, Task] = {}
        changes, merges = [], []
        for row in plan_rows:
            task = tasks[str(TaskId.parse(row.get("id")))]
            if task.id in in_sheet:
                continue  # the same task twice in one sheet: its first row counts
            in_sheet[task.id] = task
            diff = apply_row(task, row, period, today, by, units)
            if diff:
                changes.append((task.id, diff))
                # written by changing the task as its file is then: what was recorded meanwhile stays
                merges.append((task.id, lambda current, row=row: _changed_by(current, row, period, today, by, units)))
        stored = workspace.stored_report(plan.id)
        prepared.append(Prepared(report=Report(name, stored, plan.sha256), plan=plan, tasks=list(in_sheet.values()),
                                 update_only=True, changes=changes, warnings=warnings, merges=merges))
        warnings = []
    return prepared


def _changed_by(task: Task, row: Row, period: Period, today: date, by: str, units: _SheetUnits | None) -> Task:
    apply_row(task, row, period, today, by, units)
    return task


class _SheetUnits:
    """The units a sheet's cells are read as: `update --owner`'s guard, the refusal naming the sheet's row."""

    def __init__(self, units: Units, new_owner: bool, name: str):
        self.units, self.new_owner, self.name = units, new_owner, name

    def owners(self, row: Row, task: Task) -> tuple[str, list[str]]:
        """The row's lead and supporting units, each as a known unit; the task's own names pass as they are (a
        sheet that left them alone changes nothing, whatever duban.toml says now)."""
        owner, co_owners = row_owners(row)
        kept = {task.owner, *task.co_owners}
        return self.unit(owner, row, kept), [self.unit(name, row, kept) for name in co_owners]

    def unit(self, name: str, row: Row, kept: set[str]) -> str:
        if not name or name in kept:
            return name
        try:
            return self.units.resolve(name, self.new_owner)
        except UsageError as error:
            raise UsageError("sheet_unknown_owner", name=self.name, line=row.line, id=row.get("id"),
                             reason=error) from None


def _as_cell(value: str, kind: str) -> str:
    """A value as it reads back from a cell it was written into (what the comparison must see)."""
    return _cell_for_text(_join_lines(cell_text(value), kind))


def apply_row(task: Task, row: Row, period: Period, today: date, by: str,
              units: _SheetUnits | None = None) -> list[tuple[str, str, str]]:
    """Change the task as its row says; returns [(field, old, new)] of what changed (empty: nothing). With `units`,
    the row's units are read as known units (UsageError naming the row for one that is not)."""
    diff: list[tuple[str, str, str]] = []
    title = row.get("title")
    if title and title != _as_cell(task.title, "title"):
        diff.append(("title", task.title, title))
        task.title = title
    change = Change(by=by or None)
    owner, co_owners = units.owners(row, task) if units is not None else row_owners(row)
    if owner and owner != task.owner and owner != (split_units(_as_cell(task.owner, "owner")) or [""])[0]:
        change.owner = owner
    if row.columns.first("co") is not None and co_owners != task.co_owners and \
            co_owners != split_units(_as_cell("、".join(task.co_owners), "co")):
        diff.append(("co_owners", "、".join(task.co_owners), "、".join(co_owners)))
        task.co_owners = co_owners
    stated = cell_deadline(row.get("due"), period)
    if stated and stated.due != task.due:
        change.due, change.due_basis = stated
    status = cell_status(row.get("status"))
    if status and status != task.status:
        change.status = status
    note = row.get("note")
    if note and note != _as_cell(task.last_note(), "note"):
        change.note = note
    if change.is_empty():
        return diff
    before = {"owner": task.owner, "due": task.due.isoformat() if task.due else "", "status": task.status}
    for key in apply_change(task, change, today):
        diff.append((key, before[key], getattr(task, key).isoformat() if key == "due" else getattr(task, key)))
    if change.note:
        diff.append(("last_note", "", change.note))
    return diff
