import json

import pytest

from conftest import lines


def test_show_text(cli_run):
    assert lines(cli_run("show", "2019H2-01").output) == [
        "2019H2-01  全力做好创建国家卫生城市复审工作",
        "状态      未开始",
        "责任单位  区卫生健康局",
        "配合单位  疾控中心",
        "完成时限  2019-10-31 (十月底)  逾期 20天",
        "分类      重点工作打算",
        "来源      report.txt 第12行",
    ]


def test_show_json(cli_run):
    data = json.loads(cli_run("show", "2019H2-03", "--json").stdout)
    assert data == {
        "id": "2019H2-03", "title": "强力推进医疗服务信息化建设", "category": "其他工作打算", "owner": "规划信息科",
        "co_owners": [], "due": "2019-09-30", "due_basis": "三季度末", "status": "in_progress", "targets": [],
        "progress": [{"date": "2019-09-02", "status": "in_progress", "note": "完成平台招标", "by": "张三"}],
        "plan": "2019H2", "days_overdue": 51}


@pytest.mark.parametrize("written", ["2019H2-3", "2019H2-003"])
def test_show_accepts_the_number_unpadded_or_wider(cli_run, written):
    assert json.loads(cli_run("show", written, "--json").stdout)["id"] == "2019H2-03"


def test_show_finds_a_task_file_numbered_wider(cli_run, workspace):
    folder = workspace.root / "2019H2"
    text = (folder / "04.toml").read_text(encoding="utf-8").replace('"2019H2-04"', '"2019H2-0004"')
    (folder / "04.toml").unlink()
    (folder / "0004.toml").write_text(text, encoding="utf-8")
    assert json.loads(cli_run("show", "2019H2-0004", "--json").stdout)["title"] == "进一步加强党建和宣传工作"
    assert json.loads(cli_run("show", "2019H2-04", "--json").stdout)["id"] == "2019H2-0004"


@pytest.mark.parametrize("task_id", ["x", "../2019H2-01", "/etc/passwd-01", "2019H2-²"])
def test_show_refuses_what_is_not_an_id_before_touching_a_path(cli_run, task_id):
    result = cli_run("show", task_id)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"duban: 没有任务“{task_id}”：编号形如 2019H2-03\n"
    assert cli_run("--lang", "en", "show", task_id).stderr == f"duban: unknown task {task_id!r}: ids look like 2019H2-03\n"


def test_unreadable_task_file_exit_3(cli_run, workspace):
    workspace.task_path("2019H2-01").write_bytes(b"\xff\xfe\x00garbage")
    result = cli_run("show", "2019H2-01")
    assert (result.exit_code, result.stderr) == (
        3, f"duban: {workspace.task_path('2019H2-01')}:1: 不是 UTF-8 文本\n")


def test_show_text_in_english(cli_run):
    assert lines(cli_run("--lang", "en", "show", "2019H2-01").output) == [
        "2019H2-01  全力做好创建国家卫生城市复审工作",
        "Status     to do",
        "Owner      区卫生健康局",
        "Co-owners  疾控中心",
        "Due        2019-10-31 (十月底)  Overdue 20 days",
        "Category   重点工作打算",
        "Source     report.txt, line 12",
    ]


def test_a_task_file_that_starts_with_a_bom_is_said_to(cli_run, workspace):
    path = workspace.task_path("2019H2-01")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = cli_run("--lang", "en", "show", "2019H2-01")
    assert (result.exit_code, result.stderr) == (3, f"duban: {path}:1: the file starts with a byte-order mark (BOM), "
                                                    "which TOML does not allow: save it as UTF-8 without BOM\n")
    assert cli_run("validate").stdout == f"{path}:1: 文件开头有字节顺序标记（BOM），TOML 不允许：请另存为不带 BOM 的 UTF-8\n"
