"""Git for the ledger: commit duban's own file changes, and read a file's history back.

Only the files duban wrote are committed (`git commit -- paths`), so whatever else the user has staged stays staged
and out of the commit.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from duban.errors import DubanError


class GitError(DubanError):
    exit_code = 3


def _git(cwd: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False, input=input,
                              encoding="utf-8", errors="replace")
    except FileNotFoundError:
        if not Path(cwd).is_dir():  # a folder that is not there is not a missing git
            raise GitError("not_in_git", path=cwd) from None
        raise GitError("git_missing") from None


def _last_line(done: subprocess.CompletedProcess) -> str:
    detail = (done.stderr or done.stdout).strip().splitlines()
    return detail[-1] if detail else "unknown error"


def repository_root(path: Path) -> Path:
    folder = Path(path).resolve()
    probe = _git(folder if folder.is_dir() else folder.parent, "rev-parse", "--show-toplevel")
    if probe.returncode != 0:
        raise GitError("not_in_git", path=path)
    return Path(probe.stdout.strip()).resolve()


def commit(workspace_root: Path, paths: Iterable[Path], message: str) -> bool:
    """Commit exactly these paths (and nothing else the user has staged); False when there was nothing to commit."""
    paths = [str(Path(p).resolve()) for p in paths]
    root = Path(workspace_root).resolve()
    probe = _git(root, "rev-parse", "--show-toplevel")
    if probe.returncode != 0:
        raise GitError("commit_not_in_git", path=root)
    added = _git(root, "add", "--", *paths)
    if added.returncode != 0:
        raise _failure(root, "add", added)
    if not _git(root, "diff", "--cached", "--quiet", "--", *paths).returncode:
        return False
    done = _git(root, "commit", "--quiet", "-m", message, "--", *paths)
    if done.returncode != 0:
        raise _failure(root, "commit", done)
    return True


# What stops `git commit -- paths`: an operation under way, whose state git keeps in these files of its folder.
_UNFINISHED = {"MERGE_HEAD": "merge", "CHERRY_PICK_HEAD": "cherry-pick", "REVERT_HEAD": "revert",
               "rebase-merge": "rebase", "rebase-apply": "rebase"}


def check_can_commit(workspace_root: Path, paths: Iterable[Path]) -> None:
    """Raise GitError, before anything is written, when a commit of exactly these paths would fail or would take in
    what is not duban's: the workspace not in git, git's index locked, a merge (or rebase, cherry-pick, revert) not
    finished, or a path with changes not yet committed (a hand edit would go in under duban's message)."""
    root = Path(workspace_root).resolve()
    root = next(folder for folder in (root, *root.parents) if folder.is_dir())  # `init` asks before it makes it
    probe = _git(root, "rev-parse", "--show-toplevel", "--git-path", "index.lock",
                 *(arg for name in _UNFINISHED for arg in ("--git-path", name)))
    if probe.returncode != 0:
        raise GitError("commit_not_in_git", path=root)
    top, lock, *states = probe.stdout.splitlines()
    if (root / lock).exists():
        raise GitError("git_index_locked", lock=(root / lock).resolve())
    for name, state in zip(_UNFINISHED, states):
        if (root / state).exists():
            raise GitError("git_unfinished", what=_UNFINISHED[name], top=top)
    paths = [str(Path(p).resolve()) for p in paths]
    if not paths:
        return
    changed = _git(root, "-c", "core.quotePath=false", "status", "--porcelain", "--untracked-files=no", "--", *paths)
    if changed.returncode != 0:
        raise _failure(root, "status", changed)
    names = [line[3:] for line in changed.stdout.splitlines() if line[3:]]
    if names:
        raise GitError("git_uncommitted", files=" ".join(names))


_UNMERGED = {"DD", "AU", "UD", "UA", "DU", "AA", "UU"}


def unmerged_paths(workspace_root: Path) -> dict[Path, str]:
    """The files under the workspace that a merge left unresolved, with git's two-letter state (`UD`: changed here,
    deleted in the branch merged); nothing when the workspace is not in git or git is missing."""
    root = Path(workspace_root).resolve()
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
        if top.returncode != 0:
            return {}
        status = _git(root, "-c", "core.quotePath=false", "status", "--porcelain=v1", "-z", "--untracked-files=no",
                      "--", ".")
    except GitError:
        return {}
    top_dir = Path(top.stdout.strip())
    entries = status.stdout.split("\0") if status.returncode == 0 else []
    return {top_dir / entry[3:]: entry[:2] for entry in entries if entry[:2] in _UNMERGED}


def _failure(root: Path, what: str, done: subprocess.CompletedProcess) -> GitError:
    """A git command that failed, said plainly where the cause is known (git's index locked)."""
    lock = _git(root, "rev-parse", "--git-path", "index.lock").stdout.strip()
    if lock and (root / lock).exists():
        return GitError("git_index_locked", lock=(root / lock).resolve())
    return GitError("git_failed", what=what, detail=_last_line(done))


@dataclass
class Revision:
    """One commit that touched a file, with the file's text as of that commit (None where it was deleted)."""

    commit: str
    author: str
    email: str
    date: str  # ISO 8601 with the author's offset
    subject: str
    text: str | None


_FIELD, _RECORD = "\x1f", "\x1e"


def file_history(path: Path) -> list[Revision]:
    """Every commit that changed the file, oldest first, following renames."""
    path = Path(path).resolve()
    top = repository_root(path.parent)
    relative = path.relative_to(top).as_posix()
    fields = _FIELD.join(("%H", "%an", "%ae", "%aI", "%s", ""))
    log = _git(top, "-c", "core.quotePath=false", "log", "--follow", "--name-only", f"--format={_RECORD}{fields}",
               "--", relative)
    if log.returncode != 0:
        if "does not have any commits" in log.stderr:
            return []
        raise GitError("git_failed", what="log", detail=_last_line(log))
    commits = []
    for record in log.stdout.split(_RECORD)[1:]:
        sha, author, email, when, subject, names = record.split(_FIELD)
        name = next((line for line in names.splitlines() if line.strip()), relative)
        commits.append((sha, author, email, when, subject, name))
    texts = _contents([f"{sha}:{name}" for sha, *_, name in commits], top)
    return [Revision(sha, author, email, when, subject, text)
            for (sha, author, email, when, subject, _), text in reversed(list(zip(commits, texts)))]


def _contents(objects: list[str], top: Path) -> list[str | None]:
    """The blobs named `commit:path`, through one `git cat-file --batch` (None for a file deleted by that commit)."""
    if not objects:
        return []
    try:
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=top, input="\n".join(objects).encode() + b"\n",
                              capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git_missing") from None
    if done.returncode != 0:
        raise GitError("git_failed", what="cat-file", detail=done.stderr.decode(errors="replace").strip())
    out, position, texts = done.stdout, 0, []
    for _ in objects:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            texts.append(None)
            continue
        size = int(header[2])
        texts.append(out[position:position + size].decode("utf-8", errors="replace"))
        position += size + 1
    return texts


def user_name(folder: Path) -> str:
    """git's user.name as seen from the folder ("" when git or the setting is missing)."""
    try:
        done = _git(Path(folder), "config", "user.name")
    except GitError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@dataclass
class Undone:
    commit: str  # the commit that was reverted
    subject: str
    paths: list[str]


DUBAN_PREFIX = "duban: "


def undo_last(workspace_root: Path, message_of, is_undo=lambda subject: False) -> Undone:
    """Revert duban's last commit (the newest whose subject starts with `duban: `) with a commit of its own whose
    message is `message_of(subject)`; only the files that commit changed are committed.

    Only the last one: when it is itself an undo (its body says `This reverts commit …`, as git revert's do, or
    `is_undo(subject)` knows its subject), nothing is done, for reverting it would bring back what was undone."""
    from duban.errors import UsageError

    root = Path(workspace_root).resolve()
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError("undo_needs_git", root=workspace_root)
    found = _git(root, "log", "-1", "--format=%H%x1f%s%x1f%b", f"--grep=^{DUBAN_PREFIX}", "--", ".")
    if found.returncode != 0 or not found.stdout.strip():
        raise UsageError("undo_nothing", root=workspace_root)
    sha, subject, body = found.stdout.lstrip("\n").split("\x1f", 2)  # not strip(): \x1f is white space to it
    names = _git(root, "diff-tree", "--no-commit-id", "--name-only", "-r", "--root", sha)
    paths = [line for line in names.stdout.splitlines() if line]
    top_dir = Path(top.stdout.strip())
    dirty = _git(top_dir, "status", "--porcelain", "--", *paths)
    if dirty.stdout.strip():  # first: what a person changed and did not commit is what they may want undone
        files = " ".join(_shown_path(top_dir / line[3:]) for line in dirty.stdout.splitlines())
        raise UsageError("undo_dirty", files=files)
    if _REVERTS in body or is_undo(subject):
        raise UsageError("undo_twice", commit=sha[:7], subject=subject)
    if _git(top_dir, "diff", "--quiet", sha, "HEAD", "--", *paths).returncode != 0:
        raise UsageError("undo_changed_since", subject=subject)  # reverting would drop the later changes too
    parent = _git(top_dir, "rev-parse", "--verify", "-q", f"{sha}^").stdout.strip()
    for path in paths:
        if parent and _git(top_dir, "cat-file", "-e", f"{parent}:{path}").returncode == 0:
            restored = _git(top_dir, "checkout", parent, "--", path)
        else:  # the commit made the file: undoing it removes the file
            restored = _git(top_dir, "rm", "-q", "--", path)
        if restored.returncode != 0:
            raise GitError("git_failed", what=f"checkout {path}", detail=_last_line(restored))
    message = f"{message_of(subject)}\n\n{_REVERTS} {sha}."
    done = _git(top_dir, "commit", "--quiet", "-m", message, "--", *paths)
    if done.returncode != 0:
        raise GitError("git_failed", what="commit", detail=_last_line(done))
    return Undone(sha, subject, paths)


_REVERTS = "This reverts commit"  # git revert's words, which git tools recognise


def _shown_path(path: Path) -> str:
    """A path as a command typed here would name it: from the current folder when inside it, else in full."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
