from datetime import date

import pytest

from duban.text.numerals import chinese_number
from duban.text.dates import (Period, find_deadline, iso_week_of, parse_due, parse_iso_week,
                         parse_period, period_before)
from duban.errors import UsageError

H2 = parse_period("2019H2")


@pytest.mark.parametrize("text, start, end", [
    ("2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2019H1", date(2019, 1, 1), date(2019, 6, 30)),
    ("2019h2", date(2019, 7, 1), date(2019, 12, 31)),
    ("2019Q3", date(2019, 7, 1), date(2019, 9, 30)),
    ("2020M02", date(2020, 2, 1), date(2020, 2, 29)),
])
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)
    assert parse_period(period.id) == period


@pytest.mark.parametrize("period, before", [("2019", "2018"), ("2019H1", "2018H2"), ("2019H2", "2019H1"),
                                            ("2019Q1", "2018Q4"), ("2019Q3", "2019Q2"), ("2019M01", "2018M12"),
                                            ("2020M03", "2020M02")])
def test_period_before(period, before):
    assert period_before(parse_period(period)) == parse_period(before)


@pytest.mark.parametrize("text", ["19H2", "2019H3", "2019Q5", "2019M13", "下半年", ""])
def test_bad_period(text):
    with pytest.raises(UsageError, match="bad period"):
        parse_period(text)


@pytest.mark.parametrize("text, expected", [("12", 12), ("十", 10), ("十二", 12), ("二十", 20), ("三", 3),
                                            ("xx", None), ("", None)])
def test_chinese_number(text, expected):
    assert chinese_number(text) == expected


@pytest.mark.parametrize("text, due, basis", [
    ("促进项目规范化管理年底达到标准化建设要求", date(2019, 12, 31), "年底"),
    ("年内完成", date(2019, 12, 31), "年内"),
    ("三季度末前完成招标", date(2019, 9, 30), "三季度末"),
    ("十月底前完成", date(2019, 10, 31), "十月底前"),
    ("11月底前上报", date(2019, 11, 30), "11月底前"),
    ("2019年11月20日前完成", date(2019, 11, 20), "2019年11月20日前"),
    ("明年一季度完成验收", date(2020, 3, 31), "明年一季度"),
    ("到2020年基本建立", date(2020, 12, 31), "到2020年"),
    ("下半年完成", date(2019, 12, 31), "下半年"),
])
def test_find_deadline(text, due, basis):
    assert find_deadline(text, H2) == (due, basis)


@pytest.mark.parametrize("text", [
    "争取xx月底完成疫苗接种",      # anonymised month
    "xxxx年10月底前完成",          # anonymised year
    "上半年完成的项目继续推进",      # before the period: a reference to the past
    "继续做好各项工作",
])
def test_deadline_falls_back_to_period_end(text):
    assert find_deadline(text, H2) == (date(2019, 12, 31), "period end")


def test_parse_due_forms():
    today = date(2026, 11, 22)
    assert parse_due("2027-01-15", today) == date(2027, 1, 15)
    assert parse_due("年底", today) == date(2026, 12, 31)
    assert parse_due("6月底前", today) == date(2026, 6, 30)
    assert parse_due("三季度末", today) == date(2026, 9, 30)
    assert parse_due("2027/3/4", today) == date(2027, 3, 4)
    assert parse_due("Dec 31 2027", today) == date(2027, 12, 31)


@pytest.mark.parametrize("text", ["soon", "xx月底", "2019-02-30", "13月底"])
def test_parse_due_rejects(text):
    with pytest.raises(UsageError, match="bad date"):
        parse_due(text, date(2026, 11, 22))


def test_iso_week():
    assert parse_iso_week("2019-W47") == (date(2019, 11, 18), date(2019, 11, 24))
    assert iso_week_of(date(2019, 11, 20)) == "2019-W47"
    with pytest.raises(UsageError):
        parse_iso_week("2019-W60")
