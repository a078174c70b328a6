"""The grammar of Chinese report headings, and the outline it gives a report's clean text.

Markers, most senior first (a report may skip levels, never reorder them):

    第一部分 / 第一章   一、   （一）   1.  1、   （1）   ①   一是 / 第一，/ 首先，   ——

A line may also be an unnumbered heading of a part ("2024年工作安排", "下一步工作打算"): short, no sentence inside,
and naming a part by its words (`part_words`). The outline is a tree: each heading holds the lines after it until a
heading of its rank or a more senior one; paragraphs are leaves. Every reader of reports (parts, plan items, the
evidence of a check) reads this one tree, so no other module keeps marker patterns of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from duban.text.numerals import CN_DIGITS, chinese_number

CN = CN_DIGITS
_CN1 = rf"[{CN}〇零两]{{1,3}}"

# (kind, rank, pattern): the pattern's first group is the number (absent for "——").
MARKERS = (
    ("part", 0, re.compile(rf"^第({_CN1})(?:部分|章|篇)[、，,：:\s]*")),
    ("cn", 1, re.compile(rf"^({_CN1})[、．.](?![{CN}、])\s*")),
    ("paren_cn", 2, re.compile(rf"^[（(]({_CN1})[)）]\s*")),
    ("num", 3, re.compile(r"^([0-9]{1,2})[.．、](?![0-9])\s*")),
    ("paren_num", 4, re.compile(r"^[（(]([0-9]{1,2})[)）]\s*")),
    ("circle", 5, re.compile(r"^([①-⑳])\s*")),
    ("shi", 6, re.compile(rf"^([{CN}]{{1,2}})是(?=[^否的])")),
    ("di", 6, re.compile(rf"^(第[{CN}]{{1,3}}|首先|其次|再次)[，,、]\s*")),
    ("dash", 7, re.compile(r"^——(?!——)\s*")),
)
PLAIN_RANK = 0  # an unnumbered part heading stands above 一、
_ORDINAL_WORDS = {"首先": 1, "其次": 2, "再次": 3}


class Marker(NamedTuple):
    kind: str
    rank: int
    number: int | None
    end: int  # where the words after the marker start


def marker_of(line: str) -> Marker | None:
    """The numbering a line starts with, or None."""
    for kind, rank, pattern in MARKERS:
        match = pattern.match(line)
        if match:
            return Marker(kind, rank, _number(kind, match), match.end())
    return None


def _number(kind: str, match: re.Match) -> int | None:
    if kind == "dash":
        return None
    token = match.group(1)
    if kind == "circle":
        return ord(token) - ord("①") + 1
    if token in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[token]
    return chinese_number(token.removeprefix("第"))


def strip_marker(line: str) -> str:
    found = marker_of(line)
    return (line[found.end:] if found else line).strip()


# --- the words of part headings ------------------------------------------------------------------------

PROBLEM_WORDS = re.compile(r"问题|不足|困难|短板|差距|薄弱|挑战")
PLAN_WORDS = re.compile(
    r"打算|计划(?!生育)|安排|要点|工作思路|思路和|展望|下一步|今后|建议|努力方向|工作部署|工作方案|"
    # nouns of a plan, when they end the heading ("二、2024年目标任务"; not "各项重点工作稳步推进")
    r"(?:重点工作|工作重点|工作任务|主要任务|重点任务|目标任务|工作目标|主要目标|主要措施|目标和(?:主要|重点)?任务|"
    r"任务和(?:主要|重点)?(?:措施|举措))[”\"）)]?[：:。]?$")
REVIEW_WORDS = re.compile(r"回顾|回忆|总结|成效|成绩|进展|完成情况|工作情况|开展情况|执行情况|取得|做法|经验|成就|所做")
WORK_WORDS = re.compile(r"主要工作|工作$|^工作")
REQUIREMENT_WORDS = re.compile(r"总体要求|总体部署|政策取向|总体思路|指导思想|基本思路|总体安排|新的要求|形势[和与]任务")
# A heading of guiding ideas: the requirements, and a five-year plan's 总体发展思路 or 基本原则. Their entries
# (一是坚持…) are items only when the plan has no other run of tasks.
GUIDING_WORDS = re.compile(REQUIREMENT_WORDS.pattern + r"|思路|基本原则")
# A heading that says what to do this year ("二、高质量做好2022年各项工作，以优异成绩迎接……"): review or plan by its year.
_DO_WORK = re.compile(r"^[^，。]{0,8}(?:做好|抓好|干好|推进|推动|实施)[^，。]{0,16}工作")
# Nouns of a plan that end a heading, when no verb of achievement stands before them ("新的目标"; not "完成全年目标").
_PLAN_NOUN_END = re.compile(r"(?:目标|任务|举措)[”\"）)]?[：:。]?$")
_ACHIEVED = re.compile(r"完成|实现|达到|超额|取得|圆满")
_NEXT_PERIOD = re.compile(r"下半年|下一步|明年|今后|新的一年|下阶段|下一阶段")
_COMING_YEARS = re.compile(r"^(?:今后|未来)(?:五|几|三)年")
OUTLOOK_WORDS = re.compile(r"今后五年|未来五年|(?<![〇零一二三四五六七八九])五年(?!来)|“?十[一二三四五六]五”?(?:时期|规划|期间)?|20[3-5]\d年|远景")
SELF_WORDS = re.compile(r"自身建设|政府建设|效能建设|履职能力|人民满意(?:的)?政府|服务型政府|作风建设|廉洁政府|法治政府")
ANNEX_WORDS = re.compile(r"^(?:附件|附表|附录|名词解释|有关名词解释|名词注释|图解|※?注释※?|说明[:：]?$)"
                         r"|^[^，。]{0,16}(?:指标|测算|编制|起草|名词)说明[:：]?$")  # 2015年主要指标测算说明
_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员|各位领导|同事们)[，,：:！!。]?")
_YEAR = re.compile(r"(?<![0-9〇零一二三四五六七八九])((?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})年")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_MONTH = re.compile(rf"(?<![0-9年])([0-9]{{1,2}}|{_CN1})月(?:份)?(?:工作|份工作|重点|主要)")


def _does_a_years_work(words: str) -> bool:
    """二、高质量做好2022年各项工作, or a clause of a longer heading that does (三、永葆“闯”的精神…，全力做好2021年各项工作，
    在…): a year's work, whatever comes before it."""
    if _DO_WORK.search(words):
        return bool(_YEAR.search(words))
    return any(_DO_WORK.search(clause) and _YEAR.search(clause) for clause in re.split(r"[，,]", words)[1:])


def part_words(words: str) -> str | None:
    """The part a heading's words name: review, plan, problems, requirements, outlook, self, annex, work (a year's
    主要工作, review or plan by its year), or None when they name none."""
    if ANNEX_WORDS.match(words):
        return "annex"
    if PROBLEM_WORDS.search(words) and not PLAN_WORDS.search(words) and not REVIEW_WORDS.search(words):
        return "problems"
    if SELF_WORDS.search(words) and not _YEAR.search(words):
        return "self"
    if REQUIREMENT_WORDS.search(words):
        return "requirements"
    if _does_a_years_work(words):
        return "work"
    if REVIEW_WORDS.search(words) and not PLAN_WORDS.search(words):
        return "review"
    if PLAN_WORDS.search(words):
        if OUTLOOK_WORDS.search(words) and not _YEAR.search(OUTLOOK_WORDS.sub("", words)):
            return "outlook"
        return "plan"
    if _PLAN_NOUN_END.search(words) and not _ACHIEVED.search(words):
        return "plan"
    if _NEXT_PERIOD.search(words) and "工作" in words:  # "二、下半年工作筹划": what the next period is for
        return "plan"
    if _COMING_YEARS.match(words) and WORK_WORDS.search(words):
        return "outlook"  # 未来五年工作: the work of the years to come, with no plan word of its own
    if WORK_WORDS.search(words) and (_YEAR.search(words) or _MONTH.search(words) or "上半年" in words
                                     or "下半年" in words or "今年" in words or "明年" in words):
        return "work"
    return None


def years_in(words: str) -> list[int]:
    """The years named: 2025年, and 二〇二五年 as a heading may write it."""
    return [int(y.translate(_CN_DIGITS)) for y in _YEAR.findall(words)]


def is_salutation(line: str) -> bool:
    return bool(_SALUTATION.match(line))


# --- lines that are headings -----------------------------------------------------------------------------

_SENTENCE_INSIDE = re.compile(r"[。！？!?；;]")
PLAIN_MAX = 32  # an unnumbered heading longer than this is a sentence


def plain_heading_words(line: str) -> str | None:
    """The part an unnumbered line heads, when it is a heading: short, no sentence, words that name a part."""
    stripped = line.strip().rstrip("：:")
    if not stripped or len(stripped) > PLAIN_MAX or _SENTENCE_INSIDE.search(stripped) or is_salutation(stripped):
        return None
    if "，" in stripped or "," in stripped or re.search(r"以下|如下|下列", stripped):
        return None  # a lead sentence ("具体来说，可以概括为……：", "今年要着重抓好以下六个方面的工作："), not a heading
    kind = part_words(stripped)
    if kind is None:
        return None
    return kind


def title_of(text: str) -> str:
    """A heading's title: the words after its marker up to its first 。；： (or all of them)."""
    words = strip_marker(text)
    end = re.search(r"[。；;：:！？!?]", words)
    return (words[:end.start()] if end else words).strip()


# --- the tree ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Node:
    """A heading with what it holds, or a paragraph (kind "para"). Lines are the clean text's, 1-based."""

    kind: str            # "root", "para", "plain" (unnumbered part heading) or a marker kind
    rank: int
    text: str
    line: int
    number: int | None = None
    part: str | None = None  # the part its words name (part_words), for headings
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def is_heading(self) -> bool:
        return self.kind not in ("para", "root")

    @property
    def title(self) -> str:
        return title_of(self.text) if self.kind != "plain" else self.text.strip().rstrip("：:")

    @property
    def words(self) -> str:
        """The heading line without its marker."""
        return strip_marker(self.text) if self.kind != "plain" else self.text.strip()

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def last_line(self) -> int:
        last = self
        while last.children:
            last = last.children[-1]
        return last.line

    def headings(self) -> list[Node]:
        return [child for child in self.children if child.is_heading]


def heading_node(line: str, number: int) -> Node | None:
    """The heading a line is, or None for a paragraph."""
    found = marker_of(line)
    if found is not None:
        words = line[found.end:]
        return Node(found.kind, found.rank, line, number, found.number, part_words(title_of(words) or words))
    kind = plain_heading_words(line)
    if kind is not None:
        return Node("plain", PLAIN_RANK, line, number, None, kind)
    return None


def build_outline(lines: list[str], first_line: int = 1) -> Node:
    """The tree of a clean text's lines (one paragraph, heading or item per line)."""
    root = Node("root", -1, "", 0)
    stack = [root]
    for offset, line in enumerate(lines):
        number = first_line + offset
        node = heading_node(line, number) if offset or len(lines) == 1 else None  # line 1 is the title
        if node is not None and node.kind == "dash" and len(stack) == 1:
            node = None  # "——" at the top is a dateline or a list of the preamble, not a part
        if node is None:
            para = Node("para", 99, line, number)
            para.parent = stack[-1]
            stack[-1].children.append(para)
            continue
        while len(stack) > 1 and stack[-1].rank >= node.rank:
            stack.pop()
        if _restarts_under_a_part(stack, node):
            stack.pop()  # 一、 again after a run of them: a new part begins, not more of the last one
        elif _restarts_after_a_lost_heading(stack, node):
            _lift_the_lead(stack.pop())
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _restarts_under_a_part(stack: list[Node], node: Node) -> bool:
    parent = stack[-1]
    if parent.kind != "plain" or node.number != 1:
        return False
    earlier = [child for child in parent.children if child.kind == node.kind]
    return bool(earlier) and (earlier[-1].number or 0) >= 1


# The one grammar of a lead sentence that announces the year's run of tasks (重点做好以下工作：, 今年重点抓好10个
# 方面工作：, 下一步，我们将着力抓好以下几项工作：): sections reads a run of unnamed chapters after it as the plan, and
# the outline lifts a plan whose heading a web copy lost.
PLAN_LEAD = re.compile(
    r"(?:下一步|新的一年|今年|明年|下半年|\d{4}年)[^。]{0,40}(?:重点|主要|着力|抓好|做好|以下|如下)[^。]{0,20}"
    r"(?:工作|方面|任务|事情)[^。]{0,8}[：:]\s*$"
    r"|(?:重点|着力|抓好|做好)[^。]{0,16}(?:以下|如下)[^。]{0,16}[：:]\s*$"
    r"|^(?:今年|明年|新的一年|\d{4}年)?[^。]{0,12}(?:重点|着力|主要)(?:做好|抓好|推进|实施)?"
    r"[^。]{0,12}(?:方面|项)?(?:的)?(?:工作|任务)[：:]\s*$")
# A paragraph that opens the year's plan: its lead sentence, or its requirements and goals (做好今年政府工作的总体
# 要求是…, 今年…主要预期目标是…).
_PLAN_OPENING = re.compile(r"(?:今年|明年|新的一年)[^。]{0,30}(?:总体要求|预期目标|主要目标|工作安排|重点工作)")


def opens_a_plan(text: str) -> bool:
    return bool(_PLAN_OPENING.search(text) or PLAN_LEAD.search(text))


def _restarts_after_a_lost_heading(stack: list[Node], node: Node) -> bool:
    """（一） again under a chapter that ran to （六）, after paragraphs that open the year's plan: the plan's own
    heading (二、2024年工作安排) was lost, as in web copies, and its run of tasks is not more of the chapter."""
    parent = stack[-1]
    if parent.kind == "root" or node.number != 1 or not parent.children:
        return False
    earlier = [child for child in parent.children if child.kind == node.kind]
    if not earlier or (earlier[-1].number or 0) < 2:
        return False
    return any(opens_a_plan(child.text) for child in _trailing_paragraphs(earlier[-1]))


def _last_holder(node: Node) -> Node:
    """The heading that holds the last paragraphs under `node` (its last heading's last heading …)."""
    while node.children and node.children[-1].is_heading:
        node = node.children[-1]
    return node


def _trailing_paragraphs(node: Node) -> list[Node]:
    holder = _last_holder(node)
    paragraphs = []
    for child in reversed(holder.children):
        if child.is_heading:
            break
        paragraphs.append(child)
    return paragraphs[::-1]


def _lift_the_lead(chapter: Node) -> None:
    """The paragraphs that open the plan, from the first that does, go up beside the chapter; the chapter ends
    before them."""
    last_entry = [child for child in chapter.children if child.is_heading][-1]
    holder = _last_holder(last_entry)
    trailing = _trailing_paragraphs(last_entry)
    first = next(i for i, child in enumerate(trailing) if opens_a_plan(child.text))
    # the sentence before it may open the plan too (2024年是…关键一年): it goes with it when it names the year
    while first > 0 and re.search(r"^(?:今年|明年|\d{4}年)是|关键一年|之年", trailing[first - 1].text):
        first -= 1
    lifted = trailing[first:]
    holder.children = [child for child in holder.children if child not in lifted]
    for child in lifted:
        child.parent = chapter.parent
        chapter.parent.children.append(child)


def listed_level(container: Node) -> list[Node]:
    """The first level of headings under `container` that lists two or more entries of one kind (its chapters),
    descending through a single entry; none when it lists nothing."""
    level = container.headings()
    by_kind: dict[str, list[Node]] = {}
    for node in level:
        by_kind.setdefault(node.kind, []).append(node)
    several = [nodes for nodes in by_kind.values() if len(nodes) >= 2]
    if several:
        return min(several, key=lambda nodes: nodes[0].rank)
    return listed_level(level[0]) if len(level) == 1 else []

