"""Committing duban's own file changes to the git repository that holds the workspace."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterable

from duban.errors import DubanError


class GitError(DubanError):
    exit_code = 3


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed: cannot --commit") from None


def commit(workspace_root: Path, paths: Iterable[Path], message: str) -> bool:
    """Commit exactly these paths (and nothing else the user has staged); False when there was nothing to commit."""
    paths = [str(Path(p).resolve()) for p in paths]
    root = Path(workspace_root).resolve()
    probe = _git(root, "rev-parse", "--show-toplevel")
    if probe.returncode != 0:
        raise GitError(f"{root} is not inside a git repository: cannot --commit (run `git init`)")
    added = _git(root, "add", "--", *paths)
    if added.returncode != 0:
        raise GitError(f"git add failed: {added.stderr.strip().splitlines()[-1] if added.stderr.strip() else ''}")
    if not _git(root, "diff", "--cached", "--quiet", "--", *paths).returncode:
        return False
    done = _git(root, "commit", "--quiet", "-m", message, "--", *paths)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise GitError(f"git commit failed: {detail[-1] if detail else 'unknown error'}")
    return True
