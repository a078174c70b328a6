"""The plan items of a report's plan part: titles, categories, owners, deadlines and numeric targets.

Items are numbered 1. / （一） / 一是 / ① / 第一， and may be nested: a "(一)重点工作打算" heading whose numbered
items follow straight after it is a category, and its items are the tasks. Where a plan is written as several
top-level parts with no numbered items ("三、把改革开放扎实推向纵深", "四、……"), each part is one task; where it is
written as paragraphs, each paragraph led by a short heading sentence is one.

A government work report's 主要预期目标 paragraph holds the year's numeric targets; it becomes a task of its own,
titled by the paragraph's own words ("今年经济社会发展的主要预期目标"), placed where the paragraph stands, so that
`check` can judge the targets against the next year's review and nobody has to guess which item they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from duban.text.dates import Period, chinese_number, find_deadline, parse_period
from duban.ledger.model import Target
from duban.text.synonyms import as_synonyms
from duban.report.sections import Section, classify_heading, find_sections

_CN = "一二三四五六七八九十"

# Marker kinds, highest level first; each maps a line to its number.
_MARKERS = (
    ("paren", re.compile(rf"^[（(]([{_CN}]{{1,3}})[)）]\s*")),
    ("digit", re.compile(r"^(\d{1,2})[.．、](?!\d)\s*|^[（(](\d{1,2})[)）]\s*")),
    ("shi", re.compile(rf"^([{_CN}]{{1,2}})是(?=[^否])")),
    ("di", re.compile(rf"^第([{_CN}]{{1,3}})[，,、]\s*")),
    ("circle", re.compile(r"^([①-⑳])\s*")),
)
_RANK = {kind: rank for rank, (kind, _) in enumerate(_MARKERS)}
_TOP_RE = re.compile(rf"^(?:[{_CN}]{{1,3}}、|第[{_CN}]{{1,3}}部分)\s*")


@dataclass
class Item:
    """One plan item as the report states it, with what was inferred about it."""

    title: str
    category: str = ""
    detail: str = ""
    line: int = 0  # line of the clean text the item starts on
    owner: str = ""
    co_owners: list[str] = field(default_factory=list)
    due: date | None = None
    due_basis: str = ""
    targets: list[Target] = field(default_factory=list)
    text: str = field(default="", repr=False)  # the item's whole text as written, annotations included


def marker_of(line: str) -> tuple[str, int | None, int] | None:
    """(kind, number, length of the marker) of a numbered line, or None."""
    for kind, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            token = next(g for g in match.groups() if g is not None)
            number = ord(token) - ord("①") + 1 if kind == "circle" else chinese_number(token)
            return kind, number, match.end()
    return None


def strip_marker(line: str) -> str:
    found = marker_of(line)
    line = line[found[2]:] if found else _TOP_RE.sub("", line)
    return line.strip()


# --- titles -----------------------------------------------------------------------------------------

_ANNOTATION_RE = re.compile(r"[（(](?:牵头|责任|配合|完成时限|时限)[^）)]*[)）]")
_SENTENCE_END_RE = re.compile(r"[。！？!?；;]")


def split_title(text: str) -> tuple[str, str]:
    """(heading sentence, the rest) of an item's text, marker already removed."""
    text = _ANNOTATION_RE.sub("", text).strip()
    end = _SENTENCE_END_RE.search(text)
    first, rest = (text[:end.start()], text[end.end():]) if end else (text, "")
    colon = re.search(r"[：:]", first)
    if colon and colon.start() <= 40 and colon.end() < len(first):
        first, rest = first[:colon.start()], first[colon.end():] + (text[end.start():] if end else "")
    if len(first) > 60:
        comma = re.search(r"[，,]", first)
        if comma and 4 <= comma.start() <= 40:
            return first[:comma.start()], text[comma.end():].strip()
    return first.strip().rstrip("，,：:"), rest.strip()


def heading_words(heading: str) -> str:
    """A heading without its marker and final full stop: "三、2014年重点工作" → "2014年重点工作"."""
    return strip_marker(_TOP_RE.sub("", heading)).rstrip("。：:")


# --- owners -------------------------------------------------------------------------------------------

_UNIT = r"[^。；;，,：:\s（）()]{2,20}"
_LEAD_RE = re.compile(rf"(?:牵头单位|牵头科室|牵头部门|责任单位|责任科室|责任部门|主办单位)[:：]\s*({_UNIT}(?:、{_UNIT})*)")
_CO_RE = re.compile(rf"(?:配合单位|配合科室|配合部门|协办单位|协助单位)[:：]\s*({_UNIT}(?:、{_UNIT})*)")
_BY_RE = re.compile(r"由([^，。；,;：:\s]{2,16}?)(?:牵头负责|负责|牵头)")
# "由区卫生健康局牵头，疾控中心、各社区卫生服务中心配合"
_SUPPORT_RE = re.compile(r"(?:牵头|负责)[，,、]\s*([^。；;，,]{2,40}?)(?:等(?:单位|部门|科室))?(?:配合|协助|参与)")


def explicit_owners(text: str) -> tuple[str, list[str]]:
    """("牵头单位：…" / "由区疾控中心负责", ["配合单位：…"]) as the text states them; "" and [] when it does not."""
    owner, co_owners = "", []
    lead = _LEAD_RE.search(text)
    if lead:
        units = lead.group(1).split("、")
        owner, co_owners = units[0], units[1:]
    else:
        by = _BY_RE.search(text)
        if by:
            owner = by.group(1)
            support = _SUPPORT_RE.search(text, by.start())
            if support:
                co_owners = [unit for unit in re.split(r"[、和及]", support.group(1)) if len(unit) >= 2]
    co = _CO_RE.search(text)
    if co:
        co_owners += [unit for unit in co.group(1).split("、") if unit not in co_owners and unit != owner]
    return owner, co_owners


def rule_owner(title: str, detail: str, rules: dict[str, str] | None, synonyms: dict[str, str] | None) -> str:
    """The unit whose keyword the title names first, else the one the detail names first; "" for none.

    Earliest in the text, not first in the rules: an item's lead subject comes first (加强重点传染病…妇幼…).
    """
    synonyms = as_synonyms(synonyms)
    rules = [(synonyms.normalise(k), v) for k, v in (rules or {}).items() if k and isinstance(v, str) and v]
    for text in (synonyms.normalise(title), synonyms.normalise(detail)):
        hits = [(text.find(keyword), order, unit) for order, (keyword, unit) in enumerate(rules) if keyword in text]
        if hits:
            return min(hits)[2]
    return ""


# --- numeric targets ----------------------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"
_UNIT_RE = r"(?:%|％|‰|个百分点|万亿元|亿元|万元|元|亿吨|万吨|吨|万人次|万人|人次|人|万户|户|万套|套|万公里|公里|万亩|亩|万|亿|家|个|所|张|岁)"
_METRIC_CHARS = r"[^，。；：、,;:\s\d（）()“”\"《》%％.．]"
_TARGET_RE = re.compile(
    rf"(?P<metric>{_METRIC_CHARS}{{2,30}}?)"
    r"(?P<verb>(?:要|将|力争|确保|努力|预计)?(?:达到|到达|提高到|提升到|增加到|稳定在|保持在|控制在|不低于|不少于|"
    r"不超过|不高于|低于|高于|超过|达)?)"
    rf"(?P<low>{_NUM})\s*(?P<unit1>{_UNIT_RE})?"
    rf"(?:\s*[－\-—~～至到]\s*(?P<high>{_NUM})\s*(?P<unit2>{_UNIT_RE})?)?"
    r"(?P<qual>以上|以内|以下|左右|之内)?"
)
_IN_STEP_RE = re.compile(
    rf"(?P<metric>{_METRIC_CHARS}{{2,24}}?)(?:和|与|同)(?P<ref>{_METRIC_CHARS}{{2,16}}?)(?:基本)?同步"
)
_METRIC_END_RE = re.compile(
    r"(?:率|度|量|数|额|值|增长|增速|下降|减少|涨幅|降幅|就业|收入|人口|比重|比例|面积|里程|产量|规模|强度|排放|水平|投资|"
    r"支出|赤字|占比|提高|降低|缩短|人数|户数|次数)$"
)
_FILLER_RE = re.compile(
    r"^(?:[xX×\d]{2,4}年度?|今年|明年|全年|年内|到年底|年底前?|力争|确保|努力实现|努力|实现|使|要|将|全区|全市|全县|"
    r"全省|全国|其中|并|和|且|同时|以及|进一步)+"
)
_AT_LEAST_VERBS = ("不低于", "不少于", "超过", "高于")
_AT_MOST_VERBS = ("不超过", "不高于", "低于")


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


_TREND_RE = r"(?:增长|下降|减少|降低|提高)$"


def _metric(raw: str) -> str:
    """The metric's own words: "力争县域内就诊率" → "县域内就诊率", "能源消耗强度要降低" → "能源消耗强度降低"."""
    metric = _FILLER_RE.sub("", raw).rstrip("要将")
    metric = re.sub(r"^(?:也|都)?(?:要|再|完成|预期|预计)+", "", metric)
    return re.sub(rf"(?:也|都)?(?:要|将)?(?:再|分别)?(?={_TREND_RE})", "", metric)


def find_targets(text: str, strict: bool = True) -> list[Target]:
    """Numeric targets in a text. strict (an item's text): only figures with a comparator word (以上, 左右,
    控制在, 达到 …); not strict (a 主要预期目标 paragraph): a bare figure is a floor too (城镇新增就业900万人)."""
    found: list[tuple[int, Target]] = []
    for match in _TARGET_RE.finditer(text):
        metric = _metric(match.group("metric"))
        if len(metric) < 3 or not _METRIC_END_RE.search(metric):
            continue
        verb = re.sub(r"^(?:要|将|力争|确保|努力|预计)", "", match.group("verb"))
        qual = match.group("qual") or ""
        unit = (match.group("unit2") or match.group("unit1") or "").replace("％", "%")
        low = _number(match.group("low"))
        if match.group("high"):
            high = _number(match.group("high"))
            found += [(match.start(), Target(metric, "at_least", low, unit)),
                      (match.start(), Target(metric, "at_most", high, unit))]
            continue
        if qual == "左右":
            comparator = "about"
        elif qual == "以上" or verb in _AT_LEAST_VERBS:
            comparator = "at_least"
        elif qual in ("以内", "以下", "之内") or verb in _AT_MOST_VERBS or verb == "控制在":
            comparator = "at_most"
        elif verb or not strict:
            comparator = "at_least"
        else:
            continue
        if not unit and strict:
            continue  # "一批" and the like: a count with no unit is rarely a target
        found.append((match.start(), Target(metric, comparator, low, unit)))
    for match in _IN_STEP_RE.finditer(text):
        metric, reference = _metric(match.group("metric")), _FILLER_RE.sub("", match.group("ref"))
        if _METRIC_END_RE.search(metric) and re.search(r"(?:增长|发展|提高)$", reference):
            found.append((match.start(), Target(metric, "in_step", 0, "", {"reference": reference})))
    return _unique([target for _, target in sorted(found, key=lambda pair: pair[0])])


def _unique(targets: list[Target]) -> list[Target]:
    seen, out = set(), []
    for target in targets:
        key = (target.metric, target.comparator, target.value, target.unit)
        if key not in seen:
            seen.add(key)
            out.append(target)
    return out


_GOALS_RE = re.compile(r"^(?P<title>[^。：:]{0,30}主要预期目标)(?:是|为)[：:]")


def goals_paragraph(text: str, sections: list[Section]) -> tuple[int, str, str] | None:
    """(line, title, heading) of the 主要预期目标 paragraph outside the review, or None."""
    lines = text.splitlines()
    for section in sections:
        if section.kind in ("review", "problems"):
            continue
        for number in range(section.start_line, section.end_line + 1):
            match = _GOALS_RE.match(lines[number - 1])
            if match:
                return number, match.group("title"), section.heading
    return None


# --- the period -----------------------------------------------------------------------------------

_YEAR_RE = re.compile(r"(\d{4})年")
_SIGNED_RE = re.compile(r"(\d{4})年\d{1,2}月\d{1,2}日\s*$")
_PART_RE = re.compile(r"(上半年|下半年|第?([一二三四1-4])季度)")


def _part_of(text: str) -> str | None:
    match = _PART_RE.search(text)
    if not match:
        return None
    if match.group(1) in ("上半年", "下半年"):
        return "H1" if match.group(1) == "上半年" else "H2"
    return f"Q{chinese_number(match.group(2))}"


def find_period(text: str, sections: list[Section] | None = None) -> Period | None:
    """The period a report's plan is for, from its own words; None when it does not say (anonymised years)."""
    sections = find_sections(text) if sections is None else sections
    plan_heads = [s.heading for s in sections if s.kind == "plan" and s.heading]
    other_heads = [s.heading for s in sections if s.kind == "other" and _TOP_RE.match(s.heading)]
    head = " ".join(plan_heads)
    title = " ".join(text.splitlines()[:3])
    for words in (plan_heads, other_heads):
        for heading in words:
            year = _YEAR_RE.search(heading)
            if year and 1949 < int(year.group(1)) < 2100:
                part = _part_of(heading[year.end():year.end() + 6])
                return parse_period(year.group(1) + (part or ""))
    title_year = _YEAR_RE.search(title)
    if not title_year:  # else the date the report was signed, on its last lines
        title_year = _SIGNED_RE.search(" ".join(text.splitlines()[-3:]))
    if not title_year:
        return None
    year = int(title_year.group(1))
    if "明年" in head:
        return parse_period(str(year + 1))
    part = _part_of(head)
    if part:
        return parse_period(f"{year}{part}")
    title_part = _part_of(title)
    if title_part == "H1":
        return parse_period(f"{year}H2")
    if re.search(r"总结|回顾", title):
        return parse_period(str(year + 1))
    return parse_period(str(year))


# --- items ------------------------------------------------------------------------------------------

def _plan_blocks(text: str, sections: list[Section]) -> list[tuple[str, int, list[tuple[int, str]]]]:
    """(heading, heading line, body lines without the heading) of each plan part."""
    lines = text.splitlines()
    blocks = []
    for section in sections:
        if section.kind != "plan":
            continue
        first = section.start_line + (1 if section.heading else 0)
        body = [(n, lines[n - 1]) for n in range(first, section.end_line + 1)]
        blocks.append((section.heading, section.start_line, _without_signature(body)))
    return blocks


_DATE_LINE_RE = re.compile(r"^(?:\d{4}|[xX]{2,4})年\d{1,2}月\d{1,2}日$")


def _without_signature(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The signing unit and date that close a report ("区卫生健康局" / "2019年7月10日") are no part of its last item."""
    if body and _DATE_LINE_RE.match(body[-1][1]):
        body = body[:-1]
        if body and len(body[-1][1]) <= 20 and not re.search(r"[。，,；;：:！？]", body[-1][1]) \
                and not marker_of(body[-1][1]):
            body = body[:-1]
    return body


def _top_kind(body: list[tuple[int, str]]) -> str | None:
    kinds = [found[0] for _, line in body if (found := marker_of(line))]
    return min(kinds, key=_RANK.get) if kinds else None


def _is_lead_paragraph(line: str) -> bool:
    """A paragraph led by a short heading sentence: "推动外贸转型升级。完善出口退税……"."""
    end = _SENTENCE_END_RE.search(line)
    return bool(end) and 4 <= end.start() <= 20 and end.end() < len(line) and line[end.start()] == "。"


def _items_of_block(heading: str, body: list[tuple[int, str]]) -> list[Item]:
    """Items of one plan part: its top numbered level, descending through categories."""
    kind = _top_kind(body)
    category = heading_words(heading) if heading else ""
    if kind is None:
        starts = [i for i, (_, line) in enumerate(body) if _is_lead_paragraph(line)]
        return _collect(body, starts, category, marked=False)
    starts = [i for i, (_, line) in enumerate(body) if (found := marker_of(line)) and found[0] == kind]
    items: list[Item] = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(body)
        chunk = body[start:end]
        child_kind = _top_kind(chunk[1:])
        children = [i for i, (_, line) in enumerate(chunk) if i and (found := marker_of(line))
                    and found[0] == child_kind]
        # A category: its own numbered items follow straight after it ("(一)重点工作打算。" then "1.…").
        if child_kind and _RANK[child_kind] > _RANK[kind] and len(children) >= 2 and children[0] == 1:
            sub_category = split_title(strip_marker(chunk[0][1]))[0]
            items += _collect(chunk, children, sub_category, marked=True)
        else:
            items += _collect(chunk, [0], category, marked=True)
    return items


def _collect(body: list[tuple[int, str]], starts: list[int], category: str, marked: bool) -> list[Item]:
    items = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(body)
        number, line = body[start]
        title, rest = split_title(strip_marker(line) if marked else line)
        detail = "\n".join([rest] * bool(rest) + [text for _, text in body[start + 1:end]])
        if title:
            whole = "\n".join(text for _, text in body[start:end])
            items.append(Item(title=title, category=category, detail=detail, line=number, text=whole))
    return items


def _part_items(blocks) -> list[Item] | None:
    """Several top-level plan parts with no numbered items of a higher level are each one item."""
    if len(blocks) < 2 or not all(_TOP_RE.match(h) and classify_heading(h) is None for h, _, _ in blocks):
        return None
    if any(_top_kind(body) == "paren" for _, _, body in blocks):
        return None
    items = []
    for heading, number, body in blocks:
        items.append(Item(title=heading_words(heading), detail="\n".join(text for _, text in body), line=number))
    return items


def _deadline_text(item: Item) -> str:
    """Where an item states its own deadline: all of a short item; the start of a long one, whose later dates
    belong to its sub-tasks ("到2020年……")."""
    text = f"{item.title}。{item.detail}"
    if len(text) <= 300:
        return text
    sentences = re.split(r"(?<=[。！？；])", text)
    return "".join(sentences[:3])


def extract_items(text: str, period: Period, *, owner_rules: dict[str, str] | None = None,
                  synonyms: dict[str, str] | None = None, default_owner: str = "",
                  sections: list[Section] | None = None) -> list[Item]:
    """The plan items of a report's clean text, in source order, with owners, deadlines and targets."""
    sections = find_sections(text, synonyms) if sections is None else sections
    blocks = _plan_blocks(text, sections)
    items = _part_items(blocks)
    if items is None:
        items = [item for heading, _, body in blocks for item in _items_of_block(heading, body)]
    goals = goals_paragraph(text, sections)
    if goals:
        number, title, heading = goals
        paragraph = text.splitlines()[number - 1]
        items = [item for item in items if item.line != number]
        items.append(Item(title=title, category=heading_words(heading), detail=paragraph, line=number,
                          targets=find_targets(paragraph.split("：", 1)[-1], strict=False)))
        items.sort(key=lambda item: item.line)
    for item in items:
        _infer(item, period, owner_rules, synonyms, default_owner, is_goals=bool(goals) and item.line == goals[0])
    return items


def _infer(item: Item, period: Period, owner_rules, synonyms, default_owner: str, is_goals: bool) -> None:
    full = item.text or f"{item.title}。{item.detail}"
    owner, co_owners = explicit_owners(full)
    item.owner = owner or rule_owner(item.title, item.detail, owner_rules, synonyms) or default_owner
    item.co_owners = [unit for unit in co_owners if unit != item.owner]
    deadline = find_deadline(_deadline_text(item), period)
    item.due, item.due_basis = deadline.due, deadline.basis
    if not is_goals:
        item.targets = find_targets(full, strict=True)
