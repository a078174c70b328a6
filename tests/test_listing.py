"""listing.py prints the bytes rich's Table printed (tests/rich_reference.py), fast; dump_json the bytes of json."""

import io
import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

import rich_reference as reference
from duban.views import table as listing
from duban.ledger.queries import overdue_by_owner
from duban.ledger.model import ProgressEntry, Task
from duban.views.json import dump_json

from conftest import TODAY

# Titles and units as they come: Chinese, ASCII, full-width punctuation, and a few characters rich measures itself
# (combining accents, emoji, ambiguous-width marks). No "[": rich read str cells as markup, listing prints them.
ALPHABET = "全力做好创建国家卫生城市复审工作推进家庭医生签约服务区疾控中心（），、。：；“”—…·abcXYZ 0123-_éñ́👍①"
text = st.text(st.sampled_from(ALPHABET), max_size=45)


@st.composite
def tasks(draw):
    count = draw(st.integers(0, 8))
    result = []
    for number in range(1, count + 1):
        status = draw(st.sampled_from(["todo", "in_progress", "blocked", "done", "dropped"]))
        due = draw(st.one_of(st.none(), st.integers(-120, 60).map(lambda d: TODAY + timedelta(days=d))))
        plan = draw(st.sampled_from(["2019H2", "2019H1", "2020", "2019H2-a"]))
        task = Task(f"{plan}-{number:02d}", draw(text), status=status, owner=draw(text), due=due)
        if draw(st.booleans()):
            task.progress.append(ProgressEntry(TODAY, status, draw(text), "张三"))
        result.append(task)
    return result


screens = st.tuples(st.sampled_from([200, 160, 120, 100, 80, 72, 60, 54, 40, 30]), st.booleans(), st.booleans(),
                    st.sampled_from(["zh", "en"]))


def both(render_reference, render_fast, data, screen):
    width, terminal, no_color, lang = screen
    console, expected = reference.console_for(width, terminal, no_color)
    render_reference(console, data, TODAY, lang)
    console, actual = reference.console_for(width, terminal, no_color)
    render_fast(listing.Screen.for_console(console), data, TODAY, lang)
    return expected.getvalue(), actual.getvalue()


@settings(max_examples=300, deadline=None)
@given(tasks(), screens)
def test_list_prints_what_rich_printed(data, screen):
    expected, actual = both(reference.render_list, listing.render_list, data, screen)
    assert actual == expected


@settings(max_examples=300, deadline=None)
@given(tasks(), screens)
def test_overdue_prints_what_rich_printed(data, screen):
    groups = overdue_by_owner(data, TODAY)
    expected, actual = both(reference.render_overdue, listing.render_overdue, groups, screen)
    assert actual == expected


def test_the_fast_layout_is_the_one_used_for_files(workspace, monkeypatch):
    def no_rich(*args):
        raise AssertionError("rich was asked to lay out a table that fits")

    monkeypatch.setattr(listing, "_print_with_rich", no_rich)
    out = io.StringIO()
    listing.render_list(listing.Screen(out, 200), workspace.load_tasks().tasks, TODAY)
    assert "2019H2-04" in out.getvalue()


def test_colours_on_a_terminal_only():
    late = Task("2019H2-01", "全力做好创建国家卫生城市复审工作", owner="区卫生健康局", due=date(2019, 10, 31))
    terminal, plain = io.StringIO(), io.StringIO()
    listing.render_list(listing.Screen(terminal, 120, terminal=True, styled=True), [late], TODAY)
    listing.render_list(listing.Screen(plain, 120), [late], TODAY)
    assert "\x1b[1;31m2019-10-31\x1b[0m" in terminal.getvalue() and "\x1b[1m编号" in terminal.getvalue()
    assert "\x1b" not in plain.getvalue()
    no_color = io.StringIO()
    listing.render_list(listing.Screen(no_color, 120, terminal=True, styled=True, no_color=True), [late], TODAY)
    assert "\x1b[1m2019-10-31\x1b[0m" in no_color.getvalue() and "31m" not in no_color.getvalue()


def test_titles_are_printed_as_written_not_as_markup():
    task = Task("2019H2-01", "[bold]落实[/bold]【重点】任务", owner="[办公室]")
    out = io.StringIO()
    listing.render_list(listing.Screen(out, 200), [task], TODAY)
    assert "[bold]落实[/bold]【重点】任务" in out.getvalue() and "[办公室]" in out.getvalue()


def test_control_characters_go_through_rich_and_stay_aligned():
    tasks_ = [Task("2019H2-01", "第一行\n第二行", owner="办公室"), Task("2019H2-02", "制表\t符", owner="中医科")]
    out = io.StringIO()
    listing.render_list(listing.Screen(out, 200), tasks_, TODAY)
    assert out.getvalue().count("2019H2-0") == 2


@given(st.text())
def test_text_width_is_rich_cell_len(value):
    assert listing.text_width(value) == cell_len(value)


def test_text_width_of_every_wide_character_it_counts_itself():
    for code in range(0x20, 0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not listing._SIMPLE_WIDE.fullmatch(char):
            continue
        assert listing.text_width(char) == cell_len(char), hex(code)


scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text())
records = st.lists(st.dictionaries(st.text(max_size=5), scalar, max_size=4), max_size=6)
same_keys = st.lists(st.fixed_dictionaries({"id": st.text(), "due": st.one_of(st.none(), st.text()),
                                            "days_overdue": st.integers(0, 9999), "ok": st.booleans()}), max_size=6)


@given(st.one_of(records, same_keys, st.dictionaries(st.text(), scalar), scalar))
def test_dump_json_is_json_dumps(data):
    out = io.StringIO()
    dump_json(data, out)
    assert out.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_dump_json_of_dates():
    out = io.StringIO()
    dump_json([{"due": date(2019, 12, 31)}], out)
    assert json.loads(out.getvalue()) == [{"due": "2019-12-31"}]


# --- list --json from the index's pre-encoded heads ------------------------------------------------------


def summaries_of(data):
    from duban.ledger.index import TaskSummary, summary_record

    return [TaskSummary.from_record(summary_record(task)) for task in data]


def utf8_stream():
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")


def written(stream) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")


@settings(max_examples=200, deadline=None)
@given(tasks(), st.integers(-400, 400))
def test_listing_json_is_dump_json_of_task_summaries(data, shift):
    from duban.ledger.index import dump_listing_json
    from duban.ledger.queries import task_summary

    today = TODAY + timedelta(days=shift)
    expected = json.dumps([task_summary(t, today) for t in data], ensure_ascii=False, indent=2) + "\n"
    stream = utf8_stream()
    dump_listing_json(summaries_of(data), today, stream)
    assert written(stream) == expected
    stream = utf8_stream()
    dump_listing_json(data, today, stream)  # plain Tasks have no heads: the plain way, same bytes
    assert written(stream) == expected


def test_listing_json_distrusts_a_head_that_is_not_todays(workspace):
    from duban.ledger.index import dump_listing_json
    from duban.ledger.queries import task_summary

    summaries = summaries_of(workspace.load_tasks().tasks)
    summaries[0].json_head = b'    "id": "stale"'
    stream = utf8_stream()
    dump_listing_json(summaries, TODAY, stream)
    assert json.loads(written(stream)) == [task_summary(t, TODAY) for t in workspace.load_tasks().tasks]
    gbk = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    dump_listing_json(summaries_of(workspace.load_tasks().tasks), TODAY, gbk)
    gbk.flush()
    assert json.loads(gbk.buffer.getvalue().decode("gbk"))[0]["title"] == "全力做好创建国家卫生城市复审工作"
