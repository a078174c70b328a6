"""tomlfile.loads parses with rtoml and falls back to tomllib: whatever the file, it reads what tomllib reads, and a
broken file's fault names tomllib's line."""

import sys
from datetime import date, datetime, time, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.errors import BrokenFile
from duban.ledger import tomlfile
from duban.ledger.model import ProgressEntry, Target, Task

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
dates = st.dates(date(1900, 1, 1), date(2200, 12, 31))
plain = st.one_of(text, st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=False), st.booleans(), dates,
                  st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1)),
                  st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1), timezones=st.just(timezone.utc)),
                  st.times())
values = st.recursive(plain, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                      max_leaves=6)
tasks = st.builds(
    Task, id=st.just("2019H2-03"), title=text, status=st.sampled_from(["todo", "done", "in_progress"]),
    category=text, detail=text, owner=text, co_owners=st.lists(text, max_size=3), due=st.none() | dates,
    due_basis=text, targets=st.lists(st.builds(Target, metric=text, comparator=st.just("at_least"),
                                               value=st.integers(0, 10**6) | st.floats(0, 1e6), unit=text),
                                     max_size=2),
    source=st.fixed_dictionaries({"report": text, "line": st.integers(1, 10**5)}),
    progress=st.lists(st.builds(ProgressEntry, date=dates, status=st.just("in_progress"), note=text, by=text,
                                extra=st.dictionaries(st.text("abcxyz", min_size=1, max_size=5), values, max_size=2)),
                      max_size=3),
    extra=st.dictionaries(st.text("klmnop", min_size=1, max_size=5), values, max_size=3))


@settings(max_examples=200, deadline=None)
@given(tasks)
def test_a_written_task_reads_as_tomllib_reads_it(task):
    written = tomlfile.dumps(task.to_dict())
    assert tomlfile.loads(written, "t.toml") == tomllib.loads(written)


@pytest.mark.parametrize("source", [
    'a = 1979-05-27T07:32:00Z', 'a = 1979-05-27T07:32:00', 'a = 07:32:00', 'a = 1979-05-27', 'a = inf',
    'a = 0x10', 'a = 1_000', 'a = """\nx\\\n  y"""', "a = '''\nraw'''", 'a = 9223372036854775807', 'a = 1e400',
    '"" = 1', 'a = -0.0', 'x = "\\u00e9"', '[[p]]\nd = 2019-09-02\n[[p]]\nd = 2019-09-03\n',
])
def test_edge_values_read_as_tomllib_reads_them(source):
    assert tomlfile.loads(source, "t.toml") == tomllib.loads(source)


@pytest.mark.parametrize("source, line", [('id = "x"\ntitle = \n', 2), ('a = 1\na = 2\n', 2), ('a.b = 1\n[a]\nc=2', 2),
                                          ('x = [1,\n2,,]\n', 2), ('s = "open\n', 1)])
def test_a_broken_file_names_tomllibs_line(source, line):
    with pytest.raises(BrokenFile) as fault:
        tomlfile.loads(source, "t.toml")
    assert fault.value.line == line
    assert fault.value.reason.key == "not_toml"


def test_an_offset_datetime_keeps_its_offset():
    read = tomlfile.loads("at = 2019-10-08T09:30:00+08:00\n", "t.toml")["at"]
    assert read == datetime(2019, 10, 8, 1, 30, tzinfo=timezone.utc)
    assert read.utcoffset().total_seconds() == 8 * 3600
    assert time(9, 30) == read.timetz().replace(tzinfo=None)
