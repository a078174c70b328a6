""".pre-commit-hooks.yaml: an office's ledger repository runs `duban validate` before each commit."""

import shlex
import subprocess
import sys
from pathlib import Path

from conftest import make_workspace

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"


def hook() -> dict[str, str]:
    """The one hook's `key: value` lines (the manifest is flat YAML; no YAML library is needed to read it)."""
    fields = {}
    for line in HOOKS.read_text(encoding="utf-8").splitlines():
        if line.startswith(("- ", "  ")) and ":" in line:
            key, _, value = line[2:].partition(":")
            fields[key.strip()] = value.strip()
    return fields


def test_the_hook_runs_duban_validate_on_the_ledger(tmp_path):
    fields = hook()
    assert (fields["id"], fields["language"], fields["pass_filenames"]) == ("duban-validate", "python", "false")
    command = shlex.split(fields["entry"]) + [a.strip() for a in fields["args"].strip("[]").split(",")]
    assert command == ["duban", "validate"]
    workspace = make_workspace(tmp_path / "plans")
    run = [sys.executable, "-m", "duban", *command[1:]]
    assert subprocess.run(run, cwd=tmp_path, capture_output=True).returncode == 0
    workspace.task_path("2019H2-02").write_text('id = "2019H2-02"\ntitle = \n', encoding="utf-8")
    failed = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1 and f"{Path('plans') / '2019H2' / '02.toml'}:2:" in failed.stdout
