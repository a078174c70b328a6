"""Verdicts from the evidence and the parts of a summary that count as evidence (writing a check: test_apply.py)."""

import os
import tempfile
from types import SimpleNamespace

os.environ.setdefault("DUBAN_CACHE", os.path.join(tempfile.gettempdir(), "duban-test-cache"))

from duban.check.verdicts import (FAINT_THRESHOLD, FOUND_THRESHOLD, Evidence, check_plan, check_summary,  # noqa: E402
                                  summary_sentences)
from duban.ledger.store import Workspace, init_workspace  # noqa: E402
from duban.plan.importer import prepare_import, write_import  # noqa: E402
from sample_reports import local  # noqa: E402
from duban.check.matching import Segmenter  # noqa: E402
from duban.ledger.model import Target, Task  # noqa: E402

SEGMENTER = Segmenter(["四小单位"])

SUMMARY = """区卫生健康局2019年工作总结
一、2019年工作回顾
1.顺利通过国家卫生城市复审，四小单位持证率达到98%。
2.区人口健康信息平台正在建设，已完成招标。
3.中医药服务：建成精品国医馆2家。
二、存在的问题
家庭医生签约服务进展缓慢，签约率尚未达到目标。
三、2020年工作打算
1.全力推进党建和宣传工作，开展主题教育活动。
"""


def sections():
    return [SimpleNamespace(kind="other", start_line=1, end_line=1),
            SimpleNamespace(kind="review", start_line=2, end_line=5),
            SimpleNamespace(kind="problems", start_line=6, end_line=7),
            SimpleNamespace(kind="plan", start_line=8, end_line=9)]


def test_summary_sentences_keep_review_and_problems_only():
    found = summary_sentences(SUMMARY, sections())
    assert {s.part for s in found} == {"review", "problems"}
    assert [s.line for s in found if s.part == "problems"] == [6, 7]
    assert all(s.line < 8 for s in found)  # the next plan is never evidence


def test_words_of_thanks_and_attribution_are_never_evidence():
    text = ("今年以来，顺利通过国家卫生城市复审。\n这是党中央坚强领导的结果，是全市人民团结一心、奋力拼搏的结果。\n"
            "在此，我代表市人民政府，向全市人民表示衷心的感谢！\n")
    assert [s.line for s in summary_sentences(text, [])] == [1]


def test_a_plain_summary_is_all_review_and_a_problem_paragraph_is_problems():
    text = "今年以来，顺利通过国家卫生城市复审。\n我们也清醒地看到，工作中还存在不少困难和问题，医联体建设滞后。\n"
    found = summary_sentences(text, [])
    assert [(s.line, s.part) for s in found] == [(1, "review"), (2, "problems")]


def tasks():
    return [
        Task("2019H2-01", "全力做好创建国家卫生城市复审工作", detail="提高四小单位持证率，确保圆满完成复审任务。"),
        Task("2019H2-02", "强力推进医疗服务信息化建设", detail="推进区人口健康信息平台建设。"),
        Task("2019H2-03", "推进家庭医生签约服务", detail="签约服务覆盖率达到30%以上。",
             targets=[Target("签约服务覆盖率", "at_least", 30, "%")]),
        Task("2019H2-04", "推进城市轨道交通规划建设", detail="开工地铁线路两条。"),
        Task("2019H2-05", "全力推进党建和宣传工作", detail="开展主题教育活动。"),
    ]


def test_verdicts_from_the_words_near_the_evidence():
    result = check_plan("2019H2", "2019年工作总结.txt", tasks(), summary_sentences(SUMMARY, sections()), SEGMENTER)
    verdicts = {item.task_id: item.verdict for item in result.items}
    assert verdicts == {"2019H2-01": "done", "2019H2-02": "in_progress", "2019H2-03": "at_risk",
                        "2019H2-04": "not_found", "2019H2-05": "not_found"}
    first = result.items[0]
    assert first.evidence[0] == Evidence("1.顺利通过国家卫生城市复审，四小单位持证率达到98%。", 3)
    assert first.score > 0.5
    risky = result.items[2]
    assert risky.risk == Evidence("家庭医生签约服务进展缓慢，签约率尚未达到目标。", 7)
    assert all(e.line < 6 for item in result.items for e in item.evidence)  # evidence only from the review
    assert result.items[3].evidence == [] and result.items[4].evidence == []  # the plan part's 党建 is not evidence
    assert [(t.task_id, t.verdict) for t in result.targets] == [("2019H2-03", "unknown")]


def test_a_missed_target_puts_its_item_at_risk():
    summary = "一、工作回顾\n家庭医生签约服务覆盖率达到25%，完成全年签约任务。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    result = check_plan("P", "s.txt", [tasks()[2]], found, SEGMENTER)
    assert result.targets[0].actual == 25 and result.targets[0].verdict == "not_met"
    assert result.items[0].verdict == "at_risk"
    assert result.items[0].risk == Evidence("签约服务覆盖率达到25%", 2)  # the figure that fell short


def test_one_missed_figure_among_met_ones_keeps_an_item_from_done():
    summary = "一、工作回顾\n家庭医生签约服务覆盖率达到25%，重点人群覆盖率达到65%，圆满完成签约任务。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    task = Task("P-01", "推进家庭医生签约服务", detail="签约服务覆盖率达到30%以上，重点人群覆盖率达到60%。",
                targets=[Target("签约服务覆盖率", "at_least", 30, "%"), Target("重点人群覆盖率", "at_least", 60, "%")])
    result = check_plan("P", "s.txt", [task], found, SEGMENTER)
    assert [t.verdict for t in result.targets] == ["not_met", "met"]
    assert result.items[0].verdict == "in_progress"


def test_more_figures_missed_than_met_put_an_item_at_risk_with_the_figure_as_why():
    summary = "一、工作回顾\n家庭医生签约服务覆盖率达到25%，重点人群覆盖率达到55%。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    task = Task("P-01", "推进家庭医生签约服务", detail="签约服务覆盖率达到30%以上，重点人群覆盖率达到60%。",
                targets=[Target("签约服务覆盖率", "at_least", 30, "%"), Target("重点人群覆盖率", "at_least", 60, "%")])
    [item] = check_plan("P", "s.txt", [task], found, SEGMENTER).items
    assert (item.verdict, item.risk_from, item.risk.line) == ("at_risk", "target", 2)
    assert item.risk.text.startswith("签约服务覆盖率达到25%")


def test_work_reported_with_the_verbs_of_carried_out_work_is_done_and_work_under_way_is_in_progress():
    task = Task("P-01", "推进区人民医院迁建工程", detail="启动区人民医院迁建工程。")
    verdicts = []
    for said in ("区人民医院迁建工程开工建设，稳步推进。", "区人民医院迁建工程加快推进，启动主体施工。",
                 "区人民医院迁建工程正在建设，主体结构施工中。"):
        found = summary_sentences(f"一、工作回顾\n{said}\n", [SimpleNamespace(kind="review", start_line=1, end_line=2)])
        verdicts.append(check_plan("P", "s.txt", [task], found, SEGMENTER).items[0].verdict)
    assert verdicts == ["done", "done", "in_progress"]


def test_a_best_passage_that_says_the_work_is_not_finished_keeps_the_item_from_done():
    task = Task("P-02", "加快区人民医院新院区建设", detail="10月底前完成主体结构封顶。")
    said = "区人民医院新院区主体结构尚未完成封顶，目前完成主体工程的80%，预计明年3月底前封顶；区妇幼保健院改扩建项目完成主体工程。"
    found = summary_sentences(f"一、工作回顾\n{said}\n", [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    assert check_plan("P", "s.txt", [task], found, SEGMENTER).items[0].verdict == "in_progress"
    finished = said.replace("尚未完成封顶", "完成封顶")
    found = summary_sentences(f"一、工作回顾\n{finished}\n", [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    assert check_plan("P", "s.txt", [task], found, SEGMENTER).items[0].verdict == "done"


def test_a_standing_weakness_is_no_flag_and_a_mention_without_signals_is_done():
    summary = ("一、工作回顾\n推进家庭医生签约服务，组建签约团队。\n二、存在的问题\n家庭医生签约服务基础薄弱，人才队伍差距较大。\n")
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2),
                                        SimpleNamespace(kind="problems", start_line=3, end_line=4)])
    task = Task("P-01", "推进家庭医生签约服务", detail="组建签约团队。")
    result = check_plan("P", "s.txt", [task], found, SEGMENTER)
    assert (result.items[0].verdict, result.items[0].risk) == ("done", None)
    slower = found[:-1] + [found[-1].__class__("家庭医生签约服务进展缓慢。", 4, "problems", found[-1].paragraph)]
    assert check_plan("P", "s.txt", [task], slower, SEGMENTER).items[0].verdict == "at_risk"



from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CHARS = list("国家卫生城市复审通过完成推进正在尚未滞后医联体家庭医生签约服务。，；！\n一、（二）存在问题12%万人")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CHARS), max_size=300),
       st.lists(st.text(alphabet=st.sampled_from(_CHARS), min_size=1, max_size=30), min_size=1, max_size=4))
def test_check_plan_never_crashes_and_points_into_the_text(summary, titles):
    tasks = [Task(f"P-{n:02d}", title, detail=title * 2, targets=[Target("签约服务覆盖率", "at_least", 30, "%")])
             for n, title in enumerate(titles, 1)]
    result = check_plan("P", "s.txt", tasks, summary_sentences(summary, []), SEGMENTER)
    line_count = summary.count("\n") + 1
    for item in result.items:
        assert item.verdict in ("done", "in_progress", "at_risk", "not_found")
        assert 0 <= item.score <= 1
        assert len(item.evidence) <= 3
        for evidence in item.evidence:
            assert 1 <= evidence.line <= line_count and evidence.text
    assert all(t.verdict in ("met", "not_met", "unknown") for t in result.targets)


def test_a_target_in_spun_wording_is_found_in_the_real_words():
    summary = "一、工作回顾\n家庭医生签约服务覆盖率达到32%。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    task = Task("P-01", "推进家庭医生签约效劳", targets=[Target("签约效劳覆盖率", "at_least", 30, "%")])
    [target] = check_plan("P", "s.txt", [task], found, Segmenter(synonyms={"效劳": "服务"})).targets
    assert (target.target.metric, target.actual, target.verdict) == ("签约效劳覆盖率", 32, "met")
    assert target.actual_text == "签约服务覆盖率达到32%"


def test_a_bare_heading_comes_after_the_passages_that_say_what_was_done():
    summary = "一、工作回顾\n（九）扎实推进生态文明建设。\n新建生态公园12个。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=3)])
    task = Task("P-01", "扎实推进生态文明建设", detail="创建生态文明建设示范区，新建生态公园。")
    evidence = check_plan("P", "s.txt", [task], found, SEGMENTER).items[0].evidence
    assert [e.line for e in evidence] == [3, 2]


def test_the_passages_shown_take_at_most_two_sentences_of_one_paragraph():
    summary = ("一、工作回顾\n"
               "家庭医生签约服务扎实推进，组建签约团队120个。家庭医生签约服务覆盖重点人群8万人。家庭医生签约服务满意度达到95%。\n"
               "基层医疗机构开展家庭医生签约服务培训12场。\n")
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=3)])
    task = Task("P-01", "推进家庭医生签约服务", detail="组建签约团队，扩大签约覆盖，开展签约服务培训。")
    [item] = check_plan("P", "s.txt", [task], found, SEGMENTER).items
    assert len(item.evidence) == 3
    assert sorted(e.line for e in item.evidence) == [2, 2, 3]


def test_a_problems_paragraph_names_the_demand_items_shortfall_in_its_own_words():
    """有效需求不足 is said of the demand item (扩大内需), whose title it shares no word with; a culture item that
    meets people's 需求 is not flagged by it, nor is the demand item by a sentence without a shortfall."""
    summary = ("2024年工作总结\n一、2024年工作回顾\n社会消费品零售总额增长5%，新开工重大项目120个。\n"
               "文化惠民工程全面实施，建成文化馆3个。\n二、存在的问题\n外部环境变化带来的不利影响加深，有效需求不足，市场信心还需提振。\n"
               "三、2025年工作打算\n1.继续扩大内需。\n")
    tasks = [Task("2024-01", "深入实施扩大内需战略", detail="促进消费，扩大有效投资，社会消费品零售总额增长5%。"),
             Task("2024-02", "更好满足人民群众精神文化需求", detail="实施文化惠民工程，建成文化馆3个。")]
    result = check_plan("2024", "2024年工作总结.txt", tasks, summary_sentences(summary, sections()), SEGMENTER)
    demand, culture = result.items
    assert (demand.verdict, demand.risk) == ("at_risk", Evidence("外部环境变化带来的不利影响加深，有效需求不足，市场信心还需提振。", 6))
    assert culture.verdict == "done"
    calm = summary.replace("有效需求不足，市场信心还需提振", "消费需求更趋多元")
    assert check_plan("2024", "s.txt", tasks[:1], summary_sentences(calm, sections()), SEGMENTER).items[0].verdict == "done"
    for other_words in ("投资增长乏力，新的消费热点不多", "消费增速减慢，有效投资增长乏力", "民间投资增势疲弱"):
        said = summary.replace("有效需求不足，市场信心还需提振", other_words)
        found = summary_sentences(said, sections())
        assert check_plan("2024", "s.txt", tasks[:1], found, SEGMENTER).items[0].verdict == "at_risk", other_words


def test_the_sentence_that_gives_the_items_own_figure_leads_its_evidence():
    summary = ("2019年工作总结\n一、2019年工作回顾\n家庭医生签约服务扎实推进，组建签约服务团队56支，开展家庭医生培训。\n"
               "全区卫生健康事业稳步发展，签约服务覆盖率达到32%。\n二、存在的问题\n无。\n三、2020年工作打算\n1.继续推进。\n")
    task = Task("2019H2-03", "推进家庭医生签约服务", detail="组建签约服务团队，签约服务覆盖率达到30%以上。",
                targets=[Target("签约服务覆盖率", "at_least", 30, "%")])
    item = check_plan("2019H2", "s.txt", [task], summary_sentences(summary, sections()), SEGMENTER).items[0]
    assert item.evidence[0] == Evidence("全区卫生健康事业稳步发展，签约服务覆盖率达到32%。", 4)
    assert Evidence("家庭医生签约服务扎实推进，组建签约服务团队56支，开展家庭医生培训。", 3) in item.evidence


def test_an_item_whose_title_the_review_never_says_is_found_by_the_measures_it_names(tmp_path):
    """罗湖区-2021's 聚焦优质普惠均衡，提升人民群众幸福感获得感安全感 is reviewed by 罗湖区-2022 in the words of its
    measures (义务教育学校, 学位, 医院): its coverage is faint, but its best passage names them, so it is found."""
    root = tmp_path / "plans"
    init_workspace(root, "罗湖区人民政府")
    workspace = Workspace(root)
    prepared = prepare_import(workspace, local("shenzhen-districts/罗湖区-2021.txt"))
    write_import(workspace, prepared)
    result, _, _ = check_summary(workspace, prepared.plan.id, local("shenzhen-districts/罗湖区-2022.txt"))
    people = next(item for item in result.items if item.title.startswith("聚焦优质普惠均衡"))
    assert FAINT_THRESHOLD <= people.score <= FOUND_THRESHOLD  # 0.149, shown rounded: found by what it names
    assert people.verdict == "done"
    assert people.evidence and all(43 <= e.line <= 46 for e in people.evidence)  # （七）不断改善民生保障


def test_an_item_sharing_one_common_word_with_the_review_is_not_found():
    summary = ("2021年工作回顾\n一、2021年工作回顾\n区人口健康信息平台正在建设，已完成招标。\n"
               "二、存在的问题\n无。\n三、2022年工作打算\n1.继续推进。\n")
    metro = Task("2021-07", "推进城市轨道交通规划建设", detail="开工地铁线路两条。")
    absent = check_plan("2021", "s.txt", [metro], summary_sentences(summary, sections()), SEGMENTER).items[0]
    assert FAINT_THRESHOLD <= absent.score and (absent.verdict, absent.evidence) == ("not_found", [])


def test_a_five_years_goal_is_shown_with_its_figure_so_far_but_not_judged_before_its_year():
    summary = "一、工作回顾\n全区生产总值达到4422亿元，增长7%。\n"
    found = summary_sentences(summary, [SimpleNamespace(kind="review", start_line=1, end_line=2)])
    task = Task("P-01", "推动经济高质量发展", detail="地区生产总值达到6000亿元以上。",
                targets=[Target("地区生产总值", "at_least", 6000, "亿元", {"scope": "goals", "by": 2025})])
    first_year = check_plan("P", "s.txt", [task], found, SEGMENTER, last_year=2021)
    assert [(t.actual, t.verdict) for t in first_year.targets] == [(4422, "unknown")]
    last_year = check_plan("P", "s.txt", [task], found, SEGMENTER, last_year=2025)
    assert [(t.actual, t.verdict) for t in last_year.targets] == [(4422, "not_met")]
    early = Task("P-02", "推动经济高质量发展", targets=[Target("地区生产总值", "at_least", 4000, "亿元", {"by": 2025})])
    reached = check_plan("P", "s.txt", [early], found, SEGMENTER, last_year=2021)
    assert [(t.actual, t.verdict) for t in reached.targets] == [(4422, "met")]  # a goal reached early is met


def test_what_the_work_has_changed_is_not_work_under_way():
    from duban.check.verdicts import _signals

    assert _signals("乡村振兴战略加速推进，农村面貌正在发生显著变化。")[2] is False
    assert _signals("区人民医院新院正在建设，已完成招标。") == (False, False, True)
