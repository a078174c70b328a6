"""Who a report speaks for (现在，我代表罗湖区人民政府，向大会报告政府工作), and whether two names are one organisation.

`check` refuses a summary that speaks for another place than the plan's own report; `import` refuses to merge
another place's report into a plan that is already there.
"""

from __future__ import annotations

import re

_SPEAKER = re.compile(r"我代表(.{2,20}?)[，,、向]")
SPEAKER_CHARS = 400  # how far into the text 我代表… is looked for
_PLACE = re.compile(r"^(.{0,8}?)(新区|自治州|自治县|区|市|县|省|州|镇|乡)")


def speaker(text: str) -> str:
    """Who the report speaks for (我代表罗湖区人民政府), or ""."""
    found = _SPEAKER.search(text[:SPEAKER_CHARS])
    return found.group(1) if found else ""


def speakers(text: str) -> list[str]:
    """Every organisation the head of a report speaks for."""
    return _SPEAKER.findall(text[:SPEAKER_CHARS])


def place(name: str) -> tuple[str, str]:
    """(place, level) of an organisation: 罗湖区人民政府 → (罗湖, 区), 坪山新区管委会 → (坪山, 新区), 市人民政府 →
    ("", 市); a name that names neither is its own place."""
    found = _PLACE.match(name.strip())
    return (found.group(1), found.group(2)) if found else (re.sub(r"(?:人民)?政府$", "", name.strip()), "")


def same_org(one: str, other: str) -> bool:
    """Two names of one organisation: the same place (a new district that replaced the old one keeps its place),
    or, where one says only its level (市人民政府, as a city's own report calls itself), the same level."""
    (one_place, level), (other_place, other_level) = place(one), place(other)
    if one_place and other_place:
        return one_place in other_place or other_place in one_place
    return level == other_level or not (level and other_level)


def other_speaker(text: str, own_text: str | None, own_org: str) -> str:
    """The organisation a report speaks for when it is plainly not the plan's (known from the plan's own report,
    else from the plan's organisation): 罗湖区人民政府 against 深圳市人民政府; "" when they agree or one is unknown.
    Names that hold one another (区卫生健康局 in 城南区卫生健康局) agree. A plan's report that names only its level
    (我代表区人民政府) gives way to the plan's organisation where that names the place (宝安区人民政府)."""
    said = speaker(text)
    own = speaker(own_text or "")
    if not own or (not place(own)[0] and own_org and place(own_org)[0]):
        own = own_org
    return said if said and own and not same_org(own, said) else ""
