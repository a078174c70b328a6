import json
import re

import pytest

from conftest import lines


def test_update_status_and_log(cli_run, workspace):
    result = cli_run("update", "2019H2-01", "--status", "推进中", "--note", "完成四小单位摸排")
    assert (result.exit_code, result.output) == (0, "2019H2-01 未开始 → 推进中\n")
    task = workspace.get_task("2019H2-01")
    assert task.status == "in_progress"
    entry = task.progress[-1]
    assert (str(entry.date), entry.status, entry.note, entry.by) == ("2019-11-20", "in_progress",
                                                                    "完成四小单位摸排", "张三")


@pytest.mark.parametrize("lang, said", [
    ("zh", "2019H2-02 延期 2019-11-25 → 2019-12-31\n"),
    ("en", "2019H2-02 deadline moved 2019-11-25 → 2019-12-31\n"),
])
def test_update_due_from_a_chinese_phrase_says_what_changed(cli_run, workspace, lang, said):
    result = cli_run("--lang", lang, "update", "2019H2-02", "--due", "12月底前", "--by", "李四")
    assert result.output == said
    task = workspace.get_task("2019H2-02")
    assert (str(task.due), task.due_basis, task.progress[-1].by) == ("2019-12-31", "12月底前", "李四")


def test_a_phrase_without_a_year_means_the_next_one(cli_run, workspace):
    result = cli_run("update", "2019H2-01", "--due", "6月底前")
    assert result.output == "2019H2-01 延期 2019-10-31 → 2020-06-30\n"


@pytest.mark.parametrize("typed, due, said", [
    ("9月30", "2020-09-30", "2019H2-02 延期 2019-11-25 → 2020-09-30\n"),
    ("25号", "2019-11-25", "2019H2-02 没有变化\n"),
    ("本月28日", "2019-11-28", "2019H2-02 延期 2019-11-25 → 2019-11-28\n"),
    ("十一前", "2020-09-30", "2019H2-02 延期 2019-11-25 → 2020-09-30\n"),
    ("9月底前完成", "2020-09-30", "2019H2-02 延期 2019-11-25 → 2020-09-30\n"),
    ("12月底之前完成", "2019-12-31", "2019H2-02 延期 2019-11-25 → 2019-12-31\n"),
])
def test_deadlines_as_clerks_type_them(cli_run, workspace, typed, due, said):
    result = cli_run("update", "2019H2-02", "--due", typed)
    assert (result.exit_code, result.stdout, result.stderr) == (0, said, "")
    assert str(workspace.get_task("2019H2-02").due) == due


def test_an_update_that_changes_nothing_writes_nothing(cli_run, workspace):
    before = workspace.task_path("2019H2-02").read_bytes()
    result = cli_run("update", "2019H2-02", "--due", "2019-11-25")
    assert (result.exit_code, result.output) == (0, "2019H2-02 没有变化\n")
    assert cli_run("--lang", "en", "update", "2019H2-02", "--owner", "中医科").output == "2019H2-02: nothing changed\n"
    assert workspace.task_path("2019H2-02").read_bytes() == before


def test_update_fields(cli_run, workspace):
    result = cli_run("update", "2019H2-02", "--title", "提升中医药服务能力", "--co-owner", "疾控中心",
                     "--co-owner", "妇幼健康科", "--new-owner", "--target", "名中医工作室 ≥ 5 个", "--category", "重点工作")
    assert lines(result.output) == ["2019H2-02 标题 进一步提升中医药服务能力 → 提升中医药服务能力；分类 重点工作打算 → "
                                    "重点工作；配合单位 疾控中心、妇幼健康科；目标 名中医工作室 ≥ 5个"]
    task = workspace.get_task("2019H2-02")
    assert (task.title, task.co_owners, task.category) == ("提升中医药服务能力", ["疾控中心", "妇幼健康科"], "重点工作")
    assert [t.to_dict() for t in task.targets] == [{"metric": "名中医工作室", "comparator": "at_least", "value": 5,
                                                    "unit": "个"}]
    english = cli_run("--lang", "en", "update", "2019H2-02", "--co-owner", "", "--detail", "新的内容")
    assert english.output == "2019H2-02 detail changed; Co-owners —\n"


def test_update_keeps_a_person_s_comments(cli_run, workspace):
    path = workspace.task_path("2019H2-01")
    path.write_text("# 局长2019-11-18批示：年底前务必完成\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    cli_run("update", "2019H2-01", "--status", "done")
    assert path.read_text(encoding="utf-8").startswith("# 局长2019-11-18批示：年底前务必完成\nid = \"2019H2-01\"\n")


@pytest.mark.parametrize("args, zh, en", [
    (["update", "2019H2-99", "--status", "done"], "duban: 没有任务 2019H2-99：计划 2019H2 的任务是 2019H2-01 至 2019H2-04\n",
     "duban: unknown task '2019H2-99': plan 2019H2's tasks are 2019H2-01 to 2019H2-04\n"),
    (["update", "2019H2-01", "--due", "soon"],
     "duban: 无法识别的日期“soon”：请用 YYYY-MM-DD，或 年底、6月底前、三季度末、下周五 等说法\n",
     "duban: bad date 'soon': use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末, 下周五\n"),
    (["update", "2019H2-01", "--due", "今年6月底"],
     "duban: “今年6月底”是 2019-06-30，已经过去：新的完成时限不能早于今天（2019-11-20）；是否指 2020-06-30？\n",
     "duban: '今年6月底' is 2019-06-30, which has passed: a new deadline cannot be before today (2019-11-20); "
     "did you mean 2020-06-30?\n"),
    (["update", "2019H2-01", "--due", "上周五"],
     "duban: “上周五”是 2019-11-15，已经过去：新的完成时限不能早于今天（2019-11-20）；是否指 2019-11-22？\n",
     "duban: '上周五' is 2019-11-15, which has passed: a new deadline cannot be before today (2019-11-20); "
     "did you mean 2019-11-22?\n"),
    (["update", "2019H2-01", "--due", "昨天"],
     "duban: “昨天”是 2019-11-19，已经过去：新的完成时限不能早于今天（2019-11-20）\n",
     "duban: '昨天' is 2019-11-19, which has passed: a new deadline cannot be before today (2019-11-20)\n"),
    (["update", "2019H2-01", "--target", "很多"],
     "duban: 无法识别的目标“很多”：请写成“指标 ≥ 值 单位”，如“签约服务覆盖率 ≥ 30 %”\n",
     "duban: bad target '很多': write 'metric ≥ value unit', e.g. '签约服务覆盖率 ≥ 30 %'\n"),
    (["update", "2019H2-01"], "duban: 没有要更新的内容：请给出 --status、--owner、--due、--note 等选项\n",
     "duban: nothing to update: give --status, --owner, --due, --note or another field\n"),
])
def test_bad_input_is_one_line_with_exit_2(cli_run, workspace, args, zh, en):
    before = workspace.task_path("2019H2-01").read_bytes()
    for lang, message in (("zh", zh), ("en", en)):
        result = cli_run("--lang", lang, *args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(root=workspace.root))
    assert workspace.task_path("2019H2-01").read_bytes() == before


def test_update_of_an_id_that_is_a_path_creates_nothing(cli_run, tmp_path):
    result = cli_run("update", f"{tmp_path}/x/a/b-01", "--note", "x")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_the_reporter_is_git_s_user_name_without_duban_user(cli_run, workspace, monkeypatch):
    import subprocess

    monkeypatch.delenv("DUBAN_USER")
    subprocess.run(["git", "init", "-q", str(workspace.root)], check=True)
    subprocess.run(["git", "-C", str(workspace.root), "config", "user.name", "王五"], check=True)
    cli_run("update", "2019H2-01", "--note", "已催办")
    assert workspace.get_task("2019H2-01").progress[-1].by == "王五"


MARKER_LINE = re.compile(r"^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)", re.MULTILINE)


def test_a_note_with_lines_like_git_conflict_markers_leaves_the_task_readable(cli_run, workspace):
    note = "分隔线\n=======\n完成摸排\n<<<<<<< 上次\n>>>>>>> 本次\n|||||||"
    assert cli_run("update", "2019H2-03", "--status", "done", "--note", note).exit_code == 0
    assert cli_run("update", "2019H2-03", "--note", "复审通过").exit_code == 0  # the task still takes updates
    text = workspace.task_path("2019H2-03").read_text(encoding="utf-8")
    assert MARKER_LINE.search(text) is None  # no line of the file is a marker: the note's breaks are escaped
    assert 'note = "分隔线\\n=======\\n完成摸排\\n<<<<<<< 上次\\n>>>>>>> 本次\\n|||||||"\n' in text
    shown = cli_run("show", "2019H2-03", "--json")
    assert shown.exit_code == 0
    assert [entry["note"] for entry in json.loads(shown.output)["progress"]][-2:] == [note, "复审通过"]
    listed = cli_run("list")
    assert (listed.exit_code, "2019H2-03" in listed.output) == (0, True)
    assert cli_run("validate").exit_code == 0


def test_a_note_with_ordinary_line_breaks_stays_a_multi_line_string(cli_run, workspace):
    cli_run("update", "2019H2-03", "--note", "一、完成摸排\n二、整改23处\n==== 分节 ====")
    text = workspace.task_path("2019H2-03").read_text(encoding="utf-8")
    assert 'note = """\n一、完成摸排\n二、整改23处\n==== 分节 ===="""\n' in text


@pytest.mark.parametrize("typed", ["1", "-1", "12.31", "19-12-31", "March"])
def test_a_deadline_that_would_be_a_guess_is_refused_and_nothing_written(cli_run, workspace, typed):
    before = workspace.task_path("2019H2-02").read_bytes()
    result = cli_run("--lang", "en", "update", "2019H2-02", "--due", typed)
    assert (result.exit_code, result.output) == (2, f"duban: bad date {typed!r}: use YYYY-MM-DD or a phrase such as "
                                                    "年底, 6月底前, 三季度末, 下周五\n")
    assert workspace.task_path("2019H2-02").read_bytes() == before


def test_an_id_written_without_its_padding_is_the_same_task(cli_run, workspace):
    result = cli_run("update", "2019H2-3", "--note", "完成招标")
    assert (result.exit_code, result.stderr) == (0, "")
    assert workspace.get_task("2019H2-03").progress[-1].note == "完成招标"
    assert sorted(p.name for p in (workspace.root / "2019H2").iterdir()) == ["01.toml", "02.toml", "03.toml",
                                                                            "04.toml", "plan.toml"]
