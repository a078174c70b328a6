"""Find the sentences of a summary that report on a plan item: Chinese word segmentation and BM25 ranking.

The segmenter is jieba with the workspace vocabulary added, so that 医联体 or 三去一降一补 stay whole. jieba is
imported and its dictionary loaded on first use only: commands that do not match never pay for it, and its
cache lives in a user cache folder, not in the current directory, without jieba's log lines on stderr.

Ranking is BM25 over the summary's sentences, their paragraphs and the review's chapters, on numpy postings
(numpy is imported only when a check ranks). The query is the item's title, its key phrases (quoted names, named programmes) weighted up,
and the words of its detail weighted down; boilerplate verbs such as 推进, 加强, 进一步 count for little, because
every sentence of a government report has them. Spun wording (效劳 → 服务) is mapped back before matching.
"""

from __future__ import annotations

import marshal
import math
import os
import re
import sys
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from duban.text.outline import marker_of, plain_heading_words
from duban.text.synonyms import Synonyms, as_synonyms

if TYPE_CHECKING:
    from duban.settings import Settings

# Domain words the segmenter must keep whole; duban.toml [vocabulary] adds to them.
DEFAULT_VOCABULARY = (
    "医联体", "医共体", "国医馆", "家庭医生签约", "家庭医生", "国家卫生城市", "分级诊疗", "公立医院改革",
    "基本公共卫生服务", "计划生育", "健康扶贫", "创卫", "创城", "两癌筛查", "慢性病", "传染病", "疾控中心",
    "妇幼保健", "中医药", "医养结合", "互联网+", "三去一降一补", "放管服", "营改增", "一带一路",
    "供给侧结构性改革", "京津冀协同发展", "长江经济带", "乡村振兴", "脱贫攻坚", "精准脱贫", "简政放权",
    "放管结合", "新型城镇化", "棚户区改造", "保障性安居工程", "自贸试验区", "自由贸易试验区", "大众创业",
    "万众创新", "中国制造2025", "三大攻坚战", "河长制", "湖长制", "去产能", "去库存", "去杠杆", "降成本",
    "补短板", "大病保险", "居住证", "户籍制度", "国企国资", "混合所有制", "大气污染", "水污染", "土壤污染",
    "节能减排", "生态文明", "创新驱动", "营商环境", "减税降费", "内需", "主引擎", "城乡一体化", "农业现代化",
)

# Words every sentence of a government report is full of: verbs of effort, adverbs, particles. They say little
# about which task a sentence is about, so ranking weighs them down and coverage ignores them.
BOILERPLATE = frozenset((
    "进一步", "加强", "推进", "推动", "全面", "工作", "深入", "积极", "大力", "加快", "着力", "扎实", "切实",
    "不断", "继续", "坚持", "努力", "做好", "抓好", "开展", "实施", "落实", "持续", "强化", "完善", "提高",
    "提升", "促进", "健全", "建立", "加大", "力度", "水平", "我们", "要", "的", "和", "是", "在", "了", "与",
    "及", "等", "为", "对", "把", "将", "从", "以", "于", "向", "中", "上", "下", "今年", "去年", "全年", "一年",
    "各项", "有关", "相关", "重点", "主要", "一批", "更加", "更好", "确保", "实现", "取得", "一是", "二是",
    "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "方面", "同时", "进行", "任务", "目标",
    "方式", "作用", "问题", "一个", "这个", "各地", "各级", "有效", "全力", "力争", "争取", "更大", "新",
    "全区", "全县", "全市", "深化", "创新", "统筹", "保持", "注重", "突出", "围绕", "通过", "认真",
))


# Words that name a programme or project: a title word ending in one of these is a key phrase of the item.
_PROGRAMME_ENDINGS = ("工程", "计划", "战略", "行动", "试点", "示范区", "试验区", "改革", "制度", "项目", "城市",
                      "中心", "基地", "平台", "经济带", "攻坚战", "保卫战", "馆", "体", "站", "室")
_QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{2,20})[”\"》」』]")
_SENTENCE_END = "。！？!?；;"
_CJK_OR_WORD = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff\u3000\s]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a report: its text, the report.txt line it starts on, and the part it sits in."""

    text: str
    line: int
    part: str = "review"
    paragraph: int = 0  # index of the paragraph (run of lines) it belongs to, for context
    chapter: int = 0    # the chapter of the review it sits in (1, 2 …; 0: none), for the wider context


def _is_heading_line(line: str) -> bool:
    """A chapter or section heading (一、 （一） 第一部分 or a part's name): a sentence of its own."""
    found = marker_of(line)
    return (found is not None and found.kind in ("part", "cn", "paren_cn")) or plain_heading_words(line) is not None


def split_sentences(text: str, first_line: int = 1, part: str = "review") -> list[Sentence]:
    """Cut a part of a report into sentences, each with the line it starts on.

    Lines broken in the middle of a sentence (web copies split a sentence over several lines, sometimes with
    zero-width spaces between) are joined; a numbered heading always stands alone. A paragraph is a run of
    lines joined that way: one line of a well-formed report.
    """
    sentences: list[Sentence] = []
    buffer, start, paragraph = "", first_line, 0

    def flush() -> None:
        nonlocal buffer
        cleaned = buffer.strip()
        if _CJK_OR_WORD.search(cleaned):
            sentences.append(Sentence(cleaned, start, part, paragraph))
        buffer = ""

    for offset, raw in enumerate(text.split("\n")):
        number = first_line + offset
        line = _INVISIBLE.sub("", raw)
        if not line:
            continue
        heading = _is_heading_line(line)
        if heading:
            flush()
        if not buffer:
            paragraph += 1  # the line starts afresh: a new paragraph
        for char in line:
            if not buffer:
                start = number
            buffer += char
            if char in _SENTENCE_END:
                flush()
        if heading:
            flush()
    flush()
    return sentences


def _cache_dir() -> Path:
    """Where jieba keeps its dictionary cache: $DUBAN_CACHE, else the user's cache folder, else the temp folder."""
    explicit = os.environ.get("DUBAN_CACHE")
    base = Path(explicit) if explicit else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "duban"
    try:
        base.mkdir(parents=True, exist_ok=True)
        if os.access(base, os.W_OK):
            return base
    except OSError:
        pass
    return Path(tempfile.gettempdir())


# jieba's dictionary holds 349,000 words and takes half a second to load even from its cache; the 105,000 words
# seen ten times or more in its corpus load in a tenth of that and segment plans and summaries as well for
# matching (rarer words fall back to their parts, and the domain vocabulary is added on top).
DICTIONARY_MIN_FREQUENCY = 10
DICTIONARY_NAME = f"jieba-dict-min{DICTIONARY_MIN_FREQUENCY}.txt"


def _trimmed_dictionary(jieba_module) -> Path:
    """The trimmed copy of jieba's dictionary in the cache folder, written on first use."""
    target = _cache_dir() / DICTIONARY_NAME
    if target.is_file():
        return target
    source = Path(jieba_module.__file__).with_name("dict.txt")
    kept = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) >= DICTIONARY_MIN_FREQUENCY:
                kept.append(line if line.endswith("\n") else line + "\n")
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".jieba-dict.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.writelines(kept)
    os.replace(temp, target)
    return target


def _import_jieba():
    """jieba without pkg_resources. jieba 0.42 imports pkg_resources (deprecated; most of jieba's import time)
    only to open its own dictionary, and opens it by a plain path beside its module when that import fails.
    duban hands it a dictionary of its own anyway, so while jieba loads, pkg_resources is made to fail to import:
    a None in sys.modules is Python's documented way to make an import raise ImportError."""
    if "pkg_resources" in sys.modules:  # already loaded by someone else: nothing left to save
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _load_dictionary(tokenizer) -> None:
    """The tokenizer's prefix dictionary, from jieba's own cache file when it is there and newer than the
    dictionary, else built (and cached) by jieba. jieba reads its cache with marshal.load on the open file, which
    reads it piece by piece: four times slower than marshal.loads on its bytes read at once, for the same dict."""
    dictionary = Path(tokenizer.dictionary)
    cache = _cache_dir() / f"jieba.{dictionary.stem}.cache"
    tokenizer.cache_file = str(cache)  # where jieba writes the cache when it builds the dictionary
    try:
        if cache.stat().st_mtime > dictionary.stat().st_mtime:
            frequencies, total = marshal.loads(cache.read_bytes())
            if isinstance(frequencies, dict) and isinstance(total, int):
                tokenizer.FREQ, tokenizer.total = frequencies, total
                tokenizer.initialized = True
                return
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or a broken one: jieba builds it again
    tokenizer.initialize()


_jieba_lock = threading.Lock()
_tokenizer = None
_added_words: set[str] = set()
_generation = 0  # counts the changes to the tokenizer's words: what was cut before may be cut otherwise after
_jieba_blocks = None  # jieba's own pattern of the blocks it cuts a text into (jieba.re_han_default)
_hmm_cut = None  # jieba's HMM cut of a run of characters no dictionary word covers (jieba.finalseg.cut)
_hmm_words_of: dict[str, list[str]] = {}  # its answers: the same runs (names, rare words) come back often


def _jieba(vocabulary: Iterable[str]):
    """The shared jieba tokenizer, loaded once, with the given words added (the heavy import happens here)."""
    global _tokenizer, _generation, _jieba_blocks, _hmm_cut
    with _jieba_lock:
        if _tokenizer is None:
            import logging

            jieba = _import_jieba()  # heavy: its dictionary takes a few tenths of a second to load
            jieba.setLogLevel(logging.ERROR)
            tokenizer = jieba.Tokenizer(str(_trimmed_dictionary(jieba)))
            tokenizer.tmp_dir = str(_cache_dir())
            _load_dictionary(tokenizer)
            _tokenizer = tokenizer
            _jieba_blocks = jieba.re_han_default
            _hmm_cut = jieba.finalseg.cut
            _generation += 1
        for word in vocabulary:
            if word and word not in _added_words:
                _tokenizer.add_word(word, freq=None)
                _added_words.add(word)
                _generation += 1
                _hmm_words_of.clear()  # a word added may be one the HMM must now split (jieba's force-split)
        return _tokenizer


class Segmenter:
    """Splits Chinese text into the words matching compares: domain words whole, spun wording undone."""

    def __init__(self, vocabulary: Iterable[str] = (), synonyms: Synonyms | Mapping[str, str] | None = None):
        self.vocabulary = tuple(dict.fromkeys((*DEFAULT_VOCABULARY, *vocabulary)))
        self.synonyms = as_synonyms(synonyms)
        self._tokenizer = None
        self._generation = -1  # the tokenizer's word set this segmenter's words were cut with
        self._words: dict[str, list[str]] = {}
        self._blocks: dict[str, list[str]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> Segmenter:
        """A segmenter with duban.toml's [vocabulary] words and [synonyms]."""
        return cls(settings.vocabulary, settings.synonyms)

    def normalise(self, text: str) -> str:
        """The text with spun wording replaced by the real word (效劳 → 服务)."""
        return self.synonyms.normalise(text)

    def words(self, text: str) -> list[str]:
        """The meaningful words of text, in order: no punctuation, no single-character particles.

        Matching asks for the same text's words several times (an item's title for its query, its key phrases
        and its rarity; a problems sentence for its rank and its stock check): each text is segmented once, as
        long as no word has been added to the shared tokenizer since."""
        if self._generation != _generation:
            self._tokenizer = _jieba(self.vocabulary)
            self._words.clear()
            self._blocks.clear()
            self._generation = _generation
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = [w for block in _jieba_blocks.split(self.normalise(text)) if block
                                         for w in self._cut(block)]
        return list(found)

    def prepare(self, texts: Iterable[str]) -> None:
        """Cut every block of the texts that is not cut yet, on all the machine's cores when there is much of it
        (a summary of hundreds of thousands of characters): what `words` then asks for is cut already."""
        self.words("")  # the tokenizer loaded, with the vocabulary, before any worker is forked
        blocks = {}
        for text in texts:
            for block in _jieba_blocks.split(self.normalise(text)):
                if block and block not in self._blocks:
                    blocks[block] = None
        for block, words in zip(blocks, _cut_in_parallel(list(blocks))):
            self._blocks[block] = words

    def _cut(self, block: str) -> list[str]:
        """The meaningful words of one block. jieba cuts a text block by block (runs of Chinese, letters and
        digits, and what lies between them), each on its own, so a block cut once is cut for every text that
        holds it: a title, its detail, the two together, the detail's clauses, the same phrase in many sentences."""
        found = self._blocks.get(block)
        if found is None:
            found = self._blocks[block] = _cut_block(block)
        return found


PARALLEL_CHARACTERS = 60_000  # below this much text to cut, starting a worker costs more than it saves


def _cut_in_parallel(blocks: list[str]) -> list[list[str]]:
    """jieba's words of each block, on all CPUs when there is much to cut (jieba cuts a few hundred thousand
    characters a second on one): forked workers inherit the loaded tokenizer (duban.workers)."""
    from duban.workers import map_forked, workers_for

    return map_forked(_cut_block, blocks, workers_for(sum(map(len, blocks)), PARALLEL_CHARACTERS))


def _cut_block(block: str) -> list[str]:
    tokens = _cut_chinese(block) if _jieba_blocks.fullmatch(block) else _tokenizer.lcut(block, HMM=True)
    return [w for w in tokens if _is_word(w)]


def _cut_chinese(sentence: str) -> list[str]:
    """jieba's words of one block of its Chinese pattern, exactly as `Tokenizer.lcut(sentence, HMM=True)` gives
    them, in a third of the time: jieba builds the block's word graph (DAG) as a dict of lists, then scores it with
    a generator of tuples per character; here one backward pass does both, looking each fragment up once.

    For each position k (from the end), every dictionary word that starts there is a way on; the best way is
    the one with the highest log-probability, the longer word winning a tie (jieba's max over (score, end)
    tuples), the character alone when no word starts there. The sums are jieba's, in its order."""
    tokenizer = _tokenizer
    frequencies = tokenizer.FREQ
    lookup = frequencies.get
    logtotal = math.log(tokenizer.total)
    log = math.log
    size = len(sentence)
    score = [0.0] * (size + 1)
    end = [0] * (size + 1)
    for k in range(size - 1, -1, -1):
        best, best_end = None, k
        i = k
        frequency = lookup(sentence[k])
        while frequency is not None:  # the fragment is a word or the start of one
            if frequency:
                value = log(frequency) - logtotal + score[i + 1]
                if best is None or value >= best:
                    best, best_end = value, i
            i += 1
            if i >= size:
                break
            frequency = lookup(sentence[k:i + 1])
        if best is None:
            best = log(lookup(sentence[k]) or 1) - logtotal + score[k + 1]
        score[k], end[k] = best, best_end
    return _words_on_route(sentence, end, frequencies)


def _hmm_words(run: str) -> list[str]:
    """jieba's HMM words of a run of characters (jieba.finalseg.cut), each run cut once."""
    found = _hmm_words_of.get(run)
    if found is None:
        found = _hmm_words_of[run] = list(_hmm_cut(run))
    return found


def _words_on_route(sentence: str, end: list[int], frequencies: dict) -> list[str]:
    """The words along the best route, single characters run together and handed to jieba's HMM when they are
    not a dictionary word (jieba's `__cut_DAG`, line for line)."""
    words: list[str] = []
    x, buf, size = 0, "", len(sentence)
    while x < size:
        y = end[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            words.extend(_single_run(buf, frequencies))
            buf = ""
            words.append(sentence[x:y])
        x = y
    words.extend(_single_run(buf, frequencies))
    return words


def _single_run(buf: str, frequencies: dict) -> list[str]:
    """Single characters run together: one character as it is, a dictionary word as its characters (jieba's
    choice), anything else through the HMM."""
    if len(buf) <= 1:
        return [buf] if buf else []
    return list(buf) if frequencies.get(buf) else _hmm_words(buf)


_BARE_FIGURE = re.compile(r"[\d.%％]+")


_word_or_not: dict[str, bool] = {}  # _is_word's answers: the same few thousand tokens come back all the time


def _is_word(token: str) -> bool:
    known = _word_or_not.get(token)
    if known is None:
        known = _word_or_not[token] = _is_word_uncached(token)
    return known


def _is_word_uncached(token: str) -> bool:
    token = token.strip()
    if not token or not _CJK_OR_WORD.search(token):
        return False
    if _BARE_FIGURE.fullmatch(token):
        return False  # bare figures say nothing about the topic
    return len(token) > 1 or token in "网药医"


def key_phrases(title: str, segmenter: Segmenter) -> list[str]:
    """Phrases that name this item and no other: quoted names (“四小单位”, 《中国制造2025》), vocabulary words,
    and title words naming a programme, place or project (…工程, …试点, …城市)."""
    text = segmenter.normalise(title)
    phrases = [m.group(1) for m in _QUOTED.finditer(text)]
    phrases += [w for w in segmenter.vocabulary if len(w) > 1 and w in text]
    for word in segmenter.words(text):
        if len(word) >= 3 and word.endswith(_PROGRAMME_ENDINGS) and word not in BOILERPLATE:
            phrases.append(word)
    return list(dict.fromkeys(phrases))


@dataclass
class Query:
    """Weighted words of one plan item, and the words whose presence says a passage is about it."""

    weights: dict[str, float]
    title_words: list[str]
    phrases: list[str]
    detail_words: dict[str, float]  # the detail's most frequent content words, by weight
    measures: list[frozenset[str]] = field(default_factory=list)  # each planned measure's content words


# How much each source of query words counts; boilerplate counts a small part of that.
TITLE_WEIGHT = 1.0
PHRASE_WEIGHT = 2.0
DETAIL_WEIGHT = 0.35
BOILERPLATE_FACTOR = 0.15
DETAIL_CORE = 20  # how many of the detail's words coverage looks for
TITLE_SHARE = 0.5  # share of the title (and key phrases) in coverage; the detail's words have the rest


def build_query(title: str, detail: str, segmenter: Segmenter,
                rarity: Mapping[str, float] | None = None) -> Query:
    """The words of an item with their weights: title and key phrases up, detail and boilerplate down.

    `rarity` (word → weight, see `plan_rarity`) says how particular a word is to this item among the plan's
    items; the detail words that coverage looks for are the item's most particular ones."""
    weights: Counter[str] = Counter()
    title_words = segmenter.words(title)
    phrases = key_phrases(title, segmenter)
    for word in set(title_words):
        weights[word] += TITLE_WEIGHT
    for phrase in phrases:
        for word in segmenter.words(phrase) or [phrase]:
            weights[word] += PHRASE_WEIGHT
    counts: Counter[str] = Counter(segmenter.words(detail)) if detail else Counter()
    rarity = rarity or {}
    typical = (sum(rarity.values()) / len(rarity)) if rarity else 1.0
    for word, count in counts.items():
        weights[word] += DETAIL_WEIGHT * (1 + math.log(count)) / 2 * rarity.get(word, typical) / typical
    for word in list(weights):
        if word in BOILERPLATE:
            weights[word] *= BOILERPLATE_FACTOR
    content = {w: (1 + math.log(c)) * rarity.get(w, 1.0) for w, c in counts.items()
               if w not in BOILERPLATE and len(w) > 1}
    chosen = sorted(content, key=lambda w: (-content[w], w))[:DETAIL_CORE]
    detail_words = {w: content[w] for w in chosen}
    return Query(dict(weights), title_words, phrases, detail_words, measures_of(detail, segmenter))


_FIGURE_IN = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*(?:%|％|万|亿|个|项|家|所|套|户|人|名|公里|平方米|吨|件|次|元|亩|张|座|条)")
_CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?：:、]")


def measures_of(detail: str, segmenter: Segmenter) -> list[frozenset[str]]:
    """The item's planned measures, clause by clause, as their content words: a review that reports a measure
    (新增2000家企业上云上平台) shares its particular words, whatever the item's heading says."""
    measures = []
    for clause in _CLAUSE_SPLIT.split(detail):
        words = frozenset(w for w in segmenter.words(clause) if w not in BOILERPLATE and len(w) >= 2)
        if len(words) >= 2:
            measures.append(words)
    return measures


def _presence(word: str, text: str) -> float:
    """1 when the word occurs in the text; for longer words, the share of its two-character pieces that do
    (创新型国家 against 创新驱动 … 国家: partly), since Chinese rephrases by reshuffling such pieces."""
    if word in text:
        return 1.0
    if len(word) < 3:
        return 0.0
    pieces = [word[i:i + 2] for i in range(len(word) - 1)]
    return 0.8 * sum(piece in text for piece in pieces) / len(pieces)


def title_coverage(query: Query, text: str) -> tuple[float, int]:
    """The share of the item's own title words and key phrases the text holds, and how many it holds whole."""
    core = {w: TITLE_WEIGHT for w in query.title_words if w not in BOILERPLATE}
    for phrase in query.phrases:
        core[phrase] = PHRASE_WEIGHT
    total = sum(core.values())
    if not total:
        return 0.0, 0
    return (sum(v * _presence(w, text) for w, v in core.items()) / total,
            sum(1 for w in core if w in text))


def coverage(query: Query, text: str) -> float:
    """How much of what names the item (0–1) a passage holds: its title's content words and key phrases, and
    its detail's main words. A word counts when it occurs in the passage, even inside a longer word."""
    return Coverage(query)(text)


class Coverage:
    """`coverage` of one query, its words weighed once for the many passages it is measured on."""

    def __init__(self, query: Query):
        core = {w: TITLE_WEIGHT for w in query.title_words if w not in BOILERPLATE}
        for phrase in query.phrases:
            core[phrase] = PHRASE_WEIGHT
        # each word with its weight and, for a word of three characters or more, its two-character pieces
        self.core = [(w, v, _pieces(w)) for w, v in core.items()]
        self.title_total = sum(core.values())
        self.detail = [(w, v, _pieces(w)) for w, v in query.detail_words.items()]
        self.detail_total = sum(query.detail_words.values())

    def __call__(self, text: str) -> float:
        title_total, detail_total = self.title_total, self.detail_total
        # v × _presence(w, text), written out with the pieces cut once
        title_part = (sum(v if w in text else v * (0.8 * sum(p in text for p in pieces) / len(pieces) if pieces
                                                   else 0.0) for w, v, pieces in self.core) / title_total
                      if title_total else 0.0)
        if not detail_total:
            return title_part
        detail_part = sum(v if w in text else v * (0.8 * sum(p in text for p in pieces) / len(pieces) if pieces
                                                   else 0.0) for w, v, pieces in self.detail) / detail_total
        if not title_total:
            return detail_part
        return TITLE_SHARE * title_part + (1 - TITLE_SHARE) * detail_part


def _pieces(word: str) -> tuple[str, ...]:
    """The two-character pieces `_presence` looks for when a word of three characters or more is not there whole;
    none for a shorter word."""
    return tuple(word[i:i + 2] for i in range(len(word) - 1)) if len(word) >= 3 else ()


def plan_rarity(details: Iterable[list[str]]) -> dict[str, float]:
    """Inverse document frequency of words over a plan's items: a word every item uses weighs little."""
    documents = [set(words) for words in details]
    frequency: Counter[str] = Counter()
    for words in documents:
        frequency.update(words)
    total = len(documents)
    return {word: math.log(1 + total / n) for word, n in frequency.items()}


def _numpy():
    """numpy, imported here rather than at the top: only `check` ranks, and numpy takes tens of ms to import.
    duban does no linear algebra, so OpenBLAS is kept from starting a thread per CPU as numpy loads (half of
    numpy's import time), unless the user's environment says otherwise."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy

    return numpy


class BM25:
    """Okapi BM25 over tokenised documents; `score(query)` gives one score per document.

    Postings (word → the documents holding it, with the word's term-frequency part in each) make a query cost what
    its words occur, not the size of the text. They are numpy arrays, each word's postings a slice: the common
    words of a government report occur in most of its sentences, and adding up a thousand items' words over them
    one posting at a time in Python takes many seconds, in numpy a few milliseconds."""

    def __init__(self, documents: list[list[str]], k1: float = 1.2, b: float = 0.75):
        np = _numpy()

        self.k1, self.b = k1, b
        self.size = len(documents)
        lengths = [len(doc) for doc in documents]
        average = (sum(lengths) / len(lengths)) if lengths else 0.0
        tokens = [word for doc in documents for word in doc]
        # words numbered in the order they first occur: each word's postings in turn, its documents in order
        numbers = {word: number for number, word in enumerate(dict.fromkeys(tokens))}
        lengths_array = np.array(lengths, dtype=np.int64)
        word_of = np.fromiter(map(numbers.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        document_of = np.repeat(np.arange(self.size, dtype=np.int64), lengths_array)
        # one posting per (word, document), sorted by word then document, with the word's count there (tf)
        pairs, tf = np.unique(word_of * max(self.size, 1) + document_of, return_counts=True)
        self._documents = (pairs % max(self.size, 1)).astype(np.intp)
        if average:  # the document's length against the average, as k1 × (1 - b + b × length / average)
            norm = k1 * (1 - b + b * lengths_array / average)
        else:
            norm = np.full(self.size, k1)
        # the term-frequency part of BM25, per document and word: tf × (k1 + 1) / (tf + norm)
        self._parts = tf * (k1 + 1) / (tf + norm[self._documents])
        bounds = np.searchsorted(pairs // max(self.size, 1), np.arange(len(numbers) + 1)).tolist()
        self._span: dict[str, tuple[int, int]] = {word: (bounds[n], bounds[n + 1]) for word, n in numbers.items()}
        self.idf = {word: math.log(1 + (self.size - (end - start) + 0.5) / ((end - start) + 0.5))
                    for word, (start, end) in self._span.items()}

    def documents(self, word: str):
        """The documents that hold the word, in order (an empty array when none does)."""
        start, end = self._span.get(word, (0, 0))
        return self._documents[start:end]

    def score(self, weights: Mapping[str, float]):
        """One score per document (a numpy array): 0 for the documents that hold no word of the query.

        Each word adds `weight × idf × part` to the documents that hold it, word after word. The words' postings
        are gathered into one array and added up by one bincount, which adds them in the order given: each
        document's sum is made in the same order, of the same products, as adding word by word makes it."""
        import numpy as np

        spans, factors = [], []
        for word, weight in weights.items():
            span = self._span.get(word)
            if span is not None:
                spans.append(span)
                factors.append(weight * self.idf[word])
        if not spans:
            return np.zeros(self.size)
        documents, parts = self._documents, self._parts
        held = np.concatenate([documents[start:end] for start, end in spans])
        values = (np.concatenate([parts[start:end] for start, end in spans])
                  * np.repeat(factors, [end - start for start, end in spans]))
        return np.bincount(held, weights=values, minlength=self.size)


@dataclass(frozen=True)
class Match:
    sentence: Sentence
    rank_score: float   # BM25 of the sentence plus part of its paragraph's, for ordering
    coverage: float     # how much of the item (0–1) the sentence and its paragraph hold, see `coverage`


class _Scored:
    """What ranking one query against a SentenceIndex computes, kept while the same query is ranked again."""

    def __init__(self, query: Query, own, context):
        self.query = query
        self.own, self.context = own, context  # BM25 scores of every sentence and every paragraph
        self.top_own = float(own.max(initial=0.0)) or 1.0
        self.top_context = float(context.max(initial=0.0)) or 1.0
        self._aligned = None
        self._chapters = None
        self._coverage: dict[int, float] = {}
        self._paragraph_coverage: dict[tuple[str, int], float] = {}
        self._measure = Coverage(query)

    def aligned(self, index: SentenceIndex):
        if self._aligned is None:
            self._aligned = index.alignment(self.query.measures)
        return self._aligned

    def chapters(self, index: SentenceIndex):
        """What its chapter adds to each sentence's rank (a numpy array; 0 outside the review's chapters): the
        chapter's score against the best chapter's, weighed by CHAPTER_SHARE (in the order of operations the
        ranking of one sentence at a time had, so that the figures are the same to the last bit)."""
        if self._chapters is None:
            np = _numpy()
            scores = index.chapter_bm25.score(self.query.weights)
            top = float(scores.max(initial=0.0)) or 1.0
            inside = index._chapter_index >= 0
            self._chapters = np.where(inside, index.CHAPTER_SHARE * scores[index._chapter_index] / top, 0.0)
        return self._chapters

    def coverage(self, index: SentenceIndex, i: int) -> float:
        """How much of the item sentence i and its paragraph hold (coverage is dearer than ranking: only asked
        for the best)."""
        held = self._coverage.get(i)
        if held is None:
            sentence = index.sentences[i]
            key = (sentence.part, sentence.paragraph)
            around = self._paragraph_coverage.get(key)
            if around is None:  # sentences of one paragraph share it
                around = self._paragraph_coverage[key] = self._measure(index.paragraph_text[key])
            held = self._coverage[i] = (self._measure(index.texts[i]) + around) / 2
        return held


class SentenceIndex:
    """The sentences of one summary, segmented once, ready to rank any number of plan items against."""

    PARAGRAPH_SHARE = 0.5  # how much the paragraph around a sentence adds to its own score
    MEASURE_SHARE = 0.3    # how much reporting one of the item's planned measures adds
    CHAPTER_SHARE = 0.15   # how much the chapter around it adds: a review is often laid out as the plan was

    def __init__(self, sentences: list[Sentence], segmenter: Segmenter):
        np = _numpy()

        self.sentences = sentences
        self.segmenter = segmenter
        self.words = [segmenter.words(s.text) for s in sentences]
        self.texts = [segmenter.normalise(s.text) for s in sentences]
        self.sentence_bm25 = BM25(self.words)
        paragraphs: dict[tuple[str, int], list[str]] = {}
        paragraph_text: dict[tuple[str, int], str] = {}
        for sentence, words, text in zip(sentences, self.words, self.texts):
            key = (sentence.part, sentence.paragraph)
            paragraphs.setdefault(key, []).extend(words)
            paragraph_text[key] = paragraph_text.get(key, "") + text
        self._paragraph_keys = list(paragraphs)
        self.paragraph_bm25 = BM25(list(paragraphs.values()))
        self._paragraph_of = {key: i for i, key in enumerate(self._paragraph_keys)}
        self.paragraph_text = paragraph_text
        # per sentence, for ranking them all at once: its paragraph, its line, what a measure it reports counts
        self._paragraph_index = np.array([self._paragraph_of[(s.part, s.paragraph)] for s in sentences], dtype=np.intp)
        self._lines = np.array([s.line for s in sentences], dtype=np.int64)
        self._result_factor = np.array([1.0 if _FIGURE_IN.search(s.text) else 0.6 for s in sentences])
        self._in_part: dict[frozenset[str], object] = {}
        self._first: dict[tuple[str, re.Pattern], Sentence | None] = {}
        self._last: _Scored | None = None
        chapters: dict[int, list[str]] = {}
        for sentence, words in zip(sentences, self.words):
            if sentence.chapter:
                chapters.setdefault(sentence.chapter, []).extend(words)
        chapter_of = {number: i for i, number in enumerate(chapters)}
        self.chapter_bm25 = BM25(list(chapters.values()))
        # each sentence's chapter among chapter_bm25's documents; -1 for a sentence outside the review's chapters
        self._chapter_index = np.array([chapter_of.get(s.chapter, -1) for s in sentences], dtype=np.intp)

    def rank(self, query: Query, parts: Iterable[str] = ("review",), limit: int = 12,
             measures: bool = True) -> list[Match]:
        """The `limit` best sentences of the given parts, best first; only those sharing a word with the query.
        With `measures`, a sentence that reports one of the item's planned measures ranks higher."""
        import numpy as np

        scored = self._scored(query)
        own, context = scored.own, scored.context
        chosen = np.flatnonzero((own > 0) & self._part_mask(parts))
        ranking = (own[chosen] / scored.top_own
                   + self.PARAGRAPH_SHARE * context[self._paragraph_index[chosen]] / scored.top_context)
        if measures:
            ranking = ranking + self.MEASURE_SHARE * scored.aligned(self)[chosen]
        if self.chapter_bm25.size:
            ranking = ranking + scored.chapters(self)[chosen]
        if len(chosen) > limit > 0:  # only what can be among the best: ranked at least as high as the limit-th
            kept = np.flatnonzero(ranking >= np.partition(ranking, len(ranking) - limit)[len(ranking) - limit])
            chosen, ranking = chosen[kept], ranking[kept]
        # best first, then by line (then in text order, as a stable sort of the sentences would leave them)
        best = np.lexsort((chosen, self._lines[chosen], -ranking))[:limit]
        return [Match(self.sentences[i], float(ranking[k]), scored.coverage(self, i))
                for k, i in ((int(k), int(chosen[k])) for k in best)]

    def first_in(self, part: str, pattern: re.Pattern) -> Sentence | None:
        """The first sentence of the part the pattern finds (asked by many items: found once)."""
        key = (part, pattern)
        if key not in self._first:
            self._first[key] = next((s for s in self.sentences if s.part == part and pattern.search(s.text)), None)
        return self._first[key]

    def _part_mask(self, parts: Iterable[str]):
        """Which sentences lie in the given parts (a numpy array of booleans)."""
        import numpy as np

        key = frozenset(parts)
        if key not in self._in_part:
            self._in_part[key] = np.array([s.part in key for s in self.sentences], dtype=bool)
        return self._in_part[key]

    def _scored(self, query: Query) -> _Scored:
        """The query's scores over sentences and paragraphs; an item is ranked several times (its review
        evidence, its headline, its problems), so the last query's scores are kept."""
        if self._last is None or self._last.query is not query:
            # Only the sentences that share a word with the query get a score: it comes from the words'
            # postings, so an item costs what its words occur, not the length of the summary.
            self._last = _Scored(query, self.sentence_bm25.score(query.weights),
                                 self.paragraph_bm25.score(query.weights))
        return self._last

    def alignment(self, measures: list[frozenset[str]]):
        """For each sentence, a numpy array: the share (by rarity) of one of the measures' words it holds, the best
        measure counting (0 when it holds none); a sentence with a figure reports a result and counts in full, a
        bare statement for less."""
        import numpy as np

        idf = self.sentence_bm25.idf
        best = np.zeros(len(self.sentences))
        for measure in measures:
            total = sum(idf.get(word, 0.0) for word in measure)
            if not total:
                continue
            held = np.zeros(len(self.sentences))
            for word in measure:
                if word in idf:
                    held[self.sentence_bm25.documents(word)] += idf[word]
            np.maximum(best, held / total, out=best)
        return best * self._result_factor
