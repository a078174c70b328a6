import json

from conftest import lines


def test_list(cli_run):
    result = cli_run("list")
    assert result.exit_code == 0
    assert lines(result.output) == [
        "编号       标题                              责任单位      完成时限    状态    逾期",
        "─" * 83,
        "2019H2-01  全力做好创建国家卫生城市复审工作  区卫生健康局  2019-10-31  未开始  20天",
        "2019H2-02  进一步提升中医药服务能力          中医科        2019-11-25  未开始",
        "2019H2-03  强力推进医疗服务信息化建设        规划信息科    2019-09-30  推进中  51天",
        "2019H2-04  进一步加强党建和宣传工作          办公室        2019-12-31  已完成",
        "共 4 项任务",
    ]


def test_list_in_english_with_filters(cli_run):
    result = cli_run("--lang", "en", "list", "--status", "推进中", "--status", "todo", "--sort", "due")
    assert lines(result.output) == [
        "ID         Title                             Owner         Due         Status       Overdue",
        "─" * 91,
        "2019H2-03  强力推进医疗服务信息化建设        规划信息科    2019-09-30  in progress  51 days",
        "2019H2-01  全力做好创建国家卫生城市复审工作  区卫生健康局  2019-10-31  to do        20 days",
        "2019H2-02  进一步提升中医药服务能力          中医科        2019-11-25  to do",
        "3 tasks",
    ]


def test_list_json_filters(cli_run):
    result = cli_run("list", "--json", "--owner", "中医科")
    assert [t["id"] for t in json.loads(result.stdout)] == ["2019H2-02"]


def test_list_nothing(cli_run):
    assert cli_run("list", "--grep", "不存在的内容").output == "没有符合条件的任务\n"
    assert cli_run("list", "--grep", "不存在的内容", "--json").output == "[]\n"


def test_list_survives_a_broken_file(cli_run, workspace):
    broken = workspace.task_path("2019H2-02")
    broken.write_text('id = "2019H2-02"\ntitle = \n', encoding="utf-8")
    result = cli_run("list", "--json")
    assert result.exit_code == 0
    assert [t["id"] for t in json.loads(result.stdout)] == ["2019H2-01", "2019H2-03", "2019H2-04"]
    assert result.stderr == (f"duban: 警告：{broken}:2: 不是有效的 TOML：值无效（文字须加双引号，如 owner = \"疾控中心\"；"
                             "日期写成 2019-12-31）\n")


def test_chinese_status_in_file_is_accepted(cli_run, workspace):
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "已完成"'),
                    encoding="utf-8")
    assert [t["status"] for t in json.loads(cli_run("list", "--json").stdout)][3] == "done"


def test_list_sorted_by_days_late_and_reversed(cli_run):
    assert [line[:9] for line in lines(cli_run("list", "--sort", "late").output)[2:6]] == [
        "2019H2-03", "2019H2-01", "2019H2-02", "2019H2-04"]
    reverse = cli_run("--lang", "en", "list", "--sort", "status", "--reverse")
    assert lines(reverse.output)[2:6] == [
        "2019H2-04  进一步加强党建和宣传工作          办公室        2019-12-31  done",
        "2019H2-03  强力推进医疗服务信息化建设        规划信息科    2019-09-30  in progress  51 days",
        "2019H2-02  进一步提升中医药服务能力          中医科        2019-11-25  to do",
        "2019H2-01  全力做好创建国家卫生城市复审工作  区卫生健康局  2019-10-31  to do        20 days",
    ]


def test_due_within_is_open_and_not_yet_late(cli_run):
    assert lines(cli_run("list", "--due-within", "14").output) == [
        "编号       标题                      责任单位  完成时限    状态    逾期",
        "─" * 71,
        "2019H2-02  进一步提升中医药服务能力  中医科    2019-11-25  未开始",
        "共 1 项任务",
    ]


def test_list_names_a_link_to_nothing(cli_run, workspace):
    link = workspace.root / "2019H2" / "05.toml"
    link.symlink_to("gone.toml")
    for _ in range(2):  # and again from the index
        result = cli_run("--lang", "en", "list", "--json")
        assert [t["id"] for t in json.loads(result.stdout)] == ["2019H2-01", "2019H2-02", "2019H2-03", "2019H2-04"]
        assert result.stderr == f"duban: warning: {link}: cannot read: No such file or directory\n"


def test_two_files_of_one_id_are_named_and_the_one_show_reads_is_listed(cli_run, workspace):
    folder = workspace.root / "2019H2"
    (folder / "002.toml").write_bytes((folder / "02.toml").read_bytes())  # a copy under a wider number
    misplaced = (folder / "04.toml").read_text(encoding="utf-8").replace('"2019H2-04"', '"2019H2-03"')
    (folder / "04.toml").write_text(misplaced, encoding="utf-8")  # 04.toml holding 03's id
    for command in (("list", "--json"), ("export", "-o", "-", "--format", "csv")):
        result = cli_run("--lang", "en", *command)
        assert result.exit_code == 0
        assert result.stderr == (
            f"duban: warning: {folder / '002.toml'}:1: duplicate id '2019H2-02': also in {folder / '02.toml'}\n"
            f"duban: warning: {folder / '04.toml'}:1: duplicate id '2019H2-03': also in {folder / '03.toml'}\n")
    listed = json.loads(cli_run("list", "--json").stdout)
    assert [(t["id"], t["title"]) for t in listed] == [("2019H2-01", "全力做好创建国家卫生城市复审工作"),
                                                       ("2019H2-02", "进一步提升中医药服务能力"),
                                                       ("2019H2-03", "强力推进医疗服务信息化建设")]


def test_a_file_holding_another_id_is_listed_and_named(cli_run, workspace):
    """show finds it by neither id: the listing says so, every time, as validate does (a trial found it silent)."""
    path = workspace.root / "2019H2" / "04.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2019H2-04"', '"2019H2-55"'), encoding="utf-8")
    for _ in range(2):  # and again from the index
        result = cli_run("--lang", "en", "list", "--json")
        assert [t["id"] for t in json.loads(result.stdout)] == ["2019H2-01", "2019H2-02", "2019H2-03", "2019H2-55"]
        assert result.stderr == f"duban: warning: {path}:1: id '2019H2-55' does not match its file 2019H2/04.toml\n"
    said = f"{path}:1: id '2019H2-55' does not match its file 2019H2/04.toml\n"
    assert cli_run("--lang", "en", "validate").stdout == said


def test_at_80_columns_owners_and_latin_words_stay_whole(cli_run, monkeypatch):
    """罗湖区人民政府 (14 cells) was wrapped to 罗湖区人民/政府 and, in English, maintainers to mainta/iners, while
    the title had room to give."""
    monkeypatch.setenv("COLUMNS", "80")
    assert cli_run("update", "2019H2-01", "--owner", "罗湖区人民政府", "--new-owner").exit_code == 0
    assert cli_run("update", "2019H2-02", "--owner", "the maintainers", "--new-owner",
                   "--title", "Keep the project's documentation current for its readers").exit_code == 0
    assert lines(cli_run("list").output)[:7] == [
        "编号       标题                        责任单位         完成时限    状态    逾期",
        "─" * 80,
        "2019H2-01  全力做好创建国家卫生城市复  罗湖区人民政府   2019-10-31  未开始  20天",
        "           审工作",
        "2019H2-02  Keep the project's          the maintainers  2019-11-25  未开始",
        "           documentation current for",
        "           its readers",
    ]
    assert lines(cli_run("--lang", "en", "list").output)[2:7] == [
        "2019H2-01  全力做好创建国家卫  罗湖区人民政府   2019-10-31  to do        20 days",
        "           生城市复审工作",
        "2019H2-02  Keep the project's  the maintainers  2019-11-25  to do",
        "           documentation",
        "           current for its"]


def test_a_filter_that_names_no_unit_or_plan_is_refused_not_answered_empty(cli_run, workspace):
    """A typo in --owner or --plan must not read as "no such tasks": it names what there is, exit 2."""
    typo = cli_run("list", "--owner", "区卫健局")
    assert (typo.exit_code, typo.stdout) == (2, "")
    assert typo.stderr == "duban: 没有“区卫健局”这个单位：是否指 区卫生健康局？\n"
    unknown = cli_run("--lang", "en", "list", "--owner", "财政局")
    assert unknown.stderr == ("duban: no unit '财政局' (known: 中医科、办公室、区卫生健康局、疾控中心、规划信息科、妇幼健康科、人口家庭科)\n")
    plan = cli_run("list", "--plan", "2022")
    assert plan.exit_code == 2
    assert plan.stderr == (f"duban: 没有计划 2022：找不到 {workspace.root / '2022' / 'plan.toml'}；现有计划：2019H2\n")


def test_a_known_unit_or_plan_with_nothing_left_is_still_an_empty_answer(cli_run):
    # 疾控中心 only supports a task; 卫生 is part of 区卫生健康局's name: both are units the ledger knows
    assert cli_run("list", "--owner", "疾控中心", "--status", "done").output == "没有符合条件的任务\n"
    assert cli_run("list", "--owner", "卫生", "--status", "done").output == "没有符合条件的任务\n"
    assert cli_run("list", "--plan", "2019h2", "--grep", "不存在的内容").output == "没有符合条件的任务\n"
