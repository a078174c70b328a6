"""Cleaning a report's raw text: download-site clutter removed, hard-wrapped lines joined and run-together
paragraphs split, so that each paragraph, heading or numbered item stands on a line of its own. That text is what a
plan stores as report.txt and what every `line` number refers to, so it must come out the same for the same bytes.

Markers are recognised by the one grammar of text/outline.py.
"""

from __future__ import annotations

import re

from duban.text.numerals import CN_DIGITS, chinese_number
from duban.text.outline import marker_of, plain_heading_words

_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile("[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")
# A space between a figure and a Chinese character is typesetting (PDFs print "2021 年", "xx 街道"), not text.
_DIGIT_SPACE_RE = re.compile("(?<=[0-9０-９xX×%％]) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=[0-9０-９])")

# Whole lines that download sites and web pages wrap around a report.
_CLUTTER_LINE_RE = re.compile(
    r"^(?:"
    r"分享|下载文档|收藏|收起|展开|客服|关注|浏览记录|领取福利|侵权投诉|举报|上一页|下一页|返回顶部|打印|关闭窗口"
    r"|你可能关注的文档|相关文档|相关推荐|猜你喜欢|热门文档|此文档下载收益归作者所有|(?:点击)?下载(?:全文|本文档?)"
    r"|ID[:：]\s*\d+|大小[:：].*|页数[:：].*|格式[:：].*|时间[:：]\s*\d{4}-\d{1,2}-\d{1,2}.*|上传时间[:：].*"
    r"|收藏\s*分享.*|分享赚钱|网站客服[:：].*|客服(?:QQ|电话)?[:：].*|VIP.*|开通VIP.*|.*\d+(?:\.\d+)?\s*[KM]B.*\d+\s*页"
    r"|/\s*\d+|第?\s*\d+\s*/\s*\d+\s*页?|[-－—]\s*\d+\s*[-－—]|第\s*\d+\s*页\s*[,，]?\s*(?:共\s*\d+\s*页)?|共\d+页[,，]?\s*预览\d+页|还剩.*页未读.*|作者[:：].*(?:大小|格式|分类)[:：].*"
    r"|欢迎来到.*文库|.*由会员上传分享.*|.*文库\s*◆.*|.*记住我.*|admin\s.*|.*加入收藏.*|.*阅读时长.*"
    r"|微信扫码.*|扫码.*|扫一扫.*|\d{5,}|Public domain|false|true|展开>>\s*收起<<"
    r"|【返回.*】"
    r")$",
    re.IGNORECASE,
)
# A line that is only a file name: the download site's caption.
_FILE_NAME_LINE_RE = re.compile(r"^\S.{0,80}\.(?:docx?|pdf|txt|wps|pptx?|xlsx?)$", re.IGNORECASE)
# The start of a block that runs to the end of the page: site furniture after the report.
_TAIL_START_RE = re.compile(r"^(?:开通VIP|本作品是中华人民共和国的|本作品在.*属于公有领域|相关文章[:：]?$|上一篇[:：])")
# Blocks with a start line and an end line: the site's notice and its summary (a repeat of the report's start).
_BLOCKS = (
    (re.compile(r"^温馨提示[:：]?"), re.compile(r"^(?:网站客服|客服)[:：]?.*|.*请联系客服处理。?$")),
    (re.compile(r"^摘要[:：]"), re.compile(r"^展开>>\s*收起<<$|^.*\.(?:docx?|pdf)$")),
    (re.compile(r"^注：中文维基文库"), re.compile(r"^具有立法、行政、司法性质的文件。?$")),
)
_INLINE_CLUTTER = (
    re.compile(r"[(（]第\s*\d+\s*/\s*\d+\s*页[)）]"),
    re.compile(r"[(（]转载请注明[^)）]*[)）]"),
    re.compile(r"[^。！？\s]{0,30}相关文章列表[:：].*?(?:【返回[^】]*】|$)"),
)
# A per-cent sign a web page's converter wrote as _M_M_ (增长13.3_M_M_): read as the sign it stands for.
_MANGLED_PERCENT_RE = re.compile(r"(?<=[0-9])_M_M_")
# A line of search tags: "2023 卫生 计生 工作会议 工作报告".
_TAG_LINE_RE = re.compile(r"^(?:[^\s|]{1,4}\s+){3,}[^\s|]{1,4}$")


def clean_text(raw: str) -> str:
    """The report's own text, one paragraph / heading / item per line, ending with a newline."""
    text = _INVISIBLE_RE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    text = _MANGLED_PERCENT_RE.sub("%", text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    lines = [_DIGIT_SPACE_RE.sub("", line) for line in _drop_clutter(lines)]  # after: a tag line is spaced words
    lines = [line for line in _unpage(lines) if line]  # a page chunk's number alone ("12、") leaves nothing
    paragraphs = _join_wrapped(lines)
    out: list[str] = []
    for paragraph in paragraphs:
        for inline in _INLINE_CLUTTER:
            paragraph = inline.sub("", paragraph).strip()
        out.extend(part for part in split_paragraph(paragraph) if part)
    out = _split_top_level(out)
    out = [part for line in out for part in _split_glued_heading(line)]
    return "".join(line + "\n" for line in out)


def _drop_clutter(lines: list[str]) -> list[str]:
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _TAIL_START_RE.match(line):
            break
        block_end = next((end for start, end in _BLOCKS if start.match(line)), None)
        if block_end is not None:
            stop = next((j for j in range(index + 1, min(len(lines), index + 60)) if block_end.match(lines[j])), None)
            if stop is not None:
                index = stop + 1
                continue
        if line and not _CLUTTER_LINE_RE.match(line) and not _FILE_NAME_LINE_RE.match(line) \
                and not _TAG_LINE_RE.match(line):
            kept.append(line)
        index += 1
    return kept


_PAGE_CHUNK_RE = re.compile(r"^(\d{1,3})、")


def _unpage(lines: list[str]) -> list[str]:
    """Preview sites number their page chunks "1、… 2、…" and cut them mid-sentence; remove those numbers.

    Chunks are recognised by numbers running 1, 2, 3 … over long lines that mostly follow a line cut mid-sentence.
    """
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines) if (m := _PAGE_CHUNK_RE.match(line))]
    if len(numbered) < 3 or [n for _, n in numbered] != list(range(1, len(numbered) + 1)):
        return lines
    long_lines = sum(1 for i, _ in numbered if len(lines[i]) > 150)
    cut_before = sum(1 for i, _ in numbered[1:] if not _ends_sentence(lines[i - 1]))
    if long_lines < len(numbered) - 1 or cut_before < (len(numbered) - 1) * 0.6:
        return lines
    chunks = {i for i, _ in numbered}
    return [_PAGE_CHUNK_RE.sub("", line) if i in chunks else line for i, line in enumerate(lines)]


# --- re-flowing -----------------------------------------------------------------------------------

_CN = CN_DIGITS
_TERMINAL = "。！？!?；;：:…"
_CLOSERS = "”’」』）)〞"
_CELL_SEPARATOR = " | "  # table rows (from .docx) are lines of their own
_CONTINUATION = "、，,。；;：:）)」”"  # a line starting with these goes on from the line before
_SALUTATION_RE = re.compile(r"^(?:各位代表|同志们|各位委员|各位领导)[：:！!，,]")
_TITLE_END_RE = re.compile(r"(?:总结|报告|计划|打算|安排|要点|回顾|讲话|方案|通知|意见)$")
_HAN = "\u4e00-\u9fff"


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_heading(line: str, wrap_width: int | None = None, next_line: str = "") -> bool:
    """A short numbered heading ("三、2017年重点工作任务") or a short title line: never continued by the next line.

    In a hard-wrapped text a line as long as the wrap width was cut by the wrap, whatever it starts with.
    """
    if (wrap_width and len(line) >= wrap_width - 3) or len(line) <= 3:  # "——" alone leads into its text
        return False
    # In a hard-wrapped text a long line of clauses was more likely cut by the wrap; in a text that is not
    # wrapped, a numbered line without a full stop is a heading ("（一）坚持以…为战略引擎，全力构建…新格局").
    # A short sentence end after it ("两个医联体。") is the tail of a sentence the line was cut from.
    wrapped = bool(wrap_width) or (len(next_line) <= 15 and _ends_sentence(next_line))
    limit = (30 if re.search("[,，;；]", line) else 40) if wrapped else 60
    if len(line) <= limit and marker_of(line) and not line.startswith("——") and "。" not in line[:-1]:
        return True
    if not wrap_width and len(next_line) > 2 * len(line) and plain_heading_words(line):
        return True  # 未来五年工作 on a line of its own, a paragraph after it: an unnumbered part heading
    return len(line) <= 30 and bool(_TITLE_END_RE.search(line))


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at: when most lines cut mid-sentence share about one length."""
    from collections import Counter

    cut = [len(line) for line in lines if len(line) >= 12 and not _ends_sentence(line)]
    if len(cut) < 5 or len(cut) < len(lines) * 0.4:
        return None
    width, _ = Counter(cut).most_common(1)[0]
    near = sum(1 for n in cut if abs(n - width) <= 3)
    return width if near >= len(cut) * 0.5 else None


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join lines cut mid-sentence (hard wraps, page breaks, links split out of a web page) into paragraphs."""
    paragraphs: list[str] = []
    wrap_width = _wrap_width(lines)
    for line in lines:
        if paragraphs and (line[0] in _CONTINUATION or not _ends_sentence(paragraphs[-1])
                           and not _is_heading(paragraphs[-1], wrap_width, line)
                           and not marker_of(line) and not _SALUTATION_RE.match(line)
                           and _CELL_SEPARATOR not in line and _CELL_SEPARATOR not in paragraphs[-1]):
            previous = paragraphs[-1]
            glue = " " if previous[-1].isascii() and previous[-1].isalpha() and line[0].isascii() \
                and line[0].isalpha() else ""
            paragraphs[-1] = previous + glue + line
        else:
            paragraphs.append(line)
    return paragraphs


_PARA_SPLIT_RE = re.compile(
    # a space between two Chinese characters: a lost line break (spaces mean nothing inside Chinese text)
    rf"(?<=[{_HAN}。！？；：:”〞」）)])\s+(?=[{_HAN}“〝「（(])"
    # a numbered item or "一是" run into the previous sentence
    rf"|(?<=[。！？：:])(?=\d{{1,2}}[.．、][^\d\s]|[{_CN}]{{1,2}}是|第[{_CN}]{{1,2}}[，,、]|[①-⑳]|[（(][{_CN}]{{1,3}}[)）])"
    # a "(二)" heading glued to the heading before it
    rf"|(?<=[{_HAN}])(?=[（(][{_CN}]{{1,3}}[)）][{_HAN}])"
)


def split_paragraph(paragraph: str) -> list[str]:
    """Split a paragraph where the source lost its line breaks: at spaces between Chinese text and before markers;
    a marker and its heading stay together (the space in "（一） 以经济结构调整促发展" is the writer's, not a lost
    line break)."""
    parts: list[str] = []
    for part in (part.strip() for part in _PARA_SPLIT_RE.split(paragraph)):
        if parts and _is_bare_marker(parts[-1]):
            parts[-1] += part
        elif parts and parts[-1].count("“") > parts[-1].count("”") and _closes_a_quote(part):
            parts[-1] += " " + part  # no paragraph ends inside a quotation: “我实践 我文明”, “山海连城 绿美宝安”
        else:
            parts.append(part)
    return parts


def _closes_a_quote(text: str) -> bool:
    """Whether the text closes a quotation before it opens one (我文明”系列活动…)."""
    close = text.find("”")
    return close >= 0 and not 0 <= text.find("“") < close


def _is_bare_marker(text: str) -> bool:
    found = marker_of(text)
    return found is not None and found.end >= len(text)


_TOP_RE = re.compile(rf"(?<![{_CN}第、])([{_CN}]{{1,3}})、(?![{_CN}])")


def _split_top_level(lines: list[str]) -> list[str]:
    """Split before top-level headings "二、" run into the text, accepting only the next number in sequence.

    Sequence keeps "一、二类疫苗" and the like from being taken for headings.
    """
    expected = 1
    out: list[str] = []
    for line in lines:
        pieces = []
        start = 0
        for match in _TOP_RE.finditer(line):
            number = chinese_number(match.group(1))
            before = line[match.start() - 1] if match.start() else ""
            if number == expected and (not before or before in _TERMINAL + _CLOSERS or number == 1):
                expected += 1
                if match.start() > start:
                    pieces.append(line[start:match.start()])
                    start = match.start()
            elif match.start() == 0 and number is not None and number > expected:
                expected = number + 1  # a report that starts mid-way (a page of a longer document)
        pieces.append(line[start:])
        for piece in pieces:
            piece = piece.strip()
            run = _HEADING_RUN_RE.match(piece)
            out.extend([run.group(1), piece[run.end(1):]] if run else [piece] if piece else [])
    return out


# A top-level heading with its first sub-item run into it: "二、存在的主要困难和问题一是卫生事业发展……"
_HEADING_RUN_RE = re.compile(rf"^([{_CN}]{{1,3}}、[^。！？]{{2,40}}?)(?:一是|[（(]一[)）]|1[.．、][^\d])")


# What starts the first sentence of a part: the text a part heading was glued to when its line break was lost.
_PART_OPENING_RE = re.compile(r"(?:19|20)[0-9]{2}年(?:是|，|,|以来|来|，我们|我们)|今年是|过去一年|一年来|五年来|新的一年|面对|回顾过去")


_YEAR_OPENING_RE = re.compile(r"(?<![0-9])(?:(?:19|20)[0-9]{2}年|今年)是")
# A sentence that runs into its year is no glued heading: 总体目标是：到2020年，… (a colon inside, a 到 before the year).
_RUNS_INTO_ITS_YEAR = re.compile(r"[：:].|[到至在于从]$")


def _split_glued_heading(line: str) -> list[str]:
    """"2024年重点工作2024年是……" → the heading, then its first sentence (a lost line break, common in web copies)."""
    found = marker_of(line)
    start = found.end if found is not None and found.kind in ("part", "cn") else 0
    for end in reversed(range(start + 4, min(len(line) - 4, start + 33))):  # the longest heading
        if _PART_OPENING_RE.match(line, end) and plain_heading_words(line[start:end]) \
                and not _RUNS_INTO_ITS_YEAR.search(line[start:end]):
            return [line[:end], line[end:]]
    if start:  # a numbered chapter heading of several clauses glued to its first sentence: 三、永葆…开好局、起好步
        found_year = _YEAR_OPENING_RE.search(line, start + 8, start + 90)  # 2021年是“十四五”规划开局之年…
        if found_year and not re.search("[。；;！？]", line[start:found_year.start()]):
            return [line[:found_year.start()], line[found_year.start():]]
    return [line]
