"""Hypothesis fuzzing of what people type and what files hold (issue 15): ids and plan names, dates, notes.

Task files are fuzzed in tests/ledger/test_safety.py (any bytes, any TOML, right keys with any values: 940
examples) and tests/ledger/test_index.py; with this file's 3,400 that is over 4,000 examples a run, in about ten
seconds. What each property promises:
- an id or plan name either is refused as a usage error or names a file inside the workspace, whatever it holds;
- a deadline phrase and `--today` anywhere in the calendar give a date or a usage error, never an exception;
- any note (any Unicode a terminal can send) is written, read back exactly and shown as valid JSON.
"""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from duban.cli import cli
from duban.errors import UnknownTask, UsageError
from duban.ledger.model import ProgressEntry
from duban.ledger.store import Workspace
from duban.ledger.taskid import TaskId, check_plan_id, is_plan_id
from duban.text.dates import days_after, iso_week_of, parse_due, parse_iso_week

from conftest import make_workspace

FIXTURES = [HealthCheck.function_scoped_fixture]

# --- ids and plan names ------------------------------------------------------------------------------------

# The pieces of paths and ids: separators, dots, digits of other scripts, a NUL, a tilde, Chinese …
id_pieces = st.sampled_from(["2019H2", "-", "01", "3", "/", "\\", ".", "..", "../", "~", "\x00", "²", "٣", "０",
                             "H", "jb", "gwr", " ", "\n", "计划", "plans", ".duban-cache", "9" * 7, "_", "%2e"])
id_texts = st.one_of(st.lists(id_pieces, max_size=8).map("".join), st.text(max_size=20))


@settings(max_examples=800, deadline=None)
@given(id_texts)
def test_an_id_is_refused_or_names_a_file_inside_the_workspace(text):
    try:
        task = TaskId.parse(text)
    except UnknownTask:
        return
    assert is_plan_id(task.plan)
    root = "/srv/ledger/plans"
    path = os.path.normpath(os.path.join(root, task.plan, task.file_name))
    assert os.path.dirname(os.path.dirname(path)) == root  # plans/PLAN/NN.toml, nothing above, nothing hidden
    assert not task.plan.startswith(".") and TaskId.parse(str(task)) == task


@settings(max_examples=500, deadline=None)
@given(id_texts)
def test_a_plan_name_is_refused_or_a_folder_of_the_workspace(text):
    try:
        plan = check_plan_id(text)
    except UsageError:
        return
    assert os.path.dirname(os.path.normpath(os.path.join("/srv/ledger/plans", plan))) == "/srv/ledger/plans"


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES)
@given(id_texts, st.sampled_from(["show", "update", "cancel", "log", "rm"]))
def test_any_id_on_the_command_line_is_one_line_or_works(tmp_path_factory, text, command):
    root = tmp_path_factory.mktemp("fuzz")
    workspace = make_workspace(root / "plans")
    args = {"update": ["--note", "核实"], "cancel": ["--note", "暂缓"], "rm": ["--yes"]}.get(command, [])
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", "2019-11-20", command, text, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2, 3) or (command == "log" and result.exit_code == 2)
    if result.exit_code:
        assert result.stderr.count("\n") == 1, result.stderr
    assert sorted(p.name for p in root.iterdir()) == ["plans"]


# --- dates --------------------------------------------------------------------------------------------------

phrase_pieces = st.sampled_from(["年底", "年内", "明年", "今年", "2020年", "9999年", "0001年", "12月", "2月", "13月",
                                 "底", "前", "中旬", "上旬", "一季度", "三季度末", "下季度", "上半年", "下半年", "本周",
                                 "下下周", "周五", "周日", "今天", "明天", "后天", "3天内", "99天内", "两周内",
                                 "一个月内", "半年内", "12个月内", "春节前", "国庆节前", "元旦前", "节前", "年前",
                                 "30日", "31号", "2019-12-31", "9999-12-31", "0001-01-01", "2019/2/29", "x", "月",
                                 "十二", "二〇二〇年", "截至", " ", "-"])
phrases = st.one_of(st.lists(phrase_pieces, min_size=1, max_size=4).map("".join), st.text(max_size=12))
# hypothesis rarely reaches the calendar's ends by itself: they are where the overflows were
todays = st.one_of(st.dates(), st.sampled_from([date.min, date.max, date(9999, 12, 25), date(9999, 12, 31),
                                                date(1, 1, 7), date(2019, 11, 20)]),
                   st.dates(min_value=date(9998, 1, 1)), st.dates(max_value=date(2, 12, 31)))


@settings(max_examples=1000, deadline=None)
@given(phrases, todays)
def test_a_deadline_phrase_is_a_date_or_a_usage_error(text, today):
    try:
        due = parse_due(text, today)
    except UsageError as error:
        assert error.message  # said, in both languages, without failing itself
        return
    assert isinstance(due, date)


@settings(max_examples=300, deadline=None)
@given(todays, st.integers(-(10 ** 9), 10 ** 9))
def test_counting_days_stays_in_the_calendar(day, days):
    shifted = days_after(day, days)
    assert date.min <= shifted <= date.max
    assert (shifted - day).days == days or shifted in (date.min, date.max)


@settings(max_examples=300, deadline=None)
@given(st.one_of(todays.map(iso_week_of), st.from_regex(r"\A[0-9]{1,5}-?[Ww][0-9]{1,3}\Z"), st.text(max_size=9)))
def test_any_week_is_a_monday_and_its_sunday_or_a_usage_error(text):
    try:
        monday, sunday = parse_iso_week(text)
    except UsageError:
        return
    assert monday.weekday() == 0 and (sunday - monday).days in range(7)


@settings(max_examples=50, deadline=None, suppress_health_check=FIXTURES)
@given(todays, st.sampled_from([["list", "--due-within", "36500"], ["overdue"], ["weekly", "--json"],
                                ["list", "--overdue", "--json"], ["update", "2019H2-01", "--due", "明天"]]))
def test_any_today_runs_every_dated_command(workspace, today, args):
    result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", today.isoformat(), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output


# --- notes --------------------------------------------------------------------------------------------------

# Any text a terminal can send: every plane of Unicode but lone surrogates (refused on the command line).
# Any text, and lines that look like git conflict markers among it (a note may hold one: it must stay a note).
notes = st.one_of(st.text(st.characters(codec="utf-8"), min_size=1, max_size=60),
                  st.lists(st.sampled_from(["=======", "<<<<<<< HEAD", ">>>>>>> x", "|||||||", "完成摸排"]),
                           min_size=1, max_size=4).map("\n".join))


@pytest.fixture
def task_file(workspace):
    """A task file and its bytes as the fixture made it: each example starts from them, not from the last's."""
    path = workspace.task_path("2019H2-03")
    return path, path.read_bytes()


@settings(max_examples=250, deadline=None, suppress_health_check=FIXTURES)
@given(notes, notes)
def test_any_note_is_written_and_read_back_exactly(workspace, task_file, note, by):
    path, original = task_file
    path.write_bytes(original)
    task = workspace.get_task("2019H2-03")
    task.progress.append(ProgressEntry(date(2019, 11, 20), "in_progress", note, by))
    workspace.save_task(task)
    again = Workspace(workspace.root).get_task("2019H2-03").progress[-1]
    assert (again.note, again.by) == (note, by)


@settings(max_examples=100, deadline=None, suppress_health_check=FIXTURES)
@given(notes)
def test_any_note_typed_is_logged_and_shown(workspace, task_file, note):
    assume(note.strip())
    path, original = task_file
    path.write_bytes(original)
    run = lambda *args: CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", "2019-11-20", *args])
    result = run("update", "2019H2-03", "--note", note)
    assert result.exit_code == 0, result.output
    shown = run("show", "2019H2-03", "--json")
    assert json.loads(shown.stdout)["progress"][-1]["note"] == note
    assert run("show", "2019H2-03").exit_code == 0
