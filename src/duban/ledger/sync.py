"""Sharing the ledger through git: duban's merge driver registered in a clone, and `duban sync`.

The driver (ledger/merge.py) is named in two places: `.gitattributes` in the workspace says which files it merges
(every `.toml` of the workspace; this file is committed, so every clone has it), and `merge.duban.driver` in the
clone's git config says what command runs it (git config is not cloned, hence `duban git-setup`; `init` and `sync`
register it too). Without the config line, git merges those files by lines as it always did.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from duban.errors import UsageError
from duban.ledger import tomlfile
from duban.ledger.git import GitError, _git, _last_line, commit, repository_root
from duban.ledger.taskid import TaskId, is_plan_id, sort_key, task_file_number

ATTRIBUTES_FILE = ".gitattributes"
ATTRIBUTES = ("# duban merges the workspace's TOML files key by key (`duban git-setup` registers it in each clone)\n"
              "*.toml merge=duban\n")
_ATTRIBUTE_RE = re.compile(r"^\*\.toml\s+merge=duban\s*$", re.MULTILINE)


def driver_command() -> str:
    """The command git runs to merge a file: this very interpreter running duban (`python -m duban`), not the
    `duban` found on PATH. git runs it from whatever started the merge — a shell without the virtual environment
    activated, an editor, a GUI client — where `duban` may not be on PATH or may be another installation; the
    interpreter that registered it has this duban installed, so the files are merged by the duban that writes them.
    git fills in the ancestor, ours, theirs and the file's path (%O %A %B %P) and runs it from the repository's top."""
    return f"{shlex.quote(sys.executable)} -m duban merge-file %O %A %B %P"


def write_attributes(workspace_root: Path) -> Path | None:
    """`.gitattributes` in the workspace naming duban's driver for its TOML files; the path when it was written or
    added to, None when it already said so."""
    from duban.ledger.store import atomic_write

    path = Path(workspace_root) / ATTRIBUTES_FILE
    try:
        existing = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    if _ATTRIBUTE_RE.search(existing):
        return None
    separator = "\n" if existing and not existing.endswith("\n") else ""
    atomic_write(path, existing + separator + ATTRIBUTES)
    return path


@dataclass
class Registration:
    repository: Path  # the top of the git repository whose config now names the driver
    command: str
    attributes: Path | None  # the .gitattributes written (None: it already named the driver)


def register_driver(workspace_root: Path) -> Registration:
    """The driver in the config of the repository that holds the workspace, and in the workspace's .gitattributes."""
    top = repository_root(workspace_root)
    command = driver_command()
    for key, value in (("merge.duban.name", "duban: task files merged key by key"), ("merge.duban.driver", command)):
        done = _git(top, "config", key, value)
        if done.returncode != 0:
            raise GitError("git_failed", what="config", detail=_last_line(done))
    return Registration(top, command, write_attributes(workspace_root))


def register_if_in_git(workspace_root: Path) -> Registration | None:
    """`init`: register the driver when the workspace is in a git repository already (else `sync` will)."""
    try:
        return register_driver(workspace_root)
    except GitError:
        return None


# --- duban sync ----------------------------------------------------------------------------------------------


@dataclass
class SyncResult:
    upstream: str  # the remote branch synced with (origin/main)
    committed: int = 0  # files of the workspace committed before pulling
    received: list[str] = field(default_factory=list)  # tasks the remote's commits changed
    received_files: int = 0  # other files of the workspace they changed
    merged: list[str] = field(default_factory=list)  # of the tasks received, those changed here too (the driver's)
    pushed: int = 0  # commits pushed
    concluded: bool = False  # an earlier sync's merge, its conflicts resolved, was committed
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # tasks both sides added: (theirs, ours' new id)
    conflicts: list[str] = field(default_factory=list)  # tasks (or files) left with conflict markers: merge unfinished
    to_decide: list[str] = field(default_factory=list)  # files one side deleted, or not TOML: for a person to settle

    @property
    def up_to_date(self) -> bool:
        return not (self.committed or self.received or self.received_files or self.pushed or self.concluded
                    or self.unfinished)

    @property
    def unfinished(self) -> bool:
        """The merge is left unfinished: conflicts in the files, or files only a person can settle."""
        return bool(self.conflicts or self.to_decide)


@dataclass
class _Remote:
    name: str  # origin
    branch: str  # the local branch
    remote_branch: str  # its name on the remote
    tracked: bool  # the local branch has it as its upstream already

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.name}/{self.remote_branch}"

    @property
    def upstream(self) -> str:
        return f"{self.name}/{self.remote_branch}"


def sync(workspace, commit_message: Callable[[list[str]], str], merge_message: Callable[[str], str],
         attempts: int = 3) -> SyncResult:
    """Commit the workspace's pending changes (`commit_message(tasks or files)`), fetch, merge with duban's driver
    (`merge_message(upstream)`), push; again when someone pushed in between. An unfinished merge left by an earlier
    sync is concluded first once its files are resolved."""
    root = Path(workspace.root).resolve()
    try:
        top = repository_root(root)
    except GitError:
        raise UsageError("sync_needs_git", root=workspace.root) from None
    register_driver(root)
    _refuse_other_operations(top)
    remote = _remote(top)
    result = SyncResult(remote.upstream)
    if _merging(top):
        _conclude_merge(top, workspace, result)
        if result.unfinished:
            return result
        result.concluded = True
    result.committed = _commit_pending(top, workspace, commit_message)
    for _ in range(attempts):
        _fetch(top, remote)
        if _exists(top, remote.ref):
            _merge(top, workspace, remote, merge_message(remote.upstream), result)
            if result.unfinished:
                return result
        ahead = _count(top, f"{remote.ref}..HEAD") if _exists(top, remote.ref) else _count(
            top, "HEAD", "--not", f"--remotes={remote.name}")  # a new branch: the commits the remote lacks
        if not ahead or _push(top, remote):
            result.pushed += ahead
            return result
    raise GitError("sync_push_rejected", remote=remote.name, attempts=attempts)


def _lines(done) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.strip()]


def _exists(top: Path, ref: str) -> bool:
    return _git(top, "rev-parse", "--verify", "--quiet", ref).returncode == 0


def _count(top: Path, *revisions: str) -> int:
    done = _git(top, "rev-list", "--count", *revisions)
    return int(done.stdout.strip()) if done.returncode == 0 else 0


def _merging(top: Path) -> bool:
    return _exists(top, "MERGE_HEAD")


def _refuse_other_operations(top: Path) -> None:
    """A rebase, cherry-pick or revert in progress is the user's to finish: sync would only tangle it."""
    for name, what in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"), ("CHERRY_PICK_HEAD", "cherry-pick"),
                       ("REVERT_HEAD", "revert")):
        git_path = _git(top, "rev-parse", "--git-path", name).stdout.strip()
        if git_path and (top / git_path).exists():
            raise UsageError("sync_busy", what=what)


def _remote(top: Path) -> _Remote:
    """The remote branch to sync with: the branch's upstream, else the same name on the only remote (or origin)."""
    branch = _git(top, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    if not branch:
        raise UsageError("sync_detached")
    name = _git(top, "config", f"branch.{branch}.remote").stdout.strip()
    merge_ref = _git(top, "config", f"branch.{branch}.merge").stdout.strip()
    if name and name != "." and merge_ref.startswith("refs/heads/"):
        return _Remote(name, branch, merge_ref[len("refs/heads/"):], True)
    remotes = _lines(_git(top, "remote"))
    if not remotes:
        raise UsageError("sync_no_remote")
    if len(remotes) > 1 and "origin" not in remotes:
        raise UsageError("sync_which_remote", remotes=", ".join(remotes), branch=branch)
    return _Remote("origin" if "origin" in remotes else remotes[0], branch, branch, False)


def _relative(top: Path, root: Path) -> str:
    return root.relative_to(top).as_posix() or "."


def _workspace_faults(workspace, paths: set[Path]) -> list:
    """`validate`'s faults in these files of the workspace."""
    from duban.ledger.validate import validate

    # what git itself still holds unmerged is sync's to settle (it adds what reads cleanly), not a fault here
    return [fault for fault in validate(workspace).faults if Path(fault.path).resolve() in paths
            and getattr(fault.message, "key", "") != "git_unmerged"]


def _commit_pending(top: Path, workspace, message: Callable[[list[str]], str]) -> int:
    """Commit every change in the workspace (new, changed and removed files); how many files. A file with a fault
    (`duban validate`) stops the sync before anything is committed."""
    root = Path(workspace.root).resolve()
    status = _git(top, "-c", "core.quotePath=false", "status", "--porcelain", "-z", "--untracked-files=all", "--",
                  _relative(top, root))
    paths, tokens = set(), iter(status.stdout.split("\0"))
    for token in tokens:
        if len(token) > 3:
            paths.add((top / token[3:]).resolve())
            if token[0] in "RC":
                next(tokens, None)  # a rename's old name follows it
    if not paths:
        return 0
    faults = _workspace_faults(workspace, paths)
    if faults:
        raise UsageError("sync_fault", fault=faults[0], n=len(faults))
    commit(root, [root], message(sorted({_task_id(root, path) or path.relative_to(root).as_posix() for path in paths},
                                        key=sort_key)))
    return len(paths)


def _conclude_merge(top: Path, workspace, result: SyncResult) -> None:
    """An earlier sync's merge: each file left with markers that now reads cleanly (`validate`) is marked resolved
    (`git add`); when no conflict is left, the merge is committed. What is still unsettled goes into `result`."""
    root = Path(workspace.root).resolve()
    marked, to_decide = _unsettled(top, root)
    broken = {Path(fault.path).resolve() for fault in _workspace_faults(workspace, set(marked))}
    resolved = [path for path in marked if path not in broken]
    if resolved:
        added = _git(top, "add", "--", *map(str, resolved))
        if added.returncode != 0:
            raise GitError("git_failed", what="add", detail=_last_line(added))
    result.conflicts = [_task_or_path(top, root, path) for path in marked if path in broken]
    result.to_decide = [_task_or_path(top, root, path) for path in to_decide]
    _commit_when_settled(top, result)


def _commit_when_settled(top: Path, result: SyncResult) -> bool:
    """Commit the merge once nothing is left to settle; False (the merge left open) while something is."""
    if result.unfinished:
        return False
    done = _git(top, "commit", "--quiet", "--no-edit")
    if done.returncode != 0:
        raise GitError("git_failed", what="commit", detail=_last_line(done))
    return True


def _unsettled(top: Path, root: Path) -> tuple[list[Path], list[Path]]:
    """The files git holds in conflict: those of the workspace both sides changed, which duban's driver merged and
    `validate` reads (TOML), and the others — a file one side deleted, a file that is not TOML — which only a person
    can settle, with `git add` or `git rm`."""
    marked, to_decide = [], []
    for path, stages in _unmerged(top).items():
        resolved = path.resolve()
        if {2, 3} <= stages and path.suffix == ".toml" and path.is_file() and _is_under(resolved, root):
            marked.append(resolved)
        else:
            to_decide.append(resolved)
    return marked, to_decide


def _unmerged(top: Path) -> dict[Path, set[int]]:
    """The files git holds in conflict, each with the stages it has of them (1 ancestor, 2 ours, 3 theirs)."""
    listed = _git(top, "ls-files", "--unmerged", "-z")
    stages: dict[Path, set[int]] = {}
    for record in filter(None, listed.stdout.split("\0")):
        info, _, name = record.partition("\t")
        stages.setdefault(top / name, set()).add(int(info.split()[2]))
    return stages


def _is_under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _task_id(root: Path, path: Path) -> str | None:
    """`2019H2-03` for a task file of the workspace, else None."""
    path = path.resolve()
    number = task_file_number(path.name)
    if number is not None and path.parent.parent == root and is_plan_id(path.parent.name):
        return str(TaskId(path.parent.name, number))
    return None


def _task_or_path(top: Path, root: Path, path: Path) -> str:
    """The task a file holds, else the file as git names it."""
    return _task_id(root, path) or (path.resolve().relative_to(top).as_posix() if _is_under(path.resolve(), top)
                                    else str(path))


def _fetch(top: Path, remote: _Remote) -> None:
    done = _git(top, "fetch", "--quiet", remote.name)
    if done.returncode != 0:
        raise GitError("sync_fetch_failed", remote=remote.name, detail=_last_line(done))


def _merge(top: Path, workspace, remote: _Remote, message: str, result: SyncResult) -> None:
    """Merge the remote branch (git runs duban's driver on the workspace's TOML files); what it brought into
    `result`, or the files it left in conflict."""
    if not _count(top, f"HEAD..{remote.ref}"):
        return
    root = Path(workspace.root).resolve()
    where = _relative(top, root)
    base = _git(top, "merge-base", "HEAD", remote.ref).stdout.strip()
    theirs = _changed(top, base, remote.ref, where) if base else set()
    ours = _changed(top, base, "HEAD", where) if base else set()
    done = _git(top, "merge", "--no-edit", "-m", message, remote.ref)
    if done.returncode != 0:
        if not _merging(top):
            raise GitError("sync_merge_failed", upstream=remote.upstream, detail=_last_line(done))
        result.renumbered += _renumber_tasks_added_on_both_sides(top, root)
        marked, to_decide = _unsettled(top, root)
        result.conflicts = [_task_or_path(top, root, path) for path in marked]
        result.to_decide = [_task_or_path(top, root, path) for path in to_decide]
        if not _commit_when_settled(top, result):
            return
    for name in sorted(theirs):
        task = _task_id(root, top / name)
        if task is None:
            result.received_files += 1
            continue
        result.received.append(task)
        if name in ours and task not in dict(result.renumbered):
            result.merged.append(task)


def _renumber_tasks_added_on_both_sides(top: Path, root: Path) -> list[tuple[str, str]]:
    """Two clerks who each added a task to one plan (`duban add`) took the same number, each clone counting its own:
    theirs keeps the number (it is shared already), ours moves to the next free number of the plan. A file both
    added with the same title is the same task twice, an ordinary conflict. Returns (number, ours' new number)."""
    from duban.ledger.store import atomic_write

    moved = []
    for path, stages in _unmerged(top).items():
        task_id = _task_id(root, path)
        if stages != {2, 3} or task_id is None:
            continue
        relative = path.relative_to(top).as_posix()
        ours, theirs = (_git(top, "show", f":{stage}:{relative}").stdout for stage in (2, 3))
        try:
            ours_data, theirs_data = tomlfile.loads(ours, path), tomlfile.loads(theirs, path)
        except tomlfile.BrokenFile:
            continue
        if ours_data.get("title") == theirs_data.get("title") or ours_data.get("id") != task_id:
            continue
        number = max(n for name in os.listdir(path.parent) if (n := task_file_number(name)) is not None) + 1
        new_id = TaskId(TaskId.parse(task_id).plan, number)
        new_path = path.parent / new_id.file_name
        atomic_write(new_path, tomlfile.update_text(ours, {**ours_data, "id": str(new_id)}, new_path))
        atomic_write(path, theirs)
        added = _git(top, "add", "--", str(path), str(new_path))
        if added.returncode != 0:
            raise GitError("git_failed", what="add", detail=_last_line(added))
        moved.append((task_id, str(new_id)))
    return moved


def _changed(top: Path, old: str, new: str, where: str) -> set[str]:
    done = _git(top, "-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", old, new, "--", where)
    return set(_lines(done))


def _push(top: Path, remote: _Remote) -> bool:
    """Push the branch; False when the remote moved meanwhile (someone pushed: fetch and merge again)."""
    if remote.tracked:
        done = _git(top, "push", "--quiet", remote.name, f"HEAD:refs/heads/{remote.remote_branch}")
    else:
        done = _git(top, "push", "--quiet", "--set-upstream", remote.name, remote.branch)
    if done.returncode == 0:
        return True
    if re.search(r"\[rejected\].*(non-fast-forward|fetch first)|cannot lock ref|failed to update ref", done.stderr):
        return False
    raise GitError("sync_push_failed", remote=remote.name, detail=_last_line(done))
