"""What the names of measured quantities say, shared by import (reading a plan's targets) and check (judging them),
so that check does not load the whole grammar of targets to ask it."""

from __future__ import annotations

import re

# The one list of metrics where lower is better (a bare figure for them is a ceiling; check judges them so).
LOWER_IS_BETTER = re.compile(r"价格|物价|CPI|指数$|涨幅|失业率|浓度|PM2\.5|PM10|赤字|负债|杠杆|死亡率|发生率|发病率|患病率|事故")

# The verbs that count what is added in the year (新增病床2000张, 引进人才500名), as against how many there are: the
# one list for import (a later figure of a list is counted as the first was) and check (a figure counted alike).
ADDED_WORDS = "新增|净增|新建|新引进|新培育|新认定|认定|引进|引育|引入|培育|创建|发展"

# The words of a change over the year (增长5%, 比上年下降3%): a metric named with one measures a change, and a clause
# or figure that carries one on measures its metric's change.
CHANGE_WORDS = "增长|下降|降低|减少|削减|压减|提高|增加"

# A lower bound written before a figure (超过2万件, 超2000亿元, 逾100家): at least that much.
BOUND_BEFORE = re.compile(r"(?:超过?|逾)$")

# A concentration per cubic metre is written in other words too: 18微克每立方米, 29微克／立方米, and 由每立方米31.1微克
# 降至30.4微克, where the cubic metre stands before the figures of its clause.
PER_CUBIC_METRE_UNITS = ("微克每立方米", "微克／立方米", "微克")

# The one list of the units a figure is written in, for import (a plan's targets) and check (a review's figures):
# longest first, so that 万亿元 is read before 亿元 and 元.
UNITS = sorted("""% ％ ‰ 个百分点 万亿元 亿元 万元 元 亿美元 万美元 美元 万亿斤 亿斤 万斤 斤 亿吨 万吨 吨 万千瓦 千瓦
亿千瓦时 万千瓦时 亿人次 万人次 人次 万人年 人年 万人 人 万户 户 万套 套 万个 个 万张 张 万所 所 万家 家 万件 件 项 万公里 公里
万亩 亩 公顷 平方公里 万平方米 平方米 亿立方米 万立方米 立方米 万吨标准煤 吨标准煤 微克/立方米 毫克/立方米 天 岁 万标箱 标箱
辆 座 条 次 场 批 倍 名 处 万辆 小时 万 亿""".split() + list(PER_CUBIC_METRE_UNITS), key=len, reverse=True)
# A unit may be per something: 全员劳动生产率17万元/人, 亩均税收30万元/亩, 路网密度7.25公里/平方公里.
UNIT = "(?:(?:" + "|".join(re.escape(u) for u in UNITS) + ")(?:/(?:人|户|亩|公顷|吨|年|天|平方米|平方公里|千瓦时))?)"
_PER_CUBIC_METRE = re.compile(r"微克(?:每立方米|／立方米)")


def unit_as_duban_writes_it(unit: str, clause_before: str) -> str:
    """A figure's unit as import writes it and check compares it: ％ as %, a concentration as 微克/立方米."""
    if _PER_CUBIC_METRE.fullmatch(unit) or (unit == "微克" and "每立方米" in clause_before):
        return "微克/立方米"
    return unit.replace("％", "%")
