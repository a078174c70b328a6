"""The merge driver's three-way merge by key (ledger/merge.py): progress entries as a set in date order, one-sided
changes taken, real conflicts confined to their key, comments kept, and a line merge for what is not TOML."""

import copy
import re
from collections import Counter
from datetime import date

from hypothesis import given, settings, strategies as st

from duban.ledger import tomlfile
from duban.ledger.merge import Labels, merge_sets, merge_texts, split_lines
from duban.ledger.model import ProgressEntry, Task
from duban.ledger.schema import conflict_faults, task_faults
from duban.ledger.store import render_task

PATH = "plans/2019H2/03.toml"


def base_task() -> Task:
    return Task("2019H2-03", "强力推进医疗服务信息化建设", category="其他工作打算", owner="规划信息科",
                due=date(2019, 12, 31), due_basis="年底", status="in_progress",
                source={"report": "report.txt", "line": 41},
                progress=[ProgressEntry(date(2019, 9, 2), "in_progress", "完成平台招标", "张三")])


def edited(text: str, change) -> str:
    """The file after a change made the way duban makes it: read, change the task, update the text by key."""
    task = Task.from_dict(tomlfile.loads(text, PATH))
    change(task)
    return tomlfile.update_text(text, task.to_dict(), PATH)


def note(day: int, text: str, by: str, status: str = "in_progress"):
    return lambda task: task.progress.append(ProgressEntry(date(2019, 11, day), status, text, by))


def progress_of(text: str) -> list[tuple]:
    return [(e["date"].isoformat(), e["note"], e["by"]) for e in tomlfile.loads(text, PATH)["progress"]]


def resolved(text: str, side: str) -> str:
    """The text with every conflict block resolved to one side, as a clerk would resolve it."""
    markers = {fault.line for fault in conflict_faults(text)}  # not a note's line that looks like one
    out, keep = [], True
    for number, line in enumerate(split_lines(text), 1):
        if number not in markers:
            if keep:
                out.append(line)
        elif line.startswith("<<<<<<< "):
            keep = side == "ours"
        elif line == "=======\n":
            keep = side == "theirs"
        else:
            keep = True
    return "".join(out)


BASE = render_task(base_task())


def test_notes_added_on_both_sides_are_all_kept_in_date_order():
    ours = edited(BASE, note(20, "完成数据对接", "李四"))
    theirs = edited(edited(BASE, note(18, "召开推进会", "王五")), note(21, "平台试运行", "王五"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert merged.clean and not merged.line_merge
    assert progress_of(merged.text) == [("2019-09-02", "完成平台招标", "张三"), ("2019-11-18", "召开推进会", "王五"),
                                        ("2019-11-20", "完成数据对接", "李四"), ("2019-11-21", "平台试运行", "王五")]
    assert merged.text == render_task(Task.from_dict(tomlfile.loads(merged.text, PATH)))  # duban's own layout


def test_an_entry_both_sides_added_is_kept_once_and_two_equal_entries_of_one_side_twice():
    same = note(20, "完成数据对接", "李四")
    ours = edited(edited(BASE, same), note(20, "再次催办", "李四"))
    theirs = edited(edited(edited(BASE, same), note(20, "再次催办", "李四")), note(20, "再次催办", "李四"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert [n for _, n, _ in progress_of(merged.text)] == ["完成平台招标", "完成数据对接", "再次催办", "再次催办"]


def test_a_status_change_on_one_side_and_a_note_on_the_other_merge_cleanly():
    ours = edited(BASE, lambda task: setattr(task, "status", "done"))
    theirs = edited(BASE, note(20, "完成数据对接", "李四"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    task = Task.from_dict(tomlfile.loads(merged.text, PATH))
    assert merged.clean and task.status == "done" and task.progress[-1].note == "完成数据对接"


def test_a_key_changed_differently_on_both_sides_is_a_conflict_confined_to_its_line():
    def ours_change(task):
        task.status = "done"
        task.owner = "信息中心"
        task.progress.append(ProgressEntry(date(2019, 11, 20), "done", "平台上线", "李四"))

    def theirs_change(task):
        task.status = "blocked"
        task.progress.append(ProgressEntry(date(2019, 11, 19), "blocked", "招标流标", "王五"))

    merged = merge_texts(BASE, edited(BASE, ours_change), edited(BASE, theirs_change), PATH,
                         Labels("本地（ours）", "原有（base）", "对方（theirs）"))
    assert merged.conflicts == ["status"] and not merged.line_merge
    lines = merged.text.splitlines()
    start = lines.index("<<<<<<< 本地（ours）")
    assert lines[start:start + 5] == ['<<<<<<< 本地（ours）', 'status = "done"', "=======", 'status = "blocked"',
                                      ">>>>>>> 对方（theirs）"]
    assert [f.line for f in conflict_faults(merged.text)] == [start + 1, start + 3, start + 5]
    for side, status in (("ours", "done"), ("theirs", "blocked")):
        task = Task.from_dict(tomlfile.loads(resolved(merged.text, side), PATH))
        assert (task.status, task.owner) == (status, "信息中心")  # the owner changed on one side only: merged
        assert [p.note for p in task.progress] == ["完成平台招标", "招标流标", "平台上线"]


def test_conflicts_on_adjacent_lines_are_one_block_and_a_removed_key_has_an_empty_side():
    def ours_change(task):
        task.due, task.due_basis, task.category = date(2020, 3, 31), "明年一季度", "重点工作"

    def theirs_change(task):
        task.due, task.due_basis, task.category = date(2020, 6, 30), "明年上半年", ""

    merged = merge_texts(BASE, edited(BASE, ours_change), edited(BASE, theirs_change), PATH)
    assert merged.conflicts == ["category", "due", "due_basis"]
    assert merged.text.count("<<<<<<< ") == 2
    assert '<<<<<<< ours\ncategory = "重点工作"\n=======\n>>>>>>> theirs\n' in merged.text
    assert ('<<<<<<< ours\ndue = 2020-03-31\ndue_basis = "明年一季度"\n=======\ndue = 2020-06-30\n'
            'due_basis = "明年上半年"\n>>>>>>> theirs\n') in merged.text
    assert "category" not in tomlfile.loads(resolved(merged.text, "theirs"), PATH)


def test_comments_either_side_wrote_survive():
    ours = edited(BASE, note(20, "完成数据对接", "李四")).replace('status = "in_progress"\ntargets',
                                                               'status = "in_progress"  # 局长批示：年底前上线\ntargets')
    theirs = "# 王五：本任务列入重点督办\n" + edited(BASE, note(19, "召开推进会", "王五"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert merged.clean
    assert merged.text.startswith("# 王五：本任务列入重点督办\nid = ")
    assert 'status = "in_progress"  # 局长批示：年底前上线\n' in merged.text
    assert [n for _, n, _ in progress_of(merged.text)] == ["完成平台招标", "召开推进会", "完成数据对接"]


def test_comments_both_sides_put_above_keys_stay_above_their_own_keys():
    # found by hypothesis: one side's comment above `title` equals the other's above `id`; matched across, the
    # merged layout held `id` twice and fell back to ours, losing theirs' comment
    ours = BASE.replace('id = ', '# 局长批示\nid = ').replace('title = ', '# 催办两次\ntitle = ')
    theirs = BASE.replace('id = ', '# 列入重点督办\nid = ').replace('title = ', '# 局长批示\ntitle = ')
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert merged.clean
    assert merged.text.startswith('# 局长批示\n# 列入重点督办\nid = ')
    assert '\n# 催办两次\n# 局长批示\ntitle = ' in merged.text


def test_a_note_that_looks_like_a_conflict_marker_is_a_note():
    ours = edited(BASE, note(20, "分隔线\n=======\n<<<<<<< 不是冲突\n完成摸排", "李四"))
    theirs = edited(BASE, note(19, "召开推进会", "王五"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert merged.clean and conflict_faults(merged.text) == []
    assert [n for _, n, _ in progress_of(merged.text)][-1] == "分隔线\n=======\n<<<<<<< 不是冲突\n完成摸排"


def test_the_check_table_merges_key_by_key_and_co_owners_as_a_set():
    base = edited(BASE, lambda t: t.check.update(report="年度总结.txt", verdict="in_progress", score=0.5))

    def ours_change(task):
        task.check["verdict"] = "done"
        task.co_owners = ["疾控中心"]

    def theirs_change(task):
        task.check["score"] = 0.8
        task.co_owners = ["卫生监督所"]

    merged = merge_texts(base, edited(base, ours_change), edited(base, theirs_change), PATH)
    data = tomlfile.loads(merged.text, PATH)
    assert merged.clean
    assert data["check"] == {"report": "年度总结.txt", "verdict": "done", "score": 0.8}
    assert data["co_owners"] == ["疾控中心", "卫生监督所"]
    both = merge_texts(base, edited(base, lambda t: t.check.update(verdict="done")),
                       edited(base, lambda t: t.check.update(verdict="at_risk")), PATH)
    assert both.conflicts == ["check.verdict"]
    assert '[check]\nreport = "年度总结.txt"\n<<<<<<< ours\nverdict = "done"\n=======\nverdict = "at_risk"\n' in both.text


def test_settings_merge_by_key_and_their_lists_conflict_rather_than_mix():
    base = 'organisation = "区卫生健康局"\nlang = "zh"\n\n[units]\n"疾控中心" = ["疾控"]\n'
    ours = base.replace('lang = "zh"', 'lang = "zh"\nauto_commit = true') + '"中医科" = []\n'
    theirs = base + '"办公室" = ["局办"]\n'
    merged = merge_texts(base, ours, theirs, "plans/duban.toml")
    assert merged.clean
    assert tomlfile.loads(merged.text, "duban.toml") == {
        "organisation": "区卫生健康局", "lang": "zh", "auto_commit": True,
        "units": {"疾控中心": ["疾控"], "中医科": [], "办公室": ["局办"]}}
    lists = merge_texts(base, base.replace('["疾控"]', '["疾控", "区疾控"]'), base.replace('["疾控"]', '["CDC"]'),
                        "plans/duban.toml")
    assert lists.conflicts == ["units.疾控中心"]


def test_a_side_that_is_not_toml_is_merged_by_lines():
    ours = edited(BASE, note(20, "完成数据对接", "李四")).replace('title = "', 'title = "未闭合')
    ours = ours.replace('title = "未闭合强力推进医疗服务信息化建设"', 'title = "未闭合强力推进医疗服务信息化建设')
    theirs = edited(BASE, note(19, "召开推进会", "王五"))
    merged = merge_texts(BASE, ours, theirs, PATH)
    assert merged.line_merge and merged.conflicts_in_text == 1 and not merged.clean
    assert "<<<<<<< ours" in merged.text and ">>>>>>> theirs" in merged.text


def test_a_broken_ancestor_merges_as_if_both_sides_were_new():
    ours = edited(BASE, note(20, "完成数据对接", "李四"))
    theirs = edited(BASE, note(19, "召开推进会", "王五"))
    merged = merge_texts("<<<<<<< HEAD\n", ours, theirs, PATH)
    assert merged.clean and len(progress_of(merged.text)) == 3


def test_merge_sets_keeps_ours_order_and_puts_theirs_by_date():
    day = {"a": date(2019, 1, 1), "b": date(2019, 1, 5), "c": date(2019, 1, 3), "d": date(2019, 1, 9)}
    entry = {name: {"date": day, "status": "todo", "note": name} for name, day in day.items()}
    merged = merge_sets([entry["a"]], [entry["a"], entry["b"]], [entry["a"], entry["c"], entry["d"]], dated=True)
    assert [e["note"] for e in merged] == ["a", "c", "b", "d"]
    assert merge_sets(["甲"], ["甲", "乙"], ["丙"]) == ["乙", "丙"]  # theirs removed 甲


# --- any two sets of edits from one base ----------------------------------------------------------------------

STATUSES = ["todo", "in_progress", "done", "blocked", "dropped"]
notes = st.one_of(st.sampled_from(["完成摸排", "召开推进会", "分隔线\n=======\n完成", "<<<<<<< x\n>>>>>>> y"]),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
entries = st.builds(ProgressEntry, date=st.dates(date(2019, 11, 1), date(2019, 11, 5)),
                    status=st.sampled_from(STATUSES), note=notes, by=st.sampled_from(["张三", "李四", ""]))


def _set(field, value):
    def change(task):
        setattr(task, field, value)
    return change


def _remove_entry(index):
    def change(task):
        if task.progress:
            del task.progress[index % len(task.progress)]
    return change


edits = st.one_of(
    entries.map(lambda entry: lambda task: task.progress.append(entry)),
    entries.map(lambda entry: lambda task: task.progress.append(entry)),  # notes are the usual edit: twice as likely
    st.integers(0, 10).map(_remove_entry),
    st.sampled_from(STATUSES).map(lambda s: _set("status", s)),
    st.dates(date(2019, 11, 1), date(2020, 12, 31)).map(lambda d: _set("due", d)),
    st.sampled_from(["规划信息科", "信息中心", "办公室"]).map(lambda o: _set("owner", o)),
    st.sampled_from(["", "重点工作"]).map(lambda c: _set("category", c)),
    st.lists(st.sampled_from(["疾控中心", "卫生监督所", "中医科"]), max_size=2, unique=True).map(
        lambda names: _set("co_owners", names)),
    st.sampled_from(["done", "at_risk"]).map(lambda v: lambda task: task.check.update(report="总结.txt", verdict=v)),
    st.sampled_from(["甲", "乙"]).map(lambda v: lambda task: task.extra.update(remark=v)),
)
comments = st.lists(st.tuples(st.sampled_from(["id", "title", "owner", "due", "status"]),
                              st.sampled_from(["# 局长批示", "# 催办两次", "# 列入重点督办"])), max_size=2)


def _side(base: str, changes, added_comments) -> str:
    text = base
    for change in changes:
        text = edited(text, change)
    for key, comment in added_comments:
        text = re.sub(rf"^{key} = ", f"{comment}\n{key} = ", text, count=1, flags=re.MULTILINE)
    return text


def _expected_progress(base, ours, theirs) -> Counter:
    counts = [Counter(tomlfile.format_value(dict(sorted(e.items()))) for e in tomlfile.loads(t, PATH).get("progress", []))
              for t in (base, ours, theirs)]
    return Counter({key: (counts[2][key] if counts[1][key] == counts[0][key] else
                          counts[1][key] if counts[2][key] == counts[0][key] else max(counts[1][key], counts[2][key]))
                    for key in counts[1] | counts[2]}) + Counter()


@settings(max_examples=200, deadline=None)
@given(st.lists(edits, max_size=3), st.lists(edits, max_size=4), st.lists(edits, max_size=4), comments, comments)
def test_any_two_sets_of_edits_merge_without_losing_an_entry_or_breaking_the_file(
        history, ours_changes, theirs_changes, ours_comments, theirs_comments):
    base = _side(BASE, history, [])
    ours = _side(base, ours_changes, ours_comments)
    theirs = _side(base, theirs_changes, theirs_comments)
    merged = merge_texts(base, ours, theirs, PATH)
    assert not merged.line_merge  # both sides are TOML: always merged by key
    data = [tomlfile.loads(t, PATH) for t in (base, ours, theirs)]
    changed_on_both = {key for key in data[1].keys() | data[2].keys()
                       if key not in ("progress", "co_owners", "check")
                       and not tomlfile.same(data[1].get(key), data[2].get(key))
                       and not tomlfile.same(data[0].get(key), data[1].get(key))
                       and not tomlfile.same(data[0].get(key), data[2].get(key))}
    assert changed_on_both <= {c.split(".")[0] for c in merged.conflicts}
    assert {c.split(".")[0] for c in merged.conflicts} <= changed_on_both | {"check"}
    if merged.conflicts:
        assert conflict_faults(merged.text)
        versions = [resolved(merged.text, "ours"), resolved(merged.text, "theirs")]
    else:
        assert conflict_faults(merged.text) == []
        versions = [merged.text]
    for text in versions:
        result = tomlfile.loads(text, PATH)
        assert task_faults(result, text) == []
        progress = result.get("progress", [])
        assert Counter(tomlfile.format_value(dict(sorted(e.items()))) for e in progress) == \
            _expected_progress(base, ours, theirs)  # none lost, none twice
        for side in (ours, theirs):
            days = [e["date"] for e in tomlfile.loads(side, PATH).get("progress", [])]
            if days != sorted(days):
                break
        else:
            assert [e["date"] for e in progress] == sorted(e["date"] for e in progress)
        for key, value in data[1].items():  # a key only ours changed has ours' value
            if key not in ("progress", "co_owners") and tomlfile.same(data[0].get(key), data[2].get(key)):
                assert tomlfile.same(result.get(key), value), key
        for key, comment in ours_comments + theirs_comments:
            if key in data[1] and key in data[2] and key in result:
                assert comment in text
