"""`duban validate`: every file of the workspace read as duban reads it, each fault with its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from duban import settings
from duban.ledger.schema import Fault, LineFinder, plan_faults
from duban.ledger.store import PLAN_FILE, SETTINGS_FILE, Workspace, file_faults
from duban.ledger.taskid import TaskId, task_file_number


@dataclass(frozen=True)
class FileFault:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class ValidationReport:
    faults: list[FileFault] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0


def _file_faults(path: Path, check) -> tuple[dict[str, Any] | None, list[FileFault]]:
    """Parse one file and run `check(data, text)`; every fault with the file's path."""
    data, faults = file_faults(path, check)
    return data, [FileFault(path, f.line, f.message) for f in faults]


def validate(workspace: Workspace) -> ValidationReport:
    """Every file's faults. Task files are read through the index, which keeps each file's faults (and a readable
    file's id) for as long as the file stays as it was: after the first run, only changed files are parsed."""
    from duban.ledger.index import indexed_files

    report = ValidationReport()
    _, faults = _file_faults(workspace.root / SETTINGS_FILE, settings_faults)
    report.faults.extend(faults)
    seen: dict[str, Path] = {}
    for folder, items in indexed_files(workspace):
        report.plans += 1
        plan, faults = _file_faults(folder / PLAN_FILE, plan_faults)
        report.faults.extend(faults)
        if plan is not None and not faults and plan["id"] != folder.name:
            report.faults.append(FileFault(folder / PLAN_FILE, 1, f"plan id {plan['id']!r} does not match its "
                                                                   f"folder {folder.name!r}"))
        for name, record, faults in items:
            report.tasks += 1
            path = folder / name
            if faults:
                report.faults.extend(FileFault(path, line, message) for line, message in faults)
                continue
            report.faults.extend(_placement_faults(path, record[0], folder.name, seen))
    report.faults.extend(_stray_files(workspace))
    return report


def settings_faults(data: dict[str, Any], text: str) -> list[Fault]:
    """duban.toml's values against the settings spec, each on the line of its key or table."""
    lines = LineFinder(text)
    return [Fault(lines.key(key) or lines.header(key), message) for key, message in settings.faults(data)]


def _placement_faults(path: Path, task_id: str, plan_id: str, seen: dict[str, Path]) -> list[FileFault]:
    faults = []
    parsed = TaskId.parse(task_id)  # the schema has checked its form
    if parsed in seen:
        faults.append(FileFault(path, 1, f"duplicate id {task_id!r}: also in {seen[parsed]}"))
    else:
        seen[parsed] = path
    if parsed.plan != plan_id or parsed.number != task_file_number(path.name):
        faults.append(FileFault(path, 1, f"id {task_id!r} does not match its file {plan_id}/{path.name}"))
    return faults


_STRAY_RE = re.compile(r"\.toml\.(orig|rej|BACKUP|BASE|LOCAL|REMOTE)")


def _stray_files(workspace: Workspace) -> list[FileFault]:
    """Files a merge tool leaves behind beside task files."""
    faults = []
    for folder in workspace.plan_dirs():
        for path in sorted(folder.iterdir()):
            if _STRAY_RE.search(path.name):
                faults.append(FileFault(path, None, "left over from a merge: remove it"))
    return faults
