import pytest

from conftest import lines


def test_add_a_task_from_a_meeting(cli_run, workspace):
    result = cli_run("add", "做好冬季流感防控", "--owner", "疾控中心", "--co-owner", "医政科", "--new-owner", "--due", "12月中旬",
                     "--category", "局长办公会交办", "--target", "流感疫苗接种 ≥ 2 万人次")
    assert (result.exit_code, result.output) == (
        0, "已添加 2019H2-jb-01：做好冬季流感防控（疾控中心，完成时限 2019-12-20）\n")
    task = workspace.get_task("2019H2-jb-01")
    assert (task.owner, task.co_owners, task.due_basis, task.category, task.status) == (
        "疾控中心", ["医政科"], "12月中旬", "局长办公会交办", "todo")
    assert task.source == {"added_by": "张三", "added": workspace.get_task("2019H2-jb-01").source["added"]}
    assert str(task.source["added"]) == "2019-11-20"
    plan = workspace.read_plan("2019H2-jb")
    assert (plan.period, str(plan.start), str(plan.end), plan.extra) == ("2019H2", "2019-07-01", "2019-12-31",
                                                                         {"kind": "交办"})
    second = cli_run("--lang", "en", "add", "整改群众反映问题")
    assert second.output == "added 2019H2-jb-02: 整改群众反映问题 (区卫生健康局, due 2019-12-31)\n"
    assert workspace.get_task("2019H2-jb-02").due_basis == "period end"


def test_add_into_a_named_plan_takes_its_next_number(cli_run, workspace):
    result = cli_run("add", "补充任务", "--plan", "2019H2", "--due", "年底")
    assert result.output == "已添加 2019H2-05：补充任务（区卫生健康局，完成时限 2019-12-31）\n"
    show = cli_run("show", "2019H2-05")
    assert "来源      张三 2019-11-20 添加" in lines(show.output)


@pytest.mark.parametrize("args, zh, en", [
    (["add", "x", "--plan", "2018H1"], "duban: 没有计划 2018H1：找不到 {root}/2018H1/plan.toml；现有计划：2019H2\n",
     "duban: unknown plan '2018H1': no {root}/2018H1/plan.toml; the plans are 2019H2\n"),
    (["add", " "], "duban: 标题不能为空\n", "duban: the title cannot be empty\n"),
    (["add", "x", "--due", "3.5"], "duban: 无法识别的日期“3.5”：请用 YYYY-MM-DD，或 年底、6月底前、三季度末、下周五 等说法\n",
     "duban: bad date '3.5': use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末, 下周五\n"),
])
def test_add_refuses_bad_input(cli_run, workspace, args, zh, en):
    for lang, message in (("zh", zh), ("en", en)):
        result = cli_run("--lang", lang, *args)
        assert (result.exit_code, result.stderr) == (2, message.format(root=workspace.root))
    assert not (workspace.root / "2019H2-jb").exists()
