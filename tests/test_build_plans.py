"""scripts/build_plans.py: the shipped workspace, rebuilt from the seeds with duban's own commands, the same bytes
every run, and the same bytes as the plans/ committed in this repository; its quick-start week tells a story."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from duban.ledger.store import Workspace
from duban.weekly.report import weekly_report

ROOT = Path(__file__).resolve().parents[1]
QUICK_START_DAY = date(2019, 11, 20)


def build(target: Path, *options: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_plans.py"), "--plans", str(target), *options],
                   check=True, capture_output=True)


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".duban-cache" not in p.parts}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("build") / "plans"
    build(target)
    return target


def test_build_is_reproducible_and_is_what_the_repository_ships(built, tmp_path):
    build(tmp_path / "again")
    assert files(tmp_path / "again") == files(built)
    assert files(ROOT / "plans") == files(built)
    before = files(built)
    build(built, "--keep")  # importing the same reports again changes no byte, progress and all
    assert files(built) == before


def test_the_plans_come_from_the_seeds_and_the_example_minutes(built):
    workspace = Workspace(built)
    assert [(p.id, p.org, p.report) for p in workspace.plans()] == [
        ("2017-wjj", "区卫计局", "001_9f2447f6adad0cf5.txt"),
        ("2019H2", "区卫生健康局", "000_39b622c591527ef1.txt"),
        ("2019Q4", "区卫生健康局", "局长办公会议纪要（2019年10月14日）.txt")]
    result = workspace.load_tasks()
    assert result.faults == []
    assert len(result.tasks) == 13
    assert workspace.get_task("2019H2-03").title == "全力做好创建国家卫生城市复审工作"


def test_the_quick_start_week_shows_an_office_at_work(built):
    report = weekly_report(Workspace(built), QUICK_START_DAY)
    assert (report.week, report.issue, report.issuer) == ("2019-W47", 21, "区卫生健康局办公室")
    assert len(report.moved) >= 5 and report.status_changes >= 1            # things moved this week
    assert [(c.task_id, c.old, c.new) for c in report.due_changes] == [      # a deadline changed
        ("2019H2-05", date(2019, 12, 31), date(2020, 3, 31))]
    late = {t.task_id: t.status for t in report.overdue}                     # something is late, one blocked
    assert late == {"2019H2-07": "blocked", "2019H2-08": "in_progress", "2019Q4-01": "in_progress"}
    assert [t.task_id for t in report.due_soon] == ["2019H2-02"]            # something is due soon
    assert (report.counts.dropped, report.counts.blocked) == (1, 1)         # a cancelled task, a blocked one
    assert [(c.plan, c.verdicts) for c in report.checks] == [("2017-wjj", {"done": 2})]
    # Two deadline extensions over the half-year: 2019H2-02 in October, 2019H2-05 in the quick-start week.
    earlier = weekly_report(Workspace(built), QUICK_START_DAY, "2019-W44")
    assert [(c.task_id, c.new) for c in earlier.due_changes] == [("2019H2-02", date(2019, 11, 30))]
