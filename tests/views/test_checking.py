"""The words a check leaves in a task's progress log."""

from duban.check.verdicts import Evidence, ItemResult
from duban.views.checking import check_note
from duban.views.words import words

LONG = ("加快推进区六院二期、区第二中医院养老项目建设,将医养结合融入居家、社区、机构,9.78万名老年人签约家庭医生,"
        "建立老年人家庭病床515张,医疗服务对养老机构、社区养老服务机构实现全覆盖。")


def note(text: str, lang: str = "zh") -> str:
    return check_note(words(lang), ItemResult("2019H2-04", "全面推进社区卫生服务工作", "done", 0.55,
                                              [Evidence(text, 2)]), "004.txt")


def test_a_short_passage_is_quoted_whole():
    assert note("完成12家区属公立医院的法治巡查工作。") == (
        "核查《004.txt》：已完成（0.55），第2行：完成12家区属公立医院的法治巡查工作。")


def test_a_long_passage_ends_at_a_clause_and_never_inside_a_number():
    quoted = note(LONG).split("第2行：", 1)[1]
    assert quoted == "加快推进区六院二期、区第二中医院养老项目建设,将医养结合融入居家、社区、机构,9.78万名老年人签约家庭医生…"
    words_then_a_number = "老年友善医疗机构" * 7 + "建成" + "123456789人"  # 58 characters, then the number
    assert note(words_then_a_number).split("第2行：", 1)[1] == "老年友善医疗机构" * 7 + "建成…"


def test_no_evidence_no_quote():
    item = ItemResult("2019H2-04", "全面推进社区卫生服务工作", "not_found", 0.0, [])
    assert check_note(words("en"), item, "004.txt") == "check against 004.txt: not found (0.00)"


def test_a_figure_converted_to_the_target_s_unit_is_shown_as_a_report_writes_it():
    """The summary's 1258.7亿元 is compared with a target of 0.12万亿元 exactly, and shown as 1258.7亿元, not
    0.12587万亿元 (show and the weekly: tests/weekly/test_weekly_report.py)."""
    import io

    from duban.check.figures import TargetResult
    from duban.check.verdicts import CheckResult
    from duban.ledger.model import Target
    from duban.views.checking import render_check
    from duban.views.terminal import Terminal

    target = Target("地区生产总值", "at_least", 0.12, "万亿元")
    result = CheckResult("2019", "2019年工作总结.txt", [], [TargetResult("2019-01", target, 0.12587,
                                                                           "地区生产总值1258.7亿元", "met", 12)])
    out = Terminal(io.StringIO(), 100, False, False, False)
    render_check(out, words("zh"), result)
    printed = out.file.getvalue()
    assert "1258.7亿元" in printed and "0.12587" not in printed
