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
from decimal import Decimal
from typing import Iterable, Sequence

from duban.check.matching import Sentence
from duban.ledger.model import Target
from duban.text.metrics import ADDED_WORDS, BOUND_BEFORE, CHANGE_WORDS, LOWER_IS_BETTER, UNIT, unit_as_duban_writes_it
from duban.text.numerals import exact, split_scale

# Metrics where a lower figure is the better one; all others (growth, jobs, output, income, reductions) higher.
# Words that end a metric's name in a plan but not in a summary: 国内生产总值增长 → 国内生产总值.
_METRIC_TAIL = re.compile(r"(?:按?可比口径|可比|同口径)?(?:实际)?(?:增长率?|增速|涨幅|上涨|下降|降低|提高|减少|增加|达到|控制在|保持在|为)+$")
# The names summaries give one metric: a plan's 地区生产总值 is the review's 本市生产总值 or GDP. A metric that
# names a family is looked for by every name of it (longest first); a family's own qualifiers keep apart what
# differs (调查失业率 is not 登记失业率, 进出口 is not 出口, 居民收入 is not 一般公共预算收入).
_FAMILIES = (
    # R&D as the subject (全社会研发投入占…比重, 研发投入强度), not as what a share is of (基础研究占研发投入比重);
    # first, as a share of GDP is not GDP
    (re.compile(r"^(?:全社会)?研发[^占]*(?:占[^研]*)?(?:比重|强度)"),
     ("研发经费投入强度", "研发投入强度", "占地区生产总值比重", "占GDP比重")),
    (re.compile(r"^(?:全社会)?研发(?:（R&D）)?(?:经费|投入)"), ("全社会研发投入", "全社会研发经费", "研发经费", "研发投入")),
    (re.compile(r"能耗|能源消耗"), ("单位国内生产总值能耗", "单位地区生产总值能耗", "万元GDP综合能耗", "万元GDP能耗",
                                   "单位GDP能耗", "能耗强度", "能源消耗强度")),
    # GDP itself, not what is measured per unit of it (万元GDP建设用地, 单位GDP水耗), per head (人均GDP), per area
    # (每平方公里GDP产出, 地均GDP) or as a share of it (新兴产业增加值占GDP比重)
    (re.compile(r"^(?!.*(?:万元|单位|每(?:平方公里|亩|公顷)?|人均|地均|占)(?:GDP|地区生产总值|国内生产总值|生产总值))"
                r".*(?:生产总值|GDP|经济增长|经济总量)"), ("地区生产总值", "国内生产总值", "本市生产总值", "全市生产总值",
                                              "本地生产总值", "本区生产总值", "全区生产总值", "全县生产总值",
                                              "全省生产总值", "生产总值", "GDP")),
    (re.compile(r"一般公共预算(?:地方)?(?:本级)?收入|公共财政(?:预算)?收入|一般(?:地方)?预算(?:财政)?收入|地方级收入|地方财政收入"),
     ("地方一般公共预算收入", "一般公共预算收入", "公共财政预算收入", "地方财政一般预算收入", "地方一般预算财政收入",
      "一般地方预算财政收入", "地方一般预算收入", "一般预算收入", "地方级收入", "地方财政收入")),
    (re.compile(r"工业(?:企业)?增加值|规(?:模以)?上企业增加值"), ("规模以上工业增加值", "规上工业增加值", "规模以上工业企业增加值",
                                      "规上工业企业增加值", "工业增加值")),
    (re.compile(r"固定资产投资"), ("全社会固定资产投资", "固定资产投资")),
    (re.compile(r"社会消费品零售|社零|消费品零售"), ("社会消费品零售总额", "社会消费品零售额", "社零总额",
                                               "社会消费品零售")),
    (re.compile(r"进出口|外贸"), ("外贸进出口总额", "进出口总额", "进出口总值", "外贸进出口", "进出口")),
    # exports alone (出口增长15%左右 → 出口总额1361亿美元，增长34.1%); 进出口 is kept apart by _key_positions
    (re.compile(r"^(?:外贸)?出口(?:总额|总值)?$"), ("出口总额", "出口总值", "出口")),
    (re.compile(r"可支配收入|居民收入|人均收入|纯收入"), ("全体居民人均可支配收入", "居民人均可支配收入",
                                                 "城镇居民人均可支配收入", "农村居民人均可支配收入",
                                                 "城乡居民人均可支配收入", "人均可支配收入", "居民人均纯收入",
                                                 "居民收入", "人均收入")),
    (re.compile(r"居民消费价格|物价|CPI"), ("居民消费价格总水平", "居民消费价格指数", "居民消费价格", "CPI", "物价")),
    (re.compile(r"调查失业率"), ("城镇调查失业率", "调查失业率")),
    (re.compile(r"登记失业率"), ("城镇居民登记失业率", "城镇登记失业率", "居民登记失业率", "登记失业率")),
    (re.compile(r"新增就业|就业岗位"), ("城镇新增就业", "新增就业岗位", "新增就业人数", "新增就业")),
    (re.compile(r"PM2\.5"), ("PM2.5年均浓度", "PM2.5平均浓度", "PM2.5浓度", "PM2.5")),
    (re.compile(r"粮食"), ("粮食总产量", "粮食产量", "粮食综合生产能力")),
    (re.compile(r"优良天数|(?:空气|环境空气)(?:质量)?优良率"), ("空气质量优良天数比例", "空气质量平均优良天数比例",
                                                    "环境空气质量优良天数比例", "空气质量优良天数比率",
                                                    "空气质量优良率", "空气优良率", "优良天数占比", "优良天数比例",
                                                    "空气质量优良天数")),
    (re.compile(r"国高企业|国家(?:级)?高新技术企业"), ("国家高新技术企业", "国家级高新技术企业", "国高企业")),
)
_QUOTED_NAME = re.compile(r"“[^”]{2,12}”[\u4e00-\u9fff]{1,4}$")  # a quoted name and its noun end a metric
_LEADING_VERB = re.compile(r"^(?:减少|增加|新增|降低|提高|完成|实现|新建|改造|建成|创建|发展|培育|引进|招引)")
_STOCK_TAIL = re.compile(r"(?:总量|总数)$")  # a count of what stands, which a review gives after what was added
_QUALIFIERS = ("城镇", "全国", "全年", "每年", "城乡", "全区", "全县", "全市", "港口", "机场")  # …and where it is counted
_TWO_WORDS = re.compile(r"[\u4e00-\u9fff]{4}")  # a name of two words of two characters

# A figure with its unit; a minus sign where the review writes one (降幅收窄到-1.4%), not a range's dash (1-10月).
_FIGURE = re.compile(rf"(?<![\d.])([-－−]?\d+(?:\.\d+)?)\s*({UNIT})?")
_YEAR = re.compile(r"\d{4}年")
# A figure that is a many-year average or total, not the year's own.
_MULTI_YEAR = re.compile(r"年均|累计|五年|十年|三年来|“十[一二三四五]五”|十[一二三四五]五时期")
# …not the first year of one (2021年是…“激情奋进‘十四五’、…”的开局之年 reviews that one year).
_MULTI_YEAR_PARAGRAPH = re.compile(r"^.{0,30}?(?:五年来|过去五年|十[一二三四五]五(?![^，。；]{0,16}(?:开局|起步|首年|第一年|开篇))|年均)")
# The key is part of a larger name: 单位国内生产总值能耗, 与国内生产总值之比, 占国内生产总值比重.
_BAD_BEFORE = ("单位", "占", "与", "之", "人均", "辖区", "全口径", "万元")
_BAD_AFTER = re.compile(r"^(?:之比|比重|比例|能耗|水耗|电耗|建设用地|生产安全|的比|总量|的)")
# Between a key and its figure: words that show the figure belongs to something else.
# Between a metric and a figure, words that make the figure another measure (a share of the whole: 占全市的15%,
# 不到全市的15%; a contribution; a ratio).
_OTHER_MEASURE = re.compile(r"贡献率|比重|之比|比例|占比|弹性|(?:占|不到|超过|达到)?(?:全国|全省|全市|全区)的$")
# A clause that carries on the previous clause's metric: 国内生产总值达到63.6万亿元，比上年增长7.4%.
_CARRY_ON = re.compile(r"^(?:分别)?(?:比上年|比去年|同比|全年|实际|同口径比?|按?可比口径|可比|剔除不可比因素后?)?(?:增长|增速|上涨|涨幅|下降|降低|降至|降到|增加|减少|提高|为|达到?|是|控制在|保持在|稳定在|降幅|增幅)")
_LEVEL_RE = re.compile(r"^(?:与上年|同比|基本)?持平")
# Asides between a level and its growth: 全市第一, 稳居全市各区第二, 居全省前列, 3年突破两个千亿大关.
_ASIDE = re.compile(r"(?:(?:稳居|位居|居|排名|跃居)?(?:全市|全省|全国|全区|各区|全市各区|珠三角)[^，。；%％\d]{0,6}"
                    r"(?:第[一二三四五六七八九十\d]+|前列|首位|前[三五十])|[^，。；%％]{1,12}(?:大关|新高|纪录))[，,、]")
# 从2.17%提高到2.65%, 降幅由一季度的-23.1%收窄到-1.4%: the figure reached is the one after 到.
_FROM_TO = re.compile(r"[从由][^，。；]*?(?:提高|提升|增加|增长|下降|降低|减少|扩大|收窄|回升|加快|放缓|降|升)(?:到|至)")
# What a figure is the base of (…1708亿元高基数的情况下, 在上年增长10%的基础上): not the year's own figure.
_BASE = re.compile(r"(?:高|的)?基数|的(?:情况下|基础上)$")
# A figure passed on the way (突破1000亿美元，达到1173.99亿美元): the clause after it may give the figure itself.
_PASSED = re.compile(r"(?:突破|超过|超|逾|近|接近|约)$")
_REACHED = re.compile(r"达到|达|为")  # matched at a position: no ^, which holds only at the start of the text
_DECLINE_CLAUSE = re.compile(r"^降幅")  # 降幅收窄到1.4%: the change is a fall of 1.4%
_FALL_RE = re.compile(r"(?:下降|减少|回落|负增长)[^\d]{0,4}$")
_MISSED = re.compile(r"未能实现|未实现|没有实现|未完成|没有完成|未达到|没有达到|未达")
_FELL = re.compile(r"出现下降|负增长|有所下降|同比下降|下降")
_REDUCTION = re.compile(r"下降|降低|减少|压减|削减|能耗|排放")
_CLAUSE_END = re.compile(r"[，,；;。！？、]")


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str
    text: str
    line: int
    floor: bool = False  # 保持在11%以上, 超过2万件: at least this much, how much more unsaid


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
    metric = re.sub(r"分别|均(?=增长|下降|降低|减少|提高)", "", metric.strip())  # how the plan shared out its figures
    if metric.startswith("占"):
        return []  # 占外贸总额比重: a share of what the clause before named, which the name alone does not say
    core = _METRIC_TAIL.sub("", metric) or metric
    keys = [core]
    aliases = next((list(names) for pattern, names in _FAMILIES if pattern.search(core)), [])
    for own, other in (("农村", "城镇"), ("城镇", "农村")):  # 农村居民收入 is not 城镇居民人均可支配收入
        if own in core and other not in core:
            aliases = [name for name in aliases if other not in name]
    if aliases and len(core) < 3:
        keys = []  # 收入 alone would match 财政收入: only the named forms will do
    lead = _LEADING_VERB.match(core)
    if lead and len(core) - lead.end() >= 3:
        keys.append(core[lead.end():])  # 减少农村贫困人口 → 农村贫困人口 (减少1386万)
    for joint in re.finditer(r"[及和与]", core):  # 新开工及筹集人才住房和保障性住房 → 筹集人才住房和保障性住房
        if len(core) - joint.end() >= 6 and not aliases:
            keys.append(core[joint.end():])
            break
    for qualifier in _QUALIFIERS:
        if core.startswith(qualifier) and len(core) - len(qualifier) >= 3:
            keys.append(core[len(qualifier):])
    stock = _STOCK_TAIL.search(metric)  # the metric's own end: 排放总量下降 is a change, not a count that stands
    if stock and stock.start() >= 3:
        keys.append(metric[:stock.start()])  # 上市企业总量 → 上市企业 (新增上市企业1家，总量47家: see _stock_figure)
    quoted = _QUOTED_NAME.search(core)
    if quoted and quoted.start() > 0:
        keys.append(quoted.group(0))  # 引育“高精尖缺”人才 → “高精尖缺”人才 (引进认定各领域“高精尖缺”人才109名)
    for key in [k for k in keys if _TWO_WORDS.fullmatch(k) and not aliases]:
        keys.append(key[2:] + key[:2])  # 土地供应 → 供应土地, 申请专利 → 专利申请: the two words the other way round
    keys.extend(aliases)
    # A name of two characters (完成, 供应) would find any figure: only a family's short names (GDP, CPI) will do.
    return list(dict.fromkeys(k for k in keys if len(k) >= 3 or k in aliases))


def lower_is_better(metric: str) -> bool:
    return bool(LOWER_IS_BETTER.search(metric))


def _is_percent(unit: str) -> bool:
    return unit in ("%", "％")


def _scaled(value: float, unit: str) -> tuple[Decimal, str]:
    """1314万人 → (13140000, 人): values in different scales of the same unit become comparable, exactly (in
    binary, 2.3亿元 would be 22999.999999999996万元 and miss a target of 23000万元)."""
    factor, rest = split_scale(unit)
    return exact(value) * factor, rest


_COUNTS = {"个", "人", "户", "家", "张", "套", "所", "件", "项", "名", "处"}
_MASS = {"斤": Decimal("0.5"), "吨": Decimal(1000)}  # kilograms


def _same_measure(unit: str, other: str) -> bool:
    """个 counts anything (就业岗位8万个 against 新增就业10.9万人); 斤 and 吨 weigh the same grain."""
    return ("个" in (unit, other) and {unit, other} <= _COUNTS) or {unit, other} <= set(_MASS)


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """value in unit expressed in to_unit, or None when the units measure different things; computed in decimal,
    so a figure equal to the target in another scale (1258.7亿元 against 0.12587万亿元) is equal."""
    if _is_percent(to_unit) or _is_percent(unit):
        return value if _is_percent(to_unit) and _is_percent(unit) else None
    if not to_unit:
        return value
    base, rest = _scaled(value, unit)
    target_base, target_rest = _scaled(1.0, to_unit)
    if rest and target_rest and rest != target_rest and not _same_measure(rest, target_rest):
        return None
    if not unit:
        return None
    if rest in _MASS and target_rest in _MASS:
        return float(base * _MASS[rest] / (target_base * _MASS[target_rest]))
    return float(base / target_base)


def figures_after(sentence: str, start: int, line: int, unit: str = "", key_start: int | None = None,
                  reduction: bool = False) -> list[Figure]:
    """Figures in `unit` (or one convertible to it) that belong to the metric named just before `start`: in its
    clause, or in a clause that carries on with it (比上年增长…). Many-year averages and totals are left out.
    Each figure's text runs from the metric's name (at `key_start`) to the figure: 国内生产总值增长6.6%."""
    key_start = start if key_start is None else key_start
    figures: list[Figure] = []
    position = start
    first = True
    based = False
    while position < len(sentence):
        end_match = _CLAUSE_END.search(sentence, position)
        if end_match and end_match.group(0) == "、" and "分别" in sentence[position:end_match.start()]:
            end_match = _CLAUSE_END_STRONG.search(sentence, position)  # 分别达32148元、12246元: one clause
        end = end_match.start() if end_match else len(sentence)
        clause = sentence[position:end]
        if not first and not _CARRY_ON.match(clause):
            break
        if _is_percent(unit) and _LEVEL_RE.match(clause):  # 与上年持平: a growth of 0
            return [Figure(0.0, unit, sentence[key_start:position + len(clause)].strip(), line)]
        reached = _FROM_TO.search(clause)
        for match in _FIGURE.finditer(clause):
            if _YEAR.match(clause, match.start()) or (reached and match.start() < reached.end()):
                continue
            before = clause[: match.start()]
            if _OTHER_MEASURE.search(before) or _MULTI_YEAR.search(before):
                continue
            if _BASE.search(clause, match.end()):
                based = True  # 在2022年完成1708亿元高基数的情况下，全年完成1870亿元: the year's figure follows
                continue
            quoted = sentence[key_start: position + match.end()].strip()
            value = _value(match)
            if _is_percent(unit) and not reduction and value > 0 and (_FALL_RE.search(before)
                                                                       or _DECLINE_CLAUSE.match(clause)):
                value = -value  # 下降3.3%: a growth of -3.3
            floor = clause.startswith("以上", match.end()) or bool(BOUND_BEFORE.search(before))
            figure = Figure(value, _unit_of(match, before), quoted, line, floor)
            if convert(figure.value, figure.unit, unit) is not None:
                figures.append(figure)
                passed = bool(_PASSED.search(before))
        if based and not figures and end_match is not None and end_match.group(0) in "，,":
            return figures_after(sentence, end + 1, line, unit, key_start, reduction)[:1]
        if end_match is None or figures and not (passed and end_match.group(0) in "，," and
                                                 _REACHED.match(sentence, end + 1)):
            break
        if figures:  # 突破1000亿美元，达到…: the figure reached, if the next clause gives one
            exact = figures_after(sentence, end + 1, line, unit, key_start, reduction)
            return exact[:1] or figures
        following = sentence[end + 1:]
        while _ASIDE.match(following):  # "…2330亿元、全市第一，增长6.5%": a ranking between level and growth
            following = following[_ASIDE.match(following).end():]
        # 、 joins items of a list: the next one is another metric, unless it carries on (3538亿元、增长6.2%).
        if end_match.group(0) in "。！？" or (end_match.group(0) == "、" and not _CARRY_ON.match(following)):
            break
        position = len(sentence) - len(following)
        first = False
    return figures


_LIST_JOINT = re.compile(r"、|和|及")
_DISTRIBUTED = re.compile(r"分别(?:比上年|同比)?([^\d，,；;。]{0,4})")
_CLAUSE_END_STRONG = re.compile(r"[，,；;。！？]")  # 、 joins the shared figures and does not end their clause


def distributed_figure(sentence: str, begin: int, end: int, line: int, unit: str = "",
                       reduction: bool = False) -> Figure | None:
    """The metric's figure where several metrics share one verb (万元GDP能耗、水耗分别下降4.3%、10.3%): the figure in
    the metric's place in the list, when the list and its figures are as many; None where no such list holds it."""
    clause_start = max(sentence.rfind(mark, 0, begin) for mark in "，,；;。：:") + 1
    clause_end = _CLAUSE_END_STRONG.search(sentence, end)
    stop = clause_end.start() if clause_end else len(sentence)
    shared = _DISTRIBUTED.search(sentence, end, stop)
    if shared is not None and _MULTI_YEAR.search(shared.group(1)):
        return None  # 分别累计下降32.7%、34.6%: the years together, not the plan year
    if shared is None or _LIST_JOINT.search(sentence, clause_start, begin) is None \
            and _LIST_JOINT.search(sentence, end, shared.start()) is None:
        return None
    before = sentence[clause_start:begin]
    if before.strip() and not _LIST_JOINT.fullmatch(before[-1]):
        return None  # the key is the end of a name (城镇、农村居民人均可支配收入): whose figure is which is unclear
    names = _LIST_JOINT.split(sentence[clause_start:shared.start()])
    place = len(_LIST_JOINT.findall(before))
    figures = [m for m in _FIGURE.finditer(sentence, shared.end(), stop)
               if m.group(2) and not _YEAR.match(sentence, m.start())]
    if len(names) < 2 or len(figures) != len(names) or place >= len(figures):
        return None
    match = figures[place]
    value = _value(match)
    if _is_percent(unit) and not reduction and re.search(r"下降|减少|回落", shared.group(1)):
        value = -value
    # the whole list with its figures (万元GDP建设用地、水耗、电耗分别下降6.5%、3.9%和4.6%): from the key alone to
    # its figure (水耗、电耗分别下降6.5%、3.9%) would read as if the first figure were the key's
    quoted = sentence[clause_start:figures[-1].end()].strip()
    figure = Figure(value, _unit_of(match, sentence[:match.start()]), quoted, line)
    return figure if convert(figure.value, figure.unit, unit) is not None else None


def _unit_of(match: re.Match, before: str) -> str:
    """A figure's unit as duban writes it (the clause before it may say per cubic metre)."""
    return unit_as_duban_writes_it(match.group(2) or "", re.split(r"[，,；;。]", before)[-1])


def _value(match: re.Match) -> float:
    """The number of a _FIGURE match, its sign as written."""
    return float(match.group(1).replace("－", "-").replace("−", "-"))


def _key_positions(text: str, key: str) -> Iterable[tuple[int, int, bool]]:
    """(start, end, stands for the metric) of each place the key is named; False where it is part of a larger
    name (单位国内生产总值能耗, 占规上工业增加值的比重), so that no shorter key is read there either."""
    for match in re.finditer(re.escape(key), text):
        before = text[max(0, match.start() - 2): match.start()]
        own = not any(before.endswith(word) for word in _BAD_BEFORE) and not (
            _BAD_AFTER.match(text, match.end()) and not key.endswith(("率", "能耗"))) and not (
            key.startswith("出口") and before.endswith("进"))  # 进出口 is not 出口
        yield match.start(), match.end(), own


def find_figures(metric: str, unit: str, sentences: Sequence[Sentence], of: str = "") -> list[Figure]:
    """Figures the summary gives for the metric, from the first sentence that has any, in a compatible unit; `of`
    names the one metric of a list the figure is for (水耗 of 万元GDP建设用地、水耗、电耗下降), which is looked for
    by its own name first, however short, as the list named it, then by the names a review gives it (规上工业增加值
    for 规模以上工业增加值)."""
    keys = list(dict.fromkeys([of, *metric_keys(of)])) if of else metric_keys(metric)
    multi_year = _multi_year_paragraphs(sentences, whole_chapters=bool(_CHANGE.search(metric)))
    # A family's name of two characters (出口) is looked for only where none of its longer names is found anywhere
    # (外贸出口总额629.62亿美元 after 软件业…出口5.9亿美元 is the city's exports; the software industry's came first).
    named = [key for key in keys if len(key) > 2 or key == of]
    for tier in ([named, keys] if len(named) < len(keys) else [keys]):
        found = _first_figures(tier, metric, unit, sentences, of, multi_year)
        if found:
            return found
    return []


def _first_figures(keys: list[str], metric: str, unit: str, sentences: Sequence[Sentence], of: str,
                   multi_year: set[tuple[str, int]]) -> list[Figure]:
    """The figures of the first sentence that names the metric by one of the keys (see `find_figures`)."""
    reduction = bool(_REDUCTION.search(metric))
    change = bool(_CHANGE.search(metric))
    earlier: list[str] = []  # the paragraph's sentences before this one: where a comparison year is set
    paragraph = None
    for sentence in sentences:
        if (sentence.part, sentence.paragraph) != paragraph:
            earlier, paragraph = [], (sentence.part, sentence.paragraph)
        if (sentence.part, sentence.paragraph) in multi_year or _MULTI_YEAR.match(sentence.text):
            earlier.append(sentence.text)
            continue
        before = "".join(earlier) if change else ""  # where a comparison year may have been set
        found: list[Figure] = []
        taken: set[tuple[int, int]] = set()
        for key in keys:
            for begin, end, own in _key_positions(sentence.text, key):
                if any(start <= begin < stop or start < end <= stop for start, stop in taken):
                    continue
                taken.add((begin, end))
                if own and (not _names_the_subject(sentence.text, begin, key, metric)
                            or _other_population(sentence.text, begin, metric)
                            or not _counted_alike(sentence.text, begin, key, metric)):
                    continue
                if own and _SUB_PERIOD.search(sentence.text, max(0, begin - 24), begin):
                    continue  # 今年上半年GDP…增长20.7%: part of a year, not the plan's year
                if own and change and _against_years_ago(before + sentence.text, len(before) + begin):
                    continue
                if own and _added_where_a_level_is_meant(sentence.text, begin, metric, unit):
                    stock = _stock_figure(sentence.text, end, sentence.line, unit, begin)
                    found.extend([stock] if stock else [])  # 新增…540家 alone is not how many there are
                    continue
                if own:
                    shared = distributed_figure(sentence.text, begin, end, sentence.line, unit, reduction)
                    if shared is None and key == of and len(of) <= 2 and not _PER_GDP.search(sentence.text, 0, begin):
                        continue  # 产量, 水耗 alone name a list's metric only in a list, or as 万元GDP水耗
                    found.extend([shared] if shared else
                                 figures_after(sentence.text, end, sentence.line, unit, begin, reduction)[:1])
        if found:
            return found
        earlier.append(sentence.text)
    return []


# What a short name of a list's metric is measured per, just before it: 万元GDP水耗, 单位地区生产总值能耗.
_PER_GDP_WORDS = r"(?:万元|单位)(?:GDP|地区生产总值|国内生产总值|生产总值)"
_PER_GDP = re.compile(rf"{_PER_GDP_WORDS}$")

# Part of a year (上半年, 一季度, 1-10月): its figures are not the year's.
_SUB_PERIOD = re.compile(r"上半年|下半年|[一二三四1-4]季度|前三季度|[0-9一二三四五六七八九十]{1,2}[-—～~至到][0-9一二三四五六七八九十]{1,2}月"
                         r"|前[0-9一二三四五六七八九十]{1,2}个?月")


def _names_the_subject(text: str, begin: int, key: str, metric: str) -> bool:
    """A key that is only a share (占地区生产总值比重, a family's name for 研发投入强度) is the metric's only where
    the words just before it name the metric's subject (研发经费支出占…, not 民营经济增加值…占…)."""
    if not key.startswith("占"):
        return True
    subject = metric.split("占")[0] or metric
    pieces = {subject[i:i + 2] for i in range(len(subject) - 1)} - {"全社", "社会", "全市", "全省", "全区"}
    window = text[max(0, begin - 20):begin]
    return any(piece in window for piece in pieces)


_ADDED = re.compile(rf"^(?:{ADDED_WORDS})")
_ADDED_IN_CLAUSE = re.compile(rf"(?:{ADDED_WORDS})[^，,；;。]*$")


def _counted_alike(text: str, begin: int, key: str, metric: str) -> bool:
    """A metric of what is added in the year (新增国家级专精特新“小巨人”企业80家), looked for by its name without the
    verb, is the figure's only where its clause says so too (新增…企业69家), not a count of what stands
    (入驻…“小巨人”企业16家)."""
    if not _ADDED.match(metric) or _ADDED.match(key):
        return True
    return _added_before(text, begin)


def _added_before(text: str, begin: int) -> bool:
    """Whether the clause names, just before `begin`, what was added (新增…, 引进…)."""
    return bool(_ADDED_IN_CLAUSE.search(text, max(0, begin - 30), begin))


# The level reached, after what was added: 新增国家高新技术企业540家，总量超过1300家; 新增科技服务机构10家，累计达116家.
_STOCK = re.compile(r"(?:总量|总数|累计|总计|共有|合计)(?:达到|达|超过|突破|为)?")


def _added_where_a_level_is_meant(text: str, begin: int, metric: str, unit: str) -> bool:
    """A count the plan sets as a level (国家高新技术企业达到1000家) that the review names as what was added."""
    return not _is_percent(unit) and not _ADDED.match(metric) and _added_before(text, begin)


def _stock_figure(text: str, end: int, line: int, unit: str, key_start: int) -> Figure | None:
    """The figure of how many there are, in the clause after what was added (…540家，总量超过1300家)."""
    clause_end = _CLAUSE_END.search(text, end)
    if clause_end is None or clause_end.group(0) not in "，,":
        return None
    stock = _STOCK.match(text, clause_end.end())
    figure = _FIGURE.match(text, stock.end()) if stock else None
    if figure is None or not figure.group(2):
        return None
    found = Figure(_value(figure), figure.group(2), text[key_start:figure.end()].strip(), line)
    return found if convert(found.value, found.unit, unit) is not None else None


def _other_population(text: str, begin: int, metric: str) -> bool:
    """A figure of 城镇居民… for a metric of 农村居民… (or the other way round): the words just before the key say
    whose it is."""
    before = text[max(0, begin - 2):begin]
    return any(own in metric and other not in metric and before == other
               for own, other in (("农村", "城镇"), ("城镇", "农村")))


_COMPARED_WITH_YEAR = re.compile(r"(?:与|比|较)((?:19|20)\d\d)年")
_YEAR_NAMED = re.compile(r"((?:19|20)\d\d)年")


def _against_years_ago(text: str, begin: int) -> bool:
    """A change measured against a year long before the text's own (与2010年相比，预计2015年…；万元GDP能耗…下降19.5%):
    several years' change, not the year's."""
    compared = [int(year) for year in _COMPARED_WITH_YEAR.findall(text, 0, begin)]
    return bool(compared) and max(int(year) for year in _YEAR_NAMED.findall(text)) - max(compared) >= 2


# A metric that is a change over the year (增长, 下降, 削减): over several years it adds up to another figure.
_CHANGE = re.compile(CHANGE_WORDS)


def _multi_year_paragraphs(sentences: Sequence[Sentence], whole_chapters: bool = False) -> set[tuple[str, int]]:
    """Paragraphs about several years (五年来…, 过去五年…, “十二五”…), whose figures are not the year's; with
    `whole_chapters` (for a change, which adds up over the years, where a level such as 失业率3% may well be the
    year's), all the paragraphs of a chapter whose heading says so too (（三）过去五年，改革开放不断突破。)."""
    seen: set[tuple[str, int]] = set()
    chapters_seen: set[int] = set()
    multi_year_chapters: set[int] = set()
    flagged: set[tuple[str, int]] = set()
    for sentence in sentences:
        if sentence.chapter and sentence.chapter not in chapters_seen:
            chapters_seen.add(sentence.chapter)
            if _MULTI_YEAR_PARAGRAPH.match(sentence.text):
                multi_year_chapters.add(sentence.chapter)
        key = (sentence.part, sentence.paragraph)
        if key in seen:
            continue
        seen.add(key)
        if _MULTI_YEAR_PARAGRAPH.match(sentence.text) or whole_chapters and sentence.chapter in multi_year_chapters:
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
            for _, end, own in _key_positions(sentence.text, key):
                if not own:
                    continue
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
    figures = find_figures(target.metric, target.unit, sentences,
                           str(target.extra.get("of") or "") or _measured_per_gdp(target.metric))
    if figures:
        figure = figures[0]
        actual = convert(figure.value, figure.unit, target.unit)
        met = judge(target.comparator, float(target.value), actual, target.unit, target.metric)
        # 研发投入占GDP比重保持在11%以上 against at least 11.1%: how far above 11 is not said
        verdict = "met" if met else "unknown" if figure.floor and target.comparator == "at_least" else "not_met"
        return TargetResult(task_id, target, actual, figure.text, verdict, figure.line)
    missed = find_statement_of_miss(target.metric, sentences)
    if missed is not None:
        return TargetResult(task_id, target, None, missed.text, "not_met", missed.line)
    return TargetResult(task_id, target, None, "", "unknown")


_PER_GDP_METRIC = re.compile(rf"^{_PER_GDP_WORDS}([\u4e00-\u9fff]{{2}})$")


def _measured_per_gdp(metric: str) -> str:
    """水耗 of 万元GDP水耗下降: what a review may name in a list after another per-GDP measure (万元GDP能耗、水耗分别
    下降4.3%、5.3%), looked for as a list's metric is; "" for any other metric (能耗 has names of its own)."""
    core = _METRIC_TAIL.sub("", metric.strip())
    match = _PER_GDP_METRIC.match(core)
    return match.group(1) if match and not any(pattern.search(core) for pattern, _ in _FAMILIES) else ""


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
