"""Inputs that made duban print a traceback (issue 15, item 12): each now gets one line on stderr and an exit code
of DESIGN.md (2 usage, 3 bad input), or simply works; and JSON output stays JSON whatever a task file holds."""

import json

import pytest


def one_line(result, code):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("task_id, said", [
    ("2019H2-²", "duban: 没有任务“2019H2-²”：编号形如 2019H2-03\n"),
    ("2019H2-" + "9" * 5000, "duban: 没有任务“2019H2-999999999999999999999999999999999…”：编号形如 2019H2-03\n"),
    ("2019H2-٣", "duban: 没有任务“2019H2-٣”：编号形如 2019H2-03\n"),  # an Arabic-Indic digit: int() takes it
    ("2019H2-0\n1", "duban: 没有任务“2019H2-0\\n1”：编号形如 2019H2-03\n"),  # what was typed, on one line
])
def test_ids_that_are_no_ids(cli_run, task_id, said):
    for command in ("show", "update", "log"):
        assert one_line(cli_run(command, task_id, *(["--note", "x"] if command == "update" else [])), 2) == said


@pytest.mark.parametrize("option", ["--note", "--by", "--owner", "--title", "--co-owner", "--due"])
def test_text_that_is_not_utf8_is_refused_naming_its_option(cli_run, workspace, option):
    """`--note $'\\xff'`: the shell hands over a byte that is not UTF-8, which Python keeps as a lone surrogate;
    it could never be written to a task file (on main: UnicodeEncodeError after the update was prepared)."""
    before = workspace.task_path("2019H2-01").read_bytes()
    said = one_line(cli_run("update", "2019H2-01", option, "完成\udcff摸排"), 2)
    assert said == f"duban: {option} 的值不是有效的 UTF-8 文本（终端或脚本用了别的编码？）\n"
    assert workspace.task_path("2019H2-01").read_bytes() == before


def test_a_title_and_a_reporter_from_the_environment_too(cli_run, workspace, monkeypatch):
    assert one_line(cli_run("add", "\udcff"), 2) == "duban: TITLE 的值不是有效的 UTF-8 文本（终端或脚本用了别的编码？）\n"
    monkeypatch.setenv("DUBAN_USER", "张\udcff")
    assert one_line(cli_run("update", "2019H2-01", "--note", "x"), 2) == \
        "duban: DUBAN_USER 的值不是有效的 UTF-8 文本（终端或脚本用了别的编码？）\n"


def test_due_within_any_number_of_days(cli_run):
    result = cli_run("list", "--due-within", "3000000", "--json")
    assert result.exit_code == 0, result.output
    assert [task["id"] for task in json.loads(result.stdout)] == ["2019H2-02"]


def test_dates_at_the_end_of_the_calendar(cli_run, workspace):
    assert cli_run("update", "2019H2-02", "--due", "9999-12-31").exit_code == 0
    listed = cli_run("list", "--due-within", "30", "--json", today="9999-12-31")
    assert listed.exit_code == 0, listed.output
    assert [task["id"] for task in json.loads(listed.stdout)] == ["2019H2-02"]
    for args in (["weekly", "--week", "9999-W52"], ["weekly", "--json"], ["overdue"], ["list", "--overdue"]):
        result = cli_run(*args, today="9999-12-31")
        assert result.exit_code == 0 and "Traceback" not in result.output, (args, result.output)
    said = one_line(cli_run("update", "2019H2-02", "--due", "明天", today="9999-12-31"), 2)
    assert said.startswith("duban: 无法识别的日期“明天”")


def test_a_time_in_a_task_file_is_shown_as_json(cli_run, workspace):
    path = workspace.task_path("2019H2-01")
    path.write_text("meeting = 09:30:00\nsince = 2019-07-01T08:00:00\n" + path.read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = cli_run("show", "2019H2-01", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "2019H2-01"


def strict_json(text):
    """JSON as the standard has it: NaN and Infinity are not JSON, whatever Python's json module accepts."""
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(text, parse_constant=refuse)


def test_a_nan_in_a_task_file_never_makes_invalid_json(cli_run, workspace, tmp_path):
    path = workspace.task_path("2019H2-02")
    text = path.read_text(encoding="utf-8").replace("value = 3", "value = nan")
    path.write_text(text + "\n[check]\nreport = \"年终总结.txt\"\nverdict = \"done\"\nscore = inf\n", encoding="utf-8")
    shown = strict_json(cli_run("show", "2019H2-02", "--json").stdout)
    assert (shown["targets"][0]["value"], shown["check"]["score"]) == (None, None)
    for args in (["list", "--json"], ["overdue", "--json"], ["weekly", "--json"], ["validate", "--json"]):
        result = cli_run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        strict_json(result.stdout)
