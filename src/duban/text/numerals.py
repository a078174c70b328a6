"""Chinese numerals as reports write them in markers and dates: 一 … 九十九, 〇/零, 两."""

from __future__ import annotations

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
