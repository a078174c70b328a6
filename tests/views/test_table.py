"""The one table engine: widths, the order in which columns give way, wrapping, styles only where they apply."""

from __future__ import annotations

import io

from duban.views.cells import width
from duban.views.table import Column, Styled, Table, layout
from duban.views.terminal import PIPE_WIDTH, Terminal, terminal_for


def lines(table: Table, cells: int, styled: bool = False) -> list[str]:
    out = Terminal(io.StringIO(), cells, styled, styled, styled)
    return [line.rstrip("\n") for line in table.render(out)]


def sample() -> Table:
    table = Table([Column("编号"), Column("事项", wrap=True, floor=10, min_width=6), Column("天数", "right")])
    table.add_row("2019H2-01", "全力做好创建国家卫生城市复审工作", "66")
    table.add_row("2019H2-02", "推进 family doctor 签约", "3")
    return table


def test_columns_line_up_by_display_width():
    assert lines(sample(), 80) == [
        "编号       事项                              天数",
        "─" * 49,
        "2019H2-01  全力做好创建国家卫生城市复审工作    66",
        "2019H2-02  推进 family doctor 签约              3",
    ]


def test_wrapping_columns_give_way_first_and_wrap_by_the_rules():
    # 13 cells are left for 事项: it takes 12, an even width, as a column of Chinese wraps every two cells
    assert lines(sample(), 30) == [
        "编号       事项          天数",
        "─" * 29,
        "2019H2-01  全力做好创建    66",
        "           国家卫生城市",
        "           复审工作",
        "2019H2-02  推进 family      3",
        "           doctor 签约",
    ]


def test_other_columns_are_shortened_only_when_wrapping_is_not_enough():
    table = Table([Column("单位", max_width=20, min_width=4), Column("事项", wrap=True, min_width=6)])
    table.add_row("区卫生健康局疾病预防控制中心", "全力做好复审")
    assert lines(table, 16) == ["单位      事项", "─" * 16, "区卫生…   全力做", "          好复审"]


def test_layout_floors():
    columns = [Column("a", wrap=True, floor=10, min_width=4), Column("b", wrap=True, floor=6, min_width=4)]
    assert layout(columns, [[30], [20]], 40) == [20, 20]        # the widest gives way first
    assert layout(columns, [[30], [20]], 16) == [10, 6]         # down to the floors
    assert layout(columns, [[30], [20]], 9) == [5, 4]           # then down to the minimum widths


def test_sections_titles_and_no_trailing_spaces():
    table = Table([Column("a"), Column("b")], title="逾期任务（2）")
    table.add_row("x", "", end_section=True)
    table.add_row("y", "z")
    assert lines(table, 40) == ["逾期任务（2）", "a  b", "────", "x", "", "y  z"]


def test_styles_and_spans_reach_a_styled_terminal_only():
    table = Table([Column("a"), Column("b")], show_header=False)
    bar = Styled("").append("██", "green").append("▓", "red")
    table.add_row(("x", "bold"), bar)
    assert lines(table, 40, styled=True) == ["\x1b[1mx\x1b[0m  \x1b[32m██\x1b[0m\x1b[31m▓\x1b[0m"]
    assert lines(table, 40) == ["x  ██▓"]


def test_spans_follow_wrapped_lines():
    cell = Styled("推进复审工作，完成四小单位摸排")
    cell.stylize("bold", 7, 13)  # 完成四小单位
    table = Table([Column("e", wrap=True)], show_header=False)
    table.add_row(cell)
    out = lines(table, 12, styled=True)
    # "作，" goes down together: a line may not start with "，"
    assert out == ["推进复审工", "作，\x1b[1m完成四小\x1b[0m", "\x1b[1m单位\x1b[0m摸排"]


def test_control_characters_never_reach_the_terminal():
    table = Table([Column("a")], show_header=False)
    table.add_row("bell\x07 and escape\x1b[31m")
    assert "\x07" not in lines(table, 40)[0] and "\x1b" not in lines(table, 40)[0]


def test_a_pipe_gets_the_documented_width_and_no_styles(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = terminal_for(io.StringIO())
    assert (piped.width, piped.styled, piped.is_tty) == (PIPE_WIDTH, False, False)
    assert terminal_for(io.StringIO(), {"COLUMNS": "132"}).width == 132


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_styles_and_colours_unless_told_otherwise():
    tty = terminal_for(FakeTerminal(), {"COLUMNS": "80", "TERM": "xterm-256color"})
    assert (tty.width, tty.styled, tty.colour) == (80, True, True)
    assert tty.paint("x", "bold red") == "\x1b[1;31mx\x1b[0m"
    no_colour = terminal_for(FakeTerminal(), {"COLUMNS": "80", "TERM": "xterm", "NO_COLOR": "1"})
    assert no_colour.paint("x", "bold red") == "\x1b[1mx\x1b[0m"
    dumb = terminal_for(FakeTerminal(), {"COLUMNS": "80", "TERM": "dumb"})
    assert dumb.paint("x", "bold red") == "x"


def test_every_line_fits_the_terminal():
    table = sample()
    for cells in (30, 40, 60, 80, 100):
        assert all(width(line) <= cells for line in lines(table, cells))


def test_the_main_column_gives_way_after_the_others():
    columns = [Column("单位", wrap=True, floor=4, min_width=4), Column("事项", wrap=True, floor=10, main=True),
               Column("说明", wrap=True, floor=6, min_width=4)]
    # 12 + 32 + 20 cells are asked for, 50 are there: the owner and the note give way, the title keeps its line
    assert layout(columns, [[12], [32], [20]], 50) == [9, 32, 9]
    # then the title, down to its floor; then all of them, down to their minimum widths
    assert layout(columns, [[12], [32], [20]], 24) == [4, 14, 6]
    assert layout(columns, [[12], [32], [20]], 20) == [4, 10, 6]


def test_a_column_of_chinese_wraps_at_an_even_width_and_gives_the_cell_back():
    columns = [Column("事项", wrap=True, main=True), Column("单位")]
    assert layout(columns, [[32], [8]], 29, [True, False]) == [20, 8]    # 21 would leave a cell empty
    assert layout(columns, [[32], [8]], 29, [False, False]) == [21, 8]  # Latin text uses every cell
    table = Table(columns)
    table.add_row("全力做好创建国家卫生城市复审工作", "疾控中心")
    assert lines(table, 31)[2:] == ["全力做好创建国家卫生  疾控中心", "城市复审工作"]


def test_a_note_moves_beneath_its_row_when_the_title_needs_the_room():
    table = Table([Column("编号"), Column("事项", wrap=True, floor=10, main=True),
                   Column("最新进展", wrap=True, floor=16, beneath=True, label="最新进展：")])
    table.add_row("2019H2-01", "全力做好创建国家卫生城市复审工作", "09-01 督查组现场检查，整改问题23处")
    table.add_row("2019H2-02", "推进家庭医生签约服务", "")
    assert lines(table, 50) == [
        "编号       事项",
        "─" * 43,
        "2019H2-01  全力做好创建国家卫生城市复审工作",
        "           最新进展：09-01 督查组现场检查，整改问",
        "           题23处",
        "2019H2-02  推进家庭医生签约服务",
    ]
    assert lines(table, 100)[2] == "2019H2-01  全力做好创建国家卫生城市复审工作  09-01 督查组现场检查，整改问题23处"


def test_a_note_beneath_keeps_its_styles_and_its_label_is_dim():
    note = Styled("改造资金未到位", "red")
    note.stylize("bold", 2, 4)  # 资金
    table = Table([Column("事项", wrap=True, floor=30, main=True),
                   Column("进展", wrap=True, floor=30, beneath=True, label="进展：")], show_header=False)
    table.add_row("完成疾控中心实验室改造", note)
    assert lines(table, 40, styled=True) == [
        "完成疾控中心实验室改造",
        "\x1b[2m进展：\x1b[0m\x1b[31m改造\x1b[0m\x1b[31;1m资金\x1b[0m\x1b[31m未到位\x1b[0m"]


def test_headings_span_the_table_and_take_no_column():
    table = Table([Column("编号"), Column("事项")])
    table.add_heading(("区卫生健康局（1）", "bold"))
    table.add_row("2019H2-01", "全力做好复审", end_section=True)
    table.add_heading(("规划信息科（1）", "bold"))
    table.add_row("2019H2-03", "推进信息化建设")
    assert lines(table, 40) == ["编号       事项", "─" * 25, "区卫生健康局（1）", "2019H2-01  全力做好复审", "",
                                "规划信息科（1）", "2019H2-03  推进信息化建设"]


def test_a_column_of_names_is_kept_whole_while_the_title_can_give_way():
    """罗湖区人民政府 (14 cells) is more than the owner column's floor (12): the title gives way first."""
    columns = [Column("标题", wrap=True, floor=24, min_width=10, main=True),
               Column("责任单位", wrap=True, max_width=20, floor=12, min_width=6, whole=True)]
    assert layout(columns, [[60], [14, 8]], 40) == [26, 14]
    assert layout(columns, [[60], [14, 8]], 36) == [22, 14]  # below the title's floor: the names still whole
    assert layout(columns, [[60], [14, 8]], 18) == [10, 8]   # no room for that: the widest first, to the minimum
    table = Table(columns)
    table.add_row("推进深圳东部过境高速公路连接线及配套市政道路工程建设", "罗湖区人民政府")
    assert lines(table, 42)[2:4] == ["推进深圳东部过境高速公路连  罗湖区人民政府",
                                     "接线及配套市政道路工程建设"]


def test_a_latin_word_is_split_only_when_it_is_longer_than_the_column():
    columns = [Column("Title", wrap=True, floor=24, min_width=10, main=True),
               Column("Owner", wrap=True, floor=12, min_width=6)]
    texts = [["Keep the project's documentation current"], ["the maintainers"]]
    # without the words, the owner would go down to its minimum (6: "mainta/iners") before the title did
    assert layout(columns, [[41], [15]], 24, texts=texts) == [13, 11]
    table = Table(columns)
    table.add_row(*[column[0] for column in texts])
    assert lines(table, 26)[2:] == ["Keep the       the", "project's      maintainers", "documentation", "current"]
    assert lines(table, 18)[2:4] == ["Keep the    the", "project's   mainta"]  # no room: split, as it must be


def test_the_longest_word_of_a_column():
    from duban.views.cells import longest_word

    assert longest_word(["Keep the maintainers happy", "新增签约1200人，完成", "见 gwr-2019.txt"]) == 12
    assert longest_word(["全力做好创建国家卫生城市复审工作"]) == 0 and longest_word([]) == 0


def test_a_capped_column_takes_the_room_the_table_leaves_when_that_unwraps_it():
    """max_width keeps a column from crowding the others, not from room nobody uses (show's 记录人, a target)."""
    def table() -> Table:
        table = Table([Column("日期"), Column("说明", wrap=True, max_width=40),
                       Column("记录人", wrap=True, max_width=12, min_width=4)])
        table.add_row("2019-11-20", "完成时限 2019-12-31 → 2020-06-30", "Seed 737abdc6 maintainers")
        return table

    assert lines(table(), 100) == [
        "日期        说明                              记录人",
        "─" * 71,
        "2019-11-20  完成时限 2019-12-31 → 2020-06-30  Seed 737abdc6 maintainers",
    ]
    # 60 cells: the whole name would not fit, so the column keeps its cap and wraps as before
    assert lines(table(), 60) == [
        "日期        说明                              记录人",
        "─" * 58,
        "2019-11-20  完成时限 2019-12-31 → 2020-06-30  Seed",
        "                                              737abdc6",
        "                                              maintainers",
    ]
    assert layout([Column("a", wrap=True, max_width=10)], [[14]], 20) == [14]
    assert layout([Column("a", wrap=True, max_width=10)], [[14]], 13) == [10]
    assert layout([Column("a", max_width=10)], [[14]], 20) == [10]   # a column that does not wrap is shortened
