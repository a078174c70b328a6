"""Who leads a plan item and who supports it: as the item states it (牵头单位：…, 由…负责), else by the
workspace's owner rules ([owners] in duban.toml: the unit whose keyword the item names first)."""

from __future__ import annotations

import re

from duban.text.synonyms import as_synonyms

_UNIT = r"[^。；;，,：:\s（）()]{2,20}"
# 牵头单位：职业健康科, or written out: 牵头单位为职业健康科
_LEAD_RE = re.compile(rf"(?:牵头单位|牵头科室|牵头部门|责任单位|责任科室|责任部门|主办单位)(?:[:：]|为|是)\s*"
                      rf"({_UNIT}(?:、{_UNIT})*)")
_CO_RE = re.compile(rf"(?:配合单位|配合科室|配合部门|协办单位|协助单位)(?:[:：]|为|是)\s*({_UNIT}(?:、{_UNIT})*)")
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
