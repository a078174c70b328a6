"""Sentences, Chinese segmentation with the domain vocabulary, spun wording, BM25 ranking and coverage."""

import os
import tempfile

os.environ.setdefault("DUBAN_CACHE", os.path.join(tempfile.gettempdir(), "duban-test-cache"))

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from duban.settings import Settings
from duban.check.matching import (BM25, Segmenter, Sentence, SentenceIndex, build_query, coverage,  # noqa: E402
                            key_phrases, plan_rarity, split_sentences, title_coverage)

SEGMENTER = Segmenter(["四小单位"], {"效劳": "服务", "根本": "基本", "方案生育": "计划生育"})


def test_sentences_carry_the_line_they_start_on():
    text = "一、上半年工作回顾\n顺利通过国家卫生城市复审。完成四小单位摸排！\n\n家庭医生签约覆盖率达到35%；国医馆建成3家。\n"
    sentences = split_sentences(text, first_line=10)
    assert [(s.text, s.line) for s in sentences] == [
        ("一、上半年工作回顾", 10),
        ("顺利通过国家卫生城市复审。", 11),
        ("完成四小单位摸排！", 11),
        ("家庭医生签约覆盖率达到35%；", 13),
        ("国医馆建成3家。", 13),
    ]
    assert sentences[1].paragraph == sentences[2].paragraph != sentences[3].paragraph


def test_a_sentence_broken_over_lines_is_joined():
    # web copies break sentences mid-way, with zero-width spaces on lines of their own
    text = "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。\n下一句。"
    sentences = split_sentences(text)
    assert [(s.text, s.line) for s in sentences] == [("国内生产总值达到74.4万亿元，增长6.7%。", 1), ("下一句。", 4)]
    assert sentences[0].paragraph == 1 and sentences[1].paragraph == 2


def test_vocabulary_words_stay_whole():
    words = SEGMENTER.words("推进医联体和医共体建设，打造国医馆，做实家庭医生签约服务，完成四小单位摸排")
    for word in ("医联体", "医共体", "国医馆", "四小单位"):
        assert word in words
    assert "，" not in words


def test_spun_wording_is_undone_before_matching():
    assert SEGMENTER.normalise("根本公共卫生效劳和方案生育") == "基本公共卫生服务和计划生育"
    assert SEGMENTER.words("效劳") == SEGMENTER.words("服务")


def test_settings_bring_vocabulary_and_synonyms():
    segmenter = Segmenter.from_settings(Settings({"vocabulary": {"words": ["健康小屋"]}, "synonyms": {"开展": "发展"}}))
    assert "健康小屋" in segmenter.vocabulary
    assert segmenter.normalise("开展") == "发展"
    assert segmenter.normalise("效劳") == "服务"  # the built-in ones stay


def test_key_phrases_are_quoted_names_programmes_and_vocabulary():
    phrases = key_phrases("建设x家“精品国医馆”、推进“名中医工作室”建设，实施健康扶贫工程", SEGMENTER)
    assert phrases[:2] == ["精品国医馆", "名中医工作室"]
    assert "国医馆" in phrases and "健康扶贫" in phrases


def test_boilerplate_weighs_less_than_the_item_words():
    query = build_query("进一步加强国家卫生城市复审工作", "", SEGMENTER)
    assert query.weights["复审"] > query.weights["加强"]
    assert query.weights["国家卫生城市"] > query.weights["复审"]  # a vocabulary word is a key phrase
    assert query.weights["工作"] < 0.5


def test_bm25_ranks_the_document_with_the_rare_word_first():
    bm25 = BM25([["卫生", "城市", "复审"], ["卫生", "服务"], ["卫生", "城市"], ["其他"]])
    scores = bm25.score({"复审": 1.0, "卫生": 1.0})
    assert max(range(len(scores)), key=lambda i: scores[i]) == 0
    assert scores[3] == 0.0
    assert bm25.idf["复审"] > bm25.idf["卫生"]


def test_index_finds_the_sentence_that_reports_on_the_item():
    summary = ("一、工作回顾\n"
               "顺利通过国家卫生城市复审，四小单位持证率达到95%。\n"
               "推进医联体建设，组建医联体3个。\n"
               "加强党建工作，开展主题教育。\n")
    index = SentenceIndex(split_sentences(summary), SEGMENTER)
    query = build_query("全力做好创建国家卫生城市复审工作", "提高四小单位持证率", SEGMENTER)
    best = index.rank(query)[0]
    assert best.sentence.line == 2
    assert best.coverage > 0.6
    unrelated = index.rank(build_query("推进医联体建设", "", SEGMENTER))[0]
    assert unrelated.sentence.line == 3


def test_rank_keeps_to_the_parts_asked_for():
    sentences = [Sentence("国家卫生城市复审顺利通过。", 1, "review", 1),
                 Sentence("国家卫生城市复审进展缓慢。", 2, "problems", 2)]
    index = SentenceIndex(sentences, SEGMENTER)
    query = build_query("国家卫生城市复审", "", SEGMENTER)
    assert [m.sentence.line for m in index.rank(query, ("review",))] == [1]
    assert [m.sentence.line for m in index.rank(query, ("problems",))] == [2]


def test_coverage_counts_words_inside_longer_ones_and_pieces_of_long_words():
    query = build_query("加快建设创新型国家", "", SEGMENTER)
    assert coverage(query, "加快建设创新型国家取得成效") == 1.0
    partial = coverage(query, "深入实施创新驱动发展战略，国家创新能力提升")
    assert 0.3 < partial < 1.0
    assert coverage(query, "粮食产量稳定") == 0.0
    assert title_coverage(query, "创新型国家建设") == (1.0, 3)  # 建设, 创新型, 国家; 加快 is boilerplate
    share, whole = title_coverage(query, "创新型国家")
    assert whole == 2 and share == 2 / 3


def test_plan_rarity_weighs_words_every_item_uses_less():
    rarity = plan_rarity([["改革", "财税"], ["改革", "医保"], ["改革", "教育"]])
    assert rarity["财税"] > rarity["改革"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("国家卫生城市复审通过。！？；，\n \u200b一、（二）1.23%")), max_size=200))
def test_split_sentences_never_loses_text_or_crashes(text):
    sentences = split_sentences(text, first_line=5)
    line_count = text.count("\n") + 1
    for sentence in sentences:
        assert 5 <= sentence.line < 5 + line_count
        assert sentence.text.strip()
    kept = "".join(s.text for s in sentences)
    for char in "国家卫生城市复审":
        assert kept.count(char) == text.count(char)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=80))
def test_segmenter_words_are_never_empty_or_punctuation(text):
    for word in SEGMENTER.words(text):
        assert word.strip()
        assert word not in "，。！？；：、"


def _fresh_tokenizer(cache_dir, monkeypatch):
    """A jieba tokenizer over duban's trimmed dictionary, its cache in cache_dir (not the shared one)."""
    import jieba

    from duban.check import matching

    monkeypatch.setenv("DUBAN_CACHE", str(cache_dir))
    tokenizer = jieba.Tokenizer(str(matching._trimmed_dictionary(jieba)))
    tokenizer.tmp_dir = str(cache_dir)
    return tokenizer


def test_the_dictionary_read_from_the_cache_is_the_one_jieba_builds(tmp_path, monkeypatch):
    from duban.check import matching

    built = _fresh_tokenizer(tmp_path, monkeypatch)
    matching._load_dictionary(built)  # no cache yet: jieba builds the dictionary and writes its cache
    cache = tmp_path / f"jieba.{matching.DICTIONARY_NAME.removesuffix('.txt')}.cache"
    assert cache.is_file() and built.initialized
    read = _fresh_tokenizer(tmp_path, monkeypatch)
    matching._load_dictionary(read)  # read by duban from that cache
    assert read.initialized and read.total == built.total
    assert list(read.FREQ.items()) == list(built.FREQ.items())  # the same words, frequencies and order
    sentence = "推进医联体建设，完成四小单位摸排"
    assert read.lcut(sentence) == built.lcut(sentence)


def test_a_broken_dictionary_cache_is_built_again(tmp_path, monkeypatch):
    from duban.check import matching

    reference = _fresh_tokenizer(tmp_path / "reference", monkeypatch)
    reference.initialize()
    tokenizer = _fresh_tokenizer(tmp_path, monkeypatch)
    cache = tmp_path / f"jieba.{matching.DICTIONARY_NAME.removesuffix('.txt')}.cache"
    cache.write_bytes(b"\x00 not marshal")
    later = cache.stat().st_mtime + 10
    os.utime(cache, (later, later))  # newer than the dictionary: duban reads it, and must not trust it
    matching._load_dictionary(tokenizer)
    assert tokenizer.initialized and tokenizer.FREQ == reference.FREQ and tokenizer.total == reference.total


# Characters for texts jieba cuts in many ways: dictionary words, the domain vocabulary, rare characters its HMM
# has to guess at, letters, digits and the signs its Chinese pattern takes in (+#&._%-).
_CUT_ALPHABET = list("国家卫生城市复审医联体四小单位摸排签约服务覆盖率达到分级诊疗互联网+三去一降一补"
                     "甾烷氘鑫淼犇骉焱垚堃昇瑄彧赟AIGDP5G2025.%-#&_ ，。")


def _jieba_cut_blocks(text):
    """The words of each block as jieba's own `lcut` gives them (the reference duban's cut must equal)."""
    from duban.check import matching

    SEGMENTER.words("")  # the shared tokenizer loaded, with the vocabulary
    return [matching._tokenizer.lcut(block, HMM=True) for block in matching._jieba_blocks.split(text) if block]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CUT_ALPHABET), max_size=60))
def test_the_fused_cut_is_jiebas_cut(text):
    from duban.check import matching

    expected = _jieba_cut_blocks(text)
    blocks = [block for block in matching._jieba_blocks.split(text) if block]
    for block, words in zip(blocks, expected):
        if matching._jieba_blocks.fullmatch(block):
            assert matching._cut_chinese(block) == words
        assert matching._cut_block(block) == [w for w in words if matching._is_word_uncached(w)]


def test_the_fused_cut_is_jiebas_cut_on_real_reports():
    from duban.check import matching
    from duban.report.formats import read_report
    from sample_reports import SEEDS

    for path in sorted(SEEDS.glob("0*.txt")):
        text = SEGMENTER.normalise(read_report(path).text)
        blocks = [b for b in matching._jieba_blocks.split(text) if b and matching._jieba_blocks.fullmatch(b)]
        assert [matching._cut_chinese(b) for b in blocks] == _jieba_cut_blocks("\n".join(blocks))[::2]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["医联体", "家庭医生", "改革", "推进", "国医馆", "签约"]), max_size=12),
                min_size=1, max_size=20),
       st.dictionaries(st.sampled_from(["医联体", "家庭医生", "改革", "推进", "无此词"]),
                       st.floats(min_value=0.01, max_value=3.0), max_size=5))
def test_bm25_scores_are_the_word_by_word_sums_to_the_last_bit(documents, weights):
    bm25 = BM25(documents)
    expected = [0.0] * len(documents)
    for word, weight in weights.items():
        for index in bm25.documents(word).tolist():
            start, end = bm25._span[word]
            part = bm25._parts[start:end][bm25._documents[start:end].tolist().index(index)]
            expected[index] += weight * bm25.idf[word] * float(part)
    assert bm25.score(weights).tolist() == expected


def test_between_two_equally_likely_cuts_the_longer_first_word_wins_as_in_jieba(tmp_path, monkeypatch):
    import jieba

    from duban.check import matching

    dictionary = tmp_path / "dict.txt"
    # 甲 + 乙丙 and 甲乙 + 丙 add up the same two logarithms: jieba's max over (score, end) takes the later end
    dictionary.write_text("甲乙 100\n乙丙 100\n甲 50\n丙 50\n乙 10\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.tmp_dir = str(tmp_path)
    tokenizer.initialize()
    monkeypatch.setattr(matching, "_tokenizer", tokenizer)
    for text in ("甲乙丙", "丙甲乙丙甲", "乙丙甲乙丙"):
        assert matching._cut_chinese(text) == tokenizer.lcut(text, HMM=True)
    assert matching._cut_chinese("甲乙丙") == ["甲乙", "丙"]


def _postings_word_by_word(documents, k1=1.2, b=0.75):
    """BM25's postings as they were built one document and word at a time: {word: [(document, part)]}, idf."""
    import math
    from collections import Counter

    lengths = [len(doc) for doc in documents]
    average = (sum(lengths) / len(lengths)) if lengths else 0.0
    postings = {}
    for index, doc in enumerate(documents):
        norm = k1 * (1 - b + b * lengths[index] / average) if average else k1
        for word, tf in Counter(doc).items():
            postings.setdefault(word, []).append((index, tf * (k1 + 1) / (tf + norm)))
    idf = {word: math.log(1 + (len(documents) - len(p) + 0.5) / (len(p) + 0.5)) for word, p in postings.items()}
    return postings, idf


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["医联体", "家庭医生", "改革", "推进", "国医馆", "签约", "a"]), max_size=15),
                max_size=25))
def test_bm25_postings_are_built_as_one_document_at_a_time_built_them(documents):
    bm25 = BM25(documents)
    postings, idf = _postings_word_by_word(documents)
    assert list(bm25._span) == list(postings)  # words in the order they first occur
    for word, expected in postings.items():
        start, end = bm25._span[word]
        assert list(zip(bm25._documents[start:end].tolist(), bm25._parts[start:end].tolist())) == expected
    assert list(bm25.idf.items()) == list(idf.items())
    assert bm25._documents.dtype.kind == "i" and bm25._parts.dtype == "float64"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("国家卫生城市复审医联体签约服务覆盖率创建")), max_size=30))
def test_coverage_is_the_share_of_the_item_present(text):
    from duban.check.matching import BOILERPLATE, DETAIL_CORE, PHRASE_WEIGHT, TITLE_SHARE, TITLE_WEIGHT, _presence

    query = build_query("创建国家卫生城市", "推进医联体建设，家庭医生签约服务覆盖率达到30%", SEGMENTER)
    core = {w: TITLE_WEIGHT for w in query.title_words if w not in BOILERPLATE}
    core.update({phrase: PHRASE_WEIGHT for phrase in query.phrases})
    title = sum(v * _presence(w, text) for w, v in core.items()) / sum(core.values())
    detail = sum(v * _presence(w, text) for w, v in query.detail_words.items()) / sum(query.detail_words.values())
    assert len(query.detail_words) <= DETAIL_CORE
    assert coverage(query, text) == TITLE_SHARE * title + (1 - TITLE_SHARE) * detail


def test_the_hmm_cuts_each_run_once_and_afresh_once_a_word_is_added(monkeypatch):
    import jieba

    from duban.check import matching

    SEGMENTER.words("")
    calls = []
    monkeypatch.setattr(matching, "_hmm_cut", lambda run: calls.append(run) or jieba.finalseg.cut(run))
    monkeypatch.setattr(matching, "_hmm_words_of", {})
    run = "甾烷氘鑫淼"
    assert matching._hmm_words(run) == list(jieba.finalseg.cut(run)) == matching._hmm_words(run)
    assert calls == [run]
    monkeypatch.setattr(matching, "_added_words", set(matching._added_words))
    monkeypatch.setattr(matching._tokenizer, "FREQ", dict(matching._tokenizer.FREQ))
    monkeypatch.setattr(matching._tokenizer, "total", matching._tokenizer.total)
    matching._jieba(["测试新增词语甲"])  # a word added to the tokenizer: what was cut may be cut otherwise now
    matching._hmm_words(run)
    assert calls == [run, run]
