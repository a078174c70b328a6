"""The parts of a report's clean text: review (回顾/总结), problems (问题/不足), plan (打算/计划/任务) and other.

Reports head their parts with numbered headings ("三、xxxx年下半年工作打算", "三、对2018年政府工作的建议"); a
heading that names no part ("二、深化医改、实干惠民，努力开创……新局面") is judged by its text: a plan speaks of
what is to be done (要……, 力争, 确保), a review of what was done (……了, 已, 累计). `check` reads the review part
of a summary; `import` reads the plan part.

Sections cover the whole text in order, 1-based inclusive line numbers of the clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.text.synonyms import as_synonyms

KINDS = ("review", "problems", "plan", "other")


@dataclass(frozen=True)
class Section:
    kind: str         # review | problems | plan | other
    heading: str      # the heading line as written ("" for the text before the first heading)
    start_line: int   # 1-based, the heading's own line included
    end_line: int     # 1-based, inclusive

    def lines(self, text: str) -> list[tuple[int, str]]:
        """(line number, line) of this section in `text`."""
        all_lines = text.splitlines()
        return [(n, all_lines[n - 1]) for n in range(self.start_line, self.end_line + 1)]


_CN = "一二三四五六七八九十"
_TOP_HEADING_RE = re.compile(rf"^(?:[{_CN}]{{1,3}}、|第[{_CN}]{{1,3}}部分)")
_SUB_HEADING_RE = re.compile(rf"^[（(][{_CN}]{{1,3}}[)）]")
_SALUTATION_RE = re.compile(r"^(?:各位代表|同志们|各位委员)[！!]$")

_PROBLEM_RE = re.compile(r"问题|不足|困难|短板|差距|薄弱|挑战")
_OTHER_RE = re.compile(r"总体要求|总体部署|政策取向|总体思路|指导思想|目标任务和重大举措|时期主要目标")
_PLAN_RE = re.compile(
    r"打算|计划(?!生育)|工作方案|安排|工作要点|工作思路|展望|下一步|今后|工作的建议|工作建议|工作任务|主要任务"
    r"|(?:\d{4}|[xX×]{2,4}|今|明|下半|[一二〇○零]{4})年(?:的)?(?:重点工作|工作重点)"
)
_REVIEW_RE = re.compile(r"回顾|回忆|总结|成效|成绩|进展|完成情况|工作情况|主要工作|取得|做法|经验")
_STANDALONE_MAX = 24  # an unnumbered line this short that names a part is a heading ("下一步工作打算")

# Words that mark what is to be done versus what was done; counted to judge a heading that names no part.
_FUTURE_RE = re.compile(r"要|将|力争|争取|确保|计划(?!生育)|预计|打算|拟")
_PAST_RE = re.compile(r"了|已|累计|同比|获评|被评为|荣获|共计|共有|完成")
# A review paragraph that turns to problems: "在总结成绩的同时，我们也要清醒地看到……存在……问题".
_PROBLEM_TURN_RE = re.compile(
    r"(?:^|。)[^。]{0,30}(?:清醒(?:地)?(?:看到|认识到?)|看到[^。]{0,12}(?:困难|问题|不足))|^[^。]{0,30}存在[^。，]{0,16}(?:问题|不足|困难)")


def classify_heading(heading: str, synonyms: dict[str, str] | None = None) -> str | None:
    """The part a heading names, or None when it names none (judged by its text then).

    synonyms (the workspace's spun → real words) are applied for matching only.
    """
    words = as_synonyms(synonyms).normalise(_TOP_HEADING_RE.sub("", _SUB_HEADING_RE.sub("", heading)))
    if _PROBLEM_RE.search(words) and not _PLAN_RE.search(words):
        return "problems"
    if _OTHER_RE.search(words):
        return "other"
    if _PLAN_RE.search(words):
        return "plan"
    if _REVIEW_RE.search(words):
        return "review"
    return None


def _tense(lines: list[str]) -> str:
    """"plan" when the text speaks mostly of what is to be done, else "review"."""
    body = "".join(lines)
    future = len(_FUTURE_RE.findall(body))
    past = len(_PAST_RE.findall(body))
    return "plan" if future > past else "review"


def _is_standalone_heading(line: str, synonyms: dict[str, str] | None = None) -> bool:
    stripped = line.rstrip("。:：")
    return (len(stripped) <= _STANDALONE_MAX and "。" not in stripped and "，" not in stripped
            and classify_heading(stripped, synonyms) in ("plan", "problems"))


def _is_sub_part_heading(line: str, synonyms: dict[str, str] | None = None) -> bool:
    """A "(四)下一步工作打算" or "(三)存在的问题" inside another part starts a part of its own."""
    if not _SUB_HEADING_RE.match(line) or len(line) > 30:
        return False
    return classify_heading(line.split("。")[0], synonyms) in ("plan", "problems")


def find_sections(text: str, synonyms: dict[str, str] | None = None) -> list[Section]:
    """The parts of the clean text, in order, covering every line (synonyms: spun → real words, for matching)."""
    lines = text.splitlines()
    if not lines:
        return []
    starts = [(1, "")]  # (line number, heading line); the title and preamble come first
    for number, line in enumerate(lines, 1):
        if number == 1:
            continue
        if (_TOP_HEADING_RE.match(line) and len(line) <= 60) or _SALUTATION_RE.match(line) \
                or _is_standalone_heading(line, synonyms) or _is_sub_part_heading(line, synonyms):
            starts.append((number, line))
    raw: list[tuple[str | None, str, int, int]] = []
    for index, (start, heading) in enumerate(starts):
        end = starts[index + 1][0] - 1 if index + 1 < len(starts) else len(lines)
        if end < start:
            continue
        raw.append((_kind_of(heading, synonyms), heading, start, end))
    sections = _settle(raw, lines)
    return _split_problem_turns(sections, lines)


def _kind_of(heading: str, synonyms: dict[str, str] | None) -> str | None:
    if not heading or _SALUTATION_RE.match(heading):
        return "other"
    return classify_heading(heading, synonyms)


def _settle(raw, lines: list[str]) -> list[Section]:
    """Give every part a kind: headings that name none are judged by their text, the preamble by its size.

    A greeting ("各位代表！") before the plan goes on with the part before it (a review often runs on after one);
    after the plan it starts the closing words. A "(一)……打算" heading inside a plan is part of that plan.
    """
    title = lines[0]
    title_plan = bool(_PLAN_RE.search(title)) and not _REVIEW_RE.search(title)
    sections: list[Section] = []
    seen_plan = False
    for kind, heading, start, end in raw:
        body = lines[start:end] if heading else lines[1:end]  # without the heading (or the title)
        if _SALUTATION_RE.match(heading):
            kind = "other" if seen_plan or not sections else sections[-1].kind
        elif kind is None:
            kind = "plan" if title_plan else _tense(body)
        elif not heading and start == 1:
            # The text before the first heading: a title and a greeting, or (a page of) a report with no headings.
            substantial = sum(len(line) for line in body) > 400 or any(_sub_marker(line) for line in body)
            if substantial:
                sections.append(Section("other", "", 1, 1))
                if end >= 2:
                    sections.append(Section("plan" if title_plan else _tense(body), "", 2, end))
                continue
        seen_plan = seen_plan or kind == "plan"
        if sections and sections[-1].kind == kind and not _TOP_HEADING_RE.match(heading) and kind != "other":
            last = sections[-1]
            sections[-1] = Section(kind, last.heading, last.start_line, end)
            continue
        sections.append(Section(kind, heading, start, end))
    return sections


_SUB_MARKER_RE = re.compile(rf"^(?:[（(][{_CN}]{{1,3}}[)）]|\d{{1,2}}[.．、]|[{_CN}]{{1,2}}是|[①-⑳])")


def _sub_marker(line: str) -> bool:
    return bool(_SUB_MARKER_RE.match(line))


def _split_problem_turns(sections: list[Section], lines: list[str]) -> list[Section]:
    """Inside a review, a paragraph that turns to the problems is a problems part of its own."""
    out: list[Section] = []
    for section in sections:
        if section.kind != "review":
            out.append(section)
            continue
        first_body = section.start_line + (1 if section.heading else 0)
        current_start = section.start_line
        for number in range(first_body, section.end_line + 1):
            if _PROBLEM_TURN_RE.search(lines[number - 1]) and not _sub_marker(lines[number - 1]):
                if number > current_start:
                    out.append(Section("review", section.heading if current_start == section.start_line else "",
                                       current_start, number - 1))
                out.append(Section("problems", "", number, number))
                current_start = number + 1
        if current_start <= section.end_line:
            heading = section.heading if current_start == section.start_line else ""
            out.append(Section("review", heading, current_start, section.end_line))
    return out


def sections_of(text: str, kind: str, synonyms: dict[str, str] | None = None) -> list[Section]:
    """The sections of one kind, e.g. sections_of(report.text, "review") for `check`."""
    return [s for s in find_sections(text, synonyms) if s.kind == kind]


def has_plan(text: str, synonyms: dict[str, str] | None = None) -> bool:
    return any(s.kind == "plan" for s in find_sections(text, synonyms))
