"""Reports as offices send them: a PDF printed by a real Chromium and an old Word .doc import as their .txt does."""

import html
import shutil
from pathlib import Path

import pytest

from duban.errors import BadInput
from duban.plan.items import extract_items
from duban.report.clean import clean_text
from duban.report.formats import read_report
from duban.report.pdftext import best_text, readable, unify_radicals, unwrap_full_lines
from duban.report.sections import read_report_text
from duban.report.wordfiles import read_old_word
from duban.text.dates import parse_period
from sample_reports import DATA, local, seeds

YEAR = parse_period("2019")


def items_or_refusal(text):
    """What import makes of a report's text: its items, or that it has no plan part."""
    reading = read_report_text(text)
    if not reading.plan_blocks():
        return "no plan section"
    return [(i.title, i.category, i.detail, i.owner, i.co_owners, i.due, i.due_basis, i.targets)
            for i in extract_items(text, YEAR, reading=reading)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Each seed printed to PDF by headless Chromium, one paragraph per line of its .txt, as a browser prints it."""
    from duban.views.pdf import BrowserMissing, find_browser, html_to_pdf

    try:
        find_browser()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    folder = tmp_path_factory.mktemp("printed")
    for seed in seeds():
        body = "".join(f"<p>{html.escape(line)}</p>" for line in seed.read_text(encoding="utf-8").splitlines())
        html_to_pdf(f"<!doctype html><meta charset=utf-8><style>body{{font-family:'Noto Sans CJK SC',sans-serif;"
                    f"font-size:12pt}}</style>{body}", folder / f"{seed.stem}.pdf")
    return folder


@pytest.mark.parametrize("seed", seeds(), ids=lambda p: p.stem[:3])
def test_a_pdf_printed_by_chromium_imports_the_same_items_as_the_txt(printed, seed):
    from_pdf = read_report(printed / f"{seed.stem}.pdf").text
    assert "⼒" not in from_pdf and "⻚" not in from_pdf
    assert items_or_refusal(from_pdf) == items_or_refusal(read_report(seed).text)


@pytest.mark.parametrize("seed", seeds(), ids=lambda p: p.stem[:3])
def test_an_old_word_doc_imports_the_same_items_as_the_txt(seed):
    doc = DATA / "doc" / f"{seed.stem}.doc"
    if not any(shutil.which(name) for name in ("soffice", "antiword", "catdoc")):
        pytest.skip("no .doc converter installed (apt-get install antiword)")
    assert read_report(doc).text == read_report(seed).text


@pytest.mark.parametrize("converter", ["soffice", "antiword", "catdoc"])
def test_each_converter_reads_the_same_text(converter, tmp_path):
    program = shutil.which(converter)
    if program is None:
        pytest.skip(f"{converter} is not installed")
    (tmp_path / converter).symlink_to(program)
    doc = DATA / "doc" / "000_39b622c591527ef1.doc"
    kind, converted = read_old_word(doc.read_bytes(), doc, env_path=str(tmp_path))
    assert kind == ("docx" if converter == "soffice" else "text")
    if kind == "text":
        assert "圆满完成市区综合考核工作" in converted


def test_without_a_converter_the_error_says_what_to_install(tmp_path):
    doc = DATA / "doc" / "000_39b622c591527ef1.doc"
    with pytest.raises(BadInput) as error:
        read_old_word(doc.read_bytes(), Path("报告.wps"), env_path=str(tmp_path))
    assert error.value.message == ("报告.wps: old Word .wps files need a converter: install LibreOffice (apt-get "
                                   "install libreoffice-writer-nogui), antiword or catdoc, or save it as .docx")


def test_radicals_from_pdf_fonts_become_the_ideographs_shown():
    assert unify_radicals("全⼒推动…重点项⽬，⻘岛⻚数，⼊⼾") == "全力推动…重点项目，青岛页数，入户"
    assert unify_radicals("２０１９年﹪，") == "２０１９年﹪，"  # typed by the author: as in the .txt


def test_lines_that_fill_the_width_are_the_pages_wrap():
    full = "一二三四五六七八九十" * 4  # 80 cells: the text width
    page = [full[:-1] + "，", full[:-1] + "。", "短的末行。"] * 3 + [
        full[:-9] + "完成应急保障任务。", "下一段的开头。", "word one " + "x" * 70, "two"]
    assert unwrap_full_lines("\n".join(page)).split("\n") == [full[:-1] + "，" + full[:-1] + "。短的末行。"] * 3 + [
        full[:-9] + "完成应急保障任务。下一段的开头。", "word one " + "x" * 70 + " two"]
    assert unwrap_full_lines("甲。\n乙。") == "甲。\n乙。"  # too few lines to tell a width


def test_a_heading_after_a_full_line_that_ends_its_sentence_stays_a_line_of_its_own():
    full = "一二三四五六七八九十" * 4
    page = [full[:-1] + "。", "一、2021 年以来工作回顾", full[:-1] + "，", "短的末行。"] * 3
    assert unwrap_full_lines("\n".join(page)).split("\n") == [
        full[:-1] + "。", "一、2021 年以来工作回顾", full[:-1] + "，短的末行。"] * 3


def test_the_spaces_a_pdf_prints_between_figures_and_chinese_are_not_text():
    # LibreOffice's PDFs read "2021 年", "xx 街道": the plan's year must still be found in its heading
    text = clean_text("区政府工作报告\n一、2021 年工作回顾\n完成投资 100 亿元，xx 街道建成。\n二、2022 年工作安排\n"
                      "（一）推进产业升级。\n（二）完善交通。\n")
    assert text.split("\n")[1:4] == ["一、2021年工作回顾", "完成投资100亿元，xx街道建成。", "二、2022年工作安排"]
    assert [s.kind for s in read_report_text(text).sections] == ["other", "review", "plan"]
    assert clean_text("PM2.5 浓度 35 微克/立方米，GDP 增长 6%。") == "PM2.5浓度35微克/立方米，GDP 增长6%。\n"


def test_a_full_line_of_many_figures_is_the_pages_wrap_too():
    # figures and % are set wider than half a Chinese character: such a line counts fewer cells than it fills
    full = "一二三四五六七八九十" * 4 + "一二三四"  # 88 cells
    figures = "社会消费品零售总额增长7.5%左右；固定资产投资总额增长10%左右；规上工业增长6.5%左右；"  # 83 cells
    page = [full[:-1] + "，", "短的末行。"] * 4 + [figures, "居民收入与经济增长基本同步。"]
    assert unwrap_full_lines("\n".join(page)).split("\n")[-1] == figures + "居民收入与经济增长基本同步。"


def test_the_first_lines_of_indented_paragraphs_are_full_two_characters_short():
    # 首行缩进2字符: a text layer drops the indent, so a paragraph's full first line reads four cells short
    full = "一二三四五六七八九十" * 4
    opening, heading = full[:-2] + "，", "（一）推进产业升级"
    page = [heading, opening, full[:-1] + "，", "短的末行。", "“新的”段落" + full[:-8] + "，", "完。"] * 3
    assert unwrap_full_lines("\n".join(page)).split("\n") == [
        heading, opening + full[:-1] + "，短的末行。", "“新的”段落" + full[:-8] + "，完。"] * 3


def test_the_spaces_a_text_layer_puts_where_the_font_changes_are_not_text(monkeypatch):
    from duban.report import pdftext

    monkeypatch.setattr(pdftext, "poppler_text", lambda data, env_path=None: None)
    assert best_text("新建5G 基站2000个，GDP 增长 6.5%，RCEP 区域（ 山东）", b"") == (
        "新建5G基站2000个，GDP增长6.5%，RCEP区域（ 山东）")
    assert best_text("word one two", b"") == "word one two"


@pytest.mark.parametrize("name", ["shenzhen-districts/龙岗区-2023.txt", "cities/临沂-2024.txt"])
def test_a_pdf_saved_by_libreoffice_imports_the_same_items_and_targets_as_the_txt(name, tmp_path):
    import subprocess

    report = local(name)
    program = shutil.which("soffice")
    if program is None:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "report.txt"
    source.write_bytes(report.read_bytes())
    subprocess.run([program, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=300)
    from_pdf = read_report(tmp_path / "report.pdf").text
    assert items_or_refusal(from_pdf) == items_or_refusal(read_report(report).text)


def test_poppler_is_used_only_where_it_reads_more(monkeypatch):
    from duban.report import pdftext

    monkeypatch.setattr(pdftext, "poppler_text", lambda data, env_path=None: "全力推动重点项目")
    assert best_text("\ufffd\ufffd推动", b"") == "全力推动重点项目"
    assert best_text("全力推动重点项目建设", b"") == "全力推动重点项目建设"
    assert readable("a\ufffd") < readable("a")


def test_the_reportlab_pdf_still_reads_where_poppler_finds_no_text():
    assert "全力做好创建国家卫生城市复审工作" in read_report(DATA / "plan.pdf").text
