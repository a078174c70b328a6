"""Periods (2019, 2019H2, 2019Q3, 2019M04), Chinese deadline phrases, due dates and ISO weeks."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Callable, NamedTuple
from datetime import date, timedelta

from duban.errors import UsageError

_PERIOD_RE = re.compile(r"^(\d{4})(?:(H)([12])|(Q)([1-4])|(M)(0[1-9]|1[0-2]))?$", re.IGNORECASE)


class Period(NamedTuple):
    """One reporting period: a year, a half, a quarter or a month. (A NamedTuple, as _Named: a dataclass costs a
    command's start a third of a millisecond to make.)"""

    id: str
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.end.year

    def __str__(self) -> str:
        return self.id


def month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def _days_in_month(year: int, month: int) -> int:
    return month_end(year, month).day


def parse_period(text: str) -> Period:
    """Parse `2019`, `2019H1`, `2019Q3` or `2019M04` (case-insensitive)."""
    match = _PERIOD_RE.match(text.strip())
    if not match:
        raise UsageError("bad_period", text=text)
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
#
# One grammar for the deadlines people write and say, relative to a base date: the start of the plan's period for
# import (`find_deadline`), today on the command line (`parse_due`). A phrase names a date in a cycle — a year, a
# month, a week: 6月底前, 三季度末, 周五. A phrase that does not say which cycle means the base's; on the command
# line, when that date is already past, it means the next one (on 2019-11-22, 6月底前 is 2020-06-30). A phrase that
# says its cycle (今年6月底, 2019年3月前, 本周五) is taken at its word, and refused when it is past. Nothing else
# is guessed: bare numbers (3.5, 2020, 5) are not dates.

_NUM = r"[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3}|[xX×Ｘ]{1,2}"
_YEAR = r"[0-9]{4}|[〇零一二三四五六七八九]{4}|[xX×Ｘ]{2,4}"
_BEFORE = r"(?:之|以)?前"
_WITHIN = r"之?内"
_REL_YEARS = {"今年": 0, "本年度": 0, "本年": 0, "当年": 0, "明年": 1, "次年": 1, "来年": 1, "后年": 2, "去年": -1,
              "上年度": -1, "上年": -1}
_REL_YEAR = "|".join(_REL_YEARS)
# 初 and 中 begin other words too (初步, 中央): they are parts of a month only when no such word follows.
_MONTH_PART = r"上旬|中旬|下旬|初(?![步期级始心稿见])|中(?![央国华心期层间小])|底|末"
# The last day of each part of a month: 初 is its first third (上旬), 中 its second (中旬), 下旬/底/末 its end.
_PART_LAST_DAY = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 6}
_REL_WEEKS = {"": 0, "本": 0, "这": 0, "这个": 0, "下": 1, "下个": 1, "下下": 2, "下下个": 2, "上": -1, "上个": -1,
              "上上": -2, "上上个": -2}
_REL_MONTHS = {"月": 0, "本月": 0, "当月": 0, "这个月": 0, "下月": 1, "下个月": 1, "次月": 1, "下下月": 2,
               "下下个月": 2, "上月": -1, "上个月": -1}
_NAMED_MONTHS = "|".join(sorted((rel for rel in _REL_MONTHS if rel != "月"), key=len, reverse=True))

# Festivals a deadline is set before (春节前, 国庆节前): fixed days, and the lunar ones as their solar day in each
# year 2000-2060 (MMDD, from borax's lunar calendar, checked against the published holiday calendars).
_FIXED_FESTIVALS = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1), "国庆": (10, 1), "国庆节": (10, 1),
                    "十一": (10, 1)}
_LUNAR_FESTIVALS = {
    "春节": "0205 0124 0212 0201 0122 0209 0129 0218 0207 0126 0214 0203 0123 0210 0131 0219 0208 0128 0216 0205 "
            "0125 0212 0201 0122 0210 0129 0217 0206 0126 0213 0203 0123 0211 0131 0219 0208 0128 0215 0204 0124 "
            "0212 0201 0122 0210 0130 0217 0206 0126 0214 0202 0123 0211 0201 0219 0208 0128 0215 0204 0124 0212 "
            "0202",
    "端午": "0606 0625 0615 0604 0622 0611 0531 0619 0608 0528 0616 0606 0623 0612 0602 0620 0609 0530 0618 0607 "
            "0625 0614 0603 0622 0610 0531 0619 0609 0528 0616 0605 0624 0612 0601 0620 0610 0530 0618 0607 0527 "
            "0614 0603 0622 0611 0531 0619 0608 0529 0615 0604 0623 0613 0601 0620 0610 0530 0617 0606 0625 0614 "
            "0603",
    "中秋": "0912 1001 0921 0911 0928 0918 1006 0925 0914 1003 0922 0912 0930 0919 0908 0927 0915 1004 0924 0913 "
            "1001 0921 0910 0929 0917 1006 0925 0915 1003 0922 0912 1001 0919 0908 0927 0916 1004 0924 0913 1002 "
            "0920 0910 0928 0917 1005 0925 0915 1004 0922 0911 0930 0919 0907 0926 0916 1005 0924 0913 1002 0921 "
            "0909",
}
_LUNAR_FIRST_YEAR = 2000
# 十一 (国庆) only where no numeral is before it: 二十一前, 第十一前 are no festival.
_FESTIVAL_NAMES = "春节|国庆节?|元旦|五一|劳动节|中秋节?|端午节?|(?<![0-9〇零一二三四五六七八九十百第])十一"


def festival_day(name: str, year: int) -> date | None:
    """The day of 春节, 国庆 … in a year; None for a lunar festival outside the table's years."""
    name = {"年": "春节", "中秋节": "中秋", "端午节": "端午"}.get(name, name)
    if name in _FIXED_FESTIVALS:
        return date(year, *_FIXED_FESTIVALS[name])
    days = _LUNAR_FESTIVALS[name].split()
    index = year - _LUNAR_FIRST_YEAR
    if not 0 <= index < len(days):
        return None
    return date(year, int(days[index][:2]), int(days[index][2:]))


def _year(p: str) -> str:
    """An optional year before a phrase: 2019年, 二〇二〇年, 今年, 明年 …"""
    return rf"(?:(?P<{p}y>{_YEAR})年|(?P<{p}r>{_REL_YEAR}))?"


# Phrases that a report's text states (import) and that a person types (the command line).
_TEXT_FORMS = (
    r"(?P<iso>(?P<iso_y>[0-9]{4})(?P<iso_s>[-/.])(?P<iso_m>[0-9]{1,2})(?P=iso_s)(?P<iso_d>[0-9]{1,2})(?![0-9]))",
    # 9月30日; 9月30 without 日 only typed, or before 前 (a report's 9月30 can be the start of 9月30万人次)
    rf"(?P<day>{_year('d_')}(?P<d_m>{_NUM})月(?P<d_d>{_NUM})(?P<d_unit>[日号])?(?P<d_before>{_BEFORE})?)",
    # 年前 is 春节前, unless a year or a number is before it (2020年前, 一年前)
    rf"(?P<fest>{_year('f_')}(?P<f_name>{_FESTIVAL_NAMES}|(?<![0-9〇零一二三四五六七八九十今明次来后本当去上])年)"
    rf"{_BEFORE})",
    rf"(?P<month>{_year('m_')}(?P<m_m>{_NUM})月(?P<m_fen>份)?"
    rf"(?:(?P<m_part>{_MONTH_PART})|(?P<m_within>{_WITHIN}))?(?P<m_before>{_BEFORE})?)",
    rf"(?P<quarter>{_year('q_')}第?(?P<q_n>[一二三四1-4１-４xX×])季度"
    rf"(?:(?P<q_end>末|底)|(?P<q_within>{_WITHIN}))?(?P<q_before>{_BEFORE})?)",
    rf"(?P<half>{_year('h_')}(?P<h_which>上半年|下半年|年中)(?:(?P<h_end>末|底)|(?P<h_within>{_WITHIN}))?"
    rf"(?P<h_before>{_BEFORE})?)",
    rf"(?P<yearend>(?:(?P<e_y>{_YEAR})年|(?P<e_r>{_REL_YEAR})年?|年)(?:底|末|{_WITHIN})(?:{_BEFORE})?)",
    rf"(?P<by_year>(?:到|至|在)(?P<b_y>{_YEAR})年(?:{_BEFORE})?)",
)
# Phrases only a person types: relative to today, they mean nothing in a report written months before.
_TYPED_FORMS = (
    rf"(?P<relmonth>(?P<r_rel>{'|'.join(sorted(_REL_MONTHS, key=len, reverse=True))})"
    rf"(?:(?P<r_part>{_MONTH_PART})|(?P<r_within>{_WITHIN}))?(?P<r_before>{_BEFORE})?)",
    r"(?P<relquarter>(?P<rq_rel>本|这个?|当|下一?个?)季度(?:末|底|之?内)?|季度?末)",
    rf"(?P<year>(?P<yr_y>{_YEAR})年|(?P<yr_r>{_REL_YEAR}))",
    rf"(?P<week>(?P<w_rel>下下个?|下个?|上上个?|上个?|本|这个?)?(?:周|星期|礼拜)"
    rf"(?:(?P<w_day>[一二三四五六日天1-7末])(?:{_BEFORE})?|(?P<w_within>之?内))?)",
    rf"(?P<today>今天|今日|明天|明日|后天|昨天|昨日|前天)(?:{_BEFORE})?",
    # the 25th: of this month when it is still to come, else of the next; 本月25日, 下月5号 say their month
    rf"(?P<mday>(?P<md_rel>{_NAMED_MONTHS})?(?P<md_d>{_NUM})[日号](?:{_BEFORE})?)",
    rf"(?P<span>(?P<n_n>{_NUM}|半)(?P<n_unit>个?月|个?星期|个?礼拜|周|天|日|年)之?内)",
)
_LEAD_RE = re.compile(r"^(?:截至|截止到?|于|在|到|至)")
# What a clerk says after a deadline (9月底前完成, 年底之前办结): the deadline is the words before it.
_TAIL_RE = re.compile(r"(?:完成|办结|完工)$")


@lru_cache(maxsize=None)
def _grammar(typed: bool) -> re.Pattern:
    """The deadline phrases, compiled on first use: `duban list` never needs them."""
    return re.compile("|".join(_TEXT_FORMS + (_TYPED_FORMS if typed else ())))


class Deadline(NamedTuple):
    due: date
    basis: str  # the phrase the date came from, or "period end"


class _Named(NamedTuple):
    """What a phrase names: `make(0)` is the date in the base's cycle, `make(1)` the one after it."""

    make: Callable[[int], date | None]
    anchored: bool = True  # the phrase says its year, month or week: it does not move to the next one
    exact: bool = False  # a day with its year (2019-10-31): taken as written, even when past
    recurs: bool = False  # a festival: 春节前 in a second-half plan is the next 春节


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _number(text: str | None) -> int | None:
    """A number of a phrase (12, １２, 十二, 二〇二〇); None for a placeholder (xx)."""
    from duban.text.numerals import chinese_number  # here: it loads decimal, which weekly's dates never need

    return chinese_number(text.translate(_FULL_WIDTH)) if text else None


def _year_of(g: dict, p: str, base: date) -> tuple[int | None, bool]:
    """(year, said) of the optional year before a phrase: the base's year when none is said; None when anonymised."""
    if g[f"{p}y"]:
        return _number(g[f"{p}y"]), True
    if g[f"{p}r"]:
        return base.year + _REL_YEARS[g[f"{p}r"]], True
    return base.year, False


def _safe(make: Callable[[int], date | None]) -> Callable[[int], date | None]:
    """2月30日, 13月 and years past 9999 name no date."""
    def made(k: int) -> date | None:
        try:
            return make(k)
        except (ValueError, OverflowError):
            return None
    return made


def _in_month(year: int, month: int, part: str | None) -> date:
    """The last day of a part of a month (上旬 10, 中旬 20, else its last day); month may run past 12."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, _PART_LAST_DAY[part]) if part in _PART_LAST_DAY else month_end(year, month)


def _before(start: date) -> date:
    """`6月前`, `三季度前`: the day before the span begins."""
    return start - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    year, month = day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def _resolve(match: re.Match, base: date, typed: bool) -> _Named | None:
    """What the matched phrase names relative to `base`; None when anonymised (xx月) or not a deadline."""
    g = match.groupdict()
    kind = match.lastgroup
    named = _RESOLVERS[kind](g, base, typed)
    # Near the ends of the calendar (--today 9999-12-31) a phrase can name a day that does not exist: no date.
    return None if named is None else named._replace(make=_safe(named.make))


def _iso(g, base, typed):
    y, m, d = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    return _Named(_safe(lambda k: date(y + k, m, d)), exact=True)


def _day(g, base, typed):
    year, said = _year_of(g, "d_", base)
    month, day = _number(g["d_m"]), _number(g["d_d"])
    if None in (year, month, day) or not (typed or g["d_unit"] or g["d_before"]):
        return None
    return _Named(_safe(lambda k: date(year + k, month, day)), anchored=said, exact=said and bool(g["d_y"]))


def _fest(g, base, typed):
    year, said = _year_of(g, "f_", base)
    if year is None:
        return None
    name = g["f_name"]

    def make(k: int) -> date | None:
        day = festival_day(name, year + k)
        return day - timedelta(days=1) if day else None
    return _Named(make, anchored=said, recurs=not said)


def _month(g, base, typed):
    year, said = _year_of(g, "m_", base)
    month = _number(g["m_m"])
    if year is None or month is None or not 1 <= month <= 12:
        return None
    part, within, before = g["m_part"], g["m_within"], g["m_before"]
    if not typed and not (g["m_fen"] or part or within or before):
        return None  # a bare 6月 in a report is a date of the past as often as a deadline
    if before and not part:
        return _Named(_safe(lambda k: _before(date(year + k, month, 1))), anchored=said)
    return _Named(_safe(lambda k: _in_month(year + k, month, part)), anchored=said)


def _quarter(g, base, typed):
    year, said = _year_of(g, "q_", base)
    quarter = _number(g["q_n"])
    if year is None or quarter is None or not 1 <= quarter <= 4:
        return None
    if g["q_before"] and not g["q_end"]:
        return _Named(_safe(lambda k: _before(date(year + k, 3 * quarter - 2, 1))), anchored=said)
    return _Named(_safe(lambda k: month_end(year + k, 3 * quarter)), anchored=said)


def _half(g, base, typed):
    year, said = _year_of(g, "h_", base)
    if year is None:
        return None
    first = g["h_which"] != "下半年"
    if g["h_before"] and not g["h_end"] and g["h_which"] != "年中":
        start_month = 1 if first else 7
        return _Named(_safe(lambda k: _before(date(year + k, start_month, 1))), anchored=said)
    return _Named(_safe(lambda k: date(year + k, 6, 30) if first else date(year + k, 12, 31)), anchored=said)


def _yearend(g, base, typed):
    year, said = _year_of(g, "e_", base)
    if year is None:
        return None
    return _Named(_safe(lambda k: date(year + k, 12, 31)), anchored=said)


def _by_year(g, base, typed):
    year = _number(g["b_y"])
    return None if year is None else _Named(_safe(lambda k: date(year + k, 12, 31)))


def _relmonth(g, base, typed):
    rel, part = g["r_rel"], g["r_part"]
    if rel == "月" and not (part or g["r_within"]):
        return None
    offset = _REL_MONTHS[rel]
    if g["r_before"] and not part:
        return _Named(_safe(lambda k: _before(_add_months(base.replace(day=1), offset + k))))
    return _Named(_safe(lambda k: _in_month(base.year, base.month + offset + k, part)), anchored=rel != "月")


def _relquarter(g, base, typed):
    rel = g["rq_rel"]
    offset = 1 if rel and rel.startswith("下") else 0
    quarter = (base.month - 1) // 3
    return _Named(_safe(lambda k: _in_month(base.year, 3 * (quarter + offset + k) + 3, None)), anchored=bool(rel))


def _whole_year(g, base, typed):
    year = _number(g["yr_y"]) if g["yr_y"] else base.year + _REL_YEARS[g["yr_r"]]
    return None if year is None else _Named(_safe(lambda k: date(year + k, 12, 31)))


def _week(g, base, typed):
    rel, day = g["w_rel"] or "", g["w_day"]
    if not rel and not day and not g["w_within"]:
        return None
    weekday = _WEEKDAYS.get(day, int(day) - 1 if day and day.isdigit() else 4)  # a week's deadline is its Friday
    monday = base - timedelta(days=base.weekday())
    offset = _REL_WEEKS[rel]
    return _Named(lambda k: monday + timedelta(weeks=offset + k, days=weekday), anchored=bool(rel))


def _today(g, base, typed):
    days = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "昨天": -1, "昨日": -1, "前天": -2}[g["today"]]
    return _Named(lambda k: base + timedelta(days=days))


def _month_day(g, base, typed):
    day = _number(g["md_d"])
    if day is None or not 1 <= day <= 31:
        return None
    rel = g["md_rel"]
    if rel:  # 本月25日: that month's, or none when it has no such day (本月31日 in November)
        return _Named(_safe(lambda k: _day_of_month(base, _REL_MONTHS[rel] + k, day)))

    def make(k: int) -> date | None:  # 25号: the k-th month from this one that has a 25th
        days = (found for months in range(2 * k + 3) if (found := _day_of_month(base, months, day)))
        return next(islice(days, k, None), None)
    return _Named(make, anchored=False)


def _day_of_month(base: date, months: int, day: int) -> date | None:
    """The day of the month `months` after base's; None when that month has no such day."""
    first = _add_months(base.replace(day=1), months)
    return first.replace(day=day) if day <= _days_in_month(first.year, first.month) else None


def _span(g, base, typed):
    unit = g["n_unit"].lstrip("个")
    if g["n_n"] == "半":
        return _Named(_safe(lambda k: base + timedelta(days=15) if unit == "月" else _add_months(base, 6)))
    n = _number(g["n_n"])
    if n is None:
        return None
    if unit in ("天", "日"):
        return _Named(lambda k: base + timedelta(days=n))
    if unit in ("周", "星期", "礼拜"):
        return _Named(lambda k: base + timedelta(weeks=n))
    return _Named(_safe(lambda k: _add_months(base, n * (12 if unit == "年" else 1))))


_RESOLVERS = {"iso": _iso, "day": _day, "fest": _fest, "month": _month, "quarter": _quarter, "half": _half,
              "yearend": _yearend, "by_year": _by_year, "relmonth": _relmonth, "relquarter": _relquarter,
              "year": _whole_year, "week": _week, "today": _today, "span": _span, "mday": _month_day}


def find_deadline(text: str, period: Period) -> Deadline:
    """The first deadline the text states that falls inside or after the period; else the period's end.

    Phrases are read in the period's year. Dates before the period's start are references to the past (上半年 in a
    second-half plan), not deadlines; only a festival moves on to its next occurrence (春节前 in a second-half plan).
    """
    for match in _grammar(False).finditer(text):
        if _is_start_date(text, match):
            continue
        named = _resolve(match, period.start, typed=False)
        if named is None:
            continue
        due = named.make(0)
        if named.recurs and due is not None and due < period.start:
            due = named.make(1)
        if due is not None and due >= period.start:
            return Deadline(due, match.group(0))
    return Deadline(period.end, "period end")


def _is_start_date(text: str, match: re.Match) -> bool:
    """"从5月1日起" / "自7月1日开始" names when something starts, not when it is due."""
    before = text[max(0, match.start() - 1):match.start()]
    return before in ("从", "自", "于") and text[match.end():match.end() + 2].startswith(("起", "开始"))


def parse_due(text: str, today: date) -> date:
    """A new deadline typed by a person, relative to today: ISO, or a phrase of the grammar above.

    A date with its year is taken as written. A phrase that names no year, month or week means its next occurrence
    from today; one that does and is past is refused, with the next one suggested.
    """
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    grammar = _grammar(True)
    match = grammar.fullmatch(text) or grammar.fullmatch(_TAIL_RE.sub("", _LEAD_RE.sub("", text)))
    named = _resolve(match, today, typed=True) if match else None
    due = named.make(0) if named else None
    if due is None:
        if "节前" in text:
            raise UsageError("due_which_festival", text=text, spring=_next_eve("春节", today) or "—",
                             national=_next_eve("国庆", today) or "—")
        raise UsageError("bad_date", text=text)
    if due >= today or named.exact:
        return due
    later = next((day for k in range(1, 4) if (day := named.make(k)) is not None and day >= today), None)
    if not named.anchored and later is not None:
        return later
    if later is None:  # 昨天: no later one to suggest
        raise UsageError("due_past_bare", text=text, due=due, today=today)
    raise UsageError("due_past", text=text, due=due, today=today, later=later)


def _next_eve(festival: str, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        day = festival_day(festival, year) if year <= date.max.year else None
        if day and day > date.min and day - timedelta(days=1) >= today:
            return day - timedelta(days=1)
    return None


def parse_iso_week(text: str) -> tuple[date, date]:
    """`2019-W36` → (Monday, Sunday) of that ISO week."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", text.strip(), re.IGNORECASE)
    if not match:
        raise UsageError("bad_week", text=text)
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        last = date(year, 12, 28).isocalendar()[1] if 1 <= year <= 9999 else 52  # the 28th is in the last week
        raise UsageError("no_such_week", year=year, week=week, last=last) from None
    return monday, days_after(monday, 6)


def iso_week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def days_after(day: date, days: int) -> date:
    """`day` + `days`, held at the calendar's first or last day (`--due-within 3000000`, `--today 9999-12-31`)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
