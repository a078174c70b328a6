import json

from conftest import lines


def test_overdue(cli_run):
    result = cli_run("overdue")
    assert lines(result.output) == [
        "逾期任务（2）",
        "编号       标题                              完成时限    逾期天数  最新进展",
        "─" * 79,
        "规划信息科（1）",
        "2019H2-03  强力推进医疗服务信息化建设        2019-09-30        51  完成平台招标",
        "",
        "区卫生健康局（1）",
        "2019H2-01  全力做好创建国家卫生城市复审工作  2019-10-31        20",
    ]
    assert result.exit_code == 0


def test_overdue_json_and_fail(cli_run):
    result = cli_run("overdue", "--json", "--fail")
    assert result.exit_code == 1
    assert [(t["id"], t["days_overdue"]) for t in json.loads(result.stdout)] == [("2019H2-03", 51),
                                                                                ("2019H2-01", 20)]
    nothing = cli_run("overdue", "--fail", today="2019-09-01")
    assert (nothing.exit_code, nothing.output) == (0, "没有逾期任务\n")


def test_overdue_in_english(cli_run):
    result = cli_run("--lang", "en", "overdue", "--owner", "规划信息科")
    assert lines(result.output) == [
        "Overdue tasks (1)",
        "ID         Title                       Due         Days late  Last note",
        "─" * 74,
        "规划信息科 (1)",
        "2019H2-03  强力推进医疗服务信息化建设  2019-09-30         51  完成平台招标",
    ]
    assert cli_run("--lang", "en", "overdue", today="2019-09-01").output == "nothing is overdue\n"


def test_an_owner_that_is_no_unit_is_refused_rather_than_reported_on_time(cli_run, workspace):
    """`overdue --owner 区卫健局` once said 没有逾期任务 while 区卫生健康局 had a late task."""
    result = cli_run("overdue", "--owner", "区卫健局")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "duban: 没有“区卫健局”这个单位：是否指 区卫生健康局？\n"
    workspace.root.joinpath("duban.toml").write_text(
        'organisation = "区卫生健康局"\n[units]\n"规划信息科" = ["信息科"]\n"区卫生健康局" = []\n', encoding="utf-8")
    assert lines(cli_run("overdue", "--owner", "信息科").output)[3:5] == [
        "规划信息科（1）", "2019H2-03  强力推进医疗服务信息化建设  2019-09-30        51  完成平台招标"]
    assert cli_run("overdue", "--owner", "中医科").output == "没有逾期任务\n"
