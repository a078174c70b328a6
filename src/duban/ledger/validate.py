"""`duban validate`: every file of the workspace read as duban reads it, each fault with its file and line."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from duban import settings
from duban.errors import BrokenFile, Said
from duban.ledger.schema import Fault, LineFinder, plan_faults
from duban.ledger.store import LEFTOVER_RE, PLAN_FILE, SETTINGS_FILE, Workspace, misplaced
from duban.ledger.taskid import TaskId


@dataclass(frozen=True)
class FileFault:
    path: Path
    line: int | None
    message: str

    def render(self, w) -> str:
        """`path:line: fault` in the language of `w`."""
        return w("file_fault_at" if self.line else "file_fault", path=self.path, line=self.line,
                 reason=w.said(self.message))

    def __str__(self) -> str:
        from duban.views.words import words

        return self.render(words("en"))


@dataclass
class ValidationReport:
    faults: list[FileFault] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0


def _file_faults(workspace: Workspace, path: Path, check) -> tuple[dict[str, Any] | None, list[FileFault]]:
    """Parse one file and run `check(data, text)`; every fault with the file's path."""
    data, faults = workspace.file_faults(path, check)
    return data, [FileFault(path, f.line, f.message) for f in faults]


def validate(workspace: Workspace) -> ValidationReport:
    """Every file's faults. Task files are read through the index, which keeps each file's faults (and a readable
    file's id) for as long as the file stays as it was: after the first run, only changed files are parsed."""
    from duban.ledger.index import fault_said, indexed_files

    report = ValidationReport()
    _, faults = _file_faults(workspace, workspace.root / SETTINGS_FILE, settings_faults)
    report.faults.extend(faults)
    seen: dict[str, Path] = {}
    for folder, items, unreadable in indexed_files(workspace):
        if unreadable is not None:  # the folder itself: named once, not again for each file in it
            report.faults.append(FileFault(unreadable.path, unreadable.line, unreadable.reason))
            continue
        report.plans += 1
        plan, faults = _file_faults(workspace, folder / PLAN_FILE, plan_faults)
        report.faults.extend(faults)
        if plan is not None and not faults and plan["id"] != folder.name:
            report.faults.append(FileFault(folder / PLAN_FILE, 1, Said("plan_id_folder", plan=plan["id"],
                                                                        folder=folder.name)))
        for name, record, faults in items:
            report.tasks += 1
            path = folder / name
            if faults:
                report.faults.extend(FileFault(path, line, fault_said(key, values)) for key, line, values in faults)
                continue
            report.faults.extend(_placement_faults(path, record[0], folder.name, seen))
    report.faults.extend(_stray_files(workspace))
    report.faults.extend(_unmerged(workspace, report.faults))
    report.faults.extend(_cache_faults(workspace))
    return report


def _unmerged(workspace: Workspace, found: list[FileFault]) -> list[FileFault]:
    """Files git's merge left unresolved where no conflict marker shows it: one side deleted the file (`UD`, `DU`),
    or a person took the markers out and has not told git (`git add`)."""
    from duban.ledger.git import unmerged_paths

    marked = {Path(f.path).resolve() for f in found if isinstance(f.message, Said) and f.message.key == "conflict_marker"}
    root = workspace.root.resolve()
    faults = []
    for path, state in sorted(unmerged_paths(workspace.root).items()):
        if path not in marked:
            shown = workspace.root / path.relative_to(root) if path.is_relative_to(root) else path
            faults.append(FileFault(shown, None, Said("git_unmerged", state=state, how=Said(f"unmerged_{state}"))))
    return faults


def settings_faults(data: dict[str, Any], text: str) -> list[Fault]:
    """duban.toml's values against the settings spec, each on the line of its key or table."""
    lines = LineFinder(text)
    return [Fault(lines.key(key) or lines.header(key), message) for key, message in settings.faults(data)]


def _placement_faults(path: Path, task_id: str, plan_id: str, seen: dict[str, Path]) -> list[FileFault]:
    faults = []
    parsed = TaskId.parse(task_id)  # the schema has checked its form
    if parsed in seen:
        faults.append(FileFault(path, 1, Said("duplicate_id", task=task_id, other=seen[parsed])))
    else:
        seen[parsed] = path
    if misplaced(task_id, plan_id, path.name):
        faults.append(FileFault(path, 1, Said("id_file", task=task_id, file=f"{plan_id}/{path.name}")))
    return faults


def _cache_faults(workspace: Workspace) -> list[FileFault]:
    """A `.duban-cache` that is not a folder of the workspace (a symlink a repository brought): duban ignores it,
    and cannot lock tasks until it is removed."""
    try:
        workspace.cache_dir()
    except BrokenFile as refused:
        return [FileFault(refused.path, None, refused.reason)]
    except OSError:  # read-only media: nothing wrong with the workspace
        pass
    return []


_STRAY_RE = re.compile(r"\.toml\.(orig|rej|BACKUP|BASE|LOCAL|REMOTE)")


def _stray_files(workspace: Workspace) -> list[FileFault]:
    """Files a merge tool leaves behind beside task files, and the temp files of writes that were killed."""
    faults = []
    for folder in (workspace.root, *workspace.plan_dirs()):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue  # named already as a folder that cannot be read
        faults.extend(FileFault(folder / name, None, Said("merge_leftover")) for name in names if _STRAY_RE.search(name))
        faults.extend(FileFault(folder / name, None, Said("write_leftover")) for name in names
                      if LEFTOVER_RE.match(name))
    return faults
