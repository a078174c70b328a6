"""The parts of a report: review (回顾/总结), problems (问题/不足), plan (打算/安排/任务) and other, read from its
outline (text/outline.py).

A part is named by its heading's words and years ("一、2023年工作回顾" / "二、2024年工作安排"; a year's 主要工作 is
the review or the plan by its year); chapters whose headings name no part take the part their lead sentence
announces ("重点抓好以下工作：" before a run of 一、二、…) or, failing that, the part their tense says (要/将/力争
for a plan, 了/已/完成 and figures for a review). Five-year outlooks, the government's own building when it is a
chapter of its own, annexes and closing words are other parts, never the plan. Inside a review, a paragraph that
turns to problems (我们也清醒看到……困难和问题) is a problems part.

Sections cover the whole text in order, 1-based inclusive line numbers of the clean text.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from duban.text.outline import (PLAN_LEAD, Node, build_outline, is_salutation, listed_level, marker_of, part_words,
                                plain_heading_words, years_in)
from duban.text.synonyms import Synonyms, as_synonyms

KINDS = ("review", "problems", "plan", "other")


@dataclass(frozen=True)
class Section:
    kind: str         # review | problems | plan | other
    heading: str      # the heading line as written ("" for a run of paragraphs)
    start_line: int   # 1-based, the heading's own line included
    end_line: int     # 1-based, inclusive
    role: str = ""    # what the part is, more finely: requirements, outlook, self, annex, closing, title …

    def lines(self, text: str) -> list[tuple[int, str]]:
        """(line number, line) of this section in `text`."""
        all_lines = text.splitlines()
        return [(n, all_lines[n - 1]) for n in range(self.start_line, self.end_line + 1)]


@dataclass
class Reading:
    """A report's clean text read once: its outline, its parts, and the year its plan is for."""

    text: str
    lines: list[str]
    outline: Node
    sections: list[Section]
    plan_year: int | None
    blocks: list[Block] = field(default_factory=list)

    def chapters(self, kind: str) -> dict[int, int]:
        """Line → chapter number (from 1) for the lines of the parts of `kind`: each top-level heading of the part,
        or each entry of the first level under it that lists two or more (（一）…（二）… of 一、2019年工作回顾)."""
        chapter_of: dict[int, int] = {}
        number = 0
        for block in (b for b in self.blocks if b.kind == kind):
            entries = listed_level(block.head) if block.head is not None else []
            starts = [node.line for node in entries if node.line <= block.end] or [block.start]
            for index, start in enumerate(starts):
                number += 1
                stop = starts[index + 1] - 1 if index + 1 < len(starts) else block.end
                chapter_of.update((line, number) for line in range(start, stop + 1))
        return chapter_of

    def plan_blocks(self) -> list[Block]:
        """The plan part; a report whose only plan is a five-year outlook (a new term's first report) has that."""
        plan = [block for block in self.blocks if block.kind == "plan"]
        outlook = [block for block in self.blocks if block.role == "outlook"]
        if plan and outlook and self.blocks.index(outlook[-1]) + 1 == self.blocks.index(plan[0]) \
                and not any(_names_a_year(block) for block in plan):
            # 二、未来五年发展目标和重点任务 then 三、全力打造国际一流营商环境: a new term's report whose plan chapters
            # name no year of their own carry its five-year tasks on; the plan is both
            return outlook + plan
        return plan or outlook


@dataclass
class Block:
    """A top-level heading with all it holds, or a run of top-level paragraphs."""

    nodes: list[Node]
    kind: str = ""
    role: str = ""
    end: int = 0  # the block's last line: before a part that follows inside it, or before the closing words
    closing: int = 0  # the last line of the closing words cut off its end, if any

    @property
    def head(self) -> Node | None:
        return self.nodes[0] if self.nodes[0].is_heading else None

    @property
    def start(self) -> int:
        return self.nodes[0].line

    @property
    def last(self) -> int:
        return max(node.last_line for node in self.nodes)

    def text(self, lines: list[str]) -> str:
        return "\n".join(lines[self.start - 1:self.last])


# Words that mark what is to be done versus what was done; counted to judge a part that names none.
_FUTURE_RE = re.compile(r"要|将|力争|争取|确保|计划(?!生育)|预计|打算|拟")
_PAST_RE = re.compile(r"了|已|累计|同比|获评|被评为|荣获|共计|共有|完成|实现|达到|增长\d|下降\d|\d+(?:\.\d+)?%")
# A lead sentence that announces a run of review chapters (a run of plan chapters: outline.PLAN_LEAD).
_REVIEW_LEAD_RE = re.compile(r"(?:一年来|过去一年|回顾|主要做了|做了以下|抓了以下|开展了以下|重点抓了)[^。]{0,40}[：:]\s*$")
# A review paragraph that turns to problems: "在总结成绩的同时，我们也要清醒地看到……".
_PROBLEM_TURN_RE = re.compile(
    r"(?:^|。)[^。]{0,30}(?:清醒(?:地)?(?:看到|认识到?)|看到[^。]{0,12}(?:困难|问题|不足))"
    r"|^[^。]{0,30}存在[^。，]{0,16}(?:问题|不足|困难)"
    r"|^[^。]{0,20}(?:困难和问题|问题和不足|不足和问题|困难和挑战)[^。]{0,6}(?:主要|是)")
# Words after the plan that close a report: "各位代表！新形势……对政府自身建设提出了更高要求", "实现以上目标任务，必须……".
_CLOSING_RE = re.compile(r"^(?:各位代表|同志们|各位委员)|^(?:实现|完成)(?:以上|上述)[^。]{0,12}(?:目标|任务)[^。]{0,20}(?:必须|要)")
_SELF_IN_CLOSING_RE = re.compile(r"自身建设|政府|作风|廉洁|履职|依法行政|党的建设|使命|奋斗|新征程|同志们|各位代表")
_PUNCTUATION_RE = re.compile(r"[。，,；;：:！？]")
# The signing date on its own line, or after the signing unit where the reflow joined them (区卫生健康局2024年7月5日).
_SIGNATURE_RE = re.compile(r"^(?P<signer>[\u4e00-\u9fff（）()]{2,20})?(?:\d{4}|[xX]{2,4})年\d{1,2}月\d{1,2}日$")


# What the document's title says it is tips the balance where the text's tense alone would decide: a 工作总结 is
# mostly review, a 工作计划 mostly plan.
_TITLE_BIAS: ContextVar[float] = ContextVar("title_bias", default=1.0)
_TITLE_PLAN_RE = re.compile(r"计划(?!生育)|打算|要点|安排|思路")
_TITLE_REVIEW_RE = re.compile(r"总结|回顾|汇报")


def _title_bias(lines: list[str]) -> float:
    title = " ".join(lines[:2])
    if _TITLE_PLAN_RE.search(title) and not _TITLE_REVIEW_RE.search(title):
        return 0.5
    if _TITLE_REVIEW_RE.search(title) and not _TITLE_PLAN_RE.search(title):
        return 2.0
    return 1.0


def read_report_text(text: str, synonyms: Synonyms | dict | None = None) -> Reading:
    """The outline and parts of a report's clean text."""
    synonyms = as_synonyms(synonyms)
    lines = text.splitlines()
    token = _TITLE_BIAS.set(_title_bias(lines))
    try:
        return _read(text, lines, synonyms)
    finally:
        _TITLE_BIAS.reset(token)


def _read(text: str, lines: list[str], synonyms: Synonyms) -> Reading:
    outline = build_outline([synonyms.normalise(line) for line in lines]) if synonyms else build_outline(lines)
    if synonyms:  # the real words decide the parts; the report's own words are what it shows
        for node in outline.walk():
            if node.line:
                node.text = lines[node.line - 1]
    blocks = _blocks(outline)
    plan_year = _plan_year(blocks, lines)
    _classify(blocks, plan_year, lines)
    _cut_closing_words(blocks, lines)
    sections = _sections(blocks, lines)
    return Reading(text, lines, outline, sections, plan_year, blocks)


def find_sections(text: str, synonyms: Synonyms | dict | None = None) -> list[Section]:
    """The parts of the clean text, in order, covering every line (synonyms: spun → real words, for matching)."""
    return read_report_text(text, synonyms).sections


def sections_of(text: str, kind: str, synonyms=None) -> list[Section]:
    """The sections of one kind, e.g. sections_of(report.text, "review") for `check`."""
    return [s for s in find_sections(text, synonyms) if s.kind == kind]


def has_plan(text: str, synonyms=None) -> bool:
    return any(s.kind == "plan" for s in find_sections(text, synonyms))


def classify_heading(heading: str, synonyms=None) -> str | None:
    """The part a heading names (review, plan, problems, other), or None when it names none."""
    from duban.text.outline import strip_marker

    kind = part_words(as_synonyms(synonyms).normalise(strip_marker(heading)))
    return {"requirements": "plan", "outlook": "other", "self": "other", "annex": "other",
            "work": None}.get(kind, kind) if kind else None


# --- blocks ------------------------------------------------------------------------------------------------


def _blocks(outline: Node) -> list[Block]:
    """Top-level headings each with what they hold; runs of top-level paragraphs between them. A heading inside
    a chapter that names another part ("(二)存在的问题", "(三)下半年工作打算" under "一、上半年工作情况") is a
    block of its own, from its line to the chapter's next heading."""
    blocks: list[Block] = []
    for node in outline.children:
        if node.is_heading or not blocks or blocks[-1].head is not None:
            blocks.append(Block([node]))
        else:
            blocks[-1].nodes.append(node)
    blocks = [part for block in blocks for part in _split_sub_parts(block)]
    for block in blocks:
        block.end = min(block.end or block.last, block.last)
    return blocks


_SUB_PARTS = ("problems", "plan", "requirements")
# A sub-heading that is only the name of a part: "(二)存在的问题。", "(三)下半年工作打算。", "(四)下一步工作计划".
_PART_NAME_RE = re.compile(r"^(?:存在的?(?:主要)?(?:问题|困难|不足)|(?:主要)?问题(?:和|与|及)?(?:不足|困难|挑战)?|"
                           r".{0,10}(?:打算|计划|安排|思路|要点|建议|目标任务|工作任务|重点工作))$")


def _names_a_part(node: Node) -> bool:
    return node.kind in ("cn", "paren_cn", "part") and node.part in _SUB_PARTS \
        and bool(_PART_NAME_RE.match(node.title))


def _split_sub_parts(block: Block) -> list[Block]:
    head = block.head
    if head is None or head.part in _SUB_PARTS:
        return [block]
    children = head.headings()
    named = [child for child in children if _names_a_part(child)]
    if not named:
        return [block]
    first_line = named[0].line
    out = [Block(block.nodes, end=first_line - 1)]
    for child in named:
        following = [c.line for c in children if c.line > child.line and _names_a_part(c)]
        out.append(Block([child], end=(following[0] - 1) if following else block.last))
    return out


def _plan_year(blocks: list[Block], lines: list[str]) -> int | None:
    """The year the plan is for: the latest year a plan heading names, else a year's 主要工作, else the year of
    the title or the signature. Years far past the document's own (到2030年, 健康中国2030) are outlooks."""
    document = _document_year(lines)
    limit = document + 1 if document else 2100
    heads = [b.head for b in blocks if b.head is not None]
    heads += [child for b in blocks if b.head is not None and b.head.kind == "plain" for child in b.head.headings()]
    for wanted in (("plan", "requirements"), ("work",)):
        years = [y for h in heads if h.part in wanted for y in years_in(h.title) if y <= limit]
        if years:
            return max(years)
    return document


def _document_year(lines: list[str]) -> int | None:
    years = years_in(" ".join(lines[:3])) or years_in(" ".join(lines[-3:]))
    return years[0] if years else None


# --- kinds ------------------------------------------------------------------------------------------------


_ROLE_KIND = {"requirements": ("plan", "requirements"), "outlook": ("other", "outlook"), "self": ("other", "self"),
              "annex": ("other", "annex"), "problems": ("problems", ""), "review": ("review", ""),
              "plan": ("plan", "")}


def _classify(blocks: list[Block], plan_year: int | None, lines: list[str]) -> None:
    for index, block in enumerate(blocks):
        head = block.head
        if head is None:
            block.kind, block.role = _paragraph_kind(block, index, blocks, lines)
            continue
        if head.part in _ROLE_KIND:
            block.kind, block.role = _ROLE_KIND[head.part]
        elif head.part == "work":
            block.kind = _by_year(head.title, plan_year) or _tense(block.text(lines))
        else:
            block.kind = _run_kind(blocks, index, plan_year, lines)
        if block.kind == "plan" and head.part in ("plan", "requirements", None) and _only_outlook(head.title, plan_year):
            block.kind, block.role = "other", "outlook"
    _keep_self_in_a_run(blocks)
    _settle_paragraphs(blocks, lines)


def _keep_self_in_a_run(blocks: list[Block]) -> None:
    """The government's own building numbered as one more chapter of a run of plan chapters is one of them."""
    for previous, block in zip(blocks, blocks[1:]):
        if block.role == "self" and previous.kind == "plan" and _is_unnamed(previous) \
                and previous.head.kind == block.head.kind:
            block.kind, block.role = "plan", ""
            block.head.part = None


def _only_outlook(words: str, plan_year: int | None) -> bool:
    """A plan heading about years after the plan year only ("今后五年的目标任务", "2035年远景")."""
    from duban.text.outline import OUTLOOK_WORDS

    years = years_in(words)
    if plan_year is not None and years and all(y > plan_year for y in years):
        return True
    return bool(OUTLOOK_WORDS.search(words)) and not (plan_year in years or "今年" in words)


def _names_a_year(block: Block) -> bool:
    """Whether a plan chapter's heading says which year (or half-year) it is for: 2021年工作安排, 今年重点工作."""
    title = block.head.title if block.head is not None else ""
    return bool(years_in(title) or re.search(r"今年|明年|本年|年度|下半年|上半年|下一步", title))


def _by_year(words: str, plan_year: int | None) -> str | None:
    years = years_in(words)
    if not years or plan_year is None:
        return None
    return "plan" if max(years) >= plan_year else "review"


def _is_unnamed(block: Block) -> bool:
    return block.head is not None and block.head.part is None and block.head.kind != "plain"


def _run_kind(blocks: list[Block], index: int, plan_year: int | None, lines: list[str]) -> str:
    """A run of chapters whose headings name no part is one part: the one its lead announces, else the one its
    years say, else the one its tense says."""
    first, last = index, index
    while first > 0 and _is_unnamed(blocks[first - 1]):
        first -= 1
    while last + 1 < len(blocks) and _is_unnamed(blocks[last + 1]):
        last += 1
    run = blocks[first:last + 1]
    words = " ".join(b.head.title for b in run)
    # A report does not go back to its review once its plan or outlook has begun: after them, a run that does
    # not speak mostly of the past is more of the plan.
    after_plan = any(b.kind == "plan" or b.role == "outlook" for b in blocks[:first])
    if any(b.head is not None and b.head.part == "review" for b in blocks[last + 1:]):
        return "other"  # before the review a heading says is one: a preamble (or a web page's debris)
    return (_by_lead(blocks, first, lines) or _by_year(words, plan_year)
            or _tense("\n".join(b.text(lines) for b in run), 0.5 if after_plan else 1.0))


def _by_lead(blocks: list[Block], first: int, lines: list[str]) -> str | None:
    """The part announced by the line just before a run of unnamed chapters ("重点抓好以下工作：")."""
    start = blocks[first].start
    if start < 2:
        return None
    lead = lines[start - 2]
    if PLAN_LEAD.search(lead):
        return "plan"
    if _REVIEW_LEAD_RE.search(lead):
        return "review"
    return None


def _tense(text: str, bias: float = 1.0) -> str:
    """"plan" when the text speaks mostly of what is to be done, else "review"; a bias under 1 leans to the plan."""
    future = len(_FUTURE_RE.findall(text))
    past = len(_PAST_RE.findall(text))
    if future == past == 0:  # the text does not say: the document's title does (a 工作计划 is a plan)
        return "plan" if _TITLE_BIAS.get() * bias < 1 else "review"
    return "plan" if future > past * 1.2 * _TITLE_BIAS.get() * bias else "review"


def _paragraph_kind(block: Block, index: int, blocks: list[Block], lines: list[str]) -> tuple[str, str]:
    if index == 0:
        return "other", "title"
    first = block.nodes[0].text
    if _PROBLEM_TURN_RE.search(first):
        return "problems", ""
    return "", ""  # settled by its neighbours


def _settle_paragraphs(blocks: list[Block], lines: list[str]) -> None:
    """Runs of top-level paragraphs: a lead before a plan run is plan; after the plan, closing words; else they go
    on with the part before them (or are judged by their tense)."""
    seen_plan = False
    for index, block in enumerate(blocks):
        if block.kind == "plan":
            seen_plan = True
        if block.kind:
            continue
        following = next((b for b in blocks[index + 1:] if b.kind), None)
        previous = blocks[index - 1] if index else None
        text = block.text(lines)
        if following is not None and following.kind == "plan" and PLAN_LEAD.search(lines[block.last - 1]):
            block.kind = "plan"
        elif seen_plan and (_CLOSING_RE.search(block.nodes[0].text) or following is None
                            or following.kind == "other"):
            block.kind, block.role = "other", "closing"
        elif previous is not None and previous.kind in ("review", "problems") and _tense(text) == "review":
            block.kind = "review"
        else:
            block.kind = _tense(text)
        if block.kind == "plan":
            seen_plan = True


def _cut_closing_words(blocks: list[Block], lines: list[str]) -> None:
    """The plan ends where the closing words begin (各位代表！… / 实现以上目标任务，必须……) or the signature."""
    plans = [block for block in blocks if block.kind == "plan" and block.head is not None]
    for block in plans[-1:]:  # closing words follow the plan's last part, after its last item begins
        last_heading = max(node.line for node in block.head.walk() if node.is_heading)
        for number in range(last_heading + 1, block.end + 1):
            line = lines[number - 1]
            if _CLOSING_RE.search(line) and _SELF_IN_CLOSING_RE.search(line) or is_salutation(line):
                block.end, block.closing = number - 1, block.end
                break
            signed = _SIGNATURE_RE.match(line)
            if signed:  # the signing unit and date: "区卫生健康局" / "2019年7月10日"
                signer = lines[number - 2] if number > last_heading + 1 and not signed.group("signer") else ""
                cut = 2 if signer and len(signer) <= 20 and not _PUNCTUATION_RE.search(signer) else 1
                block.end, block.closing = number - cut, block.end
                break


def _sections(blocks: list[Block], lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    for block in blocks:
        heading = block.head.text if block.head is not None else ""
        if block.kind == "review":
            sections.extend(_split_problem_turns(block, heading, lines))
        else:
            sections.append(Section(block.kind, heading, block.start, block.end, block.role))
        if block.closing:
            sections.append(Section("other", "", block.end + 1, block.closing, "closing"))
    return _merge(sections)


def _split_problem_turns(block: Block, heading: str, lines: list[str]) -> list[Section]:
    """Inside a review, a paragraph that turns to the problems is a problems part of its own, with the numbered
    entries that list them right after it (还面临不少问题和挑战。一是…二是…)."""
    out: list[Section] = []
    start = block.start
    first_body = block.start + (1 if block.head is not None else 0)
    number = first_body
    while number <= block.end:
        if _PROBLEM_TURN_RE.search(lines[number - 1]):
            if number > start:
                out.append(Section("review", heading if start == block.start else "", start, number - 1))
            last = _listed_after(number, block.end, lines)
            out.append(Section("problems", "", number, last))
            start = number = last + 1
            continue
        number += 1
    if start <= block.end:
        out.append(Section("review", heading if start == block.start else "", start, block.end))
    return out


def _listed_after(number: int, end: int, lines: list[str]) -> int:
    """The last line of the problems listed after line `number`: entries numbered alike (一是, 二是 …; 1. 2. …)
    counting from one, or, after a lead that ends in a colon, the paragraphs up to the next heading; `number`
    itself when none follow."""
    last, kind, expected = number, None, 1
    colon = lines[number - 1].rstrip().endswith(("：", ":"))
    while last < end:
        marker = marker_of(lines[last])
        if marker is None:
            if not colon or kind is not None or plain_heading_words(lines[last]):
                break
            last += 1
            continue
        if (kind is not None and marker.kind != kind) or marker.number not in (expected, None):
            break
        kind, expected, last = marker.kind, expected + 1, last + 1
    return last


def _merge(sections: list[Section]) -> list[Section]:
    """Adjacent paragraph runs of the same kind and role are one section."""
    out: list[Section] = []
    for section in sections:
        if out and not section.heading and out[-1].kind == section.kind and out[-1].role == section.role \
                and out[-1].end_line + 1 == section.start_line:
            last = out[-1]
            out[-1] = Section(last.kind, last.heading, last.start_line, section.end_line, last.role)
        else:
            out.append(section)
    return out
