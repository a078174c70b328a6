"""Periods (2019, 2019H2, 2019Q3, 2019M04), Chinese deadline phrases, due dates and ISO weeks."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, datetime, time, timedelta

from duban.errors import UsageError
from duban.text.numerals import chinese_number

_PERIOD_RE = re.compile(r"^(\d{4})(?:(H)([12])|(Q)([1-4])|(M)(0[1-9]|1[0-2]))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """One reporting period: a year, a half, a quarter or a month."""

    id: str
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.end.year

    def __str__(self) -> str:
        return self.id


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """Parse `2019`, `2019H1`, `2019Q3` or `2019M04` (case-insensitive)."""
    match = _PERIOD_RE.match(text.strip())
    if not match:
        raise UsageError(f"bad period {text!r}: use 2019, 2019H1, 2019H2, 2019Q3 or 2019M04")
    year = int(match.group(1))
    if match.group(2):
        half = int(match.group(3))
        return Period(f"{year}H{half}", date(year, 6 * half - 5, 1), month_end(year, 6 * half))
    if match.group(4):
        quarter = int(match.group(5))
        return Period(f"{year}Q{quarter}", date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter))
    if match.group(6):
        month = int(match.group(7))
        return Period(f"{year}M{month:02d}", date(year, month, 1), month_end(year, month))
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))


def period_before(period: Period) -> Period:
    """The period of the same kind just before this one: 2019H2 → 2019H1, 2019Q1 → 2018Q4, 2019 → 2018."""
    day = period.start - timedelta(days=1)
    kind = period.id[4:5].upper()
    if kind == "H":
        return parse_period(f"{day.year}H{(day.month + 5) // 6}")
    if kind == "Q":
        return parse_period(f"{day.year}Q{(day.month + 2) // 3}")
    if kind == "M":
        return parse_period(f"{day.year}M{day.month:02d}")
    return parse_period(str(day.year))


# --- Chinese deadline phrases -------------------------------------------------------------------

_NUM = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[xX×Ｘ]{1,2}"
_YEAR = r"[0-9]{4}|[xX×Ｘ]{2,4}"


@lru_cache(maxsize=None)
def _deadline_re() -> re.Pattern:
    """The deadline phrases, compiled on first use: `duban list` never needs them."""
    return re.compile(
        rf"(?P<full>(?:(?P<fy>{_YEAR})年)?(?P<fm>{_NUM})月(?P<fd>{_NUM})日(?:之?前)?)"
        rf"|(?P<next>明年|次年)(?:(?P<nq>{_NUM})季度[末底]?|(?P<nh>上半年|年底|年末|底))"
        rf"|(?P<quarter>第?(?P<q>[一二三四1-4]|[xX×])季度(?:末|底)?)"
        rf"|(?P<month>(?:(?P<my>{_YEAR})年)?(?P<m>{_NUM})月(?:底|末|份|下旬)(?:之?前)?)"
        rf"|(?P<yearend>(?:(?P<yy>{_YEAR})年|今年|本年度?|年)(?:底|末|内)(?:之?前)?)"
        rf"|(?P<by_year>(?:到|至|在)(?P<by>{_YEAR})年(?:之?前)?)"
        r"|(?P<half>[上下]半年)"
    )


class Deadline(NamedTuple):
    due: date
    basis: str  # the phrase the date came from, or "period end"


def _is_placeholder(part: str | None) -> bool:
    return part is not None and chinese_number(part) is None


def _resolve(match: re.Match, period: Period) -> date | None:
    """The date a phrase names in the context of `period`, or None when it is anonymised or impossible."""
    g = match.groupdict()
    year = period.year
    try:
        if g["full"]:
            if _is_placeholder(g["fy"]) or _is_placeholder(g["fm"]) or _is_placeholder(g["fd"]):
                return None
            return date(int(g["fy"]) if g["fy"] else year, chinese_number(g["fm"]), chinese_number(g["fd"]))
        if g["next"]:
            if g["nq"]:
                quarter = chinese_number(g["nq"])
                return month_end(year + 1, 3 * quarter) if quarter and 1 <= quarter <= 4 else None
            return date(year + 1, 6, 30) if g["nh"] == "上半年" else date(year + 1, 12, 31)
        if g["quarter"]:
            quarter = chinese_number(g["q"])
            return month_end(year, 3 * quarter) if quarter and 1 <= quarter <= 4 else None
        if g["month"]:
            if _is_placeholder(g["my"]) or _is_placeholder(g["m"]):
                return None
            return month_end(int(g["my"]) if g["my"] else year, chinese_number(g["m"]))
        if g["yearend"]:
            if _is_placeholder(g["yy"]):
                return None
            return date(int(g["yy"]) if g["yy"] else year, 12, 31)
        if g["by_year"]:
            return None if _is_placeholder(g["by"]) else date(int(g["by"]), 12, 31)
        if g["half"]:
            return date(year, 6, 30) if g["half"] == "上半年" else date(year, 12, 31)
    except ValueError:  # 2月30日 and the like
        return None
    return None


def find_deadline(text: str, period: Period) -> Deadline:
    """The first deadline the text states that falls inside or after the period; else the period's end.

    Dates before the period's start are references to the past (上半年 in a second-half plan), not deadlines.
    """
    for match in _deadline_re().finditer(text):
        if _is_start_date(text, match):
            continue
        due = _resolve(match, period)
        if due is not None and due >= period.start:
            return Deadline(due, match.group(0))
    return Deadline(period.end, "period end")


def _is_start_date(text: str, match: re.Match) -> bool:
    """"从5月1日起" / "自7月1日开始" names when something starts, not when it is due."""
    before = text[max(0, match.start() - 1):match.start()]
    return before in ("从", "自", "于") and text[match.end():match.end() + 2].startswith(("起", "开始"))


def parse_due(text: str, today: date) -> date:
    """A due date typed by a user: ISO, a Chinese phrase (年底, 6月底前, 三季度末 …) or a form dateutil knows."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    this_year = parse_period(str(today.year))
    match = _deadline_re().fullmatch(text)
    if match:
        due = _resolve(match, this_year)
        if due is not None:
            return due
    else:
        try:
            from dateutil import parser as dateutil_parser

            return dateutil_parser.parse(text, default=datetime.combine(today, time())).date()
        except (ValueError, OverflowError, TypeError):
            pass
    raise UsageError(f"bad date {text!r}: use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末")


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"bad {what} {text!r}: use YYYY-MM-DD") from None


def parse_iso_week(text: str) -> tuple[date, date]:
    """`2019-W36` → (Monday, Sunday) of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    try:
        if not match:
            raise ValueError
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise UsageError(f"bad week {text!r}: use YYYY-Www, e.g. 2019-W36") from None
    return monday, monday + timedelta(days=6)


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
