"""Numeric targets in a plan's words: 地区生产总值增长5.5%左右 → (地区生产总值增长, about, 5.5, %).

One target per figure: `分别增长5%、9%、6%左右` is three, each about; a range (`8—8.5%`, `6%-6.5%`) is its lower
bound, at_least (about when 左右 follows); `与经济增长同步` (相匹配, 相适应; or 高于/快于 经济增长, 劳动报酬增长和劳动生产率提高同步)
is in_step for each metric named.
Comparators as DESIGN.md gives them: 以上/不低于/超过 → at_least, 以内/以下/不超过/控制在 → at_most, 左右 → about,
a bare figure → at_least, except a level where lower is better (居民消费价格涨幅3%, 指数102%, PM2.5下降至26) → at_most.
Units are written one way each: ％ as %, a concentration per cubic metre as 微克/立方米 (18微克每立方米).

Two readings: the plan year's expected targets (主要预期目标是：…), where a bare figure is a target; and a plan item's
own text, where only figures with a comparator word count (覆盖率达到60%) — a bare count in an item is a measure.
"""

from __future__ import annotations

import re

from duban.ledger.model import Target
from duban.text.metrics import ADDED_WORDS, BOUND_BEFORE, CHANGE_WORDS, LOWER_IS_BETTER, UNIT, unit_as_duban_writes_it

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_DASH = r"[—–\-－~～至到]{1,2}"
# A figure: a number (or a range of two) with its unit and what qualifies it.
_FIGURE = re.compile(
    rf"(?P<low>{_NUMBER})\s*(?P<unit1>{UNIT})?(?:\s*{_DASH}\s*(?P<high>{_NUMBER})\s*(?P<unit2>{UNIT})?)?"
    r"(?P<qual>以上|以内|以下|之内|左右)?")
# 不 turns a bound round: 不超过, 不高于 are ceilings, 不低于, 不少于 floors.
_AT_LEAST_VERBS = re.compile(r"(?:不低于|不少于|(?<!不)(?:超过|超|高于|大于)|突破|至少)$")
_AT_MOST_VERBS = re.compile(r"(?:不超过|不高于|不大于|(?<!不)(?:低于|少于|小于)|控制在|压减到|压减至|降至|下降至|降到|下降到|减少到|"
                            r"减少至)$")
# The verbs between a metric and its figure (地区生产总值增长 | 力争达到 | 6%): not part of the metric's name.
# What is left of "各地可降至16%" or "用于1500万人次" once the verb is cut: no thing to measure.
_NOT_A_METRIC = re.compile(r"(?:各地|各级|各省|全国|我们|我国|其中|今年|明年)?(?:可|要|将|能|用于|力争|确保|争取|需|应)?")
_ALREADY = re.compile(r"(?:已经?|业已|已然)(?:达到?|超过|突破|增长|增加|降至|降到|下降|提高|提升|累计)?$")
# 确保不低于当地上年度农村居民人均纯收入的60%: a share of a base the clause compares with; what it measures was named
# before it (农村五保对象人均供养标准), so the words left name no metric.
_NO_SUBJECT = re.compile(r"^(?:确保|力争)?(?:不低于|不少于|不高于|不超过|低于|高于|相当于)")
# 预计今年高校毕业生超过1170万人: a forecast of what the year brings, not a figure the government sets itself.
_FORECAST = re.compile(r"预计|预测")
_VERB_BEFORE = re.compile(r"(?:已经|已|力争|努力|确保|预期|预计|要|将|争取|实现|分别|达到|到达|提高到|提升到|提高至|提升至|增加到|"
                          r"增加至|增长到|稳定在|保持在|控制在|不低于|不少于|不超过|不高于|低于|高于|超过|突破|下降至|"
                          r"下降到|降至|降到|减少到|减少至|压减到|压减至|至少|达|为|在|每月|每年|年均|人均|超)+$")
_REDUCTION = re.compile(r"(?:下降|降低|减少|压减|削减)$")
_IN_STEP = re.compile(
    r"(?P<metrics>[^，,；;。：:]{2,40}?)(?:增长|增速)?(?:要|将|继续|保持)?(?:与|和|同)(?P<ref>经济增长|经济发展|经济|GDP增长|GDP|"
    r"地区生产总值增长|国内生产总值增长|生产总值增长|地区生产总值|生产总值|劳动生产率提高|劳动生产率增长)(?:增速)?"
    r"(?:基本|保持基本|保持|基本保持)?(?:同步|相匹配|相适应)(?:增长)?"
    r"|(?P<metrics2>[^，,；;。：:]{2,40}?)(?:增长|增速)?(?:高于|快于|跑赢)"
    r"(?P<ref2>经济增长|经济增速|GDP增长|GDP增速|地区生产总值增长|地区生产总值增速|城镇居民(?:人均可支配)?收入(?:增速|增长)?)")
_LEADING_FILLER = re.compile(
    r"^(?:[①-⑳]|(?:到|至)?(?:[0-9]{4}|[xX×]{2,4})年(?:度|底前|底|以前|前|内)?|今年|明年|全年|年内|到年底|年底前?|"
    r"其中|并|和|且|同时|以及|进一步|力争|确保|努力实现|努力|"
    r"实现|使|要|将|全区|全市|全县|全省|全镇|全国|主要预期目标是?|预期目标是?|主要目标是?|目标是?|主要有|"
    r"地区生产总值增长[0-9.%％]+左右[，,]?其中)+")
_METRIC_BAD_START = re.compile(r"^[的和与及、等]")
_CLAUSE = re.compile(r"[，,；;。！？：:\n]")
_SPLIT_METRICS = re.compile(r"[、和及与]")


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


# Where a figure starts from (补助从人均40元提高到45元, 报销比例由50%提高到60%): not 自由, 理由, 经由.
_FROM = r"(?<![自理经])[由从](?:每[人生户亩公里学年每]{1,6}|人均|月销售额|年)?"
_FROM_TAIL = re.compile(rf"(?:分别|统一)?{_FROM}(?:[0-9]+(?:\.[0-9]+)?[%％\u4e00-\u9fff]{{0,3}})?$")


def _clean_metric(raw: str) -> str:
    # 分别 and 均 stay: the metric is named as the report wrote it (城乡居民人均可支配收入分别增长)
    metric = re.sub(r"^(?:分别|均)", "", _LEADING_FILLER.sub("", raw.strip())).rstrip("、，,")
    metric = _METRIC_BAD_START.sub("", metric)
    verb = _VERB_BEFORE.search(metric)
    if verb and verb.start() > 0:
        metric = metric[:verb.start()]
    metric = re.sub(r"(?:已经?|业已)$", "", metric)
    metric = _FROM_TAIL.sub("", metric)  # 补助标准从每人380元提高到450元: the name ends where it starts from
    metric = metric.strip("　 ：:“”\"")
    if metric.count("”") > metric.count("“"):
        return "“" + metric  # “三公”经费 keeps its quote
    return metric + "”" if metric.count("“") > metric.count("”") else metric  # …“一件事一次办” keeps its own


def _comparator(verb: str, qual: str, ranged: bool, metric: str, unit: str) -> str:
    if qual == "左右":
        return "about"
    if ranged or qual == "以上":
        return "at_least"
    if qual in ("以内", "以下", "之内"):
        return "at_most"
    if _AT_LEAST_VERBS.search(verb):
        return "at_least"
    if _AT_MOST_VERBS.search(verb) or (LOWER_IS_BETTER.search(metric) and not _REDUCTION.search(metric)):
        return "at_most"
    return "at_least"


def clause_targets(clause: str, strict: bool) -> list[Target]:
    """The targets of one clause (no ，；。 inside): one per figure."""
    found = list(_in_step(clause))
    if found:
        return found
    matches = [m for m in _FIGURE.finditer(clause) if _is_figure(clause, m)]
    if not matches:
        return []
    first = matches[0]
    before = clause[:first.start()]
    metric = _clean_metric(before)
    verb_words = _VERB_BEFORE.search(before.strip())
    verb_text = verb_words.group(0) if verb_words else ""
    if len(metric) < 2 or not re.search(r"[\u4e00-\u9fffA-Za-z]", metric) or _NOT_A_METRIC.fullmatch(metric):
        return []
    if _ALREADY.search(before.strip()):
        return []  # 我国60岁以上人口已达2.5亿: where things stand, not where they must get to
    if _FORECAST.search(before) or _NO_SUBJECT.match(metric):
        return []
    shared_qual = matches[-1].group("qual") or ""
    targets = []
    counted_after = metric if _BARE_VERB.fullmatch(metric) else ""
    if counted_after:
        metric += _noun_after(clause, first.end())  # 新推动5500家以上企业“小升规”: 新推动企业“小升规”
    first_metric = metric
    members = list_members(first_metric) if re.search(r"分别|各|均", clause) else []
    for place, (previous, match) in enumerate(zip([None, *matches], matches)):
        # 新增病床2000张、养老床位1000张: a figure after another names its own metric when words stand between
        metric = first_metric
        verb = verb_text
        if previous:
            between = clause[previous.end():match.start()]
            own_verb = _VERB_BEFORE.search(between.strip())
            verb = own_verb.group(0) if own_verb else verb_text  # 、空气质量优良率达到95%: bound by its own verb
            named = _metric_between(between)
            # a metric held to a level of its own (、城镇登记失业率控制在4%以内) is not counted as the first one is
            shared = named if _OWN_LEVEL.search(between.rstrip()) else _with_shared_verb(named, first_metric)
            metric = (counted_after and _counted_after_too(clause, previous, match, counted_after)) or (
                shared or _growth_of(first_metric, between))
        if _NO_SUBJECT.match(metric):
            continue
        unit = unit_as_duban_writes_it(match.group("unit2") or match.group("unit1") or "",
                                       clause[:match.start()])  # one sign, however typed
        if not unit and (strict or not re.search(r"指数|率|比重|比例", metric)):
            continue  # a count with no unit is rarely a target
        qual = match.group("qual") or (shared_qual if _shares_last_qualifier(clause, matches, place) else "")
        ranged = match.group("high") is not None
        if strict and not (qual or ranged or _AT_LEAST_VERBS.search(verb) or _AT_MOST_VERBS.search(verb)
                           or re.search(r"达到|提高到|提升到|增加到|稳定在|保持在|控制在|达$", verb)):
            continue
        comparator = _comparator(verb, qual, ranged, metric, unit)
        # 万元GDP建设用地、水耗、电耗分别下降3%、3%、2%: the name stays the list's, as the report wrote it, and each
        # figure says which of the list it is for, so that check reads that one's figure
        value = _number(match.group("low"))
        if len(matches) == 1 and len(members) > 1 and re.search(r"均(?:比上年|同比)?(?:增长|下降|降低|减少|提高)", clause):
            # 万元GDP水耗和电耗均下降5%: each of the list has the one figure
            targets += [Target(metric, comparator, value, unit, {"of": member}) for member in members]
            continue
        of = {"of": members[place]} if len(members) == len(matches) and metric == first_metric else {}
        targets.append(Target(metric, comparator, value, unit, of))
    return targets


def _shares_last_qualifier(clause: str, matches: list[re.Match], place: int) -> bool:
    """Whether the figure at `place` takes the qualifier written after the last one (新增国高企业300家、硕博士5000人
    以上): not where a later metric is held to a level of its own (新增就业3.2万人、城镇登记失业率控制在4%以内)."""
    later = matches[place:]
    return len(matches) > 1 and not any(_OWN_LEVEL.search(clause[a.end():b.start()].rstrip())
                                        for a, b in zip(later, later[1:]))


# A later metric of a list held to a level of its own: its verb and its 以内 are not the list's.
_OWN_LEVEL = re.compile(r"(?:控制在|稳定在|保持在|不超过|不高于|低于|降至|降到|下降到|下降至)$")


_LIST_TAIL = re.compile(r"(?:排放总?量|排放|总量)?(?:分别|均)?(?:增长|下降|降低|减少|削减|提高|增加|压减)?$")
# Parts of a list that name no metric: whose (城镇和农村居民…), which (一、二、三产), or what is done to the thing the
# last part names (引进、培育名师10人和30人).
_NOT_A_MEMBER = re.compile(r"城镇|农村|城乡|城市|第?[一二三四]|(?:新|改|扩|续|在|开工|建|引进|培育|培养|招引|认定|打造|创建|"
                           r"新增|建成|完成|实施|推进|开展)+")


def own_name(target: Target) -> str:
    """How a target for one metric of a list reads on its own: 水耗 of 万元GDP建设用地、水耗、电耗分别下降 is
    水耗下降, 氨氮 of 化学需氧量、氨氮…排放总量分别下降 is 氨氮排放总量下降; any other target is its metric."""
    of = target.extra.get("of")
    if not of:
        return target.metric
    tail = target.metric[_LIST_TAIL.search(target.metric).start():]
    return of + re.sub(r"分别|均", "", tail)


def list_members(metric: str) -> list[str]:
    """The metrics a list names (万元GDP建设用地、水耗、电耗分别下降 → 万元GDP建设用地, 水耗, 电耗; what the list
    shares is left out: 二氧化硫和氮氧化物排放总量分别下降 → 二氧化硫, 氮氧化物); none where a part is only a qualifier of the name
    that follows (城镇和农村居民人均可支配收入, 一、二、三产) or a verb of it (引进、培育名师), whose figures are not the
    parts' own."""
    members = _SPLIT_METRICS.split(metric[:_LIST_TAIL.search(metric).start()])
    if len(members) < 2 or any(len(m) < 2 or _NOT_A_MEMBER.fullmatch(m) for m in members):
        return []
    return members


_AGE_GROUP = re.compile(r"[0-9.]+(?:\s*[-—~～至到]\s*[0-9.]+)?\s*周?岁(?:及|或)?(?:以[上下])?的?"
                        r"(?:老年|老人|人|儿童|妇女|女性|男性|居民|群众|患者|孕|新生儿|婴|幼|青少年|学生|适龄|托班|托育)")


# What may stand between two figures of one metric: 分别增长5%、8%; 增长5%，下降3% is carried on elsewhere.
_NO_OWN_METRIC = re.compile(r"(?:分别|各|均|和|及|与|或|增长|下降|提高|增加|减少|降低|达到|以上|左右|以内|之间|至|到|[、，,\s-])*")


def _metric_between(text: str) -> str:
    """The metric the words between two figures name (养老床位 in "2000张、养老床位1000张"), or ""."""
    metric = _clean_metric(text.lstrip("、和及与，, "))
    if _NO_OWN_METRIC.fullmatch(metric) or len(re.findall(r"[\u4e00-\u9fff]", metric)) < 2:
        return ""
    return metric


# A verb that counts what is added in the year, at the head of a clause's first metric (新增病床2000张、养老床位1000张);
# here also what is started or finished building (新开工项目30个、…), which check does not read as added: a review
# reports those in words of its own (建设筹集…8.9万套).
_ADDED_VERB = re.compile(rf"^(?:新开工|建成|{ADDED_WORDS})")
# A metric that says how it is counted itself (改造校舍, 供应住房, 完成投资).
_OWN_VERB = re.compile(r"[\u4e00-\u9fff]{0,2}(?:建|增|改|完成|供应|筹集|实施|推进|开展|提升|打造|创建|整治|修复|种植|开工|投用|"
                       r"投入|交付|竣工|上市(?!企业|公司))")  # 上市企业 is a noun: 新增…60家、上市企业10家 adds both


# A metric that is only a verb: what it counts follows the figure (开展800个民生微实事, 遴选10家左右国有企业).
_BARE_VERB = re.compile(r"(?:新|再|全年|累计|试点|[三五]年|每年)?(?:推动|遴选|建设|投入|开展|打造|建成|新建|新改扩建|改扩建|扩建|续建|"
                        r"引进|引入|培育|实施|完成|"
                        r"改造|创建|组织|举办|认定|招引|推进|发放|提供|筹集|供应|扶持|支持|培训|服务|帮扶)")
# Where the thing counted after a figure ends: the next verb (遴选10家左右国有企业打造…龙头企业 counts 国有企业).
_NOUN_CHAR = r"(?:(?!打造|实现|达到|建设|用于|开展|完成|推进|形成|带动|覆盖|惠及)[\u4e00-\u9fff“”《》])"
_NOUN_AFTER = re.compile(rf"的?((?:[0-9]+{_NOUN_CHAR}{{1,11}}|{_NOUN_CHAR}{{2,12}}))")  # 500强 too: a number in a name


def _noun_after(clause: str, end: int) -> str:
    """The thing a figure counts where it follows the figure, or ""."""
    found = _NOUN_AFTER.match(clause, end)
    return found.group(1) if found else ""


def _counted_after_too(clause: str, previous: re.Match, match: re.Match, verb: str) -> str:
    """A figure of a list whose first names what it counts after it (推动10个以上项目开工、2个以上项目投入使用):
    this one counts what follows it too, done as the words before it say (改扩建3所以上幼儿园) or as the first was."""
    counted = _NOUN_AFTER.match(clause, match.end())
    if counted is None or re.search(r"元|%|％", match.group(0)):
        return ""  # an amount is the size of what follows it (1个投资100亿元以上的大项目), not a count of it
    before = _NOUN_AFTER.match(clause, previous.end())
    own_verb = clause[before.end() if before else previous.end():match.start()].strip("、，,和及与 ")
    return (own_verb if _BARE_VERB.fullmatch(own_verb) else verb) + counted.group(1)


def _with_shared_verb(metric: str, first_metric: str) -> str:
    """新增病床2000张、养老床位1000张: the later metric is counted as the first was (新增养老床位), unless it says
    how it is counted itself."""
    verb = _ADDED_VERB.match(first_metric)
    if not metric or verb is None or _ADDED_VERB.match(metric) or _OWN_VERB.match(metric):
        return metric
    return verb.group(0) + metric


# A figure that carries on a metric with a change word (税收收入500亿元，增长10%; 工业投资超2000亿元、增长20%)
# measures that metric's change (text/metrics.CHANGE_WORDS).
_GROWTH_BETWEEN = re.compile(rf"[、，,\s]*(?:比上年|同比)?({CHANGE_WORDS})")


def _growth_of(metric: str, between: str) -> str:
    """工业投资超2000亿元、增长20%: the second figure is the metric's growth (工业投资增长), unless the metric names
    one already."""
    growth = _GROWTH_BETWEEN.fullmatch(between)
    if growth is None or re.search(rf"(?:{CHANGE_WORDS}|增速)$", metric):
        return metric
    return metric + growth.group(1)


def _is_figure(clause: str, match: re.Match) -> bool:
    """Not a year (2024年), a date, a section number, part of a name (十四五, 5G, PM2.5) or the age of a group of
    people (60岁以上老年人: who the work is for, not what it must reach)."""
    if _AGE_GROUP.match(clause, match.start()):
        return False
    after = clause[match.end():match.end() + 1]
    before = clause[max(0, match.start() - 1):match.start()]
    if after in ("年", "月", "日", "号", "G") and not (match.group("unit1") or match.group("unit2")):
        return False
    if after == "级":
        return False  # 10亿级项目, 百亿级: the class of what is counted
    if _RATIO.match(clause, match.end() - 1) or _RATIO.match(clause, max(0, match.start() - 2)):
        return False  # 三次产业比例1.0：52.4：46.6: a ratio has no direction to reach
    if _FROM_BEFORE.search(clause, 0, match.start()) and _TO_AFTER.match(clause, match.end()):
        return False  # 补助从人均40元提高到45元: where it starts from, not where it must get to
    if after in ("米", "分", "强") and not (match.group("unit1") or match.group("unit2")):
        return False  # 500米公交覆盖率, 15分钟生活圈, 世界500强: part of a name
    if before and (before.isascii() and before.isalnum() or before in (".", "M")):
        return False  # PM2.5, G20, 5.5G
    if match.group("qual") in ("以上", "以下") and (_QUALIFIES_A_NOUN.match(clause, match.end()) or (
            len(_clean_metric(clause[:match.start()])) < 2
            and _NAMES_A_METRIC.match(clause, match.end()))):
        return False  # 营收10亿元以上企业10家, 500万元以上固定资产投资增长3%: the size of what is counted
    if BOUND_BEFORE.search(clause, 0, match.start()) and _QUALIFIES_A_NOUN.match(clause, match.end()):
        return False  # 引入营收超10亿元重点科技企业5家以上: the same, its bound written before it
    return True


_FROM_BEFORE = re.compile(rf"{_FROM}$")
_TO_AFTER = re.compile(r"(?:提高|提升|增加|增长|上调|调整|扩大|降低|下降|减少|压减|降|升)(?:到|至)")
# After a figure with 以上/以下: a noun of up to ten characters and then its count (企业10家, 的项目50个, 重点科技创新型企业10家).
_QUALIFIES_A_NOUN = re.compile(r"的?(?:(?![和及与或、])[\u4e00-\u9fff]){1,10}[0-9]")  # not 13%以上和15%以上: two figures
# After a figure with 以上 that opens its clause: the name of what is measured, running into its figure
# (固定资产投资增长3%, 自然村寨生活垃圾收运覆盖率保持95%); not where a list goes on to another thing
# (90%以上户籍就业困难人员实现就业、90%以上生源大中专毕业生…: the share is the goal).
_NAMES_A_METRIC = re.compile(r"的?[\u4e00-\u9fffA-Za-z（）()]{2,}(?=[0-9])")


def _in_step(clause: str):
    match = _IN_STEP.search(clause)
    if not match:
        return
    metrics = match.group("metrics") or match.group("metrics2")
    reference = match.group("ref") or match.group("ref2")
    metrics = _clean_metric(metrics)
    for metric in _with_their_noun([m for m in _SPLIT_METRICS.split(metrics) if len(m) >= 2]) or [metrics]:
        if re.search(r"收入|工资|报酬|利润", metric):
            yield Target(metric, "in_step", 0, "", {"reference": reference})


_WHOSE = re.compile(r"城镇|农村|城乡|城市")


def _with_their_noun(metrics: list[str]) -> list[str]:
    """城镇和农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入: a part that only says whose
    (城镇, 城镇常住居民) takes the name the last part measures, after the last part's own 农村 or shared 居民."""
    last = metrics[-1] if metrics else ""
    named = []
    for metric in metrics:
        if metric is last or re.search(r"收入|工资|报酬|利润", metric) or not _WHOSE.match(metric):
            named.append(metric)
            continue
        shared = next((metric[i:] for i in range(len(metric)) if metric[i:] in last), "")
        whose = _WHOSE.match(last)
        tail = (last[last.index(shared) + len(shared):] if shared else
                last[whose.end():] if whose else "")
        named.append(metric + tail)
    return named


def find_targets(text: str, strict: bool = True) -> list[Target]:
    """Numeric targets in a text, clause by clause; strict for an item's own text (see the module docstring).
    A target repeated in another clause is kept once; equal figures of one clause (分别下降3%、3%) each count."""
    text = _ascii_figures(text)
    found: list[Target] = []
    seen: set[tuple] = set()
    previous = ""
    for clause in _clauses(text):
        if _BASIS_ASIDE.fullmatch(clause):
            continue  # 财政收入226亿元，剔除不可比因素，增长12％: the growth carries on the revenue past the aside
        clause, previous = _carried_on(clause, previous), clause
        targets = clause_targets(clause, strict)
        found.extend(t for t in targets if target_key(t) not in seen)
        seen.update(target_key(t) for t in targets)
    return found


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_POINT = re.compile(r"(?<=[0-9])．(?=[0-9])")


def _ascii_figures(text: str) -> str:
    """"5．5％" → "5.5％": full-width digits and decimal points read as figures; units stay as written."""
    return _FULL_WIDTH_POINT.sub(".", text.translate(_FULL_WIDTH_DIGITS))


_CARRY_ON = re.compile(rf"^(?:(?:比上年|同比|年均|实际)?(?:{CHANGE_WORDS})|(?:力争|确保|争取)(?:达到|提高到|提升到))"
                       r"(?=[0-9])")


_BASIS_ASIDE = re.compile(r"(?:剔除|扣除)[^0-9]{0,8}因素后?|按?(?:可比|同)口径(?:计算)?|按可比价格?(?:计算)?")
_ASIDE_RE = re.compile(r"[（(][^）)]*[）)]")


def _carried_on(clause: str, previous: str) -> str:
    """"税收收入500亿元，增长10%左右": a clause that starts with 增长 carries on the metric before it."""
    if not _CARRY_ON.match(clause):
        return clause
    previous = _ASIDE_RE.sub("", previous)  # 工业总产值（1990年价）4940亿元: the year in the aside is no figure
    metric = _clean_metric(previous[:_FIGURE.search(previous).start()]) if _FIGURE.search(previous) else ""
    return metric + clause if len(metric) >= 2 else clause


def target_key(target: Target) -> tuple:
    """What makes two targets the same: metric, comparator, value, unit and which of a list it is for."""
    return target.metric, target.comparator, target.value, target.unit, target.extra.get("of")


_RATIO = re.compile(r"[0-9][：:][0-9]")  # 三次产业比例1.0：52.4：46.6 is one clause


def _clauses(text: str) -> list[str]:
    """Clauses, except that figures joined by 、 (分别增长5%、9%) stay in one clause, as do parentheses."""
    clauses, depth, current = [], 0, []
    for index, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and _CLAUSE.match(ch) and not _RATIO.match(text, max(0, index - 1)):
            clauses.append("".join(current))
            current = []
        else:
            current.append(ch)
    clauses.append("".join(current))
    return [c.strip() for c in clauses if c.strip()]


# --- the plan year's expected targets ------------------------------------------------------------------

_GOALS_RE = re.compile(r"(?:主要)?(?:预期|发展|经济社会发展|主要)?目标(?:和约束性?指标|和主要指标|建议)?(?:是|为|如下|定为|确定为)?[：:]"
                       r"|(?:主要)?预期(?:经济|经济社会发展|发展)?指标(?:是|为|定为|确定为)?[：:]"
                       r"|(?:要实现|提出以下目标)[：:]?")
# Where the targets end and the reasons for them begin: "提出上述预期目标，综合考虑了……", "实现上述目标，……".
_GOALS_STOP = re.compile(r"(?:^|[。；;])\s*(?:(?:提出|实现|完成|确定|达成)(?:上述|以上|这些|这一|这样的)|上述|以上目标|这些目标|"
                         r"为实现|为完成|综合考虑|需要说明|经济增长预期|做好今年|我们要|要坚持|各位代表)")
_OTHER_YEAR = re.compile(r"到(?:20[0-9]{2})年|“十[一二三四五六]五”|十[一二三四五六]五(?:期间|末|时期)|五年|20[3-5][0-9]年")


def goal_text(paragraph: str, plan_year: int | None, any_years: bool = False) -> str | None:
    """The words of a paragraph that state the plan year's expected targets, or None when it states none; with
    `any_years`, goals set for later years count too (a new term's report whose only plan is the five years')."""
    match = _GOALS_RE.search(paragraph)
    if not match or "预期" not in paragraph[max(0, match.start() - 20):match.end()] \
            and not re.search(r"主要目标|发展目标|总体目标|要实现", paragraph[max(0, match.start() - 20):match.end()]):
        return None
    lead = paragraph[max(0, match.start() - 30):match.start()]
    if not any_years and _OTHER_YEAR.search(lead) and not (plan_year and str(plan_year) in lead) \
            and "今年" not in lead:
        return None  # the five-year plan's goals, not the year's
    rest = paragraph[match.end():]
    stop = _GOALS_STOP.search(rest)
    return rest[:stop.start() + 1] if stop and stop.start() > 0 else rest
