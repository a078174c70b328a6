"""Text on a terminal grid: display width (a CJK character takes two cells), shortening, and wrapping by the
Chinese line-breaking rules (禁则): no line starts with closing punctuation (，。、）” …), no line ends with opening
punctuation (（“《 …), and an ASCII word or number (2019-12-31, gwr-2019.txt, 30%) is never split unless it is
longer than a whole line.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that may not begin a line: they close or end what stands before them.
NO_LINE_START = set("，。、；：！？）】」』》〉”’…‥·—～%％,.;:!?)]}>'\"・ー々〻ゝゞ")
# Characters that may not end a line: they open what follows them.
NO_LINE_END = set("（【「『《〈“‘([{<")

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


def shorten(text: str, cells: int, mark: str = "…") -> str:
    """The text cut at a character boundary to fit `cells`, with an ellipsis when anything was cut."""
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
    return text[:end].rstrip() + mark


# A unit is what a line break may not fall inside: an ASCII word (with its trailing spaces), or one other
# character; opening punctuation is glued to the unit after it and closing punctuation to the unit before it.
_UNIT = re.compile(r"[!-~]+ *| +|.", re.DOTALL)


def _units(text: str) -> list[str]:
    units: list[str] = []
    glue_next = ""
    for unit in _UNIT.findall(text):
        if (unit[0] in NO_LINE_END and len(unit) == 1) or (glue_next and unit.isspace()):
            glue_next += unit
            continue
        unit = glue_next + unit
        glue_next = ""
        if units and (unit[0] in NO_LINE_START or unit.isspace()):  # spaces ride at the end of a unit
            units[-1] += unit
        else:
            units.append(unit)
    if glue_next:
        if units:
            units[-1] += glue_next
        else:
            units.append(glue_next)
    return units


def wrap(text: str, cells: int) -> list[str]:
    """Lines of at most `cells` cells (one line per paragraph of the text at least), by the rules above."""
    cells = max(cells, 2)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(" ".join(paragraph.split()) if "  " in paragraph or "\t" in paragraph
                                     else paragraph.strip(), cells))
    return lines or [""]


def _fold(unit: str, cells: int) -> str:
    """The head of an over-long unit that fits `cells`, cut where the next line does not start with closing
    punctuation and this one does not end with opening punctuation, when such a cut exists."""
    used, cut = 0, 0
    while cut < len(unit) and used + char_width(unit[cut]) <= cells:
        used += char_width(unit[cut])
        cut += 1
    cut = max(cut, 1)
    best = cut
    while best > 1 and (unit[best] in NO_LINE_START or unit[best - 1] in NO_LINE_END):
        best -= 1
    return unit[:best] if unit[best] not in NO_LINE_START and unit[best - 1] not in NO_LINE_END else unit[:cut]


def _wrap_paragraph(text: str, cells: int) -> list[str]:
    if width(text) <= cells:
        return [text]
    measure = _simple_width if _SIMPLE.fullmatch(text) else width  # plain Chinese: width from the UTF-8 length
    lines: list[str] = []
    line, used = "", 0
    for unit in _units(text):
        size = measure(unit)
        trailing = len(unit) - len(unit.rstrip())  # spaces at the end of a line do not count
        if used + size - trailing <= cells:
            line += unit
            used += size
            continue
        if line.strip():
            lines.append(line.rstrip())
        unit = unit.lstrip()
        while width(unit.rstrip()) > cells:  # a unit longer than a line: fold it, by the rules where it can be
            head = _fold(unit, cells)
            lines.append(head.rstrip())
            unit = unit[len(head):].lstrip()
        line, used = unit, width(unit)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _simple_width(text: str) -> int:
    return len(text) + (len(text.encode("utf-8")) - len(text)) // 2
