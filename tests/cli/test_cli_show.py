import json
from datetime import date

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
        "来源      report.txt（整理稿 2019H2/report.txt 第12行）",
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
        "Source     report.txt (line 12 of its clean text, 2019H2/report.txt)",
    ]


def test_show_the_last_check_with_its_passages_where_they_can_be_opened(cli_run, workspace, monkeypatch):
    task = workspace.get_task("2019H2-02")
    task.check = {"report": "2019年工作总结.docx", "sha256": "c" * 64, "text": "checks/2019年工作总结.txt",
                  "date": date(2020, 1, 10), "verdict": "at_risk", "score": 0.5,
                  "evidence": ["建成精品国医馆2家。"], "lines": [5], "risk": "中医药人才短缺。", "risk_line": 9,
                  "targets": [{"metric": "名中医工作室", "comparator": "at_least", "value": 3, "unit": "个",
                               "verdict": "not_met", "actual": 2, "actual_text": "建成名中医工作室2个", "line": 6}]}
    workspace.save_task(task)
    monkeypatch.chdir(workspace.root.parent)  # from the folder that holds plans/, the path is relative
    assert lines(cli_run("show", "2019H2-02").output)[-10:] == [
        "核查：有风险  得分 0.50  (2019年工作总结.docx  2020-01-10)",
        "·  plans/2019H2/checks/2019年工作总结.txt:5",
        "   建成精品国医馆2家。",
        "·  问题 plans/2019H2/checks/2019年工作总结.txt:9",
        "   中医药人才短缺。",
        "",
        "目标完成情况",
        "目标                实际  结论    原文",
        "─" * 60,
        "名中医工作室 ≥ 3个   2个  未达成  第6行：建成名中医工作室2个",
    ]


def test_show_a_check_an_older_duban_wrote_without_its_text(cli_run, workspace):
    task = workspace.get_task("2019H2-02")
    task.check = {"report": "2019年工作总结.docx", "verdict": "done", "score": 0.82,
                  "evidence": ["建成精品国医馆2家。", "中医药服务能力明显提升。"], "lines": [5]}
    workspace.save_task(task)
    assert lines(cli_run("show", "2019H2-02").output)[-4:] == [
        "核查：已完成  得分 0.82  (2019年工作总结.docx)",
        "·  第5行",
        "   建成精品国医馆2家。",
        "·  中医药服务能力明显提升。",
    ]


def test_a_task_file_that_starts_with_a_bom_is_said_to(cli_run, workspace):
    path = workspace.task_path("2019H2-01")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = cli_run("--lang", "en", "show", "2019H2-01")
    assert (result.exit_code, result.stderr) == (3, f"duban: {path}:1: the file starts with a byte-order mark (BOM), "
                                                    "which TOML does not allow: save it as UTF-8 without BOM\n")
    assert cli_run("validate").stdout == f"{path}:1: 文件开头有字节顺序标记（BOM），TOML 不允许：请另存为不带 BOM 的 UTF-8\n"


@pytest.mark.parametrize("edit, line, zh, en", [
    (lambda text: text.replace('status = "todo"\n', 'status = "todo"\nowner = "疾控中心"\n'), 9,
     "同一个键或表写了两次（一个表中每个键只能有一个）", "Cannot overwrite a value"),
    (lambda text: text.replace("due = 2019-11-25", "due = 2019-12-32"), 6,
     "日期 2019-12-32 无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）",
     "2019-12-32 is not a valid date (write YYYY-MM-DD, e.g. 2019-12-31)"),
])
def test_a_broken_task_file_is_said_in_the_user_s_language(cli_run, workspace, edit, line, zh, en):
    path = workspace.task_path("2019H2-02")
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = cli_run("show", "2019H2-02")
    assert (result.exit_code, result.stderr) == (3, f"duban: {path}:{line}: 不是有效的 TOML：{zh}\n")
    assert cli_run("--lang", "en", "show", "2019H2-02").stderr == f"duban: {path}:{line}: not valid TOML: {en}\n"


def test_an_id_typed_in_lower_case_is_the_task(cli_run):
    assert cli_run("show", "2019h2-03").output == cli_run("show", "2019H2-03").output
    assert json.loads(cli_run("show", "2019h2-3", "--json").stdout)["id"] == "2019H2-03"


def test_an_unknown_id_suggests_the_nearest(cli_run, workspace):
    path = workspace.root / "2019H2" / "13.toml"
    result = cli_run("show", "2019H2-13")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"duban: 没有任务 2019H2-13：找不到 {path}；"
                                                                       "是否指 2019H2-03？\n")
    assert cli_run("--lang", "en", "show", "2019H2-13").stderr == (f"duban: unknown task '2019H2-13': no {path}; "
                                                                   "did you mean 2019H2-03?\n")
    far = cli_run("show", "2019H2-99")  # as near to none: the plan's tasks
    assert far.stderr == "duban: 没有任务 2019H2-99：计划 2019H2 的任务是 2019H2-01 至 2019H2-04\n"
    other = cli_run("show", "2030H1-01")  # no such plan, nothing near: where it was looked for
    assert other.stderr == f"duban: 没有任务 2030H1-01：找不到 {workspace.root / '2030H1' / '01.toml'}\n"


def test_a_risk_read_from_a_missed_figure_is_not_called_a_problem(cli_run, workspace, monkeypatch):
    task = workspace.get_task("2019H2-02")
    task.check = {"report": "2019年工作总结.docx", "sha256": "c" * 64, "text": "checks/2019年工作总结.txt",
                  "date": date(2020, 1, 10), "verdict": "at_risk", "score": 0.5, "evidence": [],
                  "risk": "建成名中医工作室2个", "risk_line": 6, "risk_from": "target"}
    workspace.save_task(task)
    monkeypatch.chdir(workspace.root.parent)
    assert lines(cli_run("show", "2019H2-02").output)[-3:] == [
        "核查：有风险  得分 0.50  (2019年工作总结.docx  2020-01-10)",
        "·  未达成目标 plans/2019H2/checks/2019年工作总结.txt:6",
        "   建成名中医工作室2个",
    ]


def test_the_plan_years_goals_are_shown_apart_from_the_tasks_own_targets(cli_run, workspace):
    from duban.ledger.model import Target

    task = workspace.get_task("2019H2-01")
    task.targets = [Target("四小单位持证率", "at_least", 95, "%"),
                    Target("地区生产总值增长", "about", 6, "%", {"scope": "goals"})]
    workspace.save_task(task)
    shown = lines(cli_run("show", "2019H2-01").output)
    assert shown[6:8] == ["目标          四小单位持证率 ≥ 95%", "全年预期目标  地区生产总值增长 ≈ 6%"]
    english = lines(cli_run("--lang", "en", "show", "2019H2-01").output)
    assert any(line.startswith("Year's goals") and line.endswith("地区生产总值增长 ≈ 6%") for line in english)
