"""scripts/build_plans.py: the shipped workspace is rebuilt with duban's own import, the same bytes every run."""

import subprocess
import sys
from pathlib import Path

from duban.ledger.store import Workspace

ROOT = Path(__file__).resolve().parents[1]


def build(target: Path, *options: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_plans.py"), "--plans", str(target), *options],
                   check=True, capture_output=True)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_is_reproducible_and_valid(tmp_path):
    build(tmp_path / "a")
    before = files(tmp_path / "a")
    workspace = Workspace(tmp_path / "a")
    assert [p.id for p in workspace.plans()] == ["2017-wjj", "2019H2"]
    result = workspace.load_tasks()
    assert result.faults == []
    assert len(result.tasks) == 11
    assert workspace.get_task("2019H2-03").title == "全力做好创建国家卫生城市复审工作"
    build(tmp_path / "a", "--keep")  # importing the same reports again changes no byte
    assert files(tmp_path / "a") == before
