"""Deadline phrases met in real plan items (additions made for import)."""

from datetime import date

import pytest

from duban.text.dates import Deadline, find_deadline, parse_period


@pytest.mark.parametrize("text, due, basis", [
    ("全面实施营改增，从5月1日起，将试点范围扩大到建筑业。", date(2016, 12, 31), "period end"),
    ("自7月1日开始试点，9月底前全面推开。", date(2016, 9, 30), "9月底前"),
    ("年内完成两个医联体组建。", date(2016, 12, 31), "年内"),
    ("争取xx月底完成疫苗接种。", date(2016, 12, 31), "period end"),
])
def test_start_dates_are_not_deadlines(text, due, basis):
    assert find_deadline(text, parse_period("2016")) == Deadline(due, basis)
