"""Reading a report as it really comes: .txt in any Chinese encoding, .docx, .pdf, .html or a saved web page.

The result is the report's clean text: download-site clutter removed, hard-wrapped lines joined and run-together
paragraphs split, one paragraph, heading or numbered item per line. That text is what a plan stores as report.txt
and what every `line` number refers to, so it must come out the same for the same bytes.

Heavy libraries (docx, pypdf, charset-normalizer) are imported inside the readers that need them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from duban.errors import BadInput

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mht", ".mhtml")
SUFFIXES = TEXT_SUFFIXES + (".docx", ".pdf") + HTML_SUFFIXES + MHTML_SUFFIXES


@dataclass(frozen=True)
class Report:
    name: str    # the file's name, as the plan records it
    text: str    # the clean text, one paragraph / heading / item per line, ending with a newline
    sha256: str  # of the original bytes

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_report(path) -> Report:
    """Read and clean one report; BadInput (naming the file) when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput("cannot_read", path=path, reason=error.strerror or str(error)) from None
    if not data.strip():
        raise BadInput("empty_file", path=path)
    raw = extract_text(data, path)
    text = clean_text(raw)
    if not any(ch.isalpha() for ch in text):
        raise BadInput("no_text", path=path)
    return Report(name=path.name, text=text, sha256=hashlib.sha256(data).hexdigest())


def extract_text(data: bytes, path: Path) -> str:
    """The raw text of a file's bytes, by its extension (or by its first bytes when it has none)."""
    suffix = path.suffix.lower()
    sniffed = _sniff(data)
    if not suffix or (suffix in TEXT_SUFFIXES + (".doc",) and sniffed != ".txt"):
        suffix = sniffed  # a download named .doc or .txt that is really a .docx, a PDF or a web page
    if suffix in TEXT_SUFFIXES:
        return decode_text(data, path)
    if suffix == ".docx":
        return _read_docx(data, path)
    if suffix == ".pdf":
        return _read_pdf(data, path)
    if suffix in HTML_SUFFIXES:
        return html_to_text(decode_text(data, path, _html_charset(data)))
    if suffix in MHTML_SUFFIXES:
        return _read_mhtml(data, path)
    if suffix == ".doc":
        raise BadInput("old_doc", path=path)
    if suffix == ".rtf":
        raise BadInput("rtf_file", path=path)
    raise BadInput("unknown_file_type", path=path, suffix=suffix)


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if head[:15].lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    if head.lower().startswith(b"mime-version:"):
        return ".mht"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    return ".txt"


# --- plain text ---------------------------------------------------------------------------------

def decode_text(data: bytes, path: Path, declared: str | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, else what charset-normalizer finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"), path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), path)
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding != "gb18030" or _looks_chinese(text):
            return _checked(text, path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("not_text_encoding", path=path)
    return _checked(str(best), path)


def _looks_chinese(text: str) -> bool:
    """GB18030 decodes most byte soup; accept it only when the non-ASCII part is mostly common Chinese."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return True
    common = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
    return common / len(wide) > 0.9


def _checked(text: str, path: Path) -> str:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise BadInput("not_text_binary", path=path)
    return text


# --- .docx ----------------------------------------------------------------------------------------

def _read_docx(data: bytes, path: Path) -> str:
    """Paragraphs and tables in document order; a table row becomes one line, its cells joined by " | "."""
    import io

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        numbering = _WordNumbering(document)
        lines: list[str] = []
        for block in document.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(block, document)
                lines.append(numbering.marker(paragraph) + paragraph.text)
            elif tag == "tbl":
                lines.extend(_table_rows(Table(block, document)))
        return "\n".join(lines)
    except BadInput:
        raise
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise BadInput("bad_docx", path=path, error=type(error).__name__) from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
                    "ideographDigital", "japaneseCounting"}


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (up to 99; beyond that the digits)."""
    digits = "〇一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if tens == 0:
        return digits[units]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


class _WordNumbering:
    """Word's automatic list numbers ("1." "（一）" "①") are not in a paragraph's text: put them back in front."""

    def __init__(self, document):
        self.lists: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for definition in root.findall(f"{_W}abstractNum"):
            levels = {}
            for level in definition.findall(f"{_W}lvl"):
                fmt, text, start = (level.find(f"{_W}{name}") for name in ("numFmt", "lvlText", "start"))
                levels[int(level.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1)
            abstract[definition.get(f"{_W}abstractNumId")] = levels
        for instance in root.findall(f"{_W}num"):
            ref = instance.find(f"{_W}abstractNumId")
            if ref is not None:
                self.lists[instance.get(f"{_W}numId")] = abstract.get(ref.get(f"{_W}val"), {})

    def _num_pr(self, paragraph):
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:
            style_pr = style.element.pPr
            if style_pr is not None and style_pr.numPr is not None:
                return style_pr.numPr
            style = style.base_style
        return None

    def marker(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.lists.get(num_id, {})
        if level not in levels or levels[level][0] in ("bullet", "none"):
            return ""
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a higher level restarts the ones below it
        self.counters[(num_id, level)] = self.counters.get((num_id, level), levels[level][2] - 1) + 1
        text = levels[level][1]
        for depth in range(level + 1):
            fmt, _, start = levels.get(depth, ("decimal", "", 1))
            count = self.counters.get((num_id, depth), start)
            text = text.replace(f"%{depth + 1}", self._format(fmt, count))
        return text

    @staticmethod
    def _format(fmt: str, count: int) -> str:
        if fmt in _CHINESE_FORMATS:
            return chinese_numeral(count)
        if fmt.startswith("decimalEnclosedCircle") and 0 < count <= 20:
            return chr(ord("①") + count - 1)
        if fmt in ("upperLetter", "lowerLetter") and 0 < count <= 26:
            return chr((ord("A") if fmt == "upperLetter" else ord("a")) + count - 1)
        return str(count)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


# --- .pdf -----------------------------------------------------------------------------------------

def _read_pdf(data: bytes, path: Path) -> str:
    """The text layer, page by page (pypdf: pure Python, fast to import, good on CID-keyed Chinese fonts)."""
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise BadInput("bad_pdf", path=path, error=type(error).__name__) from None
    text = "\n".join(pages)
    if not text.strip():
        raise BadInput("pdf_no_text", path=path)
    return text


# --- HTML and saved web pages ---------------------------------------------------------------------

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def _html_charset(data: bytes) -> str | None:
    match = _CHARSET_RE.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030") else name


_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
               "ul", "ol", "dd", "dt", "blockquote", "pre", "title", "header", "footer", "td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "nav", "button", "select", "iframe"}


def html_to_text(markup: str) -> str:
    """Visible text with a line break at each block element (stdlib parser: tolerant and dependency-free)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skipping = 0

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS:
                self.skipping += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS:
                self.skipping = max(0, self.skipping - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data.replace("\n", " "))

    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _read_mhtml(data: bytes, path: Path) -> str:
    """A page saved as one file (.mht): its first text/html part."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or _html_charset(payload)
            return html_to_text(decode_text(payload, path, charset))
    raise BadInput("no_html_page", path=path)


# --- cleaning -------------------------------------------------------------------------------------

_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile("[ \t\u00a0\u3000\u2002-\u200a\u202f\u205f]+")

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
# A line of search tags: "2023 卫生 计生 工作会议 工作报告".
_TAG_LINE_RE = re.compile(r"^(?:[^\s|]{1,4}\s+){3,}[^\s|]{1,4}$")


def clean_text(raw: str) -> str:
    """The report's own text, one paragraph / heading / item per line, ending with a newline."""
    text = _INVISIBLE_RE.sub("", raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    lines = _drop_clutter(lines)
    lines = _unpage(lines)
    paragraphs = _join_wrapped(lines)
    out: list[str] = []
    for paragraph in paragraphs:
        for inline in _INLINE_CLUTTER:
            paragraph = inline.sub("", paragraph).strip()
        out.extend(part for part in split_paragraph(paragraph) if part)
    out = _split_top_level(out)
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

_CN = "一二三四五六七八九十"
_MARKER_RE = re.compile(
    rf"^(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[)）]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[)）]|[{_CN}]{{1,2}}是"
    rf"|第[{_CN}]{{1,3}}[，,、]|[①-⑳]|——|第[{_CN}]{{1,3}}部分)"
)
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


def _is_heading(line: str, wrap_width: int | None = None) -> bool:
    """A short numbered heading ("三、2017年重点工作任务") or a short title line: never continued by the next line.

    In a hard-wrapped text a line as long as the wrap width was cut by the wrap, whatever it starts with.
    """
    if (wrap_width and len(line) >= wrap_width - 3) or len(line) <= 3:  # "——" alone leads into its text
        return False
    limit = 30 if re.search("[,，;；]", line) else 40  # a long line of clauses was more likely cut by a wrap
    if len(line) <= limit and _MARKER_RE.match(line) and not line.startswith("——") and "。" not in line[:-1]:
        return True
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
                           and not _is_heading(paragraphs[-1], wrap_width)
                           and not _MARKER_RE.match(line) and not _SALUTATION_RE.match(line)
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
    """Split a paragraph where the source lost its line breaks: at spaces between Chinese text and before markers."""
    return [part.strip() for part in _PARA_SPLIT_RE.split(paragraph)]


_TOP_RE = re.compile(rf"(?<![{_CN}第、])([{_CN}]{{1,3}})、(?![{_CN}])")


def _split_top_level(lines: list[str]) -> list[str]:
    """Split before top-level headings "二、" run into the text, accepting only the next number in sequence.

    Sequence keeps "一、二类疫苗" and the like from being taken for headings.
    """
    from duban.text.dates import chinese_number

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
