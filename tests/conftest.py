from datetime import date
from pathlib import Path

import pytest

from duban.ledger.model import Plan, ProgressEntry, Target, Task
from duban.ledger.store import Workspace, init_workspace

TODAY = date(2019, 11, 20)


def make_workspace(root: Path) -> Workspace:
    """A small ledger: one plan of four tasks, two of them late on TODAY."""
    init_workspace(root, "区卫生健康局")
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019H2", "区卫生健康局", "2019H2", date(2019, 7, 1), date(2019, 12, 31),
                             "report.txt", "0" * 64))
    tasks = [
        Task("2019H2-01", "全力做好创建国家卫生城市复审工作", category="重点工作打算", owner="区卫生健康局",
             co_owners=["疾控中心"], due=date(2019, 10, 31), due_basis="十月底",
             source={"report": "report.txt", "line": 12}),
        Task("2019H2-02", "进一步提升中医药服务能力", category="重点工作打算", owner="中医科",
             due=date(2019, 11, 25), due_basis="period end",
             targets=[Target("名中医工作室", "at_least", 3, "个")]),
        Task("2019H2-03", "强力推进医疗服务信息化建设", category="其他工作打算", owner="规划信息科",
             due=date(2019, 9, 30), due_basis="三季度末", status="in_progress",
             progress=[ProgressEntry(date(2019, 9, 2), "in_progress", "完成平台招标", "张三")]),
        Task("2019H2-04", "进一步加强党建和宣传工作", category="其他工作打算", owner="办公室",
             due=date(2019, 12, 31), due_basis="period end", status="done"),
    ]
    for task in tasks:
        workspace.save_task(task)
    return workspace


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    return make_workspace(tmp_path / "plans")


@pytest.fixture
def cli_run(workspace, monkeypatch):
    """`duban --plans WS --today 2019-11-20 …` through click's CliRunner, with a fixed reporter and language."""
    from click.testing import CliRunner

    from duban.cli import cli

    for name in ("DUBAN_LANG", "NO_COLOR", "COLUMNS", "DUBAN_PLANS", "DUBAN_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DUBAN_USER", "张三")

    def invoke(*args, today="2019-11-20", stdin=None):
        return CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", today, *args], input=stdin)

    return invoke


def lines(output: str) -> list[str]:
    return [line.rstrip() for line in output.splitlines()]
