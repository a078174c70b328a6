"""The guards of `check`: what a summary says about itself (the period it reviews, its date, who wrote it), read
from real reports, and which summaries they refuse for a plan."""

from datetime import date

import pytest

from duban.check.guards import Refusal, named_orgs, refusals, summary_facts
from duban.ledger.model import Plan
from duban.report.formats import Report, read_report
from sample_reports import seed, state_council

ORGS = ["区卫生健康局", "区卫计局", "国务院"]


def plan(period: str, start: date, end: date, org: str = "区卫生健康局", plan_id: str = "") -> Plan:
    return Plan(plan_id or period, org, period, start, end, "source.docx", "a" * 64)


H2_2019 = plan("2019H2", date(2019, 7, 1), date(2019, 12, 31))


def summary(text: str, sha256: str = "b" * 64, name: str = "总结.txt") -> tuple[Report, object]:
    report = Report(name, text, sha256)
    return report, summary_facts(text, ORGS)


def test_a_year_end_summary_reviews_its_year_and_is_dated_at_its_end():
    _, facts = summary("区卫生健康局2019年工作总结\n一、2019年工作回顾\n1.顺利通过国家卫生城市复审。\n"
                       "二、2020年工作打算\n1.巩固国家卫生城市成果。\n")
    assert (facts.period.id, facts.date, facts.orgs) == ("2019", date(2019, 12, 31), ("区卫生健康局",))


def test_its_signature_dates_it():
    _, facts = summary("区卫生健康局2019年上半年工作总结\n1.完成招标。\n区卫生健康局\n2019年7月8日\n")
    assert (facts.period.id, facts.date) == ("2019H1", date(2019, 7, 8))


def test_real_reports_say_what_they_review():
    gwr = summary_facts(read_report(state_council(2019)).text, ORGS)
    assert (gwr.period.id, gwr.date, gwr.orgs) == ("2018", date(2018, 12, 31), ("国务院",))
    assert summary_facts(read_report(state_council(2017)).text, ORGS).date == date(2017, 3, 5)  # its title's date
    other_district = summary_facts(read_report(seed("004")).text, ORGS)
    assert other_district.orgs == ()  # XX区…: no organisation this workspace knows
    assert other_district.period.year in (2021, 2022)
    anonymised = summary_facts(read_report(seed("000")).text, ORGS)  # xxxx年上半年
    assert (anonymised.period, anonymised.date, anonymised.orgs) == (None, None, ("区卫生健康局",))


def test_a_name_inside_a_longer_named_one_does_not_count():
    assert named_orgs("区卫生健康局2019年工作总结", ["区卫生健康局", "卫生健康局"]) == ("区卫生健康局",)
    assert named_orgs("各位代表：\n现在，我代表国务院，向大会报告政府工作", ["国务院"]) == ("国务院",)
    assert named_orgs("2019年工作总结\n认真贯彻国务院部署。", ["国务院"]) == ()  # named in the body, not as author


@pytest.mark.parametrize("text, refused", [
    ("区卫生健康局2019年工作总结\n1.完成。\n", []),                              # the plan's year, reviewed at its end
    ("区卫生健康局2020年上半年工作总结\n1.完成。\n", []),                          # the half right after it
    ("区卫生健康局2020年工作总结\n1.完成。\n", []),                               # the year right after it
    ("区卫生健康局2019年上半年工作总结\n1.完成。\n", ["before"]),                  # before the plan began
    ("区卫生健康局2018年工作总结\n1.完成。\n", ["before"]),
    ("区卫生健康局2021年上半年工作总结\n1.完成。\n", ["long_after"]),
    ("区卫生健康局2022年工作总结\n1.完成。\n", ["long_after"]),
    ("区卫计局2019年工作总结\n1.完成。\n", ["other_org"]),
    ("国务院2022年工作总结\n1.完成。\n", ["long_after", "other_org"]),
    ("工作总结\n1.完成。\n", []),                                                 # it does not say: no guard
])
def test_periods_and_organisations(text, refused):
    report, facts = summary(text)
    assert [r.kind for r in refusals(H2_2019, report, facts, "计划原文")] == refused


def test_the_plans_own_report_by_sha256_or_by_its_text():
    report, facts = summary("区卫生健康局上半年工作回顾\n下半年工作打算\n", sha256="a" * 64, name="000.txt")
    assert refusals(H2_2019, report, facts, None) == [
        Refusal("own_report", {"summary": "000.txt", "plan": "2019H2", "report": "source.docx"})]
    copy, facts = summary("区卫生健康局上半年工作回顾\n下半年工作打算\n", name="report.txt")
    assert [r.kind for r in refusals(H2_2019, copy, facts, "区卫生健康局上半年工作回顾\n\n下半年工作打算")] == [
        "same_text"]


def test_a_plan_of_another_organisation_is_judged_by_its_own():
    gwr = plan("2018", date(2018, 1, 1), date(2018, 12, 31), org="国务院", plan_id="2018-gwr")
    report = read_report(state_council(2019))
    assert refusals(gwr, report, summary_facts(report.text, ORGS), None) == []
    district = read_report(seed("000"))
    assert [r.kind for r in refusals(gwr, district, summary_facts(district.text, ORGS), None)] == ["other_org"]


CITY_2022 = plan("2022", date(2022, 1, 1), date(2022, 12, 31), org="深圳市人民政府")
SPEECH = "各位代表：\n现在，我代表{org}，向大会报告政府工作，请予审议。\n一、2022年工作回顾\n1.完成。\n"


@pytest.mark.parametrize("org, plan_text_org, refused", [
    ("罗湖区人民政府", "深圳市人民政府", ["other_org"]),   # a district's report for a city's plan
    ("省人民政府", "深圳市人民政府", ["other_org"]),       # the province's
    ("市人民政府", "深圳市人民政府", []),                  # a city's own report says 市人民政府
    ("坪山区政府筹备组", "坪山新区管委会", []),            # a new district that replaced the old one: one place
    ("深圳市人民政府", None, []),                         # without the plan's own report, its organisation says
])
def test_the_organisation_a_summary_speaks_for_even_when_the_workspace_knows_none(org, plan_text_org, refused):
    report, facts = summary(SPEECH.format(org=org))
    plan_text = SPEECH.format(org=plan_text_org) if plan_text_org else None
    assert [r.kind for r in refusals(CITY_2022, report, facts, plan_text)] == refused
