"""The command line through click's CliRunner, with exact expectations."""

import json

import pytest
from click.testing import CliRunner

from duban import __version__
from duban.cli import cli


@pytest.fixture
def run(workspace, monkeypatch):
    monkeypatch.delenv("DUBAN_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("DUBAN_USER", "张三")

    def invoke(*args, today="2019-11-20"):
        runner = CliRunner()
        return runner.invoke(cli, ["--plans", str(workspace.root), "--today", today, *args])

    return invoke


def lines(output):
    return [line.rstrip() for line in output.splitlines()]


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"duban, version {__version__}\n"


def test_list(run):
    result = run("list")
    assert result.exit_code == 0
    assert lines(result.output) == [
        "编号        标题                               责任单位       完成时限     状态     逾期",
        "─" * 88,
        "2019H2-01   全力做好创建国家卫生城市复审工作   区卫生健康局   2019-10-31   未开始   20天",
        "2019H2-02   进一步提升中医药服务能力           中医科         2019-11-25   未开始",
        "2019H2-03   强力推进医疗服务信息化建设         规划信息科     2019-09-30   推进中   51天",
        "2019H2-04   进一步加强党建和宣传工作           办公室         2019-12-31   已完成",
        "共 4 项任务",
    ]


def test_list_in_english_with_filters(run):
    result = run("--lang", "en", "list", "--status", "推进中", "--status", "todo", "--sort", "due")
    assert lines(result.output) == [
        "ID          Title                              Owner          Due          Status        Overdue",
        "────────────────────────────────────────────────────────────────────────────────────────────────",
        "2019H2-03   强力推进医疗服务信息化建设         规划信息科     2019-09-30   in_progress   51 days",
        "2019H2-01   全力做好创建国家卫生城市复审工作   区卫生健康局   2019-10-31   todo          20 days",
        "2019H2-02   进一步提升中医药服务能力           中医科         2019-11-25   todo",
        "3 tasks",
    ]


def test_list_json_shape(run):
    result = run("list", "--json", "--owner", "中医科")
    assert json.loads(result.output) == [{
        "id": "2019H2-02", "plan": "2019H2", "title": "进一步提升中医药服务能力", "owner": "中医科",
        "due": "2019-11-25", "status": "todo", "days_overdue": 0}]


def test_list_nothing(run):
    assert run("list", "--grep", "不存在的内容").output == "没有符合条件的任务\n"
    assert run("list", "--grep", "不存在的内容", "--json").output == "[]\n"


def test_list_survives_a_broken_file(run, workspace):
    broken = workspace.task_path("2019H2-02")
    broken.write_text('id = "2019H2-02"\ntitle = \n', encoding="utf-8")
    result = run("list", "--json")
    assert result.exit_code == 0
    assert [t["id"] for t in json.loads(result.stdout)] == ["2019H2-01", "2019H2-03", "2019H2-04"]
    assert result.stderr == f"duban: warning: {broken}:2: not valid TOML: Invalid value\n"


def test_show_json(run):
    data = json.loads(run("show", "2019H2-03", "--json").output)
    assert data == {
        "id": "2019H2-03", "title": "强力推进医疗服务信息化建设", "category": "其他工作打算", "owner": "规划信息科",
        "co_owners": [], "due": "2019-09-30", "due_basis": "三季度末", "status": "in_progress", "targets": [],
        "progress": [{"date": "2019-09-02", "status": "in_progress", "note": "完成平台招标", "by": "张三"}],
        "plan": "2019H2", "days_overdue": 51}


def test_show_text(run):
    assert lines(run("show", "2019H2-01").output) == [
        "2019H2-01  全力做好创建国家卫生城市复审工作",
        "状态      未开始",
        "责任单位  区卫生健康局",
        "配合单位  疾控中心",
        "完成时限  2019-10-31 (十月底)  逾期 20天",
        "分类      重点工作打算",
        "来源      report.txt 第12行",
    ]


def test_update_status_and_log(run, workspace):
    result = run("update", "2019H2-01", "--status", "推进中", "--note", "完成四小单位摸排")
    assert (result.exit_code, result.output) == (0, "2019H2-01 未开始 → 推进中\n")
    task = workspace.get_task("2019H2-01")
    assert task.status == "in_progress"
    entry = task.progress[-1]
    assert (str(entry.date), entry.status, entry.note, entry.by) == ("2019-11-20", "in_progress",
                                                                    "完成四小单位摸排", "张三")


def test_update_due_from_a_chinese_phrase(run, workspace):
    result = run("--lang", "en", "update", "2019H2-02", "--due", "12月底前", "--by", "李四", today="2019-11-20")
    assert result.output == "2019H2-02 progress recorded\n"
    task = workspace.get_task("2019H2-02")
    assert (str(task.due), task.due_basis, task.progress[-1].by) == ("2019-12-31", "12月底前", "李四")


@pytest.mark.parametrize("args, message", [
    (["update", "2019H2-99", "--status", "done"], "duban: unknown task '2019H2-99': no {root}/2019H2/99.toml\n"),
    (["update", "2019H2-01", "--status", "finished"],
     "duban: unknown status 'finished': use one of todo (未开始), in_progress (推进中), done (已完成), "
     "blocked (受阻), dropped (已取消)\n"),
    (["update", "2019H2-01", "--due", "soon"],
     "duban: bad date 'soon': use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末\n"),
    (["update", "2019H2-01"], "duban: nothing to update: give --status, --owner, --due or --note\n"),
    (["show", "x"], "duban: unknown task 'x': ids look like 2019H2-03\n"),
])
def test_bad_input_is_one_line_with_exit_2(run, workspace, args, message):
    before = workspace.task_path("2019H2-01").read_bytes()
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(root=workspace.root))
    assert workspace.task_path("2019H2-01").read_bytes() == before


def test_bad_today(run):
    result = run("list", today="2019-13-01")
    assert (result.exit_code, result.stderr) == (2, "duban: bad --today '2019-13-01': use YYYY-MM-DD\n")


def test_missing_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DUBAN_PLANS", raising=False)
    result = CliRunner().invoke(cli, ["list"])
    assert (result.exit_code, result.stderr) == (
        2, "duban: no duban workspace here: run `duban init`, or pass --plans DIR or set DUBAN_PLANS\n")


def test_unreadable_task_file_exit_3(run, workspace):
    workspace.task_path("2019H2-01").write_bytes(b"\xff\xfe\x00garbage")
    result = run("show", "2019H2-01")
    assert (result.exit_code, result.stderr) == (
        3, f"duban: {workspace.task_path('2019H2-01')}:1: not UTF-8 text\n")


def test_overdue(run):
    result = run("overdue")
    assert lines(result.output) == [
        "逾期任务 (2)",
        "责任单位       编号        标题                               完成时限     逾期天数   最新进展",
        "──────────────────────────────────────────────────────────────────────────────────────────────────",
        "规划信息科     2019H2-03   强力推进医疗服务信息化建设         2019-09-30         51   完成平台招标",
        "",
        "区卫生健康局   2019H2-01   全力做好创建国家卫生城市复审工作   2019-10-31         20",
    ]
    assert result.exit_code == 0


def test_overdue_json_and_fail(run):
    result = run("overdue", "--json", "--fail")
    assert result.exit_code == 1
    assert [(t["id"], t["days_overdue"]) for t in json.loads(result.output)] == [("2019H2-03", 51),
                                                                                ("2019H2-01", 20)]
    nothing = run("overdue", "--fail", today="2019-09-01")
    assert (nothing.exit_code, nothing.output) == (0, "没有逾期任务\n")


def test_validate(run, workspace):
    assert (run("validate").exit_code, run("validate").output) == (0, "ok: 1 plans, 4 tasks\n")
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "完结"'), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout == (f"{path}:8: unknown status '完结': use one of todo, in_progress, done, blocked, "
                             "dropped\n")
    assert result.stderr == f"1 fault(s) in {workspace.root}\n"


def test_init(tmp_path):
    target = tmp_path / "new"
    result = CliRunner().invoke(cli, ["init", str(target), "--org", "某区卫生健康局"])
    assert (result.exit_code, result.output) == (0, f"created workspace {target}\n")
    again = CliRunner().invoke(cli, ["init", str(target)])
    assert again.output == f"{target} is already a duban workspace\n"


def test_chinese_status_in_file_is_accepted(run, workspace):
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "已完成"'),
                    encoding="utf-8")
    assert json.loads(run("show", "2019H2-04", "--json").output)["status"] == "done"
