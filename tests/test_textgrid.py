"""The text table: display-width alignment and wrapping of Chinese and Latin text."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from duban.views.textgrid import Column, Grid, wrap


def render(grid: Grid, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None, highlight=False).print(grid)
    return [line.rstrip() for line in out.getvalue().split("\n")[:-1]]


def test_wrap_chinese_by_character_and_latin_by_word():
    assert wrap("全力做好创建国家卫生城市复审工作", 10) == ["全力做好创", "建国家卫生", "城市复审工", "作"]
    assert wrap("complete the national review", 10) == ["complete", "the", "national", "review"]
    assert wrap("签约率达到 28% of target", 12) == ["签约率达到", "28% of", "target"]
    assert wrap("abcdefghijklmnop", 5) == ["abcde", "fghij", "klmno", "p"]
    assert wrap("一二三", 1) == ["一", "二", "三"]  # a character wider than the line still gets a line
    assert wrap("", 5) == [""]
    assert wrap("多行\n文本  合并", 20) == ["多行 文本 合并"]


@given(st.text(alphabet=st.sampled_from(list("推进工作abc xyz，。12")), max_size=60), st.integers(2, 30))
def test_wrapped_lines_fit_and_keep_every_character(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_columns_line_up_by_display_width():
    grid = Grid([Column("编号"), Column("事项", wraps=True, floor=6), Column("天数", "right")])
    grid.add_row("2019H2-01", "全力做好创建国家卫生城市复审工作", "66")
    grid.add_row("2019H2-02", "推进 family doctor 签约", "3")
    assert render(grid, 80) == [
        "编号        事项                               天数",
        "─" * 51,
        "2019H2-01   全力做好创建国家卫生城市复审工作     66",
        "2019H2-02   推进 family doctor 签约               3",
    ]
    assert render(grid, 30) == [
        "编号        事项          天数",
        "─" * 30,
        "2019H2-01   全力做好创      66",
        "            建国家卫生",
        "            城市复审工",
        "            作",
        "2019H2-02   推进 family      3",
        "            doctor 签约",
    ]


def test_styles_reach_the_terminal():
    grid = Grid([Column("a"), Column("b")])
    bar = Text()
    bar.append("██", style="green")
    bar.append("▓", style="red")
    grid.add_row(Text("x", style="bold"), bar)
    out = io.StringIO()
    Console(file=out, width=40, force_terminal=True, color_system="standard").print(grid)
    assert out.getvalue().split("\n")[2] == "\x1b[1mx\x1b[0m   \x1b[32m██\x1b[0m\x1b[31m▓\x1b[0m"
