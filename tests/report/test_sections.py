"""Finding the review, problems and plan parts of real and small reports."""

from pathlib import Path

import pytest

from duban.report.formats import read_report
from duban.report.sections import Section, classify_heading, find_sections, has_plan, read_report_text, sections_of
from sample_reports import SEEDS, report_path



def kinds(name):
    path = report_path(name)
    return [(s.kind, s.start_line, s.end_line) for s in find_sections(read_report(path).text)]


def test_half_year_report_has_review_problems_and_plan():
    assert kinds("000") == [("other", 1, 1), ("review", 2, 18), ("problems", 19, 21), ("plan", 22, 33)]


def test_speech_plan_without_a_plan_heading_follows_the_review():
    assert kinds("001") == [("other", 1, 3), ("review", 4, 27), ("problems", 28, 28), ("review", 29, 29),
                            ("plan", 30, 34)]


@pytest.mark.parametrize("name, expected", [
    ("002", [("other", 1, 1), ("review", 2, 10)]),
    ("003", [("other", 1, 1), ("review", 2, 11), ("problems", 12, 15)]),
    ("004", [("other", 1, 1), ("review", 2, 2), ("review", 3, 3), ("review", 4, 4), ("review", 5, 11)]),
])
def test_summaries_have_no_plan(name, expected):
    assert kinds(name) == expected


# The plan is the year's 总体部署 (its requirements and 主要预期目标) with the 重点工作 chapter after it, or the run
# of plan chapters (2015, the government's own building numbered among them); the five-year outlook (2016) and the
# closing words after "各位代表！" are other parts.
@pytest.mark.parametrize("year, review, plan", [
    (2013, [(3, 30)], [(32, 48), (49, 77)]),
    (2014, [(3, 34)], [(36, 45), (46, 99)]),
    (2015, [(3, 30)], [(32, 45), (46, 62), (63, 81), (82, 92), (93, 98)]),
    (2016, [(3, 24), (26, 34)], [(50, 121)]),
    (2017, [(5, 40)], [(42, 55), (56, 127)]),
    (2018, [(3, 34)], [(36, 47), (48, 96)]),
    (2019, [(3, 25)], [(27, 37), (38, 95)]),
])
def test_government_work_reports(year, review, plan):
    found = kinds(f"gwr-{year}")
    assert [(a, b) for kind, a, b in found if kind == "review"] == review
    assert [(a, b) for kind, a, b in found if kind == "plan"] == plan
    assert found[-1][0] == "other"  # the closing words after "各位代表！" are not plan


def test_sections_cover_every_line_in_order():
    for path in SEEDS.glob("*.txt"):
        text = read_report(path).text
        sections = find_sections(text)
        assert sections[0].start_line == 1
        assert sections[-1].end_line == len(text.splitlines())
        for before, after in zip(sections, sections[1:]):
            assert after.start_line == before.end_line + 1


@pytest.mark.parametrize("heading, kind", [
    ("三、xxxx年下半年工作打算", "plan"),
    ("三、对2018年政府工作的建议", "plan"),
    ("三、2019年政府工作任务", "plan"),
    ("三、2016年重点工作", "plan"),
    ("二、2020年工作安排", "plan"),
    ("下一步工作计划", "plan"),
    ("二、存在的主要问题", "problems"),
    ("二、存在的主要困难和问题", "problems"),
    ("三、存在问题及下一步工作打算", "plan"),
    ("一、2013年工作回顾", "review"),
    ("二、2014年工作总体部署", "plan"),  # the plan's requirements and targets
    ("一、各项重点工作稳步推进", None),
    ("(八)计划生育转型发展持续推动", None),
])
def test_classify_heading(heading, kind):
    assert classify_heading(heading) == kind


def test_unnumbered_plan_heading_and_plan_inside_a_review():
    text = ("2019年上半年工作总结\n一、上半年工作情况\n(一)主要工作。\n完成了急救点建设。\n(二)存在的问题。\n人员不足。\n"
            "(三)下半年工作打算。\n1.推进医联体建设。\n下一步工作计划\n1.做好复审工作。\n")
    assert [(s.kind, s.heading, s.start_line, s.end_line) for s in find_sections(text)] == [
        ("other", "", 1, 1), ("review", "一、上半年工作情况", 2, 4), ("problems", "(二)存在的问题。", 5, 6),
        ("plan", "(三)下半年工作打算。", 7, 8), ("plan", "下一步工作计划", 9, 10)]


def test_plan_document_without_part_headings():
    text = "区卫生健康局2020年工作计划\n一、加强疫情防控。\n二、推进医联体建设。\n"
    assert sections_of(text, "plan") == [Section("plan", "一、加强疫情防控。", 2, 2),
                                         Section("plan", "二、推进医联体建设。", 3, 3)]
    assert has_plan(text)


def test_section_lines_and_empty_text():
    text = "标题\n一、工作回顾\n完成了建设。\n"
    review = sections_of(text, "review")[0]
    assert review.lines(text) == [(2, "一、工作回顾"), (3, "完成了建设。")]
    assert find_sections("") == []
    assert not has_plan(text)


def test_spun_headings_match_through_the_workspace_synonyms():
    text = "区卫生局工作总结\n一、上半年工作回忆\n完成了建设。\n二、下半年工作筹划\n1.推进医联体建设。\n"
    assert [s.kind for s in find_sections(text)][1] == "review"
    assert [s.kind for s in find_sections(text, {"筹划": "打算"})] == ["other", "review", "plan"]
    assert classify_heading("三、下半年工作方案") == "plan"


def test_problems_listed_after_the_turn_to_them_are_problems():
    numbered = ("区政府工作报告\n一、2019年工作回顾\n完成了项目建设。\n我们也清醒地认识到，发展还面临不少问题和挑战。\n"
                "一是产业空间不足。\n二是交通欠账较多。\n二、2020年工作安排\n（一）推进产业升级。\n（二）完善交通。\n")
    assert [(s.kind, s.start_line, s.end_line) for s in find_sections(numbered)] == [
        ("other", 1, 1), ("review", 2, 3), ("problems", 4, 6), ("plan", 7, 9)]
    after_colon = numbered.replace("问题和挑战。\n一是", "问题和挑战：\n").replace("二是交通", "交通")
    assert [(s.kind, s.start_line, s.end_line) for s in find_sections(after_colon)] == [
        ("other", 1, 1), ("review", 2, 3), ("problems", 4, 6), ("plan", 7, 9)]


def test_no_return_to_the_review_after_the_plan_and_no_plan_before_it():
    # a chapter after the outlook that names no part is more of the plan even with a few figures of the past;
    # a numbered line before the review a heading names is a preamble (here a web page's debris); an explanation
    # of the targets after the closing words is an annex
    text = ("区政府工作报告\n一、......2021年1月在区人民代表大会上\n各位代表：\n二、过去五年工作回顾\n完成了投资100亿元。\n"
            "三、未来五年发展目标\n（一）建设先进城区。\n（二）打造民生幸福城。\n四、全力打造一流营商环境\n"
            "（一）打造一流的生产环境。要加快推进片区统筹，新增产业用地5平方公里，力争实现30%的增长。\n"
            "（二）打造一流的政府服务环境。将推行一网通办。\n2021年主要指标测算说明\n一、地区生产总值\n预计增长6%。\n")
    assert [(s.kind, s.role, s.start_line) for s in find_sections(text)] == [
        ("other", "title", 1), ("other", "", 2), ("review", "", 4), ("other", "outlook", 6), ("plan", "", 9),
        ("other", "annex", 12)]


def test_chapters_of_the_review_are_its_first_listing_level():
    text = ("区政府工作报告\n一、2019年工作回顾\n（一）经济发展。\n完成投资100亿元。\n（二）民生改善。\n新建学校3所。\n"
            "二、2020年工作安排\n（一）推进产业升级。\n（二）完善交通。\n")
    reading = read_report_text(text)
    assert reading.chapters("review") == {3: 1, 4: 1, 5: 2, 6: 2}
    assert reading.chapters("plan") == {8: 1, 9: 2}


def test_a_plan_whose_heading_was_lost_is_found_where_its_run_of_tasks_restarts():
    # 马鞍山 2024 as the web copy has it: no "二、2024年工作安排" line; the lead paragraphs and a new run (一)…
    text = ("政府工作报告\n一、2023年工作回顾\n过去一年，全市经济持续回升向好。\n(一)坚持稳中求进，经济运行更牢固。完成投资100亿元。\n"
            "(二)坚持民生为本，群众获得感更充实。民生支出270亿元。\n2024年是“十四五”规划的关键一年。\n"
            "综合考虑，今年全市经济社会发展主要预期目标是：GDP增长7%左右。\n重点做好10个方面工作：\n"
            "(一)坚定不移抓好生态文明建设\n扎实推进绿色低碳转型。\n(二)坚定不移扩大有效需求\n大力推进个转企。\n"
            "三、加强政府自身建设\n坚持依法行政。\n")
    reading = read_report_text(text)
    assert [(s.kind, s.start_line, s.end_line) for s in reading.sections] == [
        ("other", 1, 1), ("review", 2, 5), ("plan", 6, 8), ("plan", 9, 10), ("plan", 11, 12), ("other", 13, 14)]


def test_a_long_heading_that_does_the_year_s_work_in_a_later_clause_is_that_year_s_plan():
    text = ("现在，我代表区人民政府向大会作政府工作报告。\n一、“十三五”和2020年工作回顾\n全区生产总值增长5%，完成了年度目标任务。\n"
            "二、“十四五”目标任务\n到2025年，地区生产总值达到6000亿元。\n"
            "三、永葆“闯”的精神、“创”的劲头、“干”的作风，全力做好2021年各项工作\n"
            "（一）毫不松懈抓好常态化疫情防控。落实各项措施。\n（二）加快构建现代化产业体系。推动工业上楼。\n")
    reading = read_report_text(text)
    assert reading.plan_year == 2021
    assert [(b.kind, b.role) for b in reading.plan_blocks()] == [("plan", "")]


def test_a_year_written_in_chinese_digits_is_that_year_not_an_outlook_of_five_years():
    text = ("县政府工作报告\n一、2024年工作回顾\n全县生产总值增长6%，完成了年度目标任务。\n二〇二五年主要目标任务\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
            "(一)探索“科创平台”新赛道。推动科技创新。\n(二)布局“未来能源”新赛道。发展新能源。\n")
    reading = read_report_text(text)
    assert reading.plan_year == 2025
    assert "outlook" not in {block.role for block in reading.blocks}
