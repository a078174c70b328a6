"""Text on a terminal grid: display width (a CJK character takes two cells), shortening, and wrapping by the
Chinese line-breaking rules (禁则): no line starts with closing punctuation (，。、）” …), no line ends with opening
punctuation (（“《 …), an ASCII word or number (2019-12-31, gwr-2019.txt, 30%) is never split unless it is
longer than a whole line, and a number stays with the measure word after it (1200人, 11月15日, 第3期).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that may not begin a line: they close or end what stands before them.
NO_LINE_START = set("，。、；：！？）】」』》〉”’…‥·—～%％,.;:!?)]}>'\"・ー々〻ゝゞ")
# Characters that may not end a line: they open what follows them.
NO_LINE_END = set("（【「『《〈“‘([{<")

# Measure words and date units that stay on the line of the number before them (8000人, 3家, 11月); after 年, 月,
# 日 and 时 the next number stays too, so a date (2019年11月15日) is never split. 第 stays with the number after it.
MEASURES = set("年月日时分秒号期次届人名位个家所座处户项件条份套册台辆支批元万亿千百吨米天周岁倍行")  # 行: 第5行
_DATE_UNITS = set("年月日时")

# Printable ASCII and the wide characters of plain Chinese text (CJK ideographs and punctuation, full-width forms):
# their width is their length plus one per wide character, which is counted from the UTF-8 length.
_SIMPLE = re.compile("[\x20-\x7e\u3001-\u3003\u3008-\u3011\u4e00-\u9fff\uff01-\uff5e]*")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def width(text: str) -> int:
    """Display width in terminal cells."""
    if text.isascii() and text.isprintable():
        return len(text)
    if _SIMPLE.fullmatch(text):
        return len(text) + (len(text.encode("utf-8")) - len(text)) // 2
    return sum(char_width(ch) for ch in text)


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if ch != "\xad" and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")):
        return 0  # accents and invisible format characters (a soft hyphen still shows, as terminals draw it)
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def printable(text: str) -> str:
    """Control characters (a stray escape or bell in a note) shown as a visible mark, never sent to the terminal."""
    return CONTROL.sub("\ufffd", text) if CONTROL.search(text) else text


_WORD_CHAR = re.compile(r"[0-9A-Za-z.%_-]")
_DANGLING = "".join(NO_LINE_END) + "，、；：,;: "


_CLAUSE_END = "，；。！？、,;"


def shorten(text: str, cells: int, mark: str = "…", clause: bool = False) -> str:
    """The text cut at a character boundary to fit `cells`, with an ellipsis when anything was cut; with `clause`,
    at the end of its last whole clause when that keeps at least two thirds of the room (a note: 评审，完成时限延至明…
    becomes 评审…).

    A cut that would fall inside an ASCII word or number, or between a number and its measure word (新增签约1200人
    → 新增签约12… or 新增签约1200…), goes back to the word's start, and a comma or an opening bracket left at the
    end goes too (推进，… → 推进…)."""
    if width(text) <= cells:
        return text
    room = cells - width(mark)
    used, end = 0, 0
    for end, ch in enumerate(text):
        w = char_width(ch)
        if used + w > room:
            break
        used += w
    else:
        end = len(text)
    inside = _WORD_CHAR.match(text[end]) or (text[end] in MEASURES and text[end - 1: end].isdigit())
    start = end
    while inside and start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    if 0 < start < end:
        end = start
    if clause:
        stop = max(text.rfind(ch, 0, end + 1) for ch in _CLAUSE_END)
        if stop > 0 and width(text[:stop]) >= room * 2 // 3:
            end = stop
    return text[:end].rstrip(_DANGLING) + mark


# A unit is what a line break may not fall inside: an ASCII word (with its trailing spaces), or one other
# character; opening punctuation is glued to the unit after it and closing punctuation to the unit before it,
# and numbers to their measure words (MEASURES).
# A short name in brackets that ends the text is one unit: a note's signature （王科员） never breaks as （王 / 科员）;
# so is a figure with a unit per something (26微克/立方米, 17万元/人), which never breaks at its slash, or with a
# unit of several characters (0.501吨标准煤, 19.2立方米), which never breaks inside.
# A string, compiled on its first use (re keeps it): a listing that breaks no line starts without it.
_UNIT = (r"\d+(?:\.\d+)?[万亿千百]*(?:[\u4e00-\u9fff]{1,4}/[\u4e00-\u9fff]{1,4}|吨标准煤|立方米|平方米|平方公里|千瓦时) *"
         r"|（[^（）\s]{1,6}）(?=\s*\Z)|[!-~]+ *| +|.")


_AFTER_A_NUMBER = re.compile(r"\d[万亿千百]*$")  # a number with its scale words: 1.4万亿 takes 元 too


def _holds_on(previous: str, unit: str) -> bool:
    """Whether `unit` may not start a line after `previous`."""
    if unit[0] in NO_LINE_START or unit.isspace():  # spaces ride at the end of a unit
        return True
    if unit in MEASURES and _AFTER_A_NUMBER.search(previous.rstrip()):  # 1200人, 1.4万亿元, and 共 13 项
        return True
    return unit[0].isdigit() and previous[-1] in _DATE_UNITS and len(previous) > 1 and previous[-2].isdigit()


def _units(text: str) -> list[str]:
    # Each unit is gathered as a list of pieces and joined once: a note of a million commas glues them all to one
    # unit, which string concatenation would copy again for each comma. `_holds_on` looks only at a unit's end.
    units: list[list[str]] = []
    tail = ""  # the end of the last unit: all that _holds_on needs of it
    glue_next: list[str] = []
    for unit in re.findall(_UNIT, text, re.DOTALL):
        if (len(unit) == 1 and (unit in NO_LINE_END or unit == "第")) or (glue_next and unit.isspace()):
            glue_next.append(unit)
            continue
        if glue_next:
            unit = "".join(glue_next) + unit
            glue_next = []
        if units and _holds_on(tail, unit):
            units[-1].append(unit)
            tail = (tail + unit[-_TAIL:])[-_TAIL:]
        else:
            units.append([unit])
            tail = unit[-_TAIL:]
    if glue_next:
        if units:
            units[-1].extend(glue_next)
        else:
            units.append(glue_next)
    return ["".join(pieces) for pieces in units]


_TAIL = 8  # characters; runs of spaces are single by then (wrap), so the last visible ones are among them


_ASCII_WORD = re.compile(r"[!-~]+")


def longest_word(texts) -> int:
    """The longest ASCII word (maintainers, 2019-12-31, gwr-2019.txt) of the texts, in cells: a column narrower than
    this makes wrap split it. One pass of a regular expression, so a listing of thousands of titles can ask."""
    return max(map(len, _ASCII_WORD.findall("\n".join(texts))), default=0)


def wrap(text: str, cells: int) -> list[str]:
    """Lines of at most `cells` cells (one line per paragraph of the text at least), by the rules above."""
    cells = max(cells, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(" ".join(paragraph.split()) if "  " in paragraph or "\t" in paragraph
                                     else paragraph.strip(), cells))
    return lines or [""]


def _fold(unit: str, cells: int) -> list[str]:
    """An over-long unit in lines of at most `cells` cells, each cut where the next line does not start with closing
    punctuation and this one does not end with opening punctuation, when such a cut exists; the last piece is what
    is left over (spaces at its end do not count). One pass over the unit, however long it is."""
    pieces = []
    end = len(unit.rstrip())
    start = 0
    while True:
        used, cut = 0, start
        while cut < end and used + char_width(unit[cut]) <= cells:
            used += char_width(unit[cut])
            cut += 1
        if cut >= end:  # the rest fits
            pieces.append(unit[start:])
            return pieces
        cut = max(cut, start + 1)
        best = cut
        while best > start + 1 and (unit[best] in NO_LINE_START or unit[best - 1] in NO_LINE_END):
            best -= 1
        if unit[best] in NO_LINE_START or unit[best - 1] in NO_LINE_END:
            best = cut
        pieces.append(unit[start:best])
        start = best
        while start < len(unit) and unit[start].isspace():  # the next line starts at a word, not at a space
            start += 1


def _wrap_paragraph(text: str, cells: int) -> list[str]:
    if width(text) <= cells:
        return [text]
    measure = _simple_width if _SIMPLE.fullmatch(text) else width  # plain Chinese: width from the UTF-8 length
    lines: list[list[str]] = []  # each line as its units
    line: list[str] = []
    used = 0
    for unit in _units(text):
        size = measure(unit)
        trailing = len(unit) - len(unit.rstrip())  # spaces at the end of a line do not count
        if used + size - trailing <= cells:
            line.append(unit)
            used += size
            continue
        if "".join(line).strip():
            lines.append(line)
        *folded, unit = _fold(unit.lstrip(), cells)  # a unit longer than a line: folded, by the rules where it can
        lines.extend([head] for head in folded)
        line, used = [unit], width(unit)
    if "".join(line).strip() or not lines:
        lines.append(line)
    _no_orphan(lines, cells)
    return ["".join(units).rstrip() for units in lines]


def _no_orphan(lines: list[list[str]], cells: int) -> None:
    """A last line of one Chinese character (孤字: 模 / 式, 运 / 行。) takes the last unit of the line before it
    along, where the two fit a line."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return
    last = [ch for ch in lines[-1][0].strip() if ch not in NO_LINE_START and ch not in NO_LINE_END]
    if len(last) == 1 and char_width(last[0]) == 2 and width((lines[-2][-1] + lines[-1][0]).rstrip()) <= cells:
        lines[-1].insert(0, lines[-2].pop())


def _simple_width(text: str) -> int:
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2
