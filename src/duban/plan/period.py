"""The period a report's plan is for, from its own words: the plan part's heading (2024年工作安排, 下半年工作打算,
4月工作安排), else the title or the signing date with what the plan heading says (明年, 下半年); None when the
report does not say (anonymised years: xxxx年), and import then asks for --period."""

from __future__ import annotations

import re

from duban.report.sections import Reading, read_report_text
from duban.text.dates import Period, parse_period
from duban.text.numerals import chinese_number

_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2})年")
_SIGNED_RE = re.compile(r"((?:19|20)[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日\s*$")
_PART_RE = re.compile(r"上半年|下半年|第?([一二三四1-4])季度|([0-9]{1,2}|[一二三四五六七八九十]{1,3})月份?")


def _part_of(text: str) -> str | None:
    """H1/H2, Q1–Q4 or M01–M12 that a heading's words name, if any."""
    match = _PART_RE.search(text)
    if not match:
        return None
    if match.group(0) in ("上半年", "下半年"):
        return "H1" if match.group(0) == "上半年" else "H2"
    if match.group(1):
        return f"Q{chinese_number(match.group(1))}"
    month = chinese_number(match.group(2))
    return f"M{month:02d}" if month and 1 <= month <= 12 else None


TITLE_LINE_MAX = 60


def find_period(reading: Reading | str) -> Period | None:
    if isinstance(reading, str):
        reading = read_report_text(reading)
    plan_heads = [b.head.title for b in reading.plan_blocks() if b.head is not None]
    for heading in plan_heads:
        year = _YEAR_RE.search(heading)
        if year:
            return parse_period(year.group(1) + (_part_of(heading[year.end():year.end() + 8]) or ""))
    lines = reading.lines
    title = " ".join(lines[:3])
    year_match = _YEAR_RE.search(title) or _SIGNED_RE.search(" ".join(lines[-3:]))
    if not year_match:
        return _year_the_plan_opens_with(reading, lines) or _five_year_start(reading)
    year = int(year_match.group(1))
    head = " ".join(plan_heads)
    if "明年" in head:
        return parse_period(str(year + 1))
    part = _part_of(head)
    if part:
        return parse_period(f"{year}{part}")
    if _part_of(title) == "H1":
        return parse_period(f"{year}H2")
    # what the document is, from its short lines at the top: a long paragraph under the title (a page cut from a
    # web site) that names a 幸福老人计划 says nothing of it
    kind = " ".join(line for line in lines[:3] if len(line) <= TITLE_LINE_MAX) or title
    if re.search(r"总结|回顾", kind) and not re.search(r"计划|打算|安排|要点", kind):
        return parse_period(str(year + 1))
    return parse_period(str(year))


# How a plan part with no year in its headings names its year: 2013年是全面贯彻落实党的十八大精神的开局之年.
_YEAR_IS_RE = re.compile(r"((?:19|20)\d\d)年是")


def _year_the_plan_opens_with(reading: Reading, lines: list[str]) -> Period | None:
    """The year of the first 'YYYY年是…' in the plan part, for a report whose title, signature and plan headings
    name none (a speech printed without its date)."""
    for block in reading.plan_blocks():
        found = _YEAR_IS_RE.search(block.text(lines))
        if found:
            return parse_period(found.group(1))
    return None


_FIVE_YEAR_RE = re.compile(r"十([一二三四五六七八九])五")


def _five_year_start(reading: Reading) -> Period | None:
    """A new term's report with no date and no year in its plan's headings, whose plan is the five years'
    (二、未来五年发展目标和重点任务): its plan begins with the latest five-year plan it names (“十四五” → 2021);
    the years of the term are its tasks' own deadlines."""
    if not any(block.role == "outlook" for block in reading.blocks):
        return None  # the plan heading names no year (checked before): the five years' plan is the one there is
    plans = [chinese_number(number) for number in _FIVE_YEAR_RE.findall(reading.text)]
    plans = [n for n in plans if n]
    return parse_period(str(1951 + 5 * (10 + max(plans)))) if plans else None
