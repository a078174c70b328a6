"""Reading reports as they come: encodings, formats, site clutter, re-flowed lines, unreadable files."""

import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban.errors import BadInput
from duban.report.formats import clean_text, read_report
from sample_reports import DATA, SEEDS, report_path

REPORTS = DATA / "reports"
SEED = {n: next(SEEDS.glob(f"{n}_*.txt")) for n in ("000", "001", "002", "003", "004")}
CLUTTER = ("下载文档", "VIP", "侵权投诉", "扫码", "收藏", "ID:", "大小:", "页数:", "温馨提示", "网站客服",
           "此文档下载收益归作者所有", "相关文章列表", "第3/4页", "/ 5", "摘要", "Public domain", "转载请注明")


def lines_of(name):
    return read_report(SEED.get(name) or report_path(name)).lines


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:8])
def test_real_reports_lose_their_clutter_and_keep_no_blank_lines(path):
    report = read_report(path)
    for word in CLUTTER:
        assert word not in report.text, word
    assert "" not in report.lines
    assert not re.search("[\u200b-\u200f\ufeff]", report.text)
    assert report.text.endswith("\n")
    assert report.name == path.name
    assert len(report.sha256) == 64


def test_one_line_report_is_split_into_headings_and_items():
    lines = lines_of("000")
    assert len(lines) == 33
    assert lines[1] == "一、xxxx年上半年工作回顾"
    assert lines[2] == "(一)亮点工作总结。"
    assert lines[18] == "二、存在的主要问题"
    assert lines[21] == "三、xxxx年下半年工作打算"
    assert lines[22] == "(一)重点工作打算。"
    assert lines[23].startswith("1.圆满完成市区综合考核工作。xxxx年区卫计局")
    assert lines[29] == "(二)其他工作打算。"
    assert lines[32].endswith("提高群众满意度。")


def test_space_separated_paragraphs_are_split():
    lines = lines_of("001")
    assert lines[:2] == ["卫生计生工作会议上的工作报告", "同志们:"]
    assert "一、关注民生,深化改革,xx年全区卫生计生工作取得明显成效" in lines
    assert "二、深化医改、实干惠民,努力开创卫生计生事业开展新局面" in lines
    assert lines[-1].startswith("二是抓住着力点,不断深化公立医院改革。")


def test_hard_wrapped_ocr_text_is_joined_and_its_summary_repeat_dropped():
    lines = lines_of("002")
    numbered = [line for line in lines if re.match(r"^\d\.", line)]
    assert [line[:2] for line in numbered] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert "毫不放松抓紧抓实抓细各项防控工作" in numbered[0]
    assert numbered[1].startswith("2.牵头制定《进一步推进全区卫生健康事业高品质发展的实施意见》")
    assert lines[-1].endswith("健康促进和生育关")  # the body's own end: the 摘要 repeat is gone


def test_preview_page_numbers_and_related_links_are_removed():
    lines = lines_of("003")
    assert "二、存在的主要困难和问题" in lines
    assert lines[-1].startswith("三是卫生人才匮乏。")
    assert not any(re.match(r"^\d、", line) for line in lines)
    assert "参合率达到了9&5%,共计报销医药费953.51万元。" in "".join(lines)


def test_web_page_header_and_footer_are_removed():
    lines = lines_of("004")
    assert lines[0] == "XX区2022年度卫生健康工作总结"
    assert lines[1].startswith("(六)老年健康服务体系不断完善。")
    assert lines[-1].startswith("(六)行业的平安稳定得到有力保障。")


def test_a_per_cent_sign_a_web_converter_wrote_as_a_token_is_read_as_the_sign():
    # 顺平-2008 as copied from the web: every % is _M_M_, and its targets were lost
    text = clean_text("生产总值增长12_M_M_以上，全社会固定资产投资增长13.6_M_M_；乡镇100_M_M_通电话。\n")
    assert text == "生产总值增长12%以上，全社会固定资产投资增长13.6%；乡镇100%通电话。\n"
    assert clean_text("变量名_M_M_不动\n") == "变量名_M_M_不动\n"  # only after a figure


def test_links_split_out_of_a_web_page_are_joined_back():
    lines = lines_of("gwr-2017.txt")
    assert lines[0] == "政府工作报告"
    assert lines[6].startswith("党的十八届六中全会正式明确习近平总书记的核心地位")
    assert "——改革开放深入推进。" in "\n".join(lines)
    assert "三、2017年重点工作任务" in lines


def test_gb18030_gbk_and_bom_read_the_same_as_utf8(tmp_path):
    original = SEED["000"].read_text(encoding="utf-8")
    expected = read_report(SEED["000"]).text
    for encoding, prefix in (("gb18030", b""), ("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b"")):
        path = tmp_path / f"report-{encoding}.txt"
        path.write_bytes(prefix + original.encode(encoding))
        assert read_report(path).text == expected, encoding


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("区卫生健康局2019年上半年工作总结")
    document.add_paragraph("二、下半年工作打算")
    document.add_paragraph("1.全力做好创建国家卫生城市复审工作。年底前完成。")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "工作任务", "责任单位")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "推进医联体建设", "医政科")):
        cell.text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    assert read_report(path).lines == ["区卫生健康局2019年上半年工作总结", "二、下半年工作打算",
                                       "1.全力做好创建国家卫生城市复审工作。年底前完成。",
                                       "序号 | 工作任务 | 责任单位", "1 | 推进医联体建设 | 医政科"]


def test_pdf_text_layer_is_read_and_reflowed():
    report = read_report(DATA / "plan.pdf")
    assert report.lines == ["区卫生健康局2019年上半年工作总结", "一、上半年工作回顾", "完成了x处急救点场地装修。",
                            "二、下半年工作打算", "1.全力做好创建国家卫生城市复审工作。年底前完成复审迎检准备。",
                            "2.全面推进家庭医生签约服务。签约服务覆盖率达到30%以上。"]


def test_saved_web_page_in_gbk_keeps_only_the_visible_text(tmp_path):
    page = ("<html><head><meta charset=\"gbk\"><title>工作总结</title><style>p{color:red}</style></head><body>"
            "<nav>首页 | 下载文档</nav><script>var x = '扫码';</script>"
            "<h1>区卫生健康局2019年上半年工作总结</h1><p>一、上半年工作回顾</p><p>完成了急救点建设。</p>"
            "<div>二、下半年工作打算</div><p>1.推进医联体建设。年底前完成。</p><div>微信扫码分享</div>"
            "</body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    assert read_report(path).lines == ["区卫生健康局2019年上半年工作总结", "一、上半年工作回顾",
                                       "完成了急救点建设。", "二、下半年工作打算", "1.推进医联体建设。年底前完成。"]


def test_no_paragraph_ends_inside_a_quotation():
    text = clean_text("一、工作回顾\n扎实推进“我实践 我文明”系列活动，打造“山海连城 绿美宝安”品牌。\n二、工作计划\n"
                      "1.推进“某某。2.加强管理。\n")
    assert text.split("\n")[1:5] == ["扎实推进“我实践 我文明”系列活动，打造“山海连城 绿美宝安”品牌。", "二、工作计划",
                                     "1.推进“某某。", "2.加强管理。"]  # an unclosed quote keeps no item from its own line


def test_a_text_file_saved_as_a_web_page_keeps_its_lines(tmp_path):
    # LibreOffice saves a .txt as one <pre>, its figures outside the spans of Chinese text: each line is a paragraph
    page = ("<html><body><pre class=\"western\"><font><span>区政府工作报告</span></font>\n\n"
            "2023<font><span>年工作回顾</span></font>\n\n2023<font><span>年，完成了建设。</span></font>\n\n"
            "<font><span>二、</span></font>2024<font><span>年工作安排</span></font>\n</pre></body></html>")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    assert read_report(path).lines == ["区政府工作报告", "2023年工作回顾", "2023年，完成了建设。", "二、2024年工作安排"]


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x00\x01\x02\x03" * 50, "not a text file"),
    ("report.xyz", "一、工作回顾".encode(), "unknown file type '.xyz'"),
    ("report.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 64, "not a Word document (no WordDocument stream)"),
    ("broken.pdf", b"%PDF-1.4\n garbage", "not a readable .pdf"),
    ("numbers.txt", b"123 456\n", "holds no readable text"),
])
def test_unreadable_files_raise_bad_input_naming_the_file(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(BadInput) as error:
        read_report(path)
    assert message in error.value.message
    assert name in error.value.message
    assert "\n" not in error.value.message


def test_truncated_docx_and_missing_file(tmp_path):
    docx = pytest.importorskip("docx")
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[:400])
    with pytest.raises(BadInput, match=r"cut\.docx: not a readable \.docx"):
        read_report(path)
    with pytest.raises(BadInput, match=r"nothere\.txt: cannot read"):
        read_report(tmp_path / "nothere.txt")


def test_clean_text_is_stable():
    text = read_report(SEED["001"]).text
    assert clean_text(text) == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".docx", ".pdf", ".html", ".mht", ".doc", ""]))
def test_arbitrary_bytes_give_a_report_or_bad_input(tmp_path, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    try:
        report = read_report(path)
    except BadInput as error:
        assert "\n" not in error.message
    else:
        assert report.text.endswith("\n")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.。，是年计划打算问题回顾 \n工作xX①第：")), max_size=300))
def test_clean_text_never_fails_on_report_like_text(text):
    cleaned = clean_text(text)
    assert cleaned == "" or cleaned.endswith("\n")
    assert "\n\n" not in cleaned


def test_docx_automatic_list_numbers_are_put_back(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("二、下半年工作打算")
    document.add_paragraph("全力做好创建国家卫生城市复审工作。年底前完成。", style="List Number")
    document.add_paragraph("进一步提升中医药服务能力。", style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert read_report(path).lines == ["二、下半年工作打算", "1.全力做好创建国家卫生城市复审工作。年底前完成。",
                                       "2.进一步提升中医药服务能力。", "要点"]


def test_chinese_numerals_for_word_lists():
    from duban.report.formats import chinese_numeral

    assert [chinese_numeral(n) for n in (1, 10, 12, 20, 23, 100)] == ["一", "十", "十二", "二十", "二十三", "100"]


def test_docx_chinese_list_numbers(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    first = document.add_paragraph("推动重要领域改革取得新突破。", style="List Number")
    document.add_paragraph("开创高水平对外开放新局面。", style="List Number")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    num_id = str(first.style.element.pPr.numPr.numId.val)
    root = document.part.numbering_part.element
    instance = next(n for n in root.findall(f"{w}num") if n.get(f"{w}numId") == num_id)
    abstract_id = instance.find(f"{w}abstractNumId").get(f"{w}val")
    abstract = next(a for a in root.findall(f"{w}abstractNum") if a.get(f"{w}abstractNumId") == abstract_id)
    level = next(lvl for lvl in abstract.findall(f"{w}lvl") if lvl.get(f"{w}ilvl") == "0")
    level.find(f"{w}numFmt").set(f"{w}val", "chineseCounting")
    level.find(f"{w}lvlText").set(f"{w}val", "（%1）")
    path = tmp_path / "chinese.docx"
    document.save(path)
    assert read_report(path).lines == ["（一）推动重要领域改革取得新突破。", "（二）开创高水平对外开放新局面。"]


def test_downloads_named_doc_or_txt_are_read_by_what_they_hold(tmp_path):
    page = "<html><body><p>二、下半年工作打算</p><p>1.推进医联体建设。</p></body></html>"
    (tmp_path / "plan.doc").write_text(page, encoding="utf-8")
    assert read_report(tmp_path / "plan.doc").lines == ["二、下半年工作打算", "1.推进医联体建设。"]
    (tmp_path / "plan.txt").write_bytes((DATA / "plan.pdf").read_bytes())
    assert read_report(tmp_path / "plan.txt").lines[0] == "区卫生健康局2019年上半年工作总结"
    (tmp_path / "plan").write_bytes("二、下半年工作打算\n".encode("gb18030"))
    assert read_report(tmp_path / "plan").lines == ["二、下半年工作打算"]
    (tmp_path / "old.rtf.doc").write_bytes(b"{\\rtf1\\ansi hello}")
    with pytest.raises(BadInput, match="RTF files cannot be read"):
        read_report(tmp_path / "old.rtf.doc")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_text_cleans_and_extracts_without_error(text):
    from duban.text.dates import parse_period
    from duban.plan.items import extract_items, find_period

    cleaned = clean_text(text)
    for item in extract_items(cleaned, parse_period("2019H2")):
        assert item.title
    find_period(cleaned)


def test_pdf_page_numbers_are_dropped_and_the_page_break_joined():
    raw = ("1.推进医联体建设,加强与市级医院的协作,完善双向转诊制度,年底前组建\n- 2 -\n第 2 页 共 5 页\n两个医联体。\n"
           "2.做好复审工作。\n")
    assert clean_text(raw) == "1.推进医联体建设,加强与市级医院的协作,完善双向转诊制度,年底前组建两个医联体。\n2.做好复审工作。\n"


def test_a_marker_keeps_the_heading_a_space_parts_it_from():
    from duban.report.clean import split_paragraph

    assert split_paragraph("（一） 以经济结构调整促发展，提高整体经济素质。") == ["（一）以经济结构调整促发展，提高整体经济素质。"]
    assert split_paragraph("做好迎检工作。 （二） 拓展国内市场。") == ["做好迎检工作。", "（二）拓展国内市场。"]
    assert split_paragraph("深化改革 扩大开放") == ["深化改革", "扩大开放"]


def test_a_page_chunk_number_alone_on_its_line_leaves_no_empty_paragraph():
    # a preview site's chunks 1、 2、 3、 cut mid-sentence; the last number stands alone once its chunk is cut off
    raw = "1、" + "一" * 160 + "\n2、" + "二" * 160 + "\n3、\n"
    text = clean_text(raw)
    assert text == "一" * 160 + "二" * 160 + "\n"


def test_an_unnumbered_part_heading_on_its_own_line_stays_a_heading():
    text = ("各位代表，我们也要清醒看到发展中存在的问题。\n未来五年工作\n"
            "今后五年区政府工作的总体思路是：深入贯彻落实各项决策部署，推动高质量发展，建设现代化国际化城区。\n")
    assert clean_text(text).splitlines()[1:3] == [
        "未来五年工作", "今后五年区政府工作的总体思路是：深入贯彻落实各项决策部署，推动高质量发展，建设现代化国际化城区。"]


def test_a_sentence_that_runs_into_its_year_is_not_split_as_a_glued_heading():
    text = "今后五年区政府工作的总体目标是：到2020年，全面完成“十三五”各项指标任务，地区生产总值达到4100亿元以上。\n"
    assert clean_text(text) == text


def test_a_long_numbered_heading_glued_to_its_first_sentence_is_parted_from_it():
    text = ("三、永葆“闯”的精神、“创”的劲头、“干”的作风，全力做好2021年各项工作，在新征程中开好局、起好步"
            "2021年是“十四五”规划开局之年。今年工作的总体要求是：推动高质量发展。\n")
    assert clean_text(text).splitlines() == [
        "三、永葆“闯”的精神、“创”的劲头、“干”的作风，全力做好2021年各项工作，在新征程中开好局、起好步",
        "2021年是“十四五”规划开局之年。今年工作的总体要求是：推动高质量发展。"]
