"""Numeric targets against the figures a later summary reports: find the figure, judge met / not_met / unknown.

The rules are DESIGN.md's: at_least met if actual ≥ value; at_most met if actual ≤ value; about judged on the
unfavourable side only (higher-is-better metrics met if actual ≥ value − 0.5 points, or ≥ 95 % of value for
non-% units; lower-is-better metrics met if actual ≤ value + 0.5 points, or ≤ 105 %); in_step met if the metric
grows at least as fast as its reference. No figure → unknown, never a guess. The one exception is a summary that
says outright that the metric fell or that the target was missed (进出口总额出现下降，预期增长目标未能实现):
that is not_met, with no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from duban.check.matching import Sentence
from duban.ledger.model import Target

# Metrics where a lower figure is the better one; all others (growth, jobs, output, income, reductions) higher.
_LOWER_IS_BETTER = re.compile(r"价格|物价|涨幅|CPI|失业|赤字|杠杆|负债|死亡率|发病率|发生率|患病率|事故")
# Words that end a metric's name in a plan but not in a summary: 国内生产总值增长 → 国内生产总值.
_METRIC_TAIL = re.compile(r"(?:实际)?(?:增长率?|增速|涨幅|上涨|下降|降低|提高|减少|增加|达到|控制在|保持在|为)+$")
# Other names summaries use for the same metric.
_ALIASES = (
    (re.compile(r"能耗|能源消耗"), ("单位国内生产总值能耗", "能耗强度", "能源消耗强度", "单位GDP能耗")),
    (re.compile(r"收入"), ("居民人均可支配收入", "居民人均纯收入", "居民收入", "人均收入")),
    (re.compile(r"居民消费价格|物价|CPI"), ("居民消费价格", "CPI")),
    (re.compile(r"国内生产总值|GDP"), ("国内生产总值", "GDP")),
    (re.compile(r"进出口|外贸"), ("进出口总额", "进出口", "对外贸易")),
)
_LEADING_VERB = re.compile(r"^(?:减少|增加|新增|降低|提高|完成|实现|新建|改造|建成)")
_QUALIFIERS = ("城镇", "全国", "全年", "城乡", "全区", "全县", "全市")

_FIGURE = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(%|％|个百分点|万亿元|亿元|万元|元|万人次|亿人次|万人|万户|万套|万亩|万公里|公里|"
    r"万亿斤|亿斤|万吨|亿吨|吨|人次|人|户|套|个|项|家|所|次|万|亿)?")
_YEAR = re.compile(r"\d{4}年")
# A figure that is a many-year average or total, not the year's own.
_MULTI_YEAR = re.compile(r"年均|累计|五年|十年|三年来|“十[一二三四五]五”|十[一二三四五]五时期")
_MULTI_YEAR_PARAGRAPH = re.compile(r"^.{0,30}?(?:五年来|过去五年|十[一二三四五]五|年均)")
# The key is part of a larger name: 单位国内生产总值能耗, 与国内生产总值之比, 占国内生产总值比重.
_BAD_BEFORE = ("单位", "占", "与", "之")
_BAD_AFTER = re.compile(r"^(?:之比|比重|比例|能耗|的比|总量|的)")
# Between a key and its figure: words that show the figure belongs to something else.
_OTHER_MEASURE = re.compile(r"贡献率|比重|之比|比例|占比|弹性")
# A clause that carries on the previous clause's metric: 国内生产总值达到63.6万亿元，比上年增长7.4%.
_CARRY_ON = re.compile(r"^(?:比上年|比去年|同比|全年|实际)?(?:增长|增速|上涨|涨幅|下降|降低|增加|减少|提高|为|达到|是)")
_MISSED = re.compile(r"未能实现|未实现|没有实现|未完成|没有完成|未达到|没有达到|未达")
_FELL = re.compile(r"出现下降|负增长|有所下降|同比下降|下降")
_REDUCTION = re.compile(r"下降|降低|减少|压减|削减|能耗|排放")
_CLAUSE_END = re.compile(r"[，,；;。！？、]")

_UNIT_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    text: str
    line: int


@dataclass
class TargetResult:
    """One target of one task, judged against a summary."""

    task_id: str
    target: Target
    actual: float | None
    actual_text: str
    verdict: str  # met | not_met | unknown
    line: int | None = None


def metric_keys(metric: str) -> list[str]:
    """The names a summary may use for a plan's metric, most specific first."""
    core = _METRIC_TAIL.sub("", metric.strip()) or metric.strip()
    keys = [core]
    aliases = next((list(names) for pattern, names in _ALIASES if pattern.search(core)), [])
    if aliases and len(core) < 3:
        keys = []  # 收入 alone would match 财政收入: only the named forms will do
    lead = _LEADING_VERB.match(core)
    if lead and len(core) - lead.end() >= 3:
        keys.append(core[lead.end():])  # 减少农村贫困人口 → 农村贫困人口 (减少1386万)
    for qualifier in _QUALIFIERS:
        if core.startswith(qualifier) and len(core) - len(qualifier) >= 3:
            keys.append(core[len(qualifier):])
    keys.extend(aliases)
    return list(dict.fromkeys(k for k in keys if len(k) >= 2))


def lower_is_better(metric: str) -> bool:
    return bool(_LOWER_IS_BETTER.search(metric))


def _is_percent(unit: str) -> bool:
    return unit in ("%", "％")


def _scaled(value: float, unit: str) -> tuple[float, str]:
    """1314万人 → (13140000, 人): values in different scales of the same unit become comparable."""
    for prefix, factor in _UNIT_SCALE.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return value * factor, unit[len(prefix):]
        if unit == prefix:
            return value * factor, ""
    return value, unit


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """value in unit expressed in to_unit, or None when the units measure different things."""
    if _is_percent(to_unit) or _is_percent(unit):
        return value if _is_percent(to_unit) and _is_percent(unit) else None
    if not to_unit:
        return value
    base, rest = _scaled(value, unit)
    target_base, target_rest = _scaled(1.0, to_unit)
    if rest and target_rest and rest != target_rest:
        return None
    if not unit:
        return None
    return base / target_base


def figures_after(sentence: str, start: int, line: int, unit: str = "", key_start: int | None = None) -> list[Figure]:
    """Figures in `unit` (or one convertible to it) that belong to the metric named just before `start`: in its
    clause, or in a clause that carries on with it (比上年增长…). Many-year averages and totals are left out.
    Each figure's text runs from the metric's name (at `key_start`) to the figure: 国内生产总值增长6.6%."""
    key_start = start if key_start is None else key_start
    figures: list[Figure] = []
    position = start
    first = True
    while position < len(sentence):
        end_match = _CLAUSE_END.search(sentence, position)
        end = end_match.start() if end_match else len(sentence)
        clause = sentence[position:end]
        if not first and not _CARRY_ON.match(clause):
            break
        for match in _FIGURE.finditer(clause):
            if _YEAR.match(clause, match.start()):
                continue
            before = clause[: match.start()]
            if _OTHER_MEASURE.search(before) or _MULTI_YEAR.search(before):
                continue
            quoted = sentence[key_start: position + match.end()].strip()
            figure = Figure(float(match.group(1)), match.group(2) or "", quoted, line)
            if convert(figure.value, figure.unit, unit) is not None:
                figures.append(figure)
        if figures or end_match is None:
            break
        # 、 joins items of a list: the next one is another metric, not this one's figure.
        if end_match.group(0) in "。！？、":
            break
        position = end + 1
        first = False
    return figures


def _key_positions(text: str, key: str) -> Iterable[tuple[int, int]]:
    for match in re.finditer(re.escape(key), text):
        before = text[max(0, match.start() - 2): match.start()]
        if any(before.endswith(word) for word in _BAD_BEFORE):
            continue
        if _BAD_AFTER.match(text, match.end()) and not key.endswith(("率", "能耗")):
            continue
        yield match.start(), match.end()


def find_figures(metric: str, unit: str, sentences: Sequence[Sentence]) -> list[Figure]:
    """Figures the summary gives for the metric, from the first sentence that has any, in a compatible unit."""
    keys = metric_keys(metric)
    multi_year = _multi_year_paragraphs(sentences)
    for sentence in sentences:
        if (sentence.part, sentence.paragraph) in multi_year or _MULTI_YEAR.match(sentence.text):
            continue
        found: list[Figure] = []
        taken: set[tuple[int, int]] = set()
        for key in keys:
            for begin, end in _key_positions(sentence.text, key):
                if any(start <= end - 1 < stop for start, stop in taken):
                    continue
                taken.add((begin, end))
                found.extend(figures_after(sentence.text, end, sentence.line, unit, begin)[:1])
        if found:
            return found
    return []


def _multi_year_paragraphs(sentences: Sequence[Sentence]) -> set[tuple[str, int]]:
    """Paragraphs about several years (五年来…, 过去五年…, “十二五”…), whose figures are not the year's."""
    seen: set[tuple[str, int]] = set()
    flagged: set[tuple[str, int]] = set()
    for sentence in sentences:
        key = (sentence.part, sentence.paragraph)
        if key in seen:
            continue
        seen.add(key)
        if _MULTI_YEAR_PARAGRAPH.match(sentence.text):
            flagged.add(key)
    return flagged


def find_statement_of_miss(metric: str, sentences: Sequence[Sentence]) -> Sentence | None:
    """A sentence that says the metric fell or its target was missed, for a higher-is-better metric."""
    keys = metric_keys(metric)
    multi_year = _multi_year_paragraphs(sentences)
    growth = not lower_is_better(metric) and not _REDUCTION.search(metric)
    for sentence in sentences:
        if (sentence.part, sentence.paragraph) in multi_year:
            continue
        for key in keys:
            for _, end in _key_positions(sentence.text, key):
                clause_end = re.search(r"[。！？]", sentence.text[end:])
                rest = sentence.text[end: end + clause_end.start()] if clause_end else sentence.text[end:]
                if _MISSED.search(rest) or (growth and _FELL.search(rest[:12])):
                    return sentence
    return None


def judge(comparator: str, value: float, actual: float, unit: str, metric: str) -> bool:
    """Whether actual meets the target, by DESIGN.md's rules (in_step is judged by `check_target`)."""
    if comparator == "at_least":
        return actual >= value
    if comparator == "at_most":
        return actual <= value
    if comparator == "about":
        if lower_is_better(metric):
            return actual <= (value + 0.5 if _is_percent(unit) else value * 1.05) + 1e-9
        return actual >= (value - 0.5 if _is_percent(unit) else value * 0.95) - 1e-9
    raise ValueError(f"unknown comparator {comparator!r}")


REFERENCE_METRIC = "国内生产总值增长"


def check_target(task_id: str, target: Target, sentences: Sequence[Sentence]) -> TargetResult:
    """Find the summary's figure for one target and judge it."""
    if target.comparator == "in_step":
        return _check_in_step(task_id, target, sentences)
    figures = find_figures(target.metric, target.unit, sentences)
    if figures:
        figure = figures[0]
        actual = convert(figure.value, figure.unit, target.unit)
        met = judge(target.comparator, float(target.value), actual, target.unit, target.metric)
        return TargetResult(task_id, target, actual, figure.text, "met" if met else "not_met", figure.line)
    missed = find_statement_of_miss(target.metric, sentences)
    if missed is not None:
        return TargetResult(task_id, target, None, missed.text, "not_met", missed.line)
    return TargetResult(task_id, target, None, "", "unknown")


def _check_in_step(task_id: str, target: Target, sentences: Sequence[Sentence]) -> TargetResult:
    """In step: the metric grows at least as fast as its reference (GDP unless the target names another).
    When the summary gives several figures for the metric (urban and rural income), the slowest counts."""
    figures = [f for f in find_figures(target.metric, "%", sentences)]
    reference_metric = str(target.extra.get("reference") or REFERENCE_METRIC)
    if re.fullmatch(r"经济(?:增长|发展|增速)?", reference_metric):
        reference_metric = REFERENCE_METRIC  # 与经济增长同步: the economy's growth is GDP's
    reference = find_figures(reference_metric, "%", sentences)
    if not figures or not reference:
        return TargetResult(task_id, target, None, figures[0].text if figures else "", "unknown")
    slowest = min(figures, key=lambda f: f.value)
    text = "；".join(dict.fromkeys(f.text for f in figures))
    verdict = "met" if slowest.value >= reference[0].value else "not_met"
    return TargetResult(task_id, target, slowest.value, text, verdict, slowest.line)
