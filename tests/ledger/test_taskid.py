"""ledger/taskid.py: ids and plan names as people type them, and the ids a mistyped one may have meant."""

import pytest

from duban.errors import UnknownTask
from duban.ledger.taskid import TaskId, check_plan_id, nearest_ids


@pytest.mark.parametrize("typed, canonical", [
    ("2019h2-03", "2019H2-03"), ("2019q4-1", "2019Q4-01"), ("2019m04-12", "2019M04-12"), ("2019H2-jb-01", "2019H2-jb-01"),
    ("2019h2-jb-01", "2019H2-jb-01"), ("2018-gwr-03", "2018-gwr-03"), (" 2019h2-3 ", "2019H2-03"),
])
def test_a_period_letter_in_lower_case_is_the_period(typed, canonical):
    assert str(TaskId.parse(typed)) == canonical


@pytest.mark.parametrize("typed, plan", [("2019h2", "2019H2"), ("2019q4", "2019Q4"), ("2019h2-jb", "2019H2-jb"),
                                         ("2018-gwr", "2018-gwr"), ("abh2", "abh2"), ("2019", "2019")])
def test_plan_names_too(typed, plan):
    assert check_plan_id(typed) == plan


@pytest.mark.parametrize("text", ["2019h2", "2019H2..-01"])  # the second found by the fuzz test
def test_what_is_not_an_id_is_still_refused(text):
    with pytest.raises(UnknownTask):
        TaskId.parse(text)


IDS = [f"2019H2-{n:02d}" for n in range(1, 10)] + ["2019H2-jb-01", "2019H2-jb-02", "2017-wjj-01"]


@pytest.mark.parametrize("typed, nearest", [
    ("2019H2-13", ["2019H2-03"]),                     # one key off
    ("2019H3-03", ["2019H2-03"]),                     # the period mistyped
    ("2019H2-jb-03", ["2019H2-jb-01", "2019H2-jb-02"]),
    ("2017-wjj-02", ["2017-wjj-01"]),
    ("2019H2-10", []),                                # as near to each of nine: none in particular
    ("2020H1-05", []),                                # nothing near
])
def test_nearest_ids(typed, nearest):
    assert nearest_ids(typed, IDS) == nearest
