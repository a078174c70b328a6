from datetime import date

from hypothesis import given, settings, strategies as st

from duban.ledger import tomlfile
from duban.ledger.model import ProgressEntry, Target, Task
from duban.ledger.store import render_task

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
line_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
numbers = st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=64))
statuses = st.sampled_from(["todo", "in_progress", "done", "blocked", "dropped"])
bare_keys = st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True).filter(
    lambda k: k not in {"id", "title", "category", "detail", "owner", "co_owners", "due", "due_basis", "status",
                        "targets", "source", "progress", "check"})
extra_values = st.one_of(text, st.integers(-1000, 1000), st.booleans(), dates, st.lists(text, max_size=3),
                         st.dictionaries(bare_keys, text, max_size=3))

targets = st.builds(Target, metric=text.filter(bool), comparator=st.sampled_from(["at_least", "at_most", "about"]),
                    value=numbers, unit=text)
entries = st.builds(ProgressEntry, date=dates, status=statuses, note=line_text, by=text)
tasks = st.builds(
    Task,
    id=st.from_regex(r"20[0-9]{2}(H[12])?-[0-9]{2,3}", fullmatch=True),
    title=text.filter(lambda t: t.strip() != ""),
    status=statuses,
    category=text,
    detail=line_text,
    owner=text,
    co_owners=st.lists(text, max_size=3),
    due=st.one_of(st.none(), dates),
    due_basis=text,
    targets=st.lists(targets, max_size=3),
    source=st.fixed_dictionaries({"report": text, "line": st.integers(1, 10**6)}),
    progress=st.lists(entries, max_size=4),
    check=st.fixed_dictionaries({"report": text, "verdict": st.sampled_from(["done", "at_risk", "not_found"]),
                                 "score": st.floats(0, 1), "evidence": st.lists(line_text, max_size=3)}),
    extra=st.dictionaries(bare_keys, extra_values, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(tasks)
def test_any_task_survives_a_round_trip_byte_identically(task):
    first = render_task(task)
    again = Task.from_dict(tomlfile.loads(first, "task.toml"))
    assert again == task
    assert render_task(again) == first


def test_layout_is_the_designed_one():
    task = Task("2019H2-03", "全力做好创建国家卫生城市复审工作", category="重点工作打算", detail="第一行\n第二行",
                owner="区卫生健康局", co_owners=["疾控中心"], due=date(2019, 12, 31), due_basis="年底",
                status="in_progress", targets=[Target("签约服务覆盖率", "at_least", 30, "%")],
                source={"report": "2019年上半年工作总结.docx", "line": 41},
                progress=[ProgressEntry(date(2019, 9, 2), "in_progress", "完成四小单位摸排", "张三")],
                check={"report": "2019年工作总结.docx", "verdict": "done", "score": 0.82,
                       "evidence": ["顺利通过国家卫生城市复审"]})
    assert render_task(task) == '''\
id = "2019H2-03"
title = "全力做好创建国家卫生城市复审工作"
category = "重点工作打算"
detail = """
第一行
第二行"""
owner = "区卫生健康局"
co_owners = ["疾控中心"]
due = 2019-12-31
due_basis = "年底"
status = "in_progress"
targets = [
    { metric = "签约服务覆盖率", comparator = "at_least", value = 30, unit = "%" },
]
source = { report = "2019年上半年工作总结.docx", line = 41 }

[[progress]]
date = 2019-09-02
status = "in_progress"
note = "完成四小单位摸排"
by = "张三"

[check]
report = "2019年工作总结.docx"
verdict = "done"
score = 0.82
evidence = ["顺利通过国家卫生城市复审"]
'''


def test_syntax_error_names_the_line():
    import pytest

    from duban.errors import BrokenFile

    with pytest.raises(BrokenFile) as caught:
        tomlfile.loads('id = "x"\ntitle = \n', "t.toml")
    assert caught.value.line == 2
    assert str(caught.value).startswith("t.toml:2: not valid TOML")


# --- updates keep what a person wrote -----------------------------------------------------------------

import copy  # noqa: E402
import re  # noqa: E402

from duban.ledger.tomlfile import update_text  # noqa: E402

comment_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30)


def _set(field, value):
    def change(task):
        setattr(task, field, value)
    change.__name__ = f"set {field}"
    return change


def _append_entry(entry):
    def change(task):
        task.progress.append(entry)
    return change


def _set_check(check):
    def change(task):  # duban writes a check's keys in one order: the order the file has
        task.check = {**{k: check[k] for k in task.check if k in check}, **check}
    return change


def _set_extra(key, value):
    def change(task):
        task.extra[key] = value
    return change


# What duban's commands do to a task: update, edit, check --apply, import again. Progress is append-only.
changes = st.one_of(
    statuses.map(lambda s: _set("status", s)),
    text.map(lambda o: _set("owner", o)),
    text.filter(lambda t: t.strip() != "").map(lambda t: _set("title", t)),
    line_text.map(lambda d: _set("detail", d)),
    text.map(lambda c: _set("category", c)),
    st.one_of(st.none(), dates).map(lambda d: _set("due", d)),
    text.map(lambda b: _set("due_basis", b)),
    st.lists(text, max_size=3).map(lambda o: _set("co_owners", o)),
    st.lists(targets, max_size=2).map(lambda t: _set("targets", t)),
    entries.map(_append_entry),
    st.builds(lambda report, verdict, score: {"report": report, "verdict": verdict, "score": score, "evidence": []},
              text, st.sampled_from(["done", "at_risk"]), st.floats(0, 1)).map(_set_check),
    st.tuples(bare_keys, extra_values).map(lambda kv: _set_extra(*kv)),
)


def _apply_all(task, steps):
    task = copy.deepcopy(task)
    for step in steps:
        step(task)
        yield task


@settings(max_examples=200, deadline=None)
@given(tasks, st.lists(changes, min_size=1, max_size=6))
def test_a_file_nobody_edited_gets_the_bytes_dumps_writes(task, steps):
    text = render_task(task)
    for changed in _apply_all(task, steps):
        text = update_text(text, changed.to_dict())
        assert text == render_task(changed)


def test_entries_put_among_the_old_ones_leave_their_comments_in_place():
    text = ('id = "2019H2-03"\ntitle = "标题"\n\n[[progress]]\ndate = 2019-09-02\nstatus = "todo"  # 首次催办\n\n'
            '[[progress]]\ndate = 2019-11-20\nstatus = "done"\n# 局长：办结\n\n# 核查\n[check]\nverdict = "done"\n')
    data = tomlfile.loads(text, "t.toml")
    early, middle, late = ({"date": date(2019, m, d), "status": "in_progress", "note": n}
                           for m, d, n in ((8, 1, "早"), (10, 8, "中"), (12, 1, "晚")))
    data["progress"] = [early, data["progress"][0], middle, data["progress"][1], late]
    assert update_text(text, data) == (
        'id = "2019H2-03"\ntitle = "标题"\n\n'
        '[[progress]]\ndate = 2019-08-01\nstatus = "in_progress"\nnote = "早"\n\n'
        '[[progress]]\ndate = 2019-09-02\nstatus = "todo"  # 首次催办\n\n'
        '[[progress]]\ndate = 2019-10-08\nstatus = "in_progress"\nnote = "中"\n\n'
        '[[progress]]\ndate = 2019-11-20\nstatus = "done"\n# 局长：办结\n\n'
        '[[progress]]\ndate = 2019-12-01\nstatus = "in_progress"\nnote = "晚"\n\n# 核查\n[check]\nverdict = "done"\n')


@settings(max_examples=150, deadline=None)
@given(st.lists(entries, min_size=1, max_size=4), st.lists(st.tuples(st.integers(0, 4), entries), min_size=1,
                                                            max_size=4))
def test_entries_inserted_anywhere_read_back_in_their_order_with_every_comment(old, inserted):
    task = Task("2019H2-03", "标题", progress=old)
    lines = render_task(task).split("\n")
    text = "\n".join(line + "  # 批注" if line.startswith("status = ") else line for line in lines)
    entries_now = list(old)
    for position, entry in inserted:
        entries_now.insert(min(position, len(entries_now)), entry)
    task.progress = entries_now
    updated = update_text(text, task.to_dict())
    assert Task.from_dict(tomlfile.loads(updated, "t.toml")) == task
    assert updated.count("  # 批注") == text.count("  # 批注")


_KEY_LINE = re.compile(r'^(?:[A-Za-z0-9_-]+|"[^"]*") = |^\[')


def _with_comments(text: str, comments: list[str], positions: list[int]) -> tuple[str, list[str]]:
    """Comment lines put before lines that start a key or a table, and one after the title's value."""
    lines = [line + "\n" for line in text.split("\n")[:-1]]  # not splitlines: a title may hold \x85
    starts = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    placed = {}
    for comment, position in zip(comments, positions):
        placed.setdefault(starts[position % len(starts)], []).append(f"# {comment}\n")
    out = []
    for i, line in enumerate(lines):
        out.extend(placed.get(i, []))
        if line.startswith('title = "') and not line.startswith('title = """'):
            line = line.rstrip("\n") + "  # 标题：局长2019-11-18批示\n"
        out.append(line)
    said = [c for i in sorted(placed) for c in placed[i]]
    return "".join(out) + "# 末尾备注\n", said


@settings(max_examples=200, deadline=None)
@given(tasks, st.lists(comment_text, min_size=1, max_size=6), st.lists(st.integers(0, 1000), min_size=6,
                                                                         max_size=6),
       st.lists(changes, min_size=1, max_size=6))
def test_comments_survive_any_sequence_of_updates(task, comments, positions, steps):
    from hypothesis import assume

    text, said = _with_comments(render_task(task), comments, positions)
    assume(tomlfile.loads(text, "t.toml") == tomlfile.loads(render_task(task), "t.toml"))
    title_comment = "  # 标题：局长2019-11-18批示\n" if "  # 标题：局长2019-11-18批示\n" in text else ""
    for changed in _apply_all(task, steps):
        text = update_text(text, changed.to_dict())
        assert Task.from_dict(tomlfile.loads(text, "t.toml")) == changed
        position = 0
        for comment in said + ["# 末尾备注\n"]:  # every comment is still there, in its order
            position = text.index(comment, position) + len(comment)
        assert title_comment in text


def test_a_person_s_order_of_keys_and_comments_are_kept():
    task = Task("2019H2-03", "标题", owner="办公室", status="todo", due=date(2019, 12, 31), due_basis="年底")
    text = ('# 局长2019-11-18批示：年底前务必完成\nid = "2019H2-03"\nstatus = "todo"   # 催办两次\n'
            'title = "标题"\nowner = "办公室"\nco_owners = []\ndue = 2019-12-31\ndue_basis = "年底"\ntargets = []\n')
    task.status, task.due = "in_progress", date(2020, 6, 30)
    task.progress.append(ProgressEntry(date(2019, 11, 22), "in_progress", "已催办", "张三"))
    assert update_text(text, task.to_dict()) == (
        '# 局长2019-11-18批示：年底前务必完成\nid = "2019H2-03"\nstatus = "in_progress"   # 催办两次\n'
        'title = "标题"\nowner = "办公室"\nco_owners = []\ndue = 2020-06-30\ndue_basis = "年底"\ntargets = []\n'
        '\n[[progress]]\ndate = 2019-11-22\nstatus = "in_progress"\nnote = "已催办"\nby = "张三"\n')


def test_a_key_new_to_a_table_goes_into_that_table_with_its_comments_kept():
    text = 'id = "2019H2-01"\n\n[check]\n# 复核人：张三\nreport = "a.txt"\nverdict = "done"\n'
    updated = update_text(text, {"id": "2019H2-01",
                                 "check": {"report": "a.txt", "sha256": "c" * 64, "verdict": "done"}})
    assert updated == ('id = "2019H2-01"\n\n[check]\n# 复核人：张三\nreport = "a.txt"\n'
                       f'sha256 = "{"c" * 64}"\nverdict = "done"\n')


def test_a_value_that_becomes_a_boolean_keeps_its_comment():
    text = 'id = "2019H2-01"\nreviewed = "" # 复核\n'
    assert update_text(text, {"id": "2019H2-01", "reviewed": False}) == 'id = "2019H2-01"\nreviewed = false # 复核\n'


marker_runs = st.sampled_from(["<<<<<<<", "=======", ">>>>>>>", "|||||||", "========", "<<<<<<< HEAD", "="])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(line_text, marker_runs), min_size=1, max_size=6), tasks)
def test_no_line_of_a_written_file_can_be_taken_for_a_conflict_marker(note_lines, task):
    from duban.ledger.schema import conflict_faults

    task.progress.append(ProgressEntry(date(2019, 11, 20), "done", "\n".join(note_lines), "张三"))
    task.detail = "\n".join(reversed(note_lines))
    text = render_task(task)
    assert tomlfile.MARKER_LIKE_LINE.search(text) is None
    assert conflict_faults(text) == []
    again = Task.from_dict(tomlfile.loads(text, "task.toml"))
    assert (again.progress[-1].note, again.detail) == (task.progress[-1].note, task.detail)
    updated = tomlfile.update_text(render_task(Task(task.id, task.title)), task.to_dict())
    assert tomlfile.MARKER_LIKE_LINE.search(updated) is None


def test_a_key_is_added_to_a_table_that_has_none_yet():
    # found by hypothesis: tomlkit inserts only before an item, and an empty table has none
    text = '# 局长批示\nid = "2019H2-01"\n\n[extra]\n'
    updated = update_text(text, {"id": "2019H2-01", "extra": {"a": ""}})
    assert updated == '# 局长批示\nid = "2019H2-01"\n\n[extra]\na = ""\n'


def test_a_key_ending_in_a_line_break_is_quoted():
    # found by hypothesis: "$" matches before a final "\n", so "0\n" passed for a bare key and broke the file
    assert tomlfile.format_key("0\n") == '"0\\n"'
    assert tomlfile.format_key("due_2") == "due_2"


def _through_tomlkit(text, data):
    document = tomlfile.parse_document(text)
    tomlfile.apply(document, data)
    return tomlfile.dump_document(document)


@settings(max_examples=300, deadline=None)
@given(tasks, st.lists(comment_text, max_size=4), st.lists(st.integers(0, 1000), min_size=4, max_size=4),
       st.lists(entries, min_size=1, max_size=2), st.one_of(st.none(), statuses), st.booleans())
def test_an_update_written_without_tomlkit_is_what_tomlkit_writes(task, comments, positions, new_entries, status,
                                                                   ends_in_comment):
    """`update --note/--status` appends entries and changes the status line without tomlkit; whatever the file
    (comments anywhere, a comment at its end, no log yet), the bytes are those the tomlkit path writes."""
    from hypothesis import assume

    text, _ = _with_comments(render_task(task), comments, positions)
    if not ends_in_comment:
        text = text[:-len("# 末尾备注\n")]
    assume(tomlfile.loads(text, "t.toml") == tomlfile.loads(render_task(task), "t.toml"))
    changed = copy.deepcopy(task)
    changed.progress.extend(new_entries)
    if status is not None:
        changed.status = status
    data = changed.to_dict()
    written = update_text(text, data)
    assert written == _through_tomlkit(text, data)
    assert Task.from_dict(tomlfile.loads(written, "t.toml")) == changed


def test_the_usual_update_is_written_without_tomlkit(monkeypatch):
    task = Task("2019H2-03", "标题", status="todo", progress=[ProgressEntry(date(2019, 9, 1), "todo", "开会")])
    text = render_task(task)
    task.status = "done"
    task.progress.append(ProgressEntry(date(2019, 9, 2), "done", "已完成", "张三"))
    monkeypatch.setattr(tomlfile, "parse_document", lambda *a: (_ for _ in ()).throw(AssertionError("tomlkit")))
    assert update_text(text, task.to_dict()) == render_task(task)
    commented = text.replace('status = "todo"\n', 'status = "todo"  # 催办\n')  # a comment on the line: tomlkit
    try:
        update_text(commented, task.to_dict())
    except AssertionError as error:
        assert str(error) == "tomlkit"
    else:
        raise AssertionError("a commented status line went the fast way")
