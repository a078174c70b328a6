"""Finding the figure a summary reports for a target's metric, and judging it by DESIGN.md's rules."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.check.matching import Sentence, split_sentences
from duban.ledger.model import Target
from duban.check.figures import (check_target, convert, find_figures, judge, lower_is_better, metric_keys)


def sentences(text):
    return split_sentences(text)


def test_metric_keys_drop_the_verb_and_add_the_summary_names():
    assert metric_keys("国内生产总值增长")[:2] == ["国内生产总值", "地区生产总值"]
    assert {"本市生产总值", "GDP"} <= set(metric_keys("地区生产总值增长"))  # the names summaries give it
    assert metric_keys("完成") == []  # too short a name to look for
    assert metric_keys("城镇调查失业率")[:2] == ["城镇调查失业率", "调查失业率"]
    assert "单位国内生产总值能耗" in metric_keys("能耗强度下降")
    assert "国内生产总值" not in metric_keys("单位国内生产总值能耗下降")
    assert "农村贫困人口" in metric_keys("减少农村贫困人口")
    # bare 收入 would match 财政收入: only the named forms of a kind of income are looked for
    assert metric_keys("收入") == []
    assert metric_keys("居民收入增长")[:2] == ["居民收入", "全体居民人均可支配收入"]
    assert "一般公共预算收入" not in metric_keys("居民收入")


def test_direction_of_metrics():
    assert lower_is_better("居民消费价格涨幅") and lower_is_better("城镇登记失业率")
    assert not lower_is_better("国内生产总值增长") and not lower_is_better("能耗强度下降")


@pytest.mark.parametrize("text, metric, unit, value, quoted", [
    ("国内生产总值达到56.9万亿元，比上年增长7.7%。", "国内生产总值增长", "%", 7.7, "国内生产总值达到56.9万亿元，比上年增长7.7%"),
    ("居民消费价格涨幅控制在2.6%。城镇登记失业率4.1%。", "居民消费价格涨幅", "%", 2.6, "居民消费价格涨幅控制在2.6%"),
    ("城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平。", "城镇调查失业率", "%", 5, "调查失业率稳定在5%"),
    ("城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平。", "城镇新增就业", "万人", 1361, "城镇新增就业1361万人"),
    ("单位国内生产总值能耗下降5.6%。", "能耗强度下降", "%", 5.6, "单位国内生产总值能耗下降5.6%"),
    ("农村贫困人口减少1386万，易地扶贫搬迁280万人。", "减少农村贫困人口", "万", 1386, "农村贫困人口减少1386万"),
])
def test_figures_found(text, metric, unit, value, quoted):
    figures = find_figures(metric, unit, sentences(text))
    assert figures[0].value == value
    assert figures[0].text == quoted


def test_figures_that_are_not_the_metric_are_left_alone():
    text = ("研究与试验发展经费支出与国内生产总值之比超过2%。单位国内生产总值能耗下降4.8%。"
            "全年城镇新增就业1314万人。")
    assert find_figures("国内生产总值增长", "%", sentences(text)) == []
    # 1314万人 is a count of people, not a percentage
    assert find_figures("城镇新增就业", "%", sentences(text)) == []


def test_many_year_figures_are_not_the_years():
    text = ("五年来，经济实力跃上新台阶。居民消费价格年均上涨1.9%，保持较低水平。\n"
            "刚刚过去的2017年，国内生产总值增长6.9%。\n")
    assert find_figures("居民消费价格涨幅", "%", sentences(text)) == []
    assert find_figures("国内生产总值增长", "%", sentences(text))[0].value == 6.9


@pytest.mark.parametrize("comparator, value, actual, unit, metric, met", [
    ("at_least", 900, 1310, "万人", "城镇新增就业", True),
    ("at_least", 3.4, 3.1, "%", "能耗下降", False),
    ("at_most", 4.5, 4.02, "%", "城镇登记失业率", True),
    ("at_most", 4.5, 4.6, "%", "城镇登记失业率", False),
    ("about", 7.5, 7.0, "%", "国内生产总值增长", True),    # higher is better: within 0.5 points below
    ("about", 7.5, 6.9, "%", "国内生产总值增长", False),
    ("about", 7.5, 9.0, "%", "国内生产总值增长", True),    # the favourable side is never a miss
    ("about", 3.0, 3.5, "%", "居民消费价格涨幅", True),    # lower is better: within 0.5 points above
    ("about", 3.0, 3.6, "%", "居民消费价格涨幅", False),
    ("about", 3.0, 0.5, "%", "居民消费价格涨幅", True),
    ("about", 1.8, 1.71, "万亿元", "公路水运投资", True),  # non-% units: 95 % of the value
    ("about", 1.8, 1.70, "万亿元", "公路水运投资", False),
    ("about", 100, 105, "起", "事故", True),              # lower is better, 105 %
    ("about", 100, 106, "起", "事故", False),
])
def test_judge(comparator, value, actual, unit, metric, met):
    assert judge(comparator, value, actual, unit, metric) is met


def test_convert_between_scales_of_one_unit():
    assert convert(1.3, "万亿斤", "亿斤") == pytest.approx(13000)
    assert convert(1361, "万人", "人") == 13610000
    assert convert(5, "%", "万人") is None
    assert convert(5, "个百分点", "%") is None


def test_check_target_met_not_met_unknown():
    summary = sentences("国内生产总值增长6.6%，居民消费价格上涨2.1%。城镇新增就业1361万人。")
    gdp = check_target("2018-01", Target("国内生产总值增长", "about", 6.5, "%"), summary)
    assert (gdp.actual, gdp.verdict, gdp.actual_text, gdp.line) == (6.6, "met", "国内生产总值增长6.6%", 1)
    jobs = check_target("2018-01", Target("城镇新增就业", "at_least", 1500, "万人"), summary)
    assert (jobs.actual, jobs.verdict) == (1361, "not_met")
    rate = check_target("2018-01", Target("城镇登记失业率", "at_most", 4.5, "%"), summary)
    assert (rate.actual, rate.verdict, rate.actual_text) == (None, "unknown", "")


def test_a_stated_miss_is_not_met_without_a_figure():
    summary = sentences("去年我国进出口总额出现下降，预期增长目标未能实现。")
    result = check_target("2015-01", Target("进出口增长", "about", 6, "%"), summary)
    assert (result.actual, result.verdict) == (None, "not_met")
    assert result.actual_text == "去年我国进出口总额出现下降，预期增长目标未能实现。"
    # a fall is good news for a reduction target: no miss there
    energy = check_target("2015-01", Target("能耗强度下降", "at_least", 3.1, "%"), sentences("能耗强度出现下降。"))
    assert energy.verdict == "unknown"


def test_in_step_takes_the_slowest_income_figure_against_gdp():
    summary = sentences("国内生产总值比上年增长7.7%。城镇居民人均可支配收入实际增长7%，农村居民人均纯收入实际增长9.3%。")
    target = Target("城乡居民人均收入实际增长", "in_step", 0, "", {"reference": "经济增长"})
    result = check_target("2013-01", target, summary)
    assert (result.actual, result.verdict) == (7.0, "not_met")
    faster = check_target("2014-01", Target("居民收入增长", "in_step", 0, ""),
                          sentences("国内生产总值增长7.4%。全国居民人均可支配收入实际增长8%，快于经济增长。"))
    assert (faster.actual, faster.verdict) == (8.0, "met")
    alone = check_target("2014-01", Target("劳动报酬增长", "in_step", 0, "", {"reference": "劳动生产率"}),
                         sentences("国内生产总值增长7.4%。"))
    assert alone.verdict == "unknown"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("国内生产总值增长下降上涨达到万亿元人%.,，。、；0123456789年均五来 x")),
               max_size=120),
       st.sampled_from(["国内生产总值增长", "城镇新增就业", "居民消费价格涨幅", "减少农村贫困人口", "x"]),
       st.sampled_from(["%", "万人", "", "亿元"]))
def test_figure_extraction_never_crashes_and_quotes_the_text(text, metric, unit):
    summary = sentences(text)
    for figure in find_figures(metric, unit, summary):
        assert figure.text in text.replace("\n", "")
        assert figure.value >= 0
    result = check_target("P-01", Target(metric, "about", 5, unit), summary)
    assert result.verdict in ("met", "not_met", "unknown")
    if result.actual is not None:
        assert result.verdict != "unknown"  # a figure is always judged


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1000, allow_nan=False), st.floats(0, 1000, allow_nan=False), st.sampled_from(["%", "万人"]))
def test_judging_about_is_monotonic_on_the_favourable_side(value, actual, unit):
    # if a figure meets a higher-is-better target, any higher figure does too (and the reverse for prices)
    if judge("about", value, actual, unit, "国内生产总值增长"):
        assert judge("about", value, actual + 1, unit, "国内生产总值增长")
    if judge("about", value, actual, unit, "居民消费价格涨幅"):
        assert judge("about", value, max(0.0, actual - 1), unit, "居民消费价格涨幅")


def test_a_share_of_rd_is_not_rd_intensity_and_rd_intensity_is_not_gdp():
    assert metric_keys("基础研究占全社会研发投入比重") == ["基础研究占全社会研发投入比重"]
    keys = metric_keys("全社会研发投入占地区生产总值比重")
    assert "研发投入强度" in keys and "地区生产总值" not in keys
    sentences = [Sentence("工业增加值占地区生产总值比重提高到35.1%，基础研究占全社会研发投入比重提高到7.25%。", 7)]
    assert [(f.value, f.unit) for f in find_figures("基础研究占全社会研发投入比重", "%", sentences)] == [(7.25, "%")]


def test_convert_is_exact_in_decimal():
    """In binary, 2.3亿元 is 22999.999999999996万元 and misses a target of 23000万元 it meets."""
    assert convert(2.3, "亿元", "万元") == 23000
    assert convert(1258.7, "亿元", "万亿元") == 0.12587
    assert convert(4.1, "万亿元", "亿元") == 41000
    assert convert(0.29, "亿元", "万元") == 2900
    assert judge("at_least", 23000, convert(2.3, "亿元", "万元"), "万元", "一般公共预算收入")
    assert convert(5, "万吨", "斤") == 100000000


@given(st.decimals(min_value="0.01", max_value="99999", places=2), st.sampled_from(["万", "亿", "万亿"]),
       st.sampled_from(["万", "亿", "万亿", ""]))
def test_a_figure_equals_itself_in_any_scale(value, scale, other):
    """A figure written in one scale and the target written as the same amount in another are equal: met."""
    from duban.text.numerals import SCALES

    same = value * SCALES[scale] / SCALES.get(other, 1)
    actual = convert(float(value), scale + "元", other + "元")
    assert actual == float(same)
    assert judge("at_least", float(same), actual, other + "元", "地区生产总值")


def _review(text):
    return [Sentence(text, 1, "review", 1)]


@pytest.mark.parametrize("metric, unit, text, value", [
    ("万元GDP能耗下降", "%", "万元GDP能耗、水耗分别下降4.3%、10.3%，居民收入增长。", 4.3),
    ("利润总额增长", "%", "全市规上工业利税、利润总额分别增长7.3%和10.7%。", 10.7),
    ("港口吞吐量增长", "%", "港口吞吐量、集装箱量分别增长6%、8%。", 6),
    ("农村居民人均可支配收入", "元", "城镇、农村居民人均可支配收入分别达到74400元和47455元。", 47455),
    ("工业总产值增长", "%", "工业总产值、工业增加值分别下降2%、3%。", -2),
])
def test_metrics_that_share_one_verb_take_the_figure_in_their_place(metric, unit, text, value):
    [figure] = find_figures(metric, unit, _review(text))
    assert figure.value == value and figure.text in text


@pytest.mark.parametrize("metric, text, value", [
    ("地方一般公共预算收入增长", "地方一般公共预算收入55亿元，同口径增长5.2%。", 5.2),
    ("地方一般预算财政收入可比增长", "地方财政收入304亿元，按可比口径增长20.5%。", 20.5),
    ("出口增长", "进出口总额3000亿美元，增长5%，其中出口总额1361亿美元，增长34.1%。", 34.1),
])
def test_a_growth_said_like_for_like_and_exports_alone_are_found(metric, text, value):
    assert [f.value for f in find_figures(metric, "%", _review(text))] == [value]


def test_an_area_keeps_its_unit():
    # 供应居住用地35万平方米 was read as 35万 (no unit): the quoted figure now says what it measures
    [figure] = find_figures("供应居住用地", "万平方米", _review("供应居住用地35万平方米，增长18.6%。"))
    assert (figure.value, figure.unit, figure.text) == (35, "万平方米", "供应居住用地35万平方米")


REVIEW_2018 = ("初步核算2018年地区生产总值达2253.69亿元，增长7.3%；每平方公里产出GDP28.62亿元，"
               "万元GDP建设用地、水耗、电耗分别下降6.5%、3.9%和4.6%。")


@pytest.mark.parametrize("of, value", [("万元GDP建设用地", 6.5), ("水耗", 3.9), ("电耗", 4.6)])
def test_a_target_of_one_metric_of_a_list_takes_that_metric_s_figure(of, value):
    target = Target("万元GDP建设用地、水耗、电耗下降", "about", 3, "%", {"of": of})
    result = check_target("T-1", target, _review(REVIEW_2018))
    assert (result.actual, result.verdict) == (value, "met")
    assert result.actual_text == "万元GDP建设用地、水耗、电耗分别下降6.5%、3.9%和4.6%"  # the list whole: whose is which



def test_what_is_measured_per_unit_of_gdp_is_not_gdp():
    assert "地区生产总值" not in metric_keys("万元GDP建设用地下降")
    assert "地区生产总值" not in metric_keys("人均地区生产总值")
    assert metric_keys("新兴产业增加值占GDP比重") == ["新兴产业增加值占GDP比重"]  # a share of GDP is no GDP
    result = check_target("T-1", Target("万元GDP建设用地下降", "at_least", 10, "%"),
                          _review("全年实现本市生产总值6765.4亿元，增长14.7%。"))
    assert result.verdict == "unknown"


def test_figures_added_up_over_several_years_are_not_the_year_s():
    cumulative = "同期，万元GDP建设用地、水耗、电耗分别累计下降32.7%、34.6%、25.6%，综合能耗全市最低。"
    target = Target("万元GDP建设用地、水耗、电耗下降", "about", 3, "%", {"of": "水耗"})
    assert check_target("T-1", target, _review(cumulative)).verdict == "unknown"
    # a chapter whose heading says it reviews five years: its changes are the five years', its levels may be the year's
    chapter = [Sentence("（三）过去五年，生态文明水平不断提升。", 1, "review", 1, 3),
               Sentence("化学需氧量、二氧化硫排放量分别削减24.2%和26.9%。", 2, "review", 2, 3),
               Sentence("城镇登记失业率控制在3%以内。", 3, "review", 3, 3)]
    reduction = Target("化学需氧量和二氧化硫排放量削减", "at_least", 2, "%", {"of": "二氧化硫"})
    assert check_target("T-1", reduction, chapter).verdict == "unknown"
    assert check_target("T-1", Target("城镇登记失业率", "at_most", 3, "%"), chapter).verdict == "met"


def test_a_concentration_is_better_lower_and_its_level_follows_its_fall():
    assert lower_is_better("PM2.5年均浓度") and not lower_is_better("帮助失业人员再就业")
    text = "启动大气污染强化减排行动12次，PM2.5平均浓度连续5年下降、降至17微克/立方米，改善幅度全市最大。"
    result = check_target("T-1", Target("PM2.5年均浓度", "at_most", 19.5, "微克/立方米"), _review(text))
    assert (result.actual, result.verdict) == (17, "met")  # 连续5年下降 is no shortfall of a level better lower


def test_a_share_that_does_not_say_of_what_is_not_looked_for():
    # 巩固一般贸易提升势头，力争占外贸总额比重提高到44%: the share's subject is in the clause before
    assert metric_keys("占外贸总额比重") == []
    result = check_target("T-1", Target("占外贸总额比重", "at_least", 44, "%"),
                          _review("民营企业进出口占外贸总额比重为8%。"))
    assert result.verdict == "unknown"




@pytest.mark.parametrize("metric, value, text", [
    # a share of GDP found by the family's bare name, but of another subject
    ("研发经费支出占地区生产总值比重", 2.7, "民营经济增加值达5.26万亿元、占地区生产总值比重提高到54.1%。"),
    # part of a year
    ("地区生产总值增长", 6.5, "今年上半年GDP首次突破2000亿元，达到2077亿元，增长20.7%（全市9.7%）。"),
    # a share of the whole city
    ("地区生产总值增长", 6.5, "全区GDP总量不到全市的15%，缺乏龙头大企业。"),
])
def test_figures_of_another_subject_part_of_the_year_or_a_share_of_the_whole_are_not_the_metric_s(metric, value,
                                                                                                   text):
    assert check_target("T-1", Target(metric, "at_least", value, "%"), _review(text)).verdict == "unknown"



def test_a_list_s_metric_of_two_characters_is_read_only_from_a_list_as_the_plan_s():
    target = Target("粮食播种面积和产量", "at_least", 22, "亿斤", {"of": "产量"})
    assert check_target("T-1", target, _review("蔬菜产量达到30亿斤。")).verdict == "unknown"  # not the grain's
    listed = "粮食播种面积和产量分别达到120万亩和23亿斤。"
    assert check_target("T-1", target, _review(listed)).actual == 23



def test_rural_income_is_not_read_from_the_urban_figure():
    text = "城镇居民人均可支配收入增长5.3%，农村居民人均可支配收入增长8.8%，地区生产总值增长6%。"
    faster = Target("农村居民收入", "in_step", 0, "", {"reference": "城镇居民收入增速"})
    assert check_target("T-1", faster, _review(text)).actual == 8.8  # against the urban 5.3: in step
    assert check_target("T-1", Target("农村居民人均可支配收入增长", "at_least", 8, "%"), _review(text)).actual == 8.8



def test_what_was_added_is_read_where_the_review_says_added_not_from_what_stands():
    target = Target("新增国家级专精特新“小巨人”企业", "at_least", 80, "家")
    text = [Sentence("汇智研发中心入驻国家级专精特新“小巨人”企业16家，新桥东一号园区引进先进制造企业32家。", 1, "review", 1),
            Sentence("新增国家级专精特新“小巨人”企业69家、总量达277家。", 2, "review", 2)]
    result = check_target("T-1", target, text)
    assert (result.actual, result.verdict, result.line) == (69, "not_met", 2)
    beds = Target("新增养老床位", "at_least", 1000, "张")
    assert check_target("T-1", beds, _review("全市养老床位达到2万张。")).verdict == "unknown"  # a level, not added


@pytest.mark.parametrize("target, text, actual, verdict", [
    # a list's figures in other units, each in its place
    (Target("万元GDP能耗和水耗", "at_most", 19.2, "立方米", {"of": "水耗"}),
     "万元GDP建设用地下降11.9%；万元GDP能耗和水耗分别下降到0.47吨标准煤和18.7立方米，均为全国最低。", 18.7, "met"),
    # retail sales by the name a review gives them
    (Target("社会消费品零售总额增长", "about", 8, "%"),
     "社会消费品零售达1310.26亿元，增长7.5%；固定资产投资达281.48亿元，增长22.9%。", 7.5, "met"),
    # one metric of a list, also by the names reviews give it (规上 for 规模以上)
    (Target("规模以上工业增加值、固定资产投资分别增长", "at_least", 8, "%", {"of": "规模以上工业增加值"}),
     "规上工业增加值增长9.2%，固定资产投资增长12%。", 9.2, "met"),
    # a share found by the family's name counts where its subject is named
    (Target("研发投入强度", "at_least", 2.7, "%"), "研发经费支出占地区生产总值比重达2.65%。", 2.65, "not_met"),
    # a list's short metric read after what it is measured per
    (Target("万元GDP能耗、水耗分别下降", "at_least", 4, "%", {"of": "水耗"}),
     "万元GDP水耗27.7立方米，下降7%，相当于世界平均水平的一半。", 7, "met"),
    # a figure that rose from one level to another is the level reached
    (Target("跨境电商进出口额", "at_least", 300, "亿元"),
     "跨境电商进出口额由2023年176.7亿元增长至924.2亿元，增长4.23倍，增速全市第一。", 924.2, "met"),
    # a threshold passed on the way is not the figure: the one reached after it is
    (Target("进出口总额", "at_least", 960, "亿美元"),
     "外贸进出口总额突破1000亿美元，达到1173.99亿美元，增长34.6%。", 1173.99, "met"),
    # a decline that narrowed to a figure written with its sign
    (Target("进出口总额增长", "at_least", 1, "%"),
     "实现进出口总额1.08万亿美元、降幅由一季度的-23.1%收窄到-1.4%，其中出口增长1.5%。服务进出口增长5%。", -1.4, "not_met"),
    (Target("进出口总额增长", "at_least", 1, "%"), "进出口总额1.08万亿美元、降幅收窄到1.4%。", -1.4, "not_met"),
    # the family's bare short name (出口) only where no longer name of it is found anywhere: one industry's exports
    # come first here, the city's after
    (Target("出口总额", "at_least", 512, "亿美元"),
     "软件业实现产值291亿元，出口5.9亿美元，同比增长45%以上。外贸出口总额629.62亿美元，增长35.2%。", 629.62, "met"),
    (Target("出口总额增长", "at_least", 15, "%"), "全年进出口增长8%，其中出口增长12%。", 12, "not_met"),  # the short name still
    # names a plan gives the standard metrics in its own words
    (Target("规模以上企业增加值增长", "at_least", 13, "%"), "规模以上工业增加值340亿元，增长15%。", 15, "met"),
    (Target("一般公共预算地方本级收入增长", "at_least", 10, "%"), "一般公共预算收入完成45.5亿元，同口径增长30%。", 30, "met"),
    (Target("公共财政收入增长", "about", 9, "%"), "公共财政预算收入158.4亿元，增长21.1%。", 21.1, "met"),
    # 达 carries the metric on as 达到 does
    (Target("一般公共财政预算收入增长", "about", 10, "%"), "一般公共预算收入首次突破200亿元，达204.3亿元，增长29%。", 29, "met"),
    # a per-GDP measure named in a list after another one
    (Target("万元GDP水耗下降", "at_least", 3, "%"), "万元GDP能耗、水耗分别下降4.3%、5.3%。", 5.3, "met"),
    (Target("万元GDP水耗下降", "at_least", 3, "%"), "全市用水总量下降2%，水耗下降1%。", None, "unknown"),
    # a quoted name with its noun, counted in 名, brought in (引育) as the review's 引进 says
    (Target("引育“高精尖缺”人才", "at_least", 100, "名"), "引进认定各领域“高精尖缺”人才109名。", 109, "met"),
    (Target("国家高新技术企业", "at_least", 1000, "家"), "国高企业总量达1300家。", 1300, "met"),
])
def test_the_figure_a_review_gives_for_a_target(target, text, actual, verdict):
    result = check_target("T-1", target, _review(text))
    assert (result.actual, result.verdict) == (actual, verdict)


def test_a_change_since_a_year_long_past_is_not_the_years_change():
    """坪山区-2016 reviews five years before the plan year: 与2010年相比 sets the comparison for the paragraph."""
    paragraph = [Sentence("与2010年相比，预计2015年每平方公里GDP产出、一般财政预算收入分别增长115.60%、299.07%；", 7, "review", 6),
                 Sentence("万元GDP能耗、水耗分别下降19.5%和49.3%。", 7, "review", 6),
                 Sentence("2015年万元GDP能耗下降4.6%。", 30, "review", 29)]
    result = check_target("T-1", Target("万元GDP能耗下降", "about", 4.25, "%"), paragraph)
    assert (result.actual, result.line) == (4.6, 30)
    year_before = "2015年地区生产总值比2014年增长9.5%。"
    assert check_target("T-1", Target("地区生产总值增长", "about", 10, "%"), _review(year_before)).actual == 9.5


def test_growths_after_a_list_of_levels_are_the_lists():
    text = "城镇、农村常住居民人均可支配收入分别达32148元、12246元，增长8.8%、10.6%。全省生产总值增长7.8%。"
    result = check_target("T-1", Target("城乡居民收入增长", "in_step", 0, "", {"reference": "生产总值增长"}), _review(text))
    assert (result.actual, result.verdict) == (8.8, "met")


def test_a_growth_shared_out_after_a_list_of_levels_carries_the_metric_on():
    text = "城乡居民人均可支配收入分别达到24302元和9194元，分别增长8.8%和10%。"
    result = check_target("T-1", Target("城乡居民人均可支配收入", "at_least", 10, "%"), _review(text))
    assert (result.actual, result.verdict) == (8.8, "not_met")


@pytest.mark.parametrize("text, actual", [
    ("固定资产投资在2022年完成1708亿元高基数的情况下，全年完成1870亿元。", 1870),
    ("固定资产投资在上年增长1708亿元的基础上，完成1870亿元。", 1870),
])
def test_the_base_a_review_names_before_the_years_figure_is_not_that_figure(text, actual):
    result = check_target("T-1", Target("完成固定资产投资", "at_least", 2000, "亿元"), _review(text))
    assert (result.actual, result.verdict) == (actual, "not_met")


def test_a_growth_carried_on_after_the_comparable_basis_is_named():
    text = "一般公共预算收入107.29亿元、剔除不可比因素增长11.4%。"
    result = check_target("T-1", Target("一般公共预算收入同口径增长", "about", 3.4, "％"), _review(text))
    assert (result.actual, result.verdict) == (11.4, "met")


@pytest.mark.parametrize("target, text, actual", [
    # the level after what was added
    (Target("国家高新技术企业", "at_least", 1000, "家"), "新增国家高新技术企业540家，总量超过1300家。", 1300),
    (Target("科技服务机构", "at_least", 125, "家"), "新增科技服务机构10家，累计达116家。", 116),
    # a plan that names the level 总量 (上市企业总量突破50家), a review that gives it after what was added
    (Target("上市企业总量", "at_least", 50, "家"), "新增上市企业1家，总量47家；新增国家高新技术企业204家。", 47),
    # …but a total that falls is a change, not a count that stands
    (Target("化学需氧量排放总量下降", "at_least", 8, "%"), "化学需氧量排放37万吨，比上年减少2%。", None),
    # what was added alone does not say how many there are
    (Target("管道天然气用户", "at_least", 12, "万户"), "新增燃气管网36.5公里、管道天然气用户3.2万户。", None),
    # a plan that counts what is added reads what was added
    (Target("新增管道天然气用户", "at_least", 12, "万户"), "新增燃气管网36.5公里、管道天然气用户3.2万户。", 3.2),
])
def test_a_level_is_not_read_from_what_was_added(target, text, actual):
    assert check_target("T-1", target, _review(text)).actual == actual


@pytest.mark.parametrize("text, actual", [
    ("PM2.5浓度从每立方米31.1微克下降到30.4微克。", 30.4),
    ("全年PM2.5平均浓度37微克每立方米，下降19.6%。", 37),
    ("市区PM2.5平均浓度29微克／立方米。", 29),
])
def test_a_concentration_per_cubic_metre_is_read_however_it_is_written(text, actual):
    result = check_target("T-1", Target("PM2.5年均浓度", "at_most", 30, "微克/立方米"), _review(text))
    assert (result.actual, result.verdict) == (actual, "met" if actual <= 30 else "not_met")


def test_the_share_of_good_air_days_is_read_by_its_other_names():
    result = check_target("T-1", Target("空气质量平均优良天数比例", "at_least", 92, "%"), _review("全年空气质量优良率达94.2%。"))
    assert (result.actual, result.verdict) == (94.2, "met")


def test_gdp_per_square_kilometre_is_not_gdp():
    result = check_target("T-1", Target("每平方公里GDP产出", "at_least", 41, "亿元"), _review("全区地区生产总值2571.67亿元。"))
    assert (result.actual, result.verdict) == (None, "unknown")


@pytest.mark.parametrize("text, verdict", [
    ("全社会研发投入占GDP比重保持在11%以上。", "unknown"),  # at least 11: whether 11.1 is not said
    ("全社会研发投入占GDP比重超过11%。", "unknown"),
    ("全社会研发投入占GDP比重达11%。", "not_met"),
    ("全社会研发投入占GDP比重保持在12%以上。", "met"),
])
def test_a_floor_below_the_target_says_neither_met_nor_missed(text, verdict):
    result = check_target("T-1", Target("全社会研发投入占GDP比重", "at_least", 11.1, "%"), _review(text))
    assert result.verdict == verdict


def test_the_older_name_of_budget_revenue_is_read_either_way_round():
    review = _review("地方一般预算财政收入262亿元，增长18.3%，剔除证券交易印花税因素，增长30.9%。")
    assert check_target("T-1", Target("一般地方预算财政收入", "at_least", 226, "亿元"), review).actual == 262
    assert check_target("T-1", Target("一般地方预算财政收入增长", "at_least", 12, "%"), review).actual == 18.3


@pytest.mark.parametrize("target, text, actual", [
    # check reads every unit import reads (the one list): 座, 条, 公里/平方公里 …
    (Target("公园总数", "at_least", 165, "座"), "全区公园总数达到171座。", 171),
    (Target("路网密度", "at_least", 7.25, "公里/平方公里"), "路网密度达到7.4公里/平方公里。", 7.4),
    # a name of two words of two characters, the other way round
    (Target("完成土地供应", "at_least", 80, "公顷"), "全年供应土地80公顷。", 80),
    (Target("每年申请专利", "at_least", 2, "万件"), "全年专利申请量2.6万件。", 2.6),
    (Target("空气质量优良天数比例", "at_least", 97, "%"), "优良天数占比97.0%。", 97.0),
    # a name without where it is counted
    (Target("港口集装箱吞吐量", "at_least", 3050, "万标箱"), "集装箱吞吐量达3339.9万标箱。", 3339.9),
    (Target("机场旅客吞吐量", "at_least", 5800, "万人次"), "全年旅客吞吐量6147.8万人次。", 6147.8),
    # what was created or developed is what was added
    (Target("创建污水零直排小区", "at_least", 2400, "个"), "新增污水零直排小区2443个。", 2443),
    (Target("发展科技型中小企业", "at_least", 25, "家"), "新增科技型中小企业60家。", 60),
])
def test_a_review_s_figure_is_found_in_the_units_and_names_it_is_written_in(target, text, actual):
    assert check_target("T-1", target, _review(text)).actual == actual
