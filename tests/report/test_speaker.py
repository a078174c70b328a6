"""Who a report speaks for, and whether two names are one organisation."""

from duban.report.speaker import other_speaker, place, same_org, speaker


def test_the_speaker_is_read_from_the_head_of_the_report():
    assert speaker("各位代表：\n现在，我代表罗湖区人民政府，向大会报告政府工作，请予审议。") == "罗湖区人民政府"
    assert speaker("区卫生健康局2019年工作总结") == ""


def test_places_and_levels():
    assert place("罗湖区人民政府") == ("罗湖", "区")
    assert place("坪山新区管委会") == ("坪山", "新区")
    assert place("市人民政府") == ("", "市")
    assert same_org("深圳市人民政府", "市人民政府") and not same_org("罗湖区人民政府", "宝安区人民政府")


def test_a_plan_report_that_names_only_its_level_gives_way_to_the_plan_s_organisation():
    own = "现在，我代表区人民政府向大会作政府工作报告，请予以审议。"
    other = "现在，我代表罗湖区人民政府，向大会报告政府工作。"
    assert other_speaker(other, own, "宝安区人民政府") == "罗湖区人民政府"
    assert other_speaker(other, own, "") == ""  # nothing says which 区 the plan is for
    assert other_speaker("现在，我代表宝安区人民政府，向大会报告政府工作。", own, "宝安区人民政府") == ""
