"""The words table holds every key the library says things by, in both languages."""

import re
import string
from pathlib import Path

import pytest

from duban.views.words import WORDS, words

SOURCE = Path(__file__).resolve().parents[2] / "src" / "duban"
_ERRORS = r"(?:DubanError|UsageError|BadInput|BrokenFile|GitError|UnknownTask|WorkspaceNotFound|WorkspaceBusy|" \
          r"BrowserMissing|Said)"
# Error("key", …), Said("key", …), and BrokenFile(path, "key", …) with the key second
_KEY_RE = re.compile(rf'\b{_ERRORS}\(\s*(?:[\w.]+(?:\s*/\s*\w+)*,\s*)?"([a-z][a-z0-9_]*)"')


def keys_used() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        found.update(_KEY_RE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_key_the_library_raises_is_in_the_table():
    used = keys_used()
    assert len(used) > 60  # the scan finds them: errors of the ledger, reports, dates, git …
    assert sorted(used - WORDS.keys()) == []


@pytest.mark.parametrize("key", sorted(WORDS))
def test_both_languages_take_the_same_values(key):
    zh, en = WORDS[key]
    fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (zh, en)]
    if key.startswith("toml_"):  # tomllib's own words (`raw`) are English's: Chinese says what they mean
        fields[1].discard("raw")
    assert fields[0] == fields[1], key
    assert zh and en


def test_an_error_is_said_in_either_language():
    from duban.errors import UsageError

    error = UsageError("bad_week", text="2019-W60")
    assert error.render(words("zh")) == "无法识别的周“2019-W60”：请用 YYYY-Www，如 2019-W36"
    assert error.message == "bad week '2019-W60': use YYYY-Www, e.g. 2019-W36"


_COUNT_FIELD = re.compile(r"\{(\w+):([^{}|]+)\|([^{}]+)\}")


@pytest.mark.parametrize("key", sorted(key for key, (_, en) in WORDS.items() if _COUNT_FIELD.search(en)))
def test_english_counts_say_one_in_the_singular(key):
    zh, en = WORDS[key]
    fields = {name for _, name, _, _ in string.Formatter().parse(en) if name}
    counted = {match.group(1): (match.group(2), match.group(3)) for match in _COUNT_FIELD.finditer(en)}
    for n in (0, 1, 2):
        said = words("en")(key, **{name: n if name in counted else f"<{name}>" for name in fields})
        for one, many in counted.values():
            assert f"{n} {one if n == 1 else many}" in said, (key, said)
        words("zh")(key, **{name: n for name in fields})  # Chinese takes the same count: no plural


def test_no_english_count_is_left_without_its_singular():
    """`1 tasks`, `1 fault(s)`: a count before a plural noun is written `{n:task|tasks}`."""
    nouns = r"(?:tasks|days|files|entries|changes|faults|commits|deadlines|plans|rows|columns|bytes|pushes|\w+\(s\))"
    counted = re.compile(rf"\{{(\w+)\}} (?:(?:progress|status|local|other|task) )?{nouns}")
    bare = {key: en for key, (_, en) in WORDS.items()
            if any(match.group(1) != "suffix" for match in counted.finditer(en))}  # `{suffix} files`: .doc files
    assert bare == {}


def test_the_weekly_overview_in_english_counts_one_as_one():
    values = dict(total=1, done=0, in_progress=1, todo=0, blocked=0, dropped=0, overdue=1, due_soon=0, entries=1,
                  changes=1, moved=words("en")("overview_later", n=1))
    assert words("en")("overview", **values) == (
        "1 task: 0 done, 1 in progress, 0 to do, 0 blocked, 0 dropped; 1 overdue, 0 due within two weeks. This week: "
        "1 progress entry, 1 status change, 1 deadline moved.")
    assert words("en")("due_changes_summary", n=1) == "1 deadline moved this week"
    assert words("en")("overview_moves", n=2, later=1, earlier=1) == "2 deadlines moved (1 later, 1 earlier)"
    assert (words("en").days(1), words("en").days(3)) == ("1 day", "3 days")


def test_a_target_names_which_metric_of_a_list_it_is_for():
    from duban.ledger.model import Target

    target = Target("万元GDP建设用地、水耗、电耗分别下降", "about", 3, "%", {"of": "水耗"})
    assert words("zh").target(target) == "水耗下降 ≈ 3%"
    emissions = Target("化学需氧量、氨氮、二氧化硫和氮氧化物排放总量分别下降", "at_least", 5, "%", {"of": "氨氮"})
    assert words("en").target(emissions) == "氨氮排放总量下降 ≥ 5%"
    assert words("zh").target(Target("地区生产总值增长", "at_least", 6, "%")) == "地区生产总值增长 ≥ 6%"


def test_a_five_years_goal_says_by_when():
    from duban.ledger.model import Target

    goal = Target("地区生产总值", "at_least", 6000, "亿元", {"scope": "goals", "by": 2025})
    assert words("zh").target(goal) == "地区生产总值 ≥ 6000亿元（到2025年）"
    assert words("en").target(goal) == "地区生产总值 ≥ 6000亿元 (by 2025)"
