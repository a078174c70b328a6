"""The plan items of a report: read from its outline's plan part (report/sections.py), each with its title,
category, detail, owner, deadline and numeric targets.

Which headings are the items: the first level under the plan part that has two or more entries — usually the
（一）（二）… under "二、2024年工作安排"; a run of chapters 一、二、… when the plan is written that way (the
government's own building among them stays an item); 一是、二是 in a speech. Deeper levels (1. 2. under （一）) are
an item's detail. A level whose entries only name sub-parts ("（一）重点工作打算" / "（二）其他工作打算") is a set of
categories: their own entries are the items. A plan with no numbered entries takes the paragraphs led by a short
heading sentence ("推动外贸转型升级。完善出口退税……").

The plan year's expected targets (主要预期目标是：…) are not an item unless numbered as one; each of their targets
goes to the item whose words it shares most (GDP to the economy's item), marked `scope = "goals"`, so the ledger
keeps them and `check` judges them, without their figures standing in for the item's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from duban.ledger.model import Target
from duban.plan.owners import explicit_owners, rule_owner
from duban.plan.period import find_period
from duban.plan.targets import find_targets, goal_text, target_key
from duban.report.sections import Block, Reading, read_report_text
from duban.text.dates import Period, find_deadline
from duban.text.numerals import chinese_number
from duban.text.outline import GUIDING_WORDS, OUTLOOK_WORDS, Node, strip_marker, years_in

__all__ = ["Item", "extract_items", "find_period", "find_targets", "explicit_owners", "rule_owner", "split_title",
           "plan_items", "heading_words"]

TITLE_MAX = 60
GOALS_SCOPE = "goals"


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


# --- titles -----------------------------------------------------------------------------------------------

_ANNOTATION_RE = re.compile(r"[（(](?:牵头|责任|配合|完成时限|时限)[^）)]*[)）]")
_SENTENCE_END_RE = re.compile(r"[。！？!?；;：:]")


def split_title(text: str) -> tuple[str, str]:
    """(title, the rest) of an item's first line, marker removed: the title runs to its first 。；： (or is the
    whole line); a title longer than 60 characters is cut at a comma."""
    text = _ANNOTATION_RE.sub("", text).strip()
    end = _SENTENCE_END_RE.search(text)
    first, rest = (text[:end.start()], text[end.end():]) if end else (text, "")
    if len(first) > TITLE_MAX:
        comma = re.search(r"[，,]", first)
        if comma and 4 <= comma.start() <= 40:
            return first[:comma.start()], text[comma.end():].strip()
    return first.strip().rstrip("，,"), rest.strip()


def heading_words(heading: str) -> str:
    """A heading without its marker and final full stop: "三、2014年重点工作" → "2014年重点工作"."""
    return strip_marker(heading).rstrip("。：:")


# --- which headings are the items ---------------------------------------------------------------------------

_LISTING_KINDS = ("part", "cn", "paren_cn", "num", "paren_num", "circle", "shi", "di")
_SUB_PART = ("plan", "work", "requirements")


def plan_items(reading: Reading) -> list[tuple[Node, str, int]]:
    """(node, category, last line) of each item of the plan part, in order."""
    blocks = reading.plan_blocks()
    runs = [b for b in blocks if b.head is not None and b.head.part is None and b.head.kind != "plain"]
    if len(runs) >= 2:  # the plan is a run of chapters 一、二、…
        return [(b.head, "", b.end) for b in runs]
    containers = [b for b in blocks if b.head is not None]
    # 总体要求 and a five-year plan's 总体发展思路 give items only when nothing else does
    containers.sort(key=lambda b: b.head.part == "requirements" or bool(GUIDING_WORDS.search(b.head.title)))
    if any(b.role == "outlook" for b in blocks) and any(b.kind == "plan" for b in blocks):
        # a new term's five-year tasks carried on by a plan chapter of no year: the items of each, in order
        found = [entry for block in blocks if block.head is not None and block.head.part != "requirements"
                 and not GUIDING_WORDS.search(block.head.title)
                 for entry in _entries(block.head, heading_words(block.head.text), block.end)]
        if found:
            return found
    for block in containers:
        found = _entries(block.head, heading_words(block.head.text), block.end)
        if found:
            return found
    return _lead_paragraphs(blocks, reading)


def _entries(container: Node, category: str, end: int) -> list[tuple[Node, str, int]]:
    """The first level under `container` with two or more entries, descending through single entries and
    through categories."""
    level = [n for n in container.headings() if n.kind in _LISTING_KINDS and n.line <= end]
    by_kind: dict[str, list[Node]] = {}
    for node in level:
        by_kind.setdefault(node.kind, []).append(node)
    several = [nodes for nodes in by_kind.values() if len(nodes) >= 2]
    if several:
        chosen = min(several, key=lambda nodes: nodes[0].rank)
        if all(n.part in _SUB_PART and n.headings() for n in chosen):  # categories: their entries are the items
            found = [entry for n in chosen for entry in _entries(n, n.title, end)]
            if found:
                return found
        return [(node, category, end) for node in chosen]
    if len(level) == 1:
        single = level[0]
        inner = _entries(single, single.title, end)
        return inner or [(single, category, end)]
    return _lead_paragraph_children(container, category, end)


_LEAD_RE = re.compile(r"^[^。！？；，,]{4,24}。")


def _is_lead_paragraph(node: Node, end: int) -> bool:
    """A paragraph led by a short heading sentence and going on after it: "推动外贸转型升级。完善出口退税……"."""
    lead = _LEAD_RE.match(node.text) if node.kind == "para" and node.line <= end else None
    return lead is not None and len(node.text) > lead.end()


def _lead_paragraph_children(container: Node, category: str, end: int) -> list[tuple[Node, str, int]]:
    leads = [n for n in container.children if _is_lead_paragraph(n, end)]
    return [(n, category, end) for n in leads] if len(leads) >= 2 else []


def _lead_paragraphs(blocks: list[Block], reading: Reading) -> list[tuple[Node, str, int]]:
    """A plan written as paragraphs: those led by a short heading sentence."""
    found = [(n, "", block.end) for block in blocks for n in block.nodes if _is_lead_paragraph(n, block.end)]
    return found if len(found) >= 2 else []


# --- items ------------------------------------------------------------------------------------------------


def _subtree_lines(node: Node, last_line: int, next_line: int | None) -> list[tuple[int, str]]:
    """The item's own lines: its line and what it holds, not past the plan's end or the next item."""
    stop = min(last_line, (next_line - 1) if next_line else last_line)
    return [(n.line, n.text) for n in node.walk() if n.line <= stop]


def _item_of(node: Node, category: str, lines: list[tuple[int, str]]) -> Item | None:
    first = lines[0][1]
    title, rest = split_title(strip_marker(first) if node.kind != "para" else first)
    if not title:
        return None
    detail = "\n".join([rest] * bool(rest) + [text for _, text in lines[1:]])
    whole = "\n".join(text for _, text in lines)
    return Item(title=title, category=category, detail=detail, line=node.line, text=whole)


# Where a paragraph that lists its points inline (一是…；二是…；三是…) goes on to its next point.
_NEXT_POINT_RE = re.compile(r"[；;](?=([二三四五六七八九十]{1,2})是)")


def _inline_points(item: Item, lines: list[tuple[int, str]]) -> list[Item]:
    """The items of a plan written as one paragraph of points (下半年重点抓好以下工作：一是…；二是…；三是…), each on
    the paragraph's line; the lines after the paragraph go with the last point. [] when the paragraph is not
    such a run: it must open with 一是 and go on 二是, 三是 … in order."""
    first = lines[0][1].strip()
    if not first.startswith("一是"):
        return []
    cuts = list(_NEXT_POINT_RE.finditer(first))
    if not cuts or [chinese_number(m.group(1)) for m in cuts] != list(range(2, len(cuts) + 2)):
        return []
    bounds = [0, *(m.end() for m in cuts), len(first)]
    pieces = [first[start:end].rstrip("；;") for start, end in zip(bounds, bounds[1:])]
    rest = [text for _, text in lines[1:]]
    points = []
    for number, piece in enumerate(pieces):
        title, detail = split_title(strip_marker(piece))
        tail = rest if number == len(pieces) - 1 else []
        points.append(Item(title=title, category=item.category, detail="\n".join([detail] * bool(detail) + tail),
                           line=item.line, text="\n".join([piece, *tail])))
    return points if all(point.title for point in points) else []


def _deadline_text(item: Item) -> str:
    """Where an item states its own deadline: all of a short item; the start of a long one, whose later dates
    belong to its sub-tasks ("到2020年……")."""
    text = f"{item.title}。{item.detail}"
    if len(text) <= 300:
        return text
    sentences = re.split(r"(?<=[。！？；])", text)
    return "".join(sentences[:3])


def extract_items(text: str, period: Period, *, owner_rules: dict[str, str] | None = None,
                  synonyms=None, default_owner: str = "", reading: Reading | None = None) -> list[Item]:
    """The plan items of a report's clean text, in source order, with owners, deadlines and targets."""
    reading = reading or read_report_text(text, synonyms)
    chosen = plan_items(reading)
    original = {n: line for n, line in enumerate(text.splitlines(), 1)}
    items: list[Item] = []
    for index, (node, category, last) in enumerate(chosen):
        following = chosen[index + 1][0].line if index + 1 < len(chosen) else None
        lines = [(n, original.get(n, t)) for n, t in _subtree_lines(node, last, following)]
        item = _item_of(node, category, lines)
        if item is not None:
            items.append(item)
            if len(chosen) == 1:  # 一是…；二是…；三是… in one paragraph: its points are the items
                items = _inline_points(item, lines) or items
    for item in items:
        _infer(item, period, owner_rules, synonyms, default_owner)
    _attach_goals(items, reading, original, period.start.year)
    _due_at_term_end(items, reading, period)
    return items


def _infer(item: Item, period: Period, owner_rules, synonyms, default_owner: str) -> None:
    owner, co_owners = explicit_owners(item.text)
    item.owner = owner or rule_owner(item.title, item.detail, owner_rules, synonyms) or default_owner
    item.co_owners = [unit for unit in co_owners if unit != item.owner]
    deadline = find_deadline(_deadline_text(item), period)
    item.due, item.due_basis = deadline.due, deadline.basis
    item.targets = [t for t in find_targets(item.text, strict=True)]


# --- the plan year's expected targets ---------------------------------------------------------------------


def goal_targets(reading: Reading, original: dict[int, str], first_year: int | None = None) -> list[tuple[int, Target]]:
    """(line, target) of each figure of the plan year's expected targets, wherever in the plan part they stand; a
    five years' goal says by which year (`by`), so that a review of the first year does not judge it."""
    found: list[tuple[int, Target]] = []
    blocks = reading.plan_blocks()
    if reading.plan_year is None:  # a new term's report that names no year: its five years' goals are the plan's
        blocks = [b for b in reading.blocks if b.role == "outlook" and b not in blocks] + blocks
    for block in blocks:
        outlook = block.role == "outlook" or reading.plan_year is None  # five years' goals name later years
        for number in range(block.start, block.end + 1):
            words = goal_text(original.get(number, ""), reading.plan_year, any_years=outlook)
            if words is None:
                continue
            lines = [(number, words)]
            if not re.search(r"[0-9０-９]", words):  # "主要预期目标为：" and then one target a line
                lines = list(_figure_lines(original, number + 1, block.end))
            else:
                lines += _run_on(original, number, block.end) + _dash_lines(original, number + 1, block.end)
            here = [(n, target) for n, text in lines for target in find_targets(text, strict=False)]
            by = _goals_year(original.get(number, ""), first_year) if outlook else None
            for _, target in here:
                if by:
                    target.extra["by"] = by
            found += here
    return found


def _goals_year(paragraph: str, first_year: int | None) -> int | None:
    """The year a five years' goals are set for; none where the paragraph speaks of this year."""
    if "今年" in paragraph[:60]:
        return None
    term = _term(paragraph, first_year)
    return term[0] if term else None


def _term(words: str, first_year: int | None) -> tuple[int, str] | None:
    """(last year, the words that say so) of a term the words set work for: the nearest later year named (到2025年),
    else the fifth year of a term (未来五年, “十四五”)."""
    if first_year is None:
        return None
    later = sorted(year for year in years_in(words) if first_year < year <= first_year + 5)
    if later:
        return later[0], f"{later[0]}年"
    outlook = OUTLOOK_WORDS.search(words)
    return (first_year + 4, outlook.group(0)) if outlook else None


def _due_at_term_end(items: list[Item], reading: Reading, period: Period) -> None:
    """The tasks of a new term's five-year plan are due at the term's end (2020-12-31, 未来五年), not at the end of
    its first year, unless their own words give a date; so are their figures (`by`: a review of the first year
    shows how far they got, not that they missed)."""
    outlook = [block for block in reading.plan_blocks() if block.role == "outlook" and block.head is not None]
    if not outlook:
        return
    term = _term(outlook[0].head.text, period.start.year)
    if term is None:
        return
    for item in items:
        if item.due_basis == "period end" and item.due is not None and item.due.year < term[0]:
            item.due, item.due_basis = date(term[0], 12, 31), term[1]
        for target in item.targets:
            target.extra.setdefault("by", term[0])


def _figure_lines(original: dict[int, str], start: int, end: int, most: int = 20):
    """The lines after a goals lead that each state figures (国内生产总值增长13.5%；…)."""
    for number in range(start, min(end, start + most - 1) + 1):
        line = original.get(number, "")
        if not re.search(r"[0-9０-９]", line) or len(line) > 120 and not (number == start and _all_figures(line)):
            return
        yield number, line


def _run_on(original: dict[int, str], number: int, end: int) -> list[tuple[int, str]]:
    """The lines a goals sentence runs on to when a copy broke it (…增长13％；\n一般地方预算财政收入226亿元，…。)."""
    lines = []
    while original.get(number, "").rstrip().endswith(("；", ";", "，", ",")) and number < end:
        number += 1
        line = original.get(number, "")
        if not re.search(r"[0-9０-９]", line) or len(line) > 200:
            break
        lines.append((number, line))
    return lines


def _dash_lines(original: dict[int, str], start: int, end: int) -> list[tuple[int, str]]:
    """The lines led by a dash right after the goals (——打造世界级先进制造城。…研发投入占GDP比重达到5%): the goals
    spelled out one field a line."""
    lines = []
    for number in range(start, end + 1):
        line = original.get(number, "")
        if not line.lstrip().startswith("——"):
            break
        lines.append((number, line))
    return lines


def _all_figures(line: str) -> bool:
    """A long line of targets right after the lead (全县生产总值达到43.5亿元，增长14.5%；全社会固定资产投资增长20%；…):
    each of its clauses states a figure."""
    clauses = [c for c in re.split(r"[；;。]", line) if c.strip()]
    return len(clauses) >= 2 and all(re.search(r"[0-9０-９]", c) for c in clauses)


def _attach_goals(items: list[Item], reading: Reading, original: dict[int, str], first_year: int | None) -> None:
    if not items:
        return
    # each goal target placed, by identity, with its line: equal figures of one line (分别下降3%、3%) each count
    placed: dict[int, tuple[int, Target]] = {}  # (the target is held here, so that its id stays its own)
    for line, target in goal_targets(reading, original, first_year):
        owner = _item_holding(items, line)
        if owner is not None:  # the goals are numbered as an item of their own (（一）主要预期目标)
            if not any(_same(target, t) for t in owner.targets):
                owner.targets.append(target)
            continue
        target.extra["scope"] = GOALS_SCOPE
        best = _goal_owner(items, target.metric)
        best.targets = [t for t in best.targets
                        if not _same(target, t) or placed.get(id(t), (None,))[0] == line] + [target]
        placed[id(target)] = (line, target)


def _goal_owner(items: list[Item], metric: str) -> Item:
    """The item a plan-year goal belongs to: the one whose title names it; else, for a goal of one field (粮食产量,
    PM2.5), the one whose text names nearly all of it; else the economy's item (保持经济平稳增长, 扩大有效需求), else
    the first, which is the economy's in many government work reports. A goal of the whole economy (GDP,
    revenue, prices, jobs) never goes to an item that mentions it in passing (城区品质 … 占地区生产总值)."""
    if len(metric) < 3:  # 供应 (of 筹集住房5800套、供应650套) would name any item that says 供应链
        return _economy_item(items)
    by_title = max(items, key=lambda item: _shared(metric, item.title))
    if _shared(metric, by_title.title) >= 0.5:
        return by_title
    if not _WHOLE_ECONOMY.search(metric):
        by_text = max(items, key=lambda item: _shared(metric, item.detail))
        if _shared(metric, by_text.detail) >= 0.8:
            return by_text
    return _economy_item(items)


def _economy_item(items: list[Item]) -> Item:
    """The item of the economy as a whole, else the first (深圳市-2012's goals go to 坚持扩内需，保持经济协调稳定
    增长, not to 坚持抓创新)."""
    return next((item for item in items if _ECONOMY_ITEM.search(item.title)), items[0])


# The title of the item that runs the economy as a whole (促进经济平稳较快增长, 扩大有效需求, 推动经济高质量发展);
# not one of its parts (循环经济, 海洋经济, 开放型经济).
_ECONOMY_ITEM = re.compile(r"经济(?:平稳|持续|稳定|稳中|稳进|回升|运行|增长|高质量|健康|协调)|稳增长|扩大?内需|有效需求|"
                           r"扩投资|促消费")


_WHOLE_ECONOMY = re.compile(r"生产总值|GDP|经济增长|财政|预算收入|税收|固定资产投资|消费品零售|进出口|外贸|出口|"
                            r"居民消费价格|物价|CPI|失业率|新增就业|可支配收入|居民收入|能耗")


def _item_holding(items: list[Item], line: int) -> Item | None:
    for item, following in zip(items, [*items[1:], None]):
        if item.line <= line and (following is None or line < following.line) \
                and line - item.line <= item.detail.count("\n") + 1:
            return item
    return None


def _same(a: Target, b: Target) -> bool:
    return target_key(a) == target_key(b)


def _shared(metric: str, text: str) -> float:
    """How much of a metric's two-character pieces a text holds; ties go to the earlier item."""
    pieces = {metric[i:i + 2] for i in range(len(metric) - 1)} - {"增长", "下降", "提高", "收入"}
    return sum(piece in text for piece in pieces) / (len(pieces) or 1)
