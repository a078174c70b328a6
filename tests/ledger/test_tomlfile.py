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
