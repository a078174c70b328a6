"""Plan items of real reports: exact titles and categories, owners, deadlines, numeric targets, periods."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.text.dates import parse_period
from duban.plan.items import explicit_owners, extract_items, find_period, find_targets, rule_owner, split_title
from duban.ledger.model import Target
from duban.report.formats import clean_text, read_report
from sample_reports import report_path

H2 = parse_period("2019H2")


def report_text(name):
    return read_report(report_path(name)).text


def test_seed_000_has_exactly_its_nine_items_with_categories():
    items = extract_items(report_text("000"), H2, default_owner="区卫生健康局")
    assert [(i.category, i.title) for i in items] == [
        ("重点工作打算", "圆满完成市区综合考核工作"),
        ("重点工作打算", "全力推动区办实事、重点项目进展"),
        ("重点工作打算", "全力做好创建国家卫生城市复审工作"),
        ("重点工作打算", "全面推进社区卫生服务工作"),
        ("重点工作打算", "进一步提升中医药服务能力"),
        ("重点工作打算", "进一步提升公共卫生服务体系建设水平"),
        ("其他工作打算", "强力推进医疗服务信息化建设"),
        ("其他工作打算", "进一步深化计划生育管理服务"),
        ("其他工作打算", "进一步加强党建和宣传工作"),
    ]
    assert [i.line for i in items] == [24, 25, 26, 27, 28, 29, 31, 32, 33]
    third = items[2]
    assert third.detail.startswith("为辖区医疗机构发放创城宣传画和禁烟标识,")
    assert (third.due, third.due_basis) == (date(2019, 12, 31), "period end")
    assert (items[3].due, items[3].due_basis) == (date(2019, 12, 31), "年底")
    # "争取xx月底完成" is anonymised: the period end, never a made-up month
    assert (items[1].due, items[1].due_basis) == (date(2019, 12, 31), "period end")
    assert {i.owner for i in items} == {"区卫生健康局"}


def test_seed_000_owner_rules_match_through_spun_words():
    rules = {"中医": "中医科", "计划生育": "人口家庭科", "党建": "办公室", "信息化": "规划信息科"}
    items = extract_items(report_text("000"), H2, owner_rules=rules, default_owner="区卫生健康局")
    assert [i.owner for i in items] == ["区卫生健康局", "区卫生健康局", "区卫生健康局", "区卫生健康局", "中医科",
                                        "区卫生健康局", "规划信息科", "人口家庭科", "办公室"]
    assert rule_owner("进一步深化方案生育管理服务", "", rules, {"方案生育": "计划生育"}) == "人口家庭科"


def test_seed_001_speech_items_and_targets():
    items = extract_items(report_text("001"), parse_period("2017"), default_owner="区卫计局")
    assert [(i.category, i.title) for i in items] == [
        ("围绕“一个中心〞,推动综合医改向纵深开展", "抓住关键点,着力完善分级诊疗模式"),
        ("围绕“一个中心〞,推动综合医改向纵深开展", "抓住着力点,不断深化公立医院改革"),
    ]
    assert items[0].targets == [Target("签约效劳覆盖率", "at_least", 30, "%"), Target("重点人群覆盖率", "at_least", 60, "%"),
                                Target("县域内就诊率", "about", 90, "%")]


# The items of a government work report are its numbered tasks; its 主要预期目标 paragraph is no item (its targets
# go to the items, see test_goal_targets_of_2016), and the government's own building numbered as one more chapter
# of a run of plan chapters stays one (2015).
GWR_TITLES = {
    2013: ["加快转变经济发展方式，促进经济持续健康发展", "强化农业农村发展基础，推动城乡发展一体化",
           "以保障和改善民生为重点，全面提高人民物质文化生活水平", "以更大的政治勇气和智慧，深入推进改革开放"],
    2015: ["把改革开放扎实推向纵深", "协调推动经济稳定增长和结构优化", "持续推进民生改善和社会建设", "切实加强政府自身建设"],
    2018: ["深入推进供给侧结构性改革", "加快建设创新型国家", "深化基础性关键领域改革", "坚决打好三大攻坚战",
           "大力实施乡村振兴战略", "扎实推进区域协调发展战略", "积极扩大消费和促进有效投资", "推动形成全面开放新格局",
           "提高保障和改善民生水平"],
}


@pytest.mark.parametrize("year", sorted(GWR_TITLES))
def test_government_work_report_top_level_items(year):
    items = extract_items(report_text(f"gwr-{year}"), parse_period(str(year)), default_owner="国务院")
    assert [i.title for i in items] == GWR_TITLES[year]


def test_gwr_item_counts_and_categories():
    counts = {}
    for year in range(2014, 2020):
        items = extract_items(report_text(f"gwr-{year}"), parse_period(str(year)))
        counts[year] = len(items)
    assert counts == {2014: 9, 2015: 4, 2016: 8, 2017: 9, 2018: 9, 2019: 10}
    items = extract_items(report_text("gwr-2014"), parse_period("2014"))
    assert {item.category for item in items} == {"2014年重点工作"}


def test_goal_targets_of_2016_with_a_range_and_in_step():
    items = extract_items(report_text("gwr-2016"), parse_period("2016"))
    goals = [t for item in items for t in item.targets if t.extra.get("scope") == "goals"]
    assert sorted((t.metric, t.comparator, t.value, t.unit) for t in goals) == sorted([
        ("国内生产总值增长", "at_least", 6.5, "%"), ("居民消费价格涨幅", "about", 3, "%"),
        ("城镇新增就业", "at_least", 1000, "万人"), ("城镇登记失业率", "at_most", 4.5, "%"),
        ("居民收入", "in_step", 0, ""), ("单位国内生产总值能耗下降", "at_least", 3.4, "%")])
    # each goes to the item that names it, else to the first (the economy's)
    first = {t.metric for t in items[0].targets if t.extra.get("scope") == "goals"}
    assert "国内生产总值增长" in first


@pytest.mark.parametrize("text, expected", [
    ("城镇登记失业率低于4.6%", [Target("城镇登记失业率", "at_most", 4.6, "%")]),
    ("居民消费价格涨幅控制在3.5%左右", [Target("居民消费价格涨幅", "about", 3.5, "%")]),
    ("城镇登记失业率控制在4.6%以内", [Target("城镇登记失业率", "at_most", 4.6, "%")]),
    ("农村贫困人口减少1000万以上", [Target("农村贫困人口减少", "at_least", 1000, "万")]),
    ("覆盖率达到60%", [Target("覆盖率", "at_least", 60, "%")]),
    ("年底前老年人健康管理率不低于70%", [Target("老年人健康管理率", "at_least", 70, "%")]),
    ("完成了x处急救点建设,共计3家", []),
    ("国内生产总值67.7万亿元,增长6.9%", []),
    # the age of the people a task serves is not a figure to reach; an age to reach is
    ("11月15日前完成60岁以上老年人流感疫苗接种，接种人数不少于8000人", [Target("接种人数", "at_least", 8000, "人")]),
    ("0-6岁儿童健康管理率达到90%", [Target("0-6岁儿童健康管理率", "at_least", 90, "%")]),
    ("幼儿园开设2-3岁托班50个以上", [Target("幼儿园开设2-3岁托班", "at_least", 50, "个")]),
    ("人均预期寿命达到78岁", [Target("人均预期寿命", "at_least", 78, "岁")]),
    # where things already stand is not a target; what is left once the verb is cut must name a thing
    ("我国60岁以上人口已达2.5亿", []),
    ("覆盖率已达到60%，力争达到80%", [Target("覆盖率", "at_least", 80, "%")]),
    ("下调单位缴费比例，各地可降至16%", []),
    # a forecast of what the year brings is not a figure the government sets itself
    ("预计今年高校毕业生超过1170万人，要强化促进青年就业政策举措", []),
    # a verb alone names no metric: what it counts follows the figure, up to the next verb
    ("新推动5500家以上企业“小升规”", [Target("新推动企业“小升规”", "at_least", 5500, "家")]),
    ("遴选10家左右国有企业打造现代产业链龙头企业", [Target("遴选国有企业", "about", 10, "家")]),
    ("开展800个以上民生微实事", [Target("开展民生微实事", "at_least", 800, "个")]),
    # …and in a list of such figures each counts what follows it, done as the words before it say
    ("推动10个以上项目开工、2个以上项目投入使用", [Target("推动项目开工", "at_least", 10, "个"),
                                           Target("推动项目投入使用", "at_least", 2, "个")]),
    ("新建5所以上学校、改扩建3所以上幼儿园", [Target("新建学校", "at_least", 5, "所"),
                                       Target("改扩建幼儿园", "at_least", 3, "所")]),
    # 上市企业 is a noun: the verb of the list's first metric counts it too
    ("新增专精特新“小巨人”企业60家以上、上市企业10家以上", [Target("新增专精特新“小巨人”企业", "at_least", 60, "家"),
                                               Target("新增上市企业", "at_least", 10, "家")]),
    # a name in quotes keeps its closing quote where the figure follows it
    ("新增“秒批”“不见面审批”“一件事一次办”70项以上", [Target("新增“秒批”“不见面审批”“一件事一次办”", "at_least", 70, "项")]),
    # a figure before 级 is the class of what is counted, not a figure to reach
    ("力争引进10亿级项目10个以上、百亿级项目1个以上", [Target("引进10亿级项目", "at_least", 10, "个"),
                                              Target("引进百亿级项目", "at_least", 1, "个")]),
    # a figure whose bound is written before it, followed by what it sizes, is the size of what is counted
    ("全年引入营收超10亿元重点科技企业5家以上", [Target("引入营收超10亿元重点科技企业", "at_least", 5, "家")]),
    # a full-width per-cent sign is the per-cent sign
    ("地区生产总值增长5.5％以上", [Target("地区生产总值增长", "at_least", 5.5, "%")]),
    # a share of a base the clause compares with names no metric of its own (its subject came before)
    ("农村五保对象人均供养标准提高到5897元/年、确保不低于当地上年度农村居民人均纯收入的60%",
     [Target("农村五保对象人均供养标准", "at_least", 5897, "元/年")]),
    # a figure after another names its own metric when words stand between them
    ("新增病床2000张、养老床位1000张，新增幼儿园学位2万个、公办中小学学位5万个以上", [
        Target("新增幼儿园学位", "at_least", 2, "万个"), Target("新增公办中小学学位", "at_least", 5, "万个")]),
    ("三次产业分别增长3%、5%以上", [Target("三次产业分别增长", "at_least", 3, "%"), Target("三次产业分别增长", "at_least", 5, "%")]),
])
def test_find_targets_in_item_text(text, expected):
    assert find_targets(text) == expected


def test_a_later_metric_held_to_a_level_of_its_own_keeps_its_verb_and_its_ceiling():
    assert find_targets("新增城镇就业3.2万人、城镇登记失业率控制在4%以内", strict=False) == [
        Target("新增城镇就业", "at_least", 3.2, "万人"), Target("城镇登记失业率", "at_most", 4, "%")]
    assert find_targets("建成美丽乡村路125公里、示范路达1300公里以上") == [  # 达 is no level of its own: 以上 is shared
        Target("建成美丽乡村路", "at_least", 125, "公里"), Target("建成示范路", "at_least", 1300, "公里")]


def test_bare_figure_is_a_floor_only_in_a_goals_paragraph():
    assert find_targets("城镇新增就业900万人", strict=False) == [Target("城镇新增就业", "at_least", 900, "万人")]
    assert find_targets("城镇新增就业900万人") == []


@pytest.mark.parametrize("text, owner, co_owners", [
    ("推进医联体建设。牵头单位：医政科、医管中心；配合单位：疾控中心、妇幼保健院。", "医政科", ["医管中心", "疾控中心", "妇幼保健院"]),
    ("开展病媒生物监测,由区疾控中心负责。", "区疾控中心", []),
    ("由区卫生健康局牵头，疾控中心、各社区卫生服务中心配合，完成复审。", "区卫生健康局", ["疾控中心", "各社区卫生服务中心"]),
    ("开展病媒生物监测。", "", []),
    ("开展职业病防治，牵头单位为职业健康科，配合单位为区疾控中心，11月15日前完成。", "职业健康科", ["区疾控中心"]),
])
def test_explicit_owners(text, owner, co_owners):
    assert explicit_owners(text) == (owner, co_owners)


def test_explicit_owner_wins_and_annotation_leaves_the_title():
    text = "标题\n二、下半年工作打算\n1.推进医联体建设(牵头单位:医政科)。年底前完成两个医联体组建。\n2.开展中医药培训。\n"
    items = extract_items(text, H2, owner_rules={"中医": "中医科"}, default_owner="区卫生健康局")
    assert [(i.title, i.owner, i.due_basis) for i in items] == [("推进医联体建设", "医政科", "年底前"),
                                                               ("开展中医药培训", "中医科", "period end")]


@pytest.mark.parametrize("text, title, rest", [
    ("圆满完成市区综合考核工作。xxxx年区卫计局", "圆满完成市区综合考核工作", "xxxx年区卫计局"),
    ("加强疫情防控：严格落实预检分诊。", "加强疫情防控", "严格落实预检分诊。"),
    ("继续做好创建工作", "继续做好创建工作", ""),
])
def test_split_title(text, title, rest):
    assert split_title(text) == (title, rest)


@pytest.mark.parametrize("name, period", [("gwr-2014", "2014"), ("gwr-2015", "2015"), ("gwr-2017", "2017"),
                                          ("gwr-2018", "2018"), ("gwr-2019", "2019"), ("000", None),
                                          ("gwr-2013", "2013")])  # 2013年是…开局之年 in its plan part
def test_period_from_the_reports_own_words(name, period):
    found = find_period(report_text(name))
    assert (found.id if found else None) == period


def test_a_plan_written_as_one_paragraph_of_points_has_those_points_as_items():
    text = ("区卫生健康局2024年上半年工作总结\n一、上半年工作开展情况\n完成了体检2.1万人。\n二、下半年工作打算\n"
            "下半年，我局将重点抓好以下工作：一是推进新院区建设，确保年底前投入使用；二是做实家庭医生签约服务，"
            "重点人群签约率达到75%以上；三是深化医保支付方式改革。\n区卫生健康局\n2024年7月5日\n")
    text = clean_text(text)  # as import reads it: the lead sentence parted from its points, unit and date joined
    items = extract_items(text, find_period(text))
    assert [(i.title, i.due.isoformat(), [t.value for t in i.targets]) for i in items] == [
        ("推进新院区建设，确保年底前投入使用", "2024-12-31", []),
        ("做实家庭医生签约服务，重点人群签约率达到75%以上", "2024-12-31", [75]),
        ("深化医保支付方式改革", "2024-12-31", [])]  # the signature's date is no deadline
    assert len({i.line for i in items}) == 1
    # points out of order are not a list of items
    shuffled = text.replace("二是做实", "三是做实").replace("三是深化", "二是深化")
    assert len(extract_items(shuffled, find_period(shuffled))) == 1


def test_signature_is_not_part_of_the_last_item():
    text = "区卫生健康局上半年工作总结\n一、工作回顾\n完成了建设。\n二、下半年工作打算\n1.推进建设。\n区卫生健康局\n2019年7月10日\n"
    items = extract_items(text, find_period(text))
    assert [(i.title, i.detail) for i in items] == [("推进建设", "")]


@pytest.mark.parametrize("text, period", [
    ("区卫生健康局2019年上半年工作总结\n一、上半年工作回顾\n完成了建设。\n二、下半年工作打算\n1.推进建设。\n", "2019H2"),
    ("区卫生健康局2019年工作总结\n一、工作回顾\n完成了建设。\n二、明年工作打算\n1.推进建设。\n", "2020"),
    ("区卫生健康局2019年工作总结\n一、工作回顾\n完成了建设。\n二、2020年工作计划\n1.推进建设。\n", "2020"),
    ("区卫生健康局工作总结\n一、工作回顾\n完成了建设。\n二、下一步工作打算\n1.推进建设。\n", None),
    # no year in the title or the headings: the plan part's 'YYYY年是…' names it, not a year its review names
    ("区卫生健康局工作报告\n一、工作回顾\n2019年是建设之年，完成了建设。\n二、下一步工作打算\n2020年是收官之年。\n"
     "1.推进建设。\n2.加强管理。\n", "2020"),
    ("区卫生健康局上半年工作总结\n一、工作回顾\n完成了建设。\n二、下半年工作打算\n1.推进建设。\n区卫生健康局\n2019年7月10日\n",
     "2019H2"),
])
def test_period_from_title_and_plan_heading(text, period):
    found = find_period(text)
    assert (found.id if found else None) == period


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.2。，是年计划打算下半年问题回顾 \n工作xX①第：%以上左右增长率9牵头单位由负责")),
               max_size=400))
def test_extraction_never_fails_on_report_like_text(text):
    clean = clean_text(text)
    for item in extract_items(clean, H2):
        assert item.title
        assert item.due is not None
    find_period(clean)


STYLES = {
    "numbered with annotations": (
        "XX区卫生健康局2020年上半年工作总结和下半年工作计划\n一、上半年工作开展情况\n（一）疫情防控扎实有效。累计排查1200人。\n"
        "二、存在的问题\n一是基层人才不足。二是信息化水平不高。\n三、下半年工作计划\n"
        "1.持续做好常态化疫情防控（牵头单位：疾控科；配合单位：医政科、疾控中心）。9月底前完成全员培训。\n"
        "2.推进紧密型医联体建设。年内组建3个医联体，家庭医生签约服务覆盖率达到45%以上。\n"
        "3.加强中医药服务能力建设。由中医科牵头负责，建设5个国医馆。\n",
        "2020H2",
        [("持续做好常态化疫情防控", "疾控科", ["医政科", "疾控中心"], "9月底前", []),
         ("推进紧密型医联体建设", "局办", [], "年内", [Target("家庭医生签约服务覆盖率", "at_least", 45, "%")]),
         ("加强中医药服务能力建设", "中医科", [], "period end", [])]),
    "circled numbers": (
        "区卫健局2021年工作总结\n一、2021年工作回顾\n完成了各项任务。\n二、2022年工作打算\n①加强疫情防控。做好常态化防控。\n"
        "②推进健康城市建设。确保群众满意度不低于90%。\n③抓好安全生产。\n",
        "2022",
        [("加强疫情防控", "局办", [], "period end", []),
         ("推进健康城市建设", "局办", [], "period end", [Target("群众满意度", "at_least", 90, "%")]),
         ("抓好安全生产", "局办", [], "period end", [])]),
    "第一， in one paragraph": (
        "县卫生健康局2019年工作总结\n一、主要工作成效\n完成了建设。\n二、下一步工作打算\n下一步，我们将重点做好以下工作：第一，加强疫情防控，"
        "落实各项措施。第二，推进医共体建设，提高基层服务能力。第三，做好健康扶贫工作，明年一季度完成核查。\n",
        "2020",
        [("加强疫情防控，落实各项措施", "局办", [], "period end", []),
         ("推进医共体建设，提高基层服务能力", "局办", [], "period end", []),
         ("做好健康扶贫工作，明年一季度完成核查", "局办", [], "明年一季度", [])]),
    "paragraphs under an unnumbered heading": (
        "2019年上半年工作总结\n一、工作回顾\n完成了建设。\n下半年工作打算\n加强疫情防控。严格落实预检分诊制度。\n"
        "推进医联体建设。年底前组建两个医联体。\n抓好安全生产。开展隐患排查。\n",
        "2019H2",
        [("加强疫情防控", "局办", [], "period end", []), ("推进医联体建设", "局办", [], "年底前", []),
         ("抓好安全生产", "局办", [], "period end", [])]),
}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_other_report_styles(style):
    raw, period, expected = STYLES[style]
    text = clean_text(raw)
    found = find_period(text)
    assert found is not None and found.id == period
    items = extract_items(text, found, owner_rules={"中医": "中医科"}, default_owner="局办")
    assert [(i.title, i.owner, i.co_owners, i.due_basis, i.targets) for i in items] == expected


def test_rule_owner_takes_the_keyword_named_first():
    from duban.plan.items import rule_owner

    rules = {"妇幼": "妇幼健康科", "传染病": "疾控中心"}
    detail = "加强重点传染病、慢性病的防控力度。巩固全省妇幼健康优质服务示范区创建成果。"
    assert rule_owner("进一步提升公共卫生服务体系建设水平", detail, rules, {}) == "疾控中心"
    assert rule_owner("强化妇幼健康服务", detail, rules, {}) == "妇幼健康科"  # the title decides first


def test_a_summary_s_period_is_read_from_its_title_not_from_the_paragraph_under_it():
    # a page cut from a web site: the long paragraph under the title names a 幸福老人计划, which says nothing of
    # what the document is: a summary of 2022, whose plan would be for 2023
    text = ("XX区2022年度卫生健康工作总结\n(六)老年健康服务体系不断完善。开展\"幸福老人计划\"项目，" + "组织老年人参加免费体检。" * 5
            + "\n")
    assert find_period(text).id == "2023"


def test_a_new_term_s_five_year_plan_gives_its_goals_when_it_is_the_only_plan():
    text = ("区政府工作报告\n一、过去五年工作回顾\n地区生产总值增长到800亿元。\n二、未来五年发展目标和主要任务\n"
            "到“十四五”末，全区经济社会发展的主要预期目标是：地区生产总值达到1250亿元以上，规上工业增加值超过660亿元。\n"
            "（一）建设现代产业体系。推进产业升级。\n（二）提升城市品质。完善交通。\n")
    items = extract_items(text, parse_period("2021"))
    goals = [(t.metric, t.value, t.unit) for item in items for t in item.targets if t.extra.get("scope") == "goals"]
    assert goals == [("地区生产总值", 1250, "亿元"), ("规上工业增加值", 660, "亿元")]


def test_a_goal_of_the_whole_economy_goes_to_the_economy_s_item_not_to_one_that_mentions_it():
    text = ("区政府工作报告\n一、2021年工作回顾\n完成投资100亿元。\n二、2022年工作安排\n"
            "2022年经济社会发展的主要预期目标是：地区生产总值增长6%，粮食产量稳定在10万吨以上。\n"
            "（一）坚持产业引领，提升发展动力。推进产业升级。\n（二）系统提升城区品质。城区建设投资占地区生产总值比重提高。\n"
            "（三）推进乡村振兴。稳定粮食产量，建设高标准农田。\n")
    items = extract_items(text, parse_period("2022"))
    goals = {t.metric: item.title for item in items for t in item.targets if t.extra.get("scope") == "goals"}
    assert goals == {"地区生产总值增长": "坚持产业引领，提升发展动力", "粮食产量": "推进乡村振兴"}


def test_a_marker_spaced_from_its_heading_is_one_item_and_goals_set_as_定为_are_read():
    # 深圳市 2002: "（一） 以经济结构调整促发展" (a space after the marker) and "主要预期目标定为：…"
    text = ("市政府工作报告\n一、2001年工作回顾\n全市生产总值增长14%。\n二、2002年的主要工作\n"
            "因此向本次大会建议今年我市经济发展的主要预期目标定为：国内生产总值2150亿元，增长12%；出口总额391亿美元，增长4.5%。\n"
            "重点抓好以下十个方面的工作：\n（一） 以经济结构调整促发展，提高整体经济素质。结构调整是主线。\n"
            "（二） 拓展国际国内市场，扩大深圳产品的市场空间。积极开拓多元化出口市场。\n")
    items = extract_items(text, parse_period("2002"))
    assert [item.title for item in items] == ["以经济结构调整促发展，提高整体经济素质", "拓展国际国内市场，扩大深圳产品的市场空间"]
    assert [(t.metric, t.value, t.unit) for t in items[0].targets] == [
        ("国内生产总值", 2150, "亿元"), ("国内生产总值增长", 12, "%"), ("出口总额", 391, "亿美元"), ("出口总额增长", 4.5, "%")]


@pytest.mark.parametrize("text, expected", [
    ("全员劳动生产率17万元/人左右", [("全员劳动生产率", "about", 17, "万元/人")]),
    ("规模以上工业总产值（1990年价）4940亿元，增长17%", [("规模以上工业总产值（1990年价）", "at_least", 4940, "亿元"),
                                                  ("规模以上工业总产值增长", "at_least", 17, "%")]),
])
def test_units_per_head_and_a_growth_after_an_aside(text, expected):
    assert [(t.metric, t.comparator, t.value, t.unit) for t in find_targets(text, strict=False)] == expected


def test_goals_set_as_预期经济指标_are_read():
    text = ("市政府工作报告\n一、2002年工作回顾\n全市生产总值增长15%。\n二、2003年的主要工作\n"
            "建议我市今年的主要预期经济指标定为：国内生产总值2520亿元，增长12%；城镇登记失业率控制在3%以内。\n"
            "（一）加快推进经济结构的战略性调整。培育高新技术产业。\n（二）扩大对外开放。积极开拓市场。\n")
    goals = [(t.metric, t.value) for item in extract_items(text, parse_period("2003")) for t in item.targets]
    assert goals == [("国内生产总值", 2520), ("国内生产总值增长", 12), ("城镇登记失业率", 3)]


def test_an_undated_new_term_report_plans_from_the_five_year_plan_it_names():
    text = ("各位代表：\n现在，我代表区人民政府向大会作工作报告。\n一、过去五年工作回顾\n五年来，地区生产总值年均增长8%。\n"
            "二、未来五年发展目标和重点任务\n“十四五”时期，全区经济社会发展的主要目标是：地区生产总值年均增长6%。\n"
            "（一）建设现代产业体系。推进产业升级。\n（二）提升城市品质。完善交通。\n")
    assert find_period(text).id == "2021"
    assert find_period(text.replace("十四五", "xx")) is None  # it says no year and names no five-year plan


@pytest.mark.parametrize("text, expected", [
    ("完成工业投资超2000亿元、增长20%以上", [("完成工业投资", 2000, "亿元"), ("完成工业投资增长", 20, "%")]),
    ("社会消费品零售总额1000亿元、增长6%", [("社会消费品零售总额", 1000, "亿元"), ("社会消费品零售总额增长", 6, "%")]),
    ("地区生产总值增长5%、8%", [("地区生产总值增长", 5, "%"), ("地区生产总值增长", 8, "%")]),
    # the size of what is counted is no target (trial C, R2: 企业 ≥ 10家 and 引进营收 ≥ 10亿元 before)
    ("引进营收10亿元以上企业10家、纳税1000万元以上企业30家", [("引进营收10亿元以上企业", 10, "家"),
                                                       ("引进纳税1000万元以上企业", 30, "家")]),
])
def test_a_level_then_its_growth_name_the_growth(text, expected):
    assert [(t.metric, t.value, t.unit) for t in find_targets(text, strict=False)] == expected


def test_a_long_line_of_goals_after_its_lead_is_read_whole():
    goals = ("全县生产总值达到43.5亿元，增长14.5%；全社会固定资产投资增长20%；入统工业增加值增长25%；财政收入增长10.1%，"
             "其中，地方财政收入增长5.5%；社会消费品零售总额增长13%；城镇居民人均可支配收入增长7%；城镇登记失业率控制在4%以下。")
    text = ("清苑县政府工作报告\n2005年2月26日\n2004年工作回顾\n全县生产总值增长15.2%。\n2005年主要任务\n"
            f"经济社会发展的主要预期目标是：\n{goals}\n（一）落实政策，调整结构。促进农民增收。\n（二）加快工业发展。培育骨干企业。\n")
    metrics = [t.metric for item in extract_items(text, parse_period("2005")) for t in item.targets]
    assert len(goals) > 120 and metrics == ["生产总值", "生产总值增长", "全社会固定资产投资增长", "入统工业增加值增长",
                                             "财政收入增长", "地方财政收入增长", "社会消费品零售总额增长",
                                             "城镇居民人均可支配收入增长", "城镇登记失业率"]


def test_a_five_year_plan_s_tasks_come_before_its_guiding_ideas():
    # 罗湖区-2021-2 and 深圳市-2001: the items were the 一是… of 总体发展思路, not the （一）… of 主要工作
    text = ("区政府工作报告\n一、过去五年工作回顾\n五年来，地区生产总值年均增长8%。\n二、今后五年的总体发展思路\n"
            "一是粤港澳大湾区建设全面推进，机遇前所未有。\n二是深圳进入黄金发展期，舞台更加广阔。\n三、今后五年的主要工作\n"
            "（一）突出强联通促协同，坚定不移推进深港融合。建设口岸。\n（二）突出优存量谋增量，坚定不移抓好产业升级。培育企业。\n")
    items = extract_items(text, parse_period("2021"))
    assert [item.title for item in items] == ["突出强联通促协同，坚定不移推进深港融合", "突出优存量谋增量，坚定不移抓好产业升级"]


def test_an_undated_new_term_report_gives_its_five_year_goals_beside_a_plan_part_of_no_year():
    # 罗湖区-2016: 二、未来五年总体思路 (outlook), then 三、奋斗目标和振兴举措 with the goals and the tasks
    text = ("各位代表：\n一、过去五年工作回顾\n五年来，本区生产总值年均增长8%。\n二、未来五年总体思路\n坚持改革创新。\n"
            "三、奋斗目标和振兴举措\n未来五年政府工作的主要目标是：到2021年，本区生产总值超过2800亿元；一般公共预算收入超过120亿元。\n"
            "（一）突出改革攻坚，破解发展难题。推进改革。\n（二）突出消费引领，建设国际消费中心。培育商圈。\n"
            "（三）突出创新开路，提升创新能级。建设平台。\n（四）突出空间再造，加快城市更新。推进改造。\n")
    goals = [(t.metric, t.value) for item in extract_items(text, parse_period("2016")) for t in item.targets]
    assert goals == [("本区生产总值", 2800), ("一般公共预算收入", 120)]


@pytest.mark.parametrize("text, expected", [
    # a list sharing one verb: the name stays the list's, each figure says which of it it is for
    ("万元GDP建设用地、水耗、电耗分别下降3%、3%、2%左右",
     [Target("万元GDP建设用地、水耗、电耗分别下降", "about", 3, "%", {"of": "万元GDP建设用地"}),
      Target("万元GDP建设用地、水耗、电耗分别下降", "about", 3, "%", {"of": "水耗"}),
      Target("万元GDP建设用地、水耗、电耗分别下降", "about", 2, "%", {"of": "电耗"})]),
    ("万元GDP能耗和水耗分别下降到0.501吨标准煤和19.2立方米",
     [Target("万元GDP能耗和水耗", "at_most", 0.501, "吨标准煤", {"of": "万元GDP能耗"}),
      Target("万元GDP能耗和水耗", "at_most", 19.2, "立方米", {"of": "水耗"})]),
    ("二氧化硫和化学需氧量排放量分别削减5%和1.5%",
     [Target("二氧化硫和化学需氧量排放量分别削减", "at_least", 5, "%", {"of": "二氧化硫"}),
      Target("二氧化硫和化学需氧量排放量分别削减", "at_least", 1.5, "%", {"of": "化学需氧量"})]),
    # 均: each of the list has the one figure
    ("万元GDP水耗和电耗均下降5%左右",
     [Target("万元GDP水耗和电耗均下降", "about", 5, "%", {"of": "万元GDP水耗"}),
      Target("万元GDP水耗和电耗均下降", "about", 5, "%", {"of": "电耗"})]),
    # parts that say whose, which, or what is done to the last part's thing are not metrics of their own
    ("城镇和农村居民人均可支配收入分别增长7%左右和9%左右",
     [Target("城镇和农村居民人均可支配收入分别增长", "about", 7, "%"),
      Target("城镇和农村居民人均可支配收入分别增长", "about", 9, "%")]),
    ("第一、第二、第三产业增加值分别增长2%、5.5%和7%",
     [Target("第一、第二、第三产业增加值分别增长", "at_least", v, "%") for v in (2, 5.5, 7)]),
    ("分别引进、培育名师10人和30人以上",
     [Target("引进、培育名师", "at_least", 10, "人"), Target("引进、培育名师", "at_least", 30, "人")]),
    # the size of what is counted, at the head of its clause, is part of the metric's name
    ("500万元以上固定资产投资增长3%", [Target("500万元以上固定资产投资增长", "at_least", 3, "%")]),
    ("实现500万元以上固定资产投资增长3%", [Target("500万元以上固定资产投资增长", "at_least", 3, "%")]),
    # a later metric of the clause is counted as the first one was, unless it says how itself
    ("新增病床2000张、养老床位1000张", [Target("新增病床", "at_least", 2000, "张"), Target("新增养老床位", "at_least", 1000, "张")]),
    ("新建学校5所、改造校舍10所", [Target("新建学校", "at_least", 5, "所"), Target("改造校舍", "at_least", 10, "所")]),
    ("规上固定资产投资、工业投资分别增长13%以上和15%以上",
     [Target("规上固定资产投资、工业投资分别增长", "at_least", 13, "%", {"of": "规上固定资产投资"}),
      Target("规上固定资产投资、工业投资分别增长", "at_least", 15, "%", {"of": "工业投资"})]),
    ("农村居民收入增速高于城镇居民收入增速",
     [Target("农村居民收入", "in_step", 0, "", {"reference": "城镇居民收入增速"})]),
    ("30户以上自然村寨生活垃圾收运覆盖率保持95%", [Target("30户以上自然村寨生活垃圾收运覆盖率保持", "at_least", 95, "%")]),
    # a share that is itself the goal, in a list that goes on to another one: no metric named for either figure
    ("确保90%以上户籍就业困难人员实现就业、90%以上生源大中专毕业生当年找到工作", []),
    # urban and rural incomes in step with the economy: one target each
    ("城镇和农村居民人均可支配收入增长与经济增长基本同步",
     [Target("城镇居民人均可支配收入", "in_step", 0, "", {"reference": "经济增长"}),
      Target("农村居民人均可支配收入", "in_step", 0, "", {"reference": "经济增长"})]),
    ("城镇常住居民、农村居民人均可支配收入与经济增长同步",
     [Target("城镇常住居民人均可支配收入", "in_step", 0, "", {"reference": "经济增长"}),
      Target("农村居民人均可支配收入", "in_step", 0, "", {"reference": "经济增长"})]),
])
def test_targets_of_a_goals_clause(text, expected):
    assert find_targets(text, strict=False) == expected


def test_equal_figures_of_one_goals_line_each_stay_a_target():
    text = ("区政府工作报告\n一、2017年工作回顾\n去年全区生产总值增长7%。\n二、2018年工作安排\n"
            "今年全区经济社会发展主要预期目标是：本区生产总值增长8%以上，万元GDP建设用地、水耗、电耗分别下降3%、3%、2%左右，"
            "城镇和农村居民人均可支配收入分别增长7%和7%。\n"
            "（一）推动经济高质量发展。加快产业升级。\n（二）提升城区品质。推进城市更新。\n")
    items = extract_items(text, parse_period("2018"))
    goals = [t for item in items for t in item.targets if t.extra.get("scope") == "goals"]
    assert [(t.value, t.extra.get("of")) for t in goals] == [(8, None), (3, "万元GDP建设用地"), (3, "水耗"), (2, "电耗"),
                                                             (7, None), (7, None)]


def test_a_goal_named_in_two_characters_goes_to_the_first_item_not_to_one_that_happens_to_hold_them():
    text = ("区政府工作报告\n一、2017年工作回顾\n去年全区生产总值增长7%。\n二、2018年工作安排\n"
            "今年主要预期目标是：本区生产总值增长8%以上，筹集人才房和保障房5800套、供应650套。\n"
            "（一）推动经济高质量发展。加快产业升级。\n（二）发展现代物流和供应链。引进大型供应链企业。\n")
    items = extract_items(text, parse_period("2018"))
    supply = [(n, t) for n, item in enumerate(items) for t in item.targets if t.value == 650]
    assert [(n, t.metric) for n, t in supply] == [(0, "供应")]


def test_the_year_s_goals_go_to_the_item_that_runs_the_economy_when_no_item_names_them():
    text = ("市政府工作报告\n一、2010年工作回顾\n去年全市生产总值增长12%。\n二、2011年主要工作\n"
            "今年全市经济社会发展的主要目标是：本市生产总值增长10%左右，居民消费价格指数104左右。\n"
            "（一）全力办好大运盛会。按时完成场馆建设。\n（二）优化增长需求结构，保持经济平稳较快增长。扩大内需。\n"
            "（三）增进社会民生福利。办好民生实事。\n")
    items = extract_items(text, parse_period("2011"))
    holders = [item.title for item in items if any(t.extra.get("scope") == "goals" for t in item.targets)]
    assert holders == ["优化增长需求结构，保持经济平稳较快增长"]


@pytest.mark.parametrize("text, expected", [
    # 不 turns a bound round: a ceiling, not a floor
    ("居民消费价格涨幅不超过3%", [("居民消费价格涨幅", "at_most", 3, "%")]),
    ("赤字率不高于3%", [("赤字率", "at_most", 3, "%")]),
    ("粮食产量不低于500万吨", [("粮食产量", "at_least", 500, "万吨")]),
    # a later figure of a clause that names its own metric is bound by its own verb
    ("实现PM2.5年均浓度不高于18微克每立方米、空气质量优良率达到95%",
     [("PM2.5年均浓度", "at_most", 18, "微克/立方米"), ("空气质量优良率", "at_least", 95, "%")]),
    # a concentration per cubic metre written in other words
    ("PM2.5平均浓度控制在29微克／立方米以下", [("PM2.5平均浓度", "at_most", 29, "微克/立方米")]),
    # where a standard starts from is no target; the name ends before it
    ("基本公共卫生服务经费财政补助从人均40元提高到45元", [("基本公共卫生服务经费财政补助", "at_least", 45, "元")]),
    ("报销比例由50%提高到60%", [("报销比例", "at_least", 60, "%")]),
    # a distance in a name is no figure
    ("特区外建成区500米公交覆盖率达到60%", [("特区外建成区500米公交覆盖率", "at_least", 60, "%")]),
    # a circled list number and a year to reach are no part of a name
    ("⑧新改扩建区内道路30公里以上", [("新改扩建区内道路", "at_least", 30, "公里")]),
    ("到2020年污水处理率达到95%", [("污水处理率", "at_least", 95, "%")]),
    # the size of what is counted, however long its name, is no target of its own
    ("引进营收10亿元以上重点科技创新型企业10家以上", [("引进营收10亿元以上重点科技创新型企业", "at_least", 10, "家")]),
    ("引进5个以上香港科创项目和80名以上专业人才",
     [("引进香港科创项目和", "at_least", 5, "个"), ("引进专业人才", "at_least", 80, "名")]),
    # what a list counts stands after its figures, a number in its name (500强) and a term before its verb (五年)
    ("五年引进3-5家500强、10家左右央企、20-30家上市公司",
     [("五年引进500强", "at_least", 3, "家"), ("五年引进央企", "about", 10, "家"), ("五年引进上市公司", "at_least", 20, "家")]),
    # 超 is a floor; 500强 is a name; a unit of 万人年
    ("农产品加工产值超2000亿元", [("农产品加工产值", "at_least", 2000, "亿元")]),
    ("招引世界500强及领军企业10家左右", [("招引世界500强及领军企业", "about", 10, "家")]),
    ("研发人员全时当量保持在36万人年以上", [("研发人员全时当量", "at_least", 36, "万人年")]),
    # a heading and its first line are two clauses
    ("升级城市设施，提升区域能级\n完成1100亿元以上固定资产投资", [("完成固定资产投资", "at_least", 1100, "亿元")]),
])
def test_bounds_units_and_names_of_an_item_s_figures(text, expected):
    assert [(t.metric, t.comparator, t.value, t.unit) for t in find_targets(text)] == expected


def test_a_new_term_s_five_year_tasks_carried_on_by_a_plan_chapter_of_no_year_are_all_items():
    text = ("区政府工作报告\n一、过去五年的工作\n五年来，全区生产总值年均增长7%。\n"
            "二、未来五年发展目标和重点任务\n未来五年的发展目标是：地区生产总值达到6000亿元以上。\n"
            "（一）打造先进制造业高地。推动工业上楼。\n（二）建设大美城区。推进城市更新。\n"
            "三、全力打造国际一流营商环境\n要实现上述目标，必须全力打造营商环境。\n"
            "（一）打造一流的生产环境。释放产业用地。\n（二）打造一流的政府服务环境。推行一网通办。\n")
    items = extract_items(text, parse_period("2021"))
    assert [item.title for item in items] == ["打造先进制造业高地", "建设大美城区", "打造一流的生产环境",
                                              "打造一流的政府服务环境"]


def test_a_plan_chapter_that_names_its_year_leaves_the_five_year_tasks_out():
    text = ("区政府工作报告\n一、过去五年的工作\n五年来，全区生产总值年均增长7%。\n"
            "二、未来五年发展目标和重点任务\n（一）打造先进制造业高地。推动工业上楼。\n（二）建设大美城区。推进城市更新。\n"
            "三、2022年工作安排\n（一）稳住经济大盘。扩大有效投资。\n（二）办好民生实事。新增学位1万个。\n")
    items = extract_items(text, parse_period("2022"))
    assert [item.title for item in items] == ["稳住经济大盘", "办好民生实事"]


@pytest.mark.parametrize("text, expected", [
    # the growth carries on the revenue past the aside on how it is counted
    ("一般地方预算财政收入226亿元，剔除不可比因素，增长12％。",
     [("一般地方预算财政收入", 226, "亿元"), ("一般地方预算财政收入增长", 12, "%")]),
    # a ratio has no direction to reach
    ("国内生产总值1880亿元，三次产业比例1．0：52．4：46．6；工业总产值3013亿元",
     [("国内生产总值", 1880, "亿元"), ("工业总产值", 3013, "亿元")]),
])
def test_goals_read_past_asides_and_not_from_ratios(text, expected):
    assert [(t.metric, t.value, t.unit) for t in find_targets(text, strict=False)] == expected


def test_incomes_in_step_with_the_growth_of_gdp():
    [target] = find_targets("居民人均可支配收入增速与GDP增速基本保持同步", strict=False)
    assert (target.metric, target.comparator, target.extra) == ("居民人均可支配收入", "in_step", {"reference": "GDP"})


@pytest.mark.parametrize("text, expected", [
    ("劳动报酬增长和劳动生产率提高同步", ("劳动报酬", "劳动生产率提高")),  # the State Council's 2013 plan
    ("居民人均可支配收入与经济增长相匹配", ("居民人均可支配收入", "经济增长")),
    ("农民收入增速快于城镇居民收入", ("农民收入", "城镇居民收入")),
])
def test_incomes_in_step_with_another_growth_however_it_is_said(text, expected):
    [target] = find_targets(text, strict=False)
    assert (target.metric, target.comparator, target.extra["reference"]) == (*expected[:1], "in_step", expected[1])


def goals_of(text: str, period: str) -> list[Target]:
    """The plan year's expected targets import finds in a report's text, in order."""
    return [t for item in extract_items(text, parse_period(period)) for t in item.targets
            if t.extra.get("scope") == "goals"]


def test_goals_run_on_past_a_broken_line_and_into_the_dash_lines_that_spell_them_out():
    text = ("市政府工作报告\n一、2000年工作回顾\n去年全市生产总值增长10%。\n二、2001年主要工作\n"
            "今年我市经济发展的预期目标是：国内生产总值1880亿元，增长12％；社会消费品零售总额610亿元，增长13％；\n"
            "一般地方预算财政收入226亿元，剔除不可比因素，增长12％。\n"
            "（一）突出发展高新技术产业。加快产业升级。\n（二）加快城市建设。推进地铁建设。\n")
    goals = goals_of(text, "2001")
    assert [(t.metric, t.value) for t in goals][-2:] == [("一般地方预算财政收入", 226), ("一般地方预算财政收入增长", 12)]
    text = ("区政府工作报告\n一、过去五年的工作\n五年来，全区生产总值年均增长7%。\n"
            "二、未来五年发展目标和重点任务\n未来五年的发展目标是：地区生产总值达到6000亿元以上。\n"
            "——打造先进制造城。研发投入占GDP比重达到5%。\n——打造宜居城。空气质量平均优良天数比例超过92%。\n"
            "（一）打造先进制造业高地。推动工业上楼。\n（二）建设大美城区。推进城市更新。\n")
    goals = goals_of(text, "2021")
    assert [(t.metric, t.value) for t in goals] == [("地区生产总值", 6000), ("研发投入占GDP比重", 5),
                                                   ("空气质量平均优良天数比例", 92)]


def test_a_new_term_s_five_year_goals_say_the_year_they_are_set_for():
    text = ("区政府工作报告\n一、过去五年的工作\n五年来，全区生产总值年均增长7%。\n"
            "二、未来五年发展目标和重点任务\n未来五年的发展目标是：地区生产总值达到6000亿元以上。\n"
            "（一）打造先进制造业高地。推动工业上楼。\n（二）建设大美城区。推进城市更新。\n"
            "三、全力打造国际一流营商环境\n（一）打造一流的生产环境。释放产业用地。\n（二）打造一流的政府服务环境。推行一网通办。\n")
    goals = goals_of(text, "2021")
    assert [(t.metric, t.extra.get("by")) for t in goals] == [("地区生产总值", 2025)]
    dues = {(str(item.due), item.due_basis) for item in extract_items(text, parse_period("2021"))}
    assert dues == {("2025-12-31", "未来五年")}  # the term's tasks are due at its end, not its first year's
    with_figure = text.replace("推动工业上楼。", "推动工业上楼，新增产业空间达到400万平方米。")
    [own] = [t for item in extract_items(with_figure, parse_period("2021")) for t in item.targets
             if "scope" not in t.extra]
    assert (own.metric, own.extra.get("by")) == ("新增产业空间", 2025)  # and so are its own figures


def test_a_year_s_deadline_before_a_figure_is_not_part_of_its_name():
    assert [(t.metric, t.value) for t in find_targets("2018年前建成市级重点专科6个以上，2020年底建成省级重点专科5个以上")] == [
        ("建成市级重点专科", 6), ("建成省级重点专科", 5)]


def test_the_overall_goals_of_a_new_term_are_its_goals():
    text = ("区政府工作报告\n过去五年工作回顾\n五年来，全区生产总值年均增长9%，完成了各项目标任务。\n未来五年工作\n"
            "今后五年区政府工作的总体目标是：到2020年，地区生产总值达到4100亿元以上，千人病床数达到3.0张。\n"
            "今后五年区政府着力做好以下两方面工作：\n一、深入落实创新驱动，着力培育经济发展新动能\n推动产业升级。\n"
            "二、精心抓好城市规划建设，实现城市品质新跨越\n推进城市更新。\n")
    items = extract_items(text, parse_period("2016"))
    goals = [(t.metric, t.value, t.extra.get("by")) for item in items for t in item.targets
             if t.extra.get("scope") == "goals"]
    assert [item.title for item in items] == ["深入落实创新驱动，着力培育经济发展新动能", "精心抓好城市规划建设，实现城市品质新跨越"]
    assert goals == [("地区生产总值", 4100, 2020), ("千人病床数", 3.0, 2020)]
