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

from duban.errors import BadInput, Said
from duban.inputs import check_zip, name_text, read_bytes
from duban.report.clean import clean_text
from duban.text.numerals import chinese_numeral

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mht", ".mhtml")
OLD_WORD_SUFFIXES = (".doc", ".wps")  # read through a converter (report/wordfiles.py)
SUFFIXES = TEXT_SUFFIXES + (".docx", ".pdf") + HTML_SUFFIXES + MHTML_SUFFIXES + OLD_WORD_SUFFIXES


@dataclass(frozen=True)
class Report:
    name: str    # the file's name, as the plan records it
    text: str    # the clean text, one paragraph / heading / item per line, ending with a newline
    sha256: str  # of the original bytes
    warnings: tuple = ()  # what reading it had to mend (errors.Said), for the user to hear

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_report(path) -> Report:
    """Read and clean one report; BadInput (naming the file) when it cannot be read."""
    path = Path(path)
    try:
        data = read_bytes(path)
    except OSError as error:
        raise BadInput("cannot_read", path=path, reason=error.strerror or str(error)) from None
    if not data.strip():
        raise BadInput("empty_file", path=path)
    notes: list = []
    raw = extract_text(data, path, notes)
    text = clean_text(raw)
    if not any(ch.isalpha() for ch in text):
        raise BadInput("no_text", path=path)
    return Report(name=name_text(path), text=text, sha256=hashlib.sha256(data).hexdigest(), warnings=tuple(notes))


def extract_text(data: bytes, path: Path, notes: list | None = None) -> str:
    """The raw text of a file's bytes, by its extension (or by its first bytes when it has none); what had to be
    mended on the way is added to `notes`."""
    suffix = path.suffix.lower()
    sniffed = _sniff(data)
    if not suffix or (suffix in TEXT_SUFFIXES + OLD_WORD_SUFFIXES and sniffed != ".txt"):
        suffix = sniffed  # a download named .doc or .txt that is really a .docx, a PDF or a web page
    if suffix in TEXT_SUFFIXES:
        return decode_text(data, path, notes=notes)
    if suffix == ".docx":
        return _read_docx(data, path)
    if suffix == ".pdf":
        return _read_pdf(data, path)
    if suffix in HTML_SUFFIXES:
        return html_to_text(decode_text(data, path, _html_charset(data), notes))
    if suffix in MHTML_SUFFIXES:
        return _read_mhtml(data, path, notes)
    if suffix in OLD_WORD_SUFFIXES:
        from duban.report.wordfiles import read_old_word

        kind, converted = read_old_word(data, path)
        return _read_docx(converted, path) if kind == "docx" else converted
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

def decode_text(data: bytes, path: Path, declared: str | None = None, notes: list | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, else what charset-normalizer finds.

    Text that is clearly UTF-8 but for a few bytes (a download cut mid-character, one stray byte) is read with
    each run of bad bytes shown as U+FFFD, and how many bytes were replaced is added to `notes`."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(_mended_utf8(data[3:], path, notes, always=True), path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), path)
    candidates = [declared] if declared else []
    candidates += ["utf-8", "mended utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = _mended_utf8(data, path, notes) if encoding == "mended utf-8" else data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding != "gb18030" or _looks_chinese(text):
            return _checked(text, path)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInput("not_text_encoding", path=path)
    return _checked(str(best), path)


_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that were not UTF-8, as surrogateescape keeps them


def _mended_utf8(data: bytes, path: Path, notes: list | None, always: bool = False) -> str:
    """UTF-8 with its bad bytes replaced, when the valid non-ASCII characters outnumber the bad bytes twenty to one
    (GB18030 text read as UTF-8 has more bad bytes than good characters) or `always` (a UTF-8 BOM says it is);
    else UnicodeDecodeError."""
    text = data.decode("utf-8", "surrogateescape")
    runs = _ESCAPED.findall(text)
    if not runs:
        return text
    bad = sum(map(len, runs))
    wide = len(text) - len(text.encode("ascii", "ignore")) - bad
    if not always and wide < 20 * bad:
        raise UnicodeDecodeError("utf-8", data, 0, len(data), "not clearly UTF-8")
    if notes is not None:
        notes.append(Said("bytes_replaced", path=path, n=bad))
    return _ESCAPED.sub("\ufffd", text)


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

    check_zip(data, path)
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
    """The text layer, page by page (pypdf: pure Python, fast to import, good on CID-keyed Chinese fonts), or
    poppler's where it reads better; font radicals become ideographs (report/pdftext.py)."""
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds on a damaged file
        raise BadInput("bad_pdf", path=path, error=type(error).__name__) from None
    from duban.report.pdftext import best_text

    text = best_text("\n".join(pages), data)
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
            self.preformatted = 0  # inside <pre> a line break is one (a text file saved as a web page)

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS:
                self.skipping += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")
            self.preformatted += tag == "pre"

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS:
                self.skipping = max(0, self.skipping - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

        def handle_data(self, data):
            if not self.skipping:
                self.parts.append(data if self.preformatted else data.replace("\n", " "))

    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def _read_mhtml(data: bytes, path: Path, notes: list | None = None) -> str:
    """A page saved as one file (.mht): its first text/html part."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True) or b""
            charset = part.get_content_charset() or _html_charset(payload)
            return html_to_text(decode_text(payload, path, charset, notes))
    raise BadInput("no_html_page", path=path)
