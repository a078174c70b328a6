"""A PDF's text as a person reads it: the text layer from pypdf or, when installed and it reads better, poppler's
pdftotext; and the compatibility characters that fonts put in a text layer turned back into the ideographs shown.

PDF fonts (Noto CJK among them, so every Chromium-printed Chinese page) map some glyphs to Kangxi radicals and CJK
radical supplement code points that look the same as the everyday ideograph: 全⼒推动…重点项⽬ for 全力推动…重点项目.
They never occur in a report's own words, and rules that match 力 or 项目 miss them; each is mapped to its
equivalent unified ideograph (Unicode's EquivalentUnifiedIdeograph.txt, 15.0: the Kangxi radicals are also their
NFKC forms; the supplement's mostly have none). Other compatibility forms (full-width letters and digits, small
forms such as ﹪) are left as the author typed them: a .txt or .docx of the same report has them too.

A PDF's lines are the page's lines, so a sentence that ends where the line is full ("…完成应急保障任务。" at the
right margin) looks like a paragraph's end to the reflow, which keeps such lines apart, and a preview site's page
chunks ("1、…", "2、…", each a paragraph) are no longer whole lines. A line that fills the text width is the
page's wrap, whatever it ends with: it is joined to the next here (unwrap_full_lines).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import tempfile
from functools import lru_cache
from pathlib import Path

from duban.text.outline import marker_of

PDFTOTEXT_TIMEOUT = 120  # seconds

# radical, equivalent ideograph; U+2E80–U+2EFF and U+2F00–U+2FDF, from EquivalentUnifiedIdeograph.txt
_RADICAL_PAIRS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓"
    "⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口"
    "⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹"
    "⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而"
    "⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑"
    "⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠"
)


# Where the glyph a Simplified Chinese font draws for a radical is another ideograph than Unicode's equivalent: found
# by printing every ideograph U+4E00–U+9FFF in Noto Sans and Serif CJK SC through Chromium and reading it back.
_SIMPLIFIED = {"⼾": "户", "⺕": "彐", "⺫": "罒"}


@lru_cache(maxsize=None)
def _radical_table() -> dict[int, str]:
    pairs = "".join(_RADICAL_PAIRS)
    table = {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}
    table.update({ord(radical): ideograph for radical, ideograph in _SIMPLIFIED.items()})
    return table


def unify_radicals(text: str) -> str:
    """Kangxi and supplement radicals → the ideographs they stand for: ⼒ → 力, ⻚ → 页."""
    return text.translate(_radical_table())


def poppler_text(data: bytes, env_path: str | None = None) -> str | None:
    """pdftotext's reading of the PDF, or None when poppler is not installed or cannot read it."""
    program = shutil.which("pdftotext", path=env_path)
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="duban-pdf-") as work:
        source = Path(work) / "report.pdf"
        source.write_bytes(data)
        try:
            done = subprocess.run([program, "-enc", "UTF-8", "-q", str(source), "-"], stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=PDFTOTEXT_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def readable(text: str) -> int:
    """How much of a text reads: ideographs, letters and digits, less what could not be decoded (U+FFFD, private-use
    code points, control characters)."""
    good = bad = 0
    for ch in text:
        if ch.isalnum():
            good += 1
        elif ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or (ord(ch) < 32 and ch not in "\t\n\r\f"):
            bad += 1
    return good - 4 * bad


def best_text(pypdf_text: str, data: bytes, env_path: str | None = None) -> str:
    """pypdf's text, or poppler's where it reads better (more of the page comes out); radicals unified, and lines
    that fill the text width joined to the next."""
    ours = unify_radicals(pypdf_text)
    theirs = poppler_text(data, env_path)
    if theirs is not None:
        theirs = unify_radicals(theirs)
        ours = theirs if readable(theirs) > readable(ours) else ours
    return unwrap_full_lines(_without_font_change_spaces(ours))


# A space where the text layer changes font between Chinese and Latin or figures (5G 基站, 增长 6.5%): the page shows
# no gap a writer typed, and the .txt of the same report has none (rules and names that read 5G基站 would miss it).
_FONT_CHANGE_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。；：、（）“”])[ \u00a0](?=[0-9A-Za-z%])|"
                                r"(?<=[0-9A-Za-z%])[ \u00a0](?=[\u4e00-\u9fff，。；：、（）“”])")


def _without_font_change_spaces(text: str) -> str:
    return _FONT_CHANGE_SPACE.sub("", text)


FULL_SLACK = 3  # display cells: a full line ends within about one Chinese character of the widest lines


def _width(line: str) -> int:
    """Display cells; the quotation marks and dashes of ambiguous width (“”‘’—…) count as Chinese text sets them."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)


def _set_width(line: str) -> float:
    """The width a line takes when set, in display cells: Latin letters, figures and signs are set wider than half
    a Chinese character in most fonts (％ and digits in Times New Roman), so a full line holding many of them
    counts fewer cells than it fills."""
    return _width(line) + sum(1 for ch in line if ch.isascii() and not ch.isspace()) / 2


def _heading_after_a_sentence(previous: str, line: str) -> bool:
    """A numbered heading (一、…) after a full line that ends its sentence begins a line of its own."""
    return previous.rstrip().endswith(("。", "！", "？", "：", "；")) and marker_of(line.lstrip()) is not None


def unwrap_full_lines(text: str) -> str:
    """Join each line that fills the text width to the line after it (see the module's doc): a PDF's paragraphs
    come out as they were written, as in the .txt or .docx of the same report.

    The text width is that of the widest lines (the 90th percentile, so a stray long line does not set it); a
    text of a few lines has no width to go by and is left as it is. Words of Latin letters or digits cut by the
    wrap get back the space the wrap took."""
    lines = text.split("\n")
    widths = sorted(_width(line.rstrip()) for line in lines if line.strip())
    if len(widths) < 10:
        return text
    full = widths[int(len(widths) * 0.9)] - FULL_SLACK
    opening_full = full - _first_line_indent(lines, full)
    out: list[str] = []
    glue = False
    for line in lines:
        opens = not glue
        if glue and line.strip() and not _heading_after_a_sentence(out[-1], line):
            before, after = out[-1].rstrip()[-1:], line.lstrip()[:1]
            space = " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""
            out[-1] = out[-1].rstrip() + space + line.lstrip()
        else:
            out.append(line)
        glue = bool(line.strip()) and _set_width(line.rstrip()) >= (opening_full if opens else full)
    return "\n".join(out)


INDENT = 4  # display cells: the two characters a Chinese paragraph's first line is indented by (首行缩进2字符)


def _first_line_indent(lines: list[str], full: float) -> int:
    """INDENT where the paragraphs' first lines are indented, else 0. A text layer does not show the indent, but
    the lines that open a paragraph (after a line that is not full) then fill the width less the indent: more of
    them end within INDENT + 1 cells short of it than reach it."""
    short = reaching = 0
    opening = True
    for line in (line.rstrip() for line in lines):
        if not line:
            continue
        width = _set_width(line)
        if opening:
            short += full - INDENT - 1 <= width < full
            reaching += width >= full
        opening = width < (full - INDENT - 1 if opening else full)  # read as if indented, to count the openings
    return INDENT if short > reaching else 0
