"""Chinese numerals as reports write them in markers and dates (一 … 九十九, 〇/零, 两), and figures as they write
them in amounts: a scale of 万, 亿 or 万亿 before the unit (1258.7亿元, 1314万人)."""

from __future__ import annotations

from decimal import Decimal

CN_DIGITS = "一二三四五六七八九十"
_VALUES = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}


def chinese_number(text: str) -> int | None:
    """`12`, `十二`, `二十` or `三` as an int; None for anything else (including placeholders like xx)."""
    if text.isdecimal():  # 12, or the full-width １２ of some reports
        return int(text)
    if not text or any(ch not in _VALUES and ch != "十" for ch in text):
        return None
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _VALUES[ch]
        return value
    tens, _, units = text.partition("十")
    if "十" in units or any(ch not in _VALUES for ch in tens + units) or len(tens) > 1 or len(units) > 1:
        return None
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[units] if units else 0)


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99; beyond that the digits)."""
    digits = "〇一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


# The scales a unit may carry (万人, 亿元, 万亿元): the factor each stands for.
SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
# Units that reports write with 万 or 亿 before them when the figure is large (the amounts of check's figures).
_SCALED_UNITS = {"", "元", "美元", "人", "人次", "户", "套", "亩", "公里", "个", "张", "吨", "吨标准煤", "斤"}
_READABLE = (Decimal(1), Decimal(10) ** 5)  # a figure from 1 to 99999 reads well in the unit it is in
_SANE = (1e-6, 1e16)  # figures outside this are written as Python writes them


def exact(value: float) -> Decimal:
    """A figure as the decimal it was written as (1258.7), not its binary neighbour, so scaling it is exact."""
    return Decimal(repr(float(value)))


def split_scale(unit: str) -> tuple[Decimal, str]:
    """`亿元` → (10⁸, 元); `万` → (10⁴, ""); a unit without a scale → (1, unit)."""
    for prefix, factor in SCALES.items():
        if unit.startswith(prefix):
            return factor, unit[len(prefix):]
    return Decimal(1), unit


def figure_text(value: float, unit: str) -> str:
    """A figure as a report would write it: in its unit when it reads well there (6.6%, 52000元, 1.2万亿元), else
    at the scale that does (0.12587万亿元 → 1258.7亿元, 13140000人 → 1314万人, 0.5万人 → 5000人)."""
    if not _SANE[0] <= abs(value) < _SANE[1]:  # zero, a stray nan or inf from a hand-edited file, 1e300
        return f"{value:g}{unit}"
    number = Decimal(format(float(value), ".10g"))  # 10 digits: what a float computed earlier may add is dropped
    factor, base = split_scale(unit)
    if base in _SCALED_UNITS and not _READABLE[0] <= abs(number) < _READABLE[1]:
        amount = number * factor
        prefix = next((p for p, f in SCALES.items() if p != "千" and abs(amount) >= f), "")
        number, unit = amount / SCALES.get(prefix, Decimal(1)), prefix + base
    return _plain(number) + unit


def _plain(number: Decimal) -> str:
    """1258.7, 1314, 0.5: no exponent, no trailing zeros."""
    text = format(number.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
