"""Figures as reports write them: a scale (万, 亿, 万亿) before the unit where the number reads better with it."""

import pytest

from duban.text.numerals import figure_text


@pytest.mark.parametrize("value, unit, shown", [
    (0.12587, "万亿元", "1258.7亿元"),          # a summary's 1258.7亿元 against a target in 万亿元
    (0.12586999999999999, "万亿元", "1258.7亿元"),  # as an older check wrote it, in binary
    (13140000, "人", "1314万人"),
    (0.5, "万人", "5000人"),
    (1.2, "万亿元", "1.2万亿元"),               # reads well as it is: kept
    (52000, "元", "52000元"),
    (6.6, "%", "6.6%"),
    (-3.3, "%", "-3.3%"),
    (0.3, "个百分点", "0.3个百分点"),
    (35, "微克/立方米", "35微克/立方米"),       # a unit no report scales
    (0.05, "万", "500"),
    (0, "万元", "0万元"),
    (float("nan"), "万元", "nan万元"),
])
def test_figure_text(value, unit, shown):
    assert figure_text(value, unit) == shown
