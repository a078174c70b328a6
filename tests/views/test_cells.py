"""Text on the terminal grid: display width, shortening, and wrapping by the Chinese line-breaking rules."""

from __future__ import annotations

import re

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from duban.views.cells import NO_LINE_END, NO_LINE_START, printable, shorten, width, wrap


def test_width_counts_wide_characters_twice():
    assert width("2019H2-01") == 9
    assert width("全力做好") == 8
    assert width("签约率28%，") == 11
    assert width("ｘ＝１") == 6  # full-width forms
    assert width("e\u0301") == 1  # a combining accent takes no cell


REPORT_CHARACTERS = st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x24F),
                               st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
                               st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                               st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E))


@given(st.text(REPORT_CHARACTERS, max_size=40))
def test_width_agrees_with_rich_on_the_characters_of_reports(text):
    text = printable(text)
    assert width(text) == cell_len(text)


def test_shorten_at_a_character_boundary_with_an_ellipsis():
    assert shorten("全力做好创建国家卫生城市复审工作", 11) == "全力做好创…"
    assert shorten("全力做好", 8) == "全力做好"
    assert shorten("abc def", 5) == "abc…"


def test_shorten_never_cuts_a_number_or_leaves_a_comma_before_the_ellipsis():
    assert shorten("新增签约1200人，覆盖率达到30%", 14) == "新增签约…"        # not 新增签约12…
    assert shorten("推进复审，完成摸排", 11) == "推进复审…"                 # not 推进复审，…
    assert shorten("见gwr-2019.txt第3行", 12) == "见…"
    assert shorten("2019-12-31", 6) == "2019-…"  # a word longer than the room is cut where it must be


def test_wrap_chinese_by_character_and_latin_by_word():
    assert wrap("全力做好创建国家卫生城市复审工作", 10) == ["全力做好创", "建国家卫生", "城市复审", "工作"]
    assert wrap("complete the national review", 10) == ["complete", "the", "national", "review"]
    assert wrap("签约率达到 28% of target", 12) == ["签约率达到", "28% of", "target"]
    assert wrap("abcdefghijklmnop", 5) == ["abcde", "fghij", "klmno", "p"]
    assert wrap("", 5) == [""]
    assert wrap("多行\n文本", 20) == ["多行", "文本"]


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation():
    # a plain cut after 6 cells would put "，" at the head of the second line
    assert wrap("推进复审，完成摸排。", 8) == ["推进复", "审，完成", "摸排。"]
    assert wrap("开展（四小单位）摸排", 10) == ["开展（四小", "单位）摸排"]
    assert wrap("开展四（小单位）摸排", 8) == ["开展四", "（小单", "位）摸排"]
    assert wrap("核查《gwr-2019.txt》的结果", 16) == ["核查", "《gwr-2019.txt》", "的结果"]


def test_numbers_stay_with_their_measure_words_and_dates_stay_whole():
    assert wrap("新增签约1200人", 10) == ["新增签约", "1200人"]      # not 新增签约1200 / 人
    assert wrap("两周内到期 2 项。", 12) == ["两周内到期", "2 项。"]
    assert wrap("于2019年11月15日前完成", 14) == ["于", "2019年11月15日", "前完成"]
    assert wrap("完成第3期培训", 6) == ["完成", "第3期", "培训"]           # not 完成第 / 3期
    assert wrap("有风险（0.33），第5行：进出口总额增长", 16) == ["有风险（0.33），", "第5行：进出口总", "额增长"]  # not 第5 / 行
    assert wrap("2019-11-15 (11月15日前)", 12) == ["2019-11-15", "(11月15日前)"]


def test_a_last_line_never_holds_a_single_chinese_character():
    assert wrap("抓住关键点,着力完善分级诊疗模式", 30) == ["抓住关键点,着力完善分级诊疗", "模式"]
    assert wrap("推进复审工作", 10) == ["推进复审", "工作"]
    assert wrap("三家医院挂牌运行。", 14) == ["三家医院挂牌", "运行。"]  # not 挂牌运 / 行。
    assert wrap("推进工作，", 8) == ["推进", "工作，"]  # not 推进工 / 作，


def test_file_names_and_dates_stay_whole():
    assert wrap("对照 gwr-2019.txt 于 2019-12-31 完成", 14) == ["对照", "gwr-2019.txt", "于 2019-12-31", "完成"]


def _units_are_short(text: str) -> bool:
    """No run of more than two punctuation marks and no ASCII word over six characters: then every unit that
    may not be broken fits a line of twelve cells, and the rules can always be kept."""
    return not re.search(r"[!-~]{7}", text) and all(
        sum(1 for ch in text[i:i + 3] if ch in NO_LINE_START or ch in NO_LINE_END) < 3 for i in range(len(text)))


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("推进工作核查abc xyz，。、）（《》“”12%人家第")), max_size=80)
       .filter(_units_are_short), st.integers(12, 30))
def test_wrapped_lines_fit_keep_every_character_and_follow_the_rules(text, cells):
    lines = wrap(text, cells)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert all(width(line) <= cells for line in lines)
    for before, after in zip(lines, lines[1:]):
        if after and before:
            assert after[0] not in NO_LINE_START
            assert before[-1] not in NO_LINE_END


# --- a note of a megabyte (issue 15, item 11) -----------------------------------------------------------------


@pytest.mark.parametrize("unit", ["a", "1", "，", "（", "第", "字", "ab 字，", "1人"])
def test_wrapping_work_grows_linearly_with_the_text(unit):
    """A note of a million characters no unit boundary can break (one ASCII word, a run of commas or of opening
    brackets) is wrapped in one pass: the characters handed to the wrapping functions grow as the text does (the
    old fold handed the whole rest of the word again for each line, 15 times the work for 4 times the text)."""
    from duban.views import cells

    from work import characters_passed, growth

    assert growth(lambda n: characters_passed(cells, wrap, unit * (n // len(unit)), 40), (2000, 8000)) < 4.5


def test_an_over_long_word_is_folded_into_full_lines():
    assert wrap("a" * 25, 10) == ["a" * 10, "a" * 10, "a" * 5]
    assert wrap("，" * 9, 6) == ["，，，", "，，，", "，，，"]
    assert wrap("x（" * 4 + "y", 4) == ["x（x", "（x", "（x", "（y"]  # no line ends with （


def test_a_signature_at_the_end_of_a_note_stays_whole():
    # trial C (U4): …（王 / 科员） at the end of a weekly's note
    assert wrap("加快建设20个先进制造业园区（王科员）", 24) == ["加快建设20个先进制造业园", "区（王科员）"]
    assert wrap("开展（四小单位）摸排", 10) == ["开展（四小", "单位）摸排"]  # inside the text a bracket may break


def test_a_number_keeps_its_scale_and_measure_words():
    # trial C (U5): 1.4万 / 亿元 in the check preview
    assert wrap("产值达到1.4万亿元", 14) == ["产值达到", "1.4万亿元"]  # not 产值达到1.4万 / 亿元


def test_a_figure_with_a_unit_per_something_never_breaks_at_its_slash():
    assert wrap("PM2.5年均浓度 ≤ 26微克/立方米", 24) == ["PM2.5年均浓度 ≤", "26微克/立方米"]
    assert wrap("全员劳动生产率达到17万元/人以上", 20) == ["全员劳动生产率达到", "17万元/人以上"]
    assert wrap("万元GDP能耗 ≤ 0.501吨标准煤", 20) == ["万元GDP能耗 ≤", "0.501吨标准煤"]  # not 0.501吨标 / 准煤
    assert wrap("新增海绵城市2.63平方公里", 16) == ["新增海绵城市", "2.63平方公里"]


def test_a_last_character_takes_the_unit_before_it_along_only_where_both_fit():
    # found by hypothesis: 第111、、 moved down beside 人、 made a last line of 13 cells in 12
    assert wrap("111、、人、人1第111、、人、", 12) == ["111、、人、", "人1第111、、", "人、"]
    assert wrap("新增签约服务团队覆盖全部社区模式", 10) == ["新增签约服", "务团队覆盖", "全部社区", "模式"]  # no 式 alone
