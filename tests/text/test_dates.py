from datetime import date

import pytest

from duban.text.numerals import chinese_number
from duban.text.dates import (Period, festival_day, find_deadline, iso_week_of, parse_due, parse_iso_week,
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
    with pytest.raises(UsageError, match="bad period"):  # the English message
        parse_period(text)


@pytest.mark.parametrize("text, expected", [("12", 12), ("十", 10), ("十二", 12), ("二十", 20), ("三", 3),
                                            ("xx", None), ("", None)])
def test_chinese_number(text, expected):
    assert chinese_number(text) == expected


@pytest.mark.parametrize("text, due, basis", [
    ("促进项目规范化管理年底达到标准化建设要求", date(2019, 12, 31), "年底"),
    ("年内完成", date(2019, 12, 31), "年内"),
    ("三季度末前完成招标", date(2019, 9, 30), "三季度末前"),
    ("十月底前完成", date(2019, 10, 31), "十月底前"),
    ("11月底前上报", date(2019, 11, 30), "11月底前"),
    ("2019年11月20日前完成", date(2019, 11, 20), "2019年11月20日前"),
    ("明年一季度完成验收", date(2020, 3, 31), "明年一季度"),
    ("到2020年基本建立", date(2020, 12, 31), "到2020年"),
    ("下半年完成", date(2019, 12, 31), "下半年"),
    ("12月中旬前完成考核", date(2019, 12, 20), "12月中旬前"),
    ("力争10月上旬完成", date(2019, 10, 10), "10月上旬"),
    ("11月下旬组织验收", date(2019, 11, 30), "11月下旬"),
    ("春节前发放慰问金", date(2020, 1, 24), "春节前"),  # a second-half plan: the next 春节
    ("国庆节前完成改造", date(2019, 9, 30), "国庆节前"),
    ("中秋节前完成走访", date(2019, 9, 12), "中秋节前"),
    ("元旦前完成", date(2019, 12, 31), "元旦前"),
    ("明年6月底前建成", date(2020, 6, 30), "明年6月底前"),
    ("2020年3月前完成", date(2020, 2, 29), "2020年3月前"),
    ("明年上半年完成", date(2020, 6, 30), "明年上半年"),
    ("二〇一九年十二月底完成", date(2019, 12, 31), "二〇一九年十二月底"),
    ("9月份完成", date(2019, 9, 30), "9月份"),
    ("2019.10.31前报送", date(2019, 10, 31), "2019.10.31"),
    ("9月30前完成摸底", date(2019, 9, 30), "9月30前"),     # a day without 日, before 前
    ("十一前完成改造", date(2019, 9, 30), "十一前"),        # 十一 is 国庆
])
def test_find_deadline(text, due, basis):
    assert find_deadline(text, H2) == (due, basis)


@pytest.mark.parametrize("text", [
    "争取xx月底完成疫苗接种",      # anonymised month
    "xxxx年10月底前完成",          # anonymised year
    "上半年完成的项目继续推进",      # before the period: a reference to the past
    "继续做好各项工作",
    "1-6月累计接种3万人次",         # a bare month is a past figure's period, not a deadline
    "6月中央环保督察反馈问题整改",   # 6月中 of 中央 is no part of a month
    "今天的工作明天完成",            # relative to today: only typed, never read from a report
    "30天内办结群众诉求",
    "下周五召开会议",
    "去年12月底前完成的项目继续推进",   # last year's: a reference to the past, not this year's 12月底前
    "1-9月30个项目完成验收",            # 9月30 without 日 or 前 is no day in a report
    "25日前完成",                      # a day of no month: typed only (a report's is each month's)
])
def test_deadline_falls_back_to_period_end(text):
    assert find_deadline(text, H2) == (date(2019, 12, 31), "period end")


def test_an_annual_plan_reads_spring_festival_of_its_own_year():
    assert find_deadline("春节前完成走访慰问", parse_period("2019")) == (date(2019, 2, 4), "春节前")


FRI = date(2019, 11, 22)   # a Friday late in the year: the clerk of the issue
MON = date(2020, 3, 2)     # a Monday early in a leap year
SUN = date(2019, 6, 30)    # a Sunday on the last day of a half


@pytest.mark.parametrize("text, today, due", [
    # the phrases of the issue (on 2019-11-22)
    ("6月底前", FRI, date(2020, 6, 30)),
    ("三季度末", FRI, date(2020, 9, 30)),
    ("一季度", FRI, date(2020, 3, 31)),
    ("月底", FRI, date(2019, 11, 30)),
    ("本月底", FRI, date(2019, 11, 30)),
    ("下周五", FRI, date(2019, 11, 29)),
    ("12月中旬", FRI, date(2019, 12, 20)),
    ("2025年3月前", FRI, date(2025, 2, 28)),
    ("明年6月底前", FRI, date(2020, 6, 30)),
    # dates
    ("2019-12-31", FRI, date(2019, 12, 31)),
    ("2019-10-31", FRI, date(2019, 10, 31)),      # a date with its year is taken as written
    ("2020/1/15", FRI, date(2020, 1, 15)),
    ("2020.1.15", FRI, date(2020, 1, 15)),
    ("2019年12月31日", FRI, date(2019, 12, 31)),
    ("12月31日前", FRI, date(2019, 12, 31)),
    ("1月15日", FRI, date(2020, 1, 15)),           # no year, past this year: next year's
    ("1月15号前", FRI, date(2020, 1, 15)),
    ("二〇二〇年三月底", FRI, date(2020, 3, 31)),
    ("１２月２０日", FRI, date(2019, 12, 20)),
    # months and their parts
    ("12月底", FRI, date(2019, 12, 31)),
    ("十二月底前", FRI, date(2019, 12, 31)),
    ("12月", FRI, date(2019, 12, 31)),
    ("12月份", FRI, date(2019, 12, 31)),
    ("12月内", FRI, date(2019, 12, 31)),
    ("12月上旬", FRI, date(2019, 12, 10)),
    ("12月初", FRI, date(2019, 12, 10)),
    ("12月中", FRI, date(2019, 12, 20)),
    ("12月下旬", FRI, date(2019, 12, 31)),
    ("3月前", FRI, date(2020, 2, 29)),             # before March: the end of February
    ("3月底前", MON, date(2020, 3, 31)),
    ("月中", FRI, date(2019, 12, 20)),             # this month's 中旬 is past: next month's
    ("月初", MON, date(2020, 3, 10)),
    ("月末", MON, date(2020, 3, 31)),
    ("下月底", FRI, date(2019, 12, 31)),
    ("下个月", FRI, date(2019, 12, 31)),
    ("下月中旬", FRI, date(2019, 12, 20)),
    ("本月内", MON, date(2020, 3, 31)),
    # quarters, halves, years
    ("第四季度", FRI, date(2019, 12, 31)),
    ("四季度末前", FRI, date(2019, 12, 31)),
    ("明年一季度", FRI, date(2020, 3, 31)),
    ("二季度", MON, date(2020, 6, 30)),
    ("本季度末", MON, date(2020, 3, 31)),
    ("下季度", MON, date(2020, 6, 30)),
    ("季度末", SUN, date(2019, 6, 30)),
    ("上半年", FRI, date(2020, 6, 30)),
    ("下半年", SUN, date(2019, 12, 31)),
    ("年中", MON, date(2020, 6, 30)),
    ("明年上半年", FRI, date(2020, 6, 30)),
    ("年底", FRI, date(2019, 12, 31)),
    ("年底前", FRI, date(2019, 12, 31)),
    ("年内", FRI, date(2019, 12, 31)),
    ("今年年底", FRI, date(2019, 12, 31)),
    ("明年底", FRI, date(2020, 12, 31)),
    ("明年", FRI, date(2020, 12, 31)),
    ("2020年", FRI, date(2020, 12, 31)),
    ("2020年底前", FRI, date(2020, 12, 31)),
    ("到2021年", FRI, date(2021, 12, 31)),
    # weeks and days
    ("本周", MON, date(2020, 3, 6)),
    ("本周内", MON, date(2020, 3, 6)),
    ("周五", MON, date(2020, 3, 6)),
    ("周五", FRI, date(2019, 11, 22)),
    ("周三", FRI, date(2019, 11, 27)),             # this week's Wednesday is past: next week's
    ("星期三", MON, date(2020, 3, 4)),
    ("本周末", MON, date(2020, 3, 8)),
    ("下周", FRI, date(2019, 11, 29)),
    ("下周一", SUN, date(2019, 7, 1)),
    ("下下周五", FRI, date(2019, 12, 6)),
    ("今天", FRI, date(2019, 11, 22)),
    ("明天", FRI, date(2019, 11, 23)),
    ("后天", FRI, date(2019, 11, 24)),
    ("3天内", FRI, date(2019, 11, 25)),
    ("两周内", FRI, date(2019, 12, 6)),
    ("一个月内", date(2020, 1, 31), date(2020, 2, 29)),
    ("半个月内", FRI, date(2019, 12, 7)),
    ("半年内", FRI, date(2020, 5, 22)),
    # festivals
    ("春节前", FRI, date(2020, 1, 24)),
    ("年前", FRI, date(2020, 1, 24)),
    ("国庆节前", FRI, date(2020, 9, 30)),
    ("国庆前", SUN, date(2019, 9, 30)),
    ("元旦前", FRI, date(2019, 12, 31)),
    ("五一前", MON, date(2020, 4, 30)),
    ("端午节前", MON, date(2020, 6, 24)),
    ("中秋节前", MON, date(2020, 9, 30)),
    ("明年春节前", FRI, date(2020, 1, 24)),
    # said with a leading word
    ("截至12月20日", FRI, date(2019, 12, 20)),
    ("于年底前", FRI, date(2019, 12, 31)),
    ("到6月底", FRI, date(2020, 6, 30)),
    # a day without 日, a day of no month, 十一 (the clerks of the trial)
    ("9月30", FRI, date(2020, 9, 30)),
    ("12月3", FRI, date(2019, 12, 3)),
    ("九月三十前", FRI, date(2020, 9, 30)),
    ("25号", FRI, date(2019, 11, 25)),             # the next 25th
    ("25日", FRI, date(2019, 11, 25)),
    ("25号前", FRI, date(2019, 11, 25)),
    ("20号", FRI, date(2019, 12, 20)),             # this month's 20th is past: next month's
    ("31号", FRI, date(2019, 12, 31)),             # November has no 31st
    ("30号", date(2020, 1, 31), date(2020, 3, 30)),  # nor February a 30th
    ("本月25日", FRI, date(2019, 11, 25)),
    ("下月5号", FRI, date(2019, 12, 5)),
    ("十一前", FRI, date(2020, 9, 30)),
    ("十一之前", SUN, date(2019, 9, 30)),
    ("下周五前", FRI, date(2019, 11, 29)),
    ("明天之前", FRI, date(2019, 11, 23)),
    # what is said after the deadline
    ("9月底前完成", FRI, date(2020, 9, 30)),
    ("12月底之前完成", FRI, date(2019, 12, 31)),
    ("年底完成", FRI, date(2019, 12, 31)),
    ("月底前办结", FRI, date(2019, 11, 30)),
    ("于12月20日前完成", FRI, date(2019, 12, 20)),
])
def test_parse_due_table(text, today, due):
    assert parse_due(text, today) == due


@pytest.mark.parametrize("text", ["soon", "xx月底", "2019-02-30", "13月底", "2月30日", "3.5", "2020", "5", "3/5",
                                  "Dec 31 2027", "月", "周", "下下下周", "第五季度", "",
                                  "1", "-1", "12.31", "19-12-31", "March",  # what dateutil once made dates of
                                  "前完成", "完成", "本月31日", "32号", "十一", "二十一前"])
def test_parse_due_refuses_what_is_not_a_date(text):
    with pytest.raises(UsageError) as caught:
        parse_due(text, FRI)
    assert caught.value.key == "bad_date"


@pytest.mark.parametrize("text, due, later", [
    ("今年6月底", date(2019, 6, 30), date(2020, 6, 30)),
    ("2019年3月前", date(2019, 2, 28), date(2020, 2, 29)),
    ("本周一", date(2019, 11, 18), date(2019, 11, 25)),
    ("本月初", date(2019, 11, 10), date(2019, 12, 10)),
    ("今年春节前", date(2019, 2, 4), date(2020, 1, 24)),
    ("今年上半年", date(2019, 6, 30), date(2020, 6, 30)),
    ("上周五", date(2019, 11, 15), date(2019, 11, 22)),
    ("上周一", date(2019, 11, 11), date(2019, 11, 25)),   # this Monday is past too: the next one
    ("上个月底", date(2019, 10, 31), date(2019, 11, 30)),
    ("本月20日", date(2019, 11, 20), date(2019, 12, 20)),
    ("去年底", date(2018, 12, 31), date(2019, 12, 31)),
])
def test_a_phrase_that_names_a_past_date_is_refused_with_the_next_one(text, due, later):
    with pytest.raises(UsageError) as caught:
        parse_due(text, FRI)
    assert (caught.value.key, caught.value.values) == ("due_past", {"text": text, "due": due, "today": FRI,
                                                                   "later": later})


def test_a_past_day_with_no_later_one_is_refused_without_a_suggestion():
    with pytest.raises(UsageError) as caught:
        parse_due("昨天", FRI)
    assert (caught.value.key, caught.value.values) == ("due_past_bare", {"text": "昨天", "due": date(2019, 11, 21),
                                                                        "today": FRI})


def test_festival_without_a_name_asks_which():
    with pytest.raises(UsageError) as caught:
        parse_due("节前", FRI)
    assert caught.value.message == ("'节前': before which festival? Say 春节前 (2020-01-24) or 国庆节前 "
                                    "(2020-09-30)")


def test_festival_table_matches_published_holidays():
    assert [festival_day("春节", y) for y in (2019, 2020, 2024, 2025, 2026)] == [
        date(2019, 2, 5), date(2020, 1, 25), date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17)]
    assert festival_day("中秋", 2023) == date(2023, 9, 29) and festival_day("端午", 2024) == date(2024, 6, 10)
    assert festival_day("春节", 2099) is None


def test_iso_week():
    assert parse_iso_week("2019-W47") == (date(2019, 11, 18), date(2019, 11, 24))
    assert iso_week_of(date(2019, 11, 20)) == "2019-W47"
    with pytest.raises(UsageError):
        parse_iso_week("2019-W60")
    assert parse_iso_week("2020-W53")[0] == date(2020, 12, 28)  # a year of 53 weeks
    with pytest.raises(UsageError) as error:
        parse_iso_week("2019-W53")
    assert error.value.message == "2019 has no week 53: it has 52"
