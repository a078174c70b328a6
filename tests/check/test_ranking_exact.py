"""The fast ranking (numpy postings, one scoring per item, words cut block by block and in parallel) gives exactly
what ranking every sentence one by one gives, on real plan → summary pairs: the same evidence, scores and verdicts.

The reference below is the ranking as it was written before it was made fast: BM25 added up posting by posting in
Python over every sentence, every sentence of the wanted parts scored and fully sorted, the measures' alignment and
the coverage computed afresh for each call, each text cut by jieba whole; a sentence's chapter of the review adding
to its rank as `SentenceIndex.rank` did before numpy."""

import math
import os
import tempfile
from collections import Counter

os.environ.setdefault("DUBAN_CACHE", os.path.join(tempfile.gettempdir(), "duban-test-cache"))

import pytest  # noqa: E402

from duban import workers  # noqa: E402
from duban.check import matching, verdicts  # noqa: E402
from duban.check.matching import (_FIGURE_IN, Match, Segmenter, SentenceIndex, _is_word, build_query,  # noqa: E402
                                  coverage)
from duban.ledger.store import Workspace, init_workspace  # noqa: E402
from duban.plan.importer import prepare_import, write_import  # noqa: E402
from duban.report.formats import read_report  # noqa: E402
from duban.report.sections import find_sections, read_report_text  # noqa: E402
from sample_reports import SEEDS, STATE_COUNCIL, needs_shared  # noqa: E402


class ReferenceBM25:
    def __init__(self, documents, k1=1.2, b=0.75):
        self.size = len(documents)
        lengths = [len(doc) for doc in documents]
        average = (sum(lengths) / len(lengths)) if lengths else 0.0
        self.postings = {}
        for index, doc in enumerate(documents):
            norm = k1 * (1 - b + b * lengths[index] / average) if average else k1
            for word, tf in Counter(doc).items():
                self.postings.setdefault(word, []).append((index, tf * (k1 + 1) / (tf + norm)))
        self.idf = {word: math.log(1 + (self.size - len(p) + 0.5) / (len(p) + 0.5)) for word, p in self.postings.items()}

    def score(self, weights):
        scores = [0.0] * self.size
        for word, weight in weights.items():
            for index, part in self.postings.get(word, ()):
                scores[index] += weight * self.idf[word] * part
        return scores


class ReferenceIndex(SentenceIndex):
    """SentenceIndex with the exhaustive ranking of before."""

    def __init__(self, sentences, segmenter):
        super().__init__(sentences, segmenter)
        self.reference = ReferenceBM25(self.words)
        self.reference_paragraphs = ReferenceBM25(self.paragraph_bm25_documents)
        chapters = {}
        for sentence, words in zip(sentences, self.words):
            if sentence.chapter:
                chapters.setdefault(sentence.chapter, []).extend(words)
        self.reference_chapter_numbers = list(chapters)
        self.reference_chapters = ReferenceBM25(list(chapters.values()))

    def rank(self, query, parts=("review",), limit=12, measures=True):
        wanted = set(parts)
        own = self.reference.score(query.weights)
        context = self.reference_paragraphs.score(query.weights)
        aligned = self.reference_alignment(query.measures) if measures else {}
        chapter = dict(zip(self.reference_chapter_numbers, self.reference_chapters.score(query.weights)))
        top_own = max(own, default=0.0) or 1.0
        top_context = max(context, default=0.0) or 1.0
        top_chapter = max(chapter.values(), default=0.0) or 1.0
        ranked = []
        for i, sentence in enumerate(self.sentences):
            if sentence.part not in wanted or own[i] <= 0:
                continue
            around = context[self._paragraph_of[(sentence.part, sentence.paragraph)]]
            ranked.append((own[i] / top_own + self.PARAGRAPH_SHARE * around / top_context
                           + self.MEASURE_SHARE * aligned.get(i, 0.0)
                           + self.CHAPTER_SHARE * chapter.get(sentence.chapter, 0.0) / top_chapter, sentence.line, i))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        matches = []
        for ranking, _, i in ranked[:limit]:
            sentence = self.sentences[i]
            key = (sentence.part, sentence.paragraph)
            held = (coverage(query, self.texts[i]) + coverage(query, self.paragraph_text[key])) / 2
            matches.append(Match(sentence, ranking, held))
        return matches

    def reference_alignment(self, measures):
        idf = self.reference.idf
        best = {}
        for measure in measures:
            total = sum(idf.get(word, 0.0) for word in measure)
            if not total:
                continue
            held = {}
            for word in measure:
                for index, _ in self.reference.postings.get(word, ()):
                    held[index] = held.get(index, 0.0) + idf[word]
            for index, weight in held.items():
                if weight / total > best.get(index, 0.0):
                    best[index] = weight / total
        return {index: share * (1.0 if _FIGURE_IN.search(self.sentences[index].text) else 0.6)
                for index, share in best.items()}


@pytest.fixture(autouse=True)
def paragraph_documents(monkeypatch):
    """The paragraphs' words as SentenceIndex builds them, kept for the reference BM25."""
    real = matching.BM25.__init__
    built = []

    def remember(self, documents, *args, **kwargs):
        built.append(documents)
        real(self, documents, *args, **kwargs)

    monkeypatch.setattr(matching.BM25, "__init__", remember)
    monkeypatch.setattr(ReferenceIndex, "paragraph_bm25_documents", property(lambda self: built[1]), raising=False)
    yield
    built.clear()


def review_sentences(text, segmenter):
    """The summary's sentences as `check` reads them: each with its paragraph and its chapter of the review."""
    reading = read_report_text(text, segmenter.synonyms)
    return verdicts.summary_sentences(text, reading.sections, reading.chapters("review"))


def plan_and_summary(tmp_path, plan_report, period, summary_report):
    root = tmp_path / "plans"
    init_workspace(root, "测试")
    workspace = Workspace(root)
    write_import(workspace, prepare_import(workspace, plan_report, period=period))
    return workspace, workspace.load_tasks([period]).tasks, read_report(summary_report).text


def pairs():
    seeds = sorted(SEEDS.glob("0*.txt"))
    return [pytest.param(STATE_COUNCIL / "gwr-2018.txt", "2018", STATE_COUNCIL / "gwr-2019.txt", marks=needs_shared,
                         id="gwr-2018-2019"),
            pytest.param(STATE_COUNCIL / "gwr-2016.txt", "2016", STATE_COUNCIL / "gwr-2017.txt", marks=needs_shared,
                         id="gwr-2016-2017"),
            pytest.param(seeds[0], "2019H2", seeds[2], id="seed-000-002")]


@pytest.mark.parametrize("plan_report, period, summary_report", pairs())
def test_the_fast_ranking_is_the_exhaustive_ranking(tmp_path, monkeypatch, plan_report, period, summary_report):
    workspace, tasks, text = plan_and_summary(tmp_path, plan_report, period, summary_report)
    fast_segmenter = Segmenter.from_settings(workspace.settings)
    sentences = review_sentences(text, fast_segmenter)
    assert len({s.chapter for s in sentences if s.chapter}) > 1  # the chapters' part of the ranking is exercised
    fast = verdicts.check_plan(period, "summary", tasks, sentences, fast_segmenter)
    monkeypatch.setattr(verdicts, "SentenceIndex", ReferenceIndex)
    slow = verdicts.check_plan(period, "summary", tasks, sentences, Segmenter.from_settings(workspace.settings))
    assert len(fast.items) == len(tasks) > 3
    assert fast == slow  # every item's verdict, score, evidence, risk and terms; every target
    index = SentenceIndex(sentences, fast_segmenter)
    reference = ReferenceIndex(sentences, fast_segmenter)
    for task in tasks:
        query = build_query(task.title, task.detail, fast_segmenter)
        for parts, limit, measures in ((("review",), 12, True), (("review",), 1, False), (("problems",), 5, False)):
            got = index.rank(query, parts, limit, measures)
            assert [(m.sentence, m.coverage) for m in got] == \
                   [(m.sentence, m.coverage) for m in reference.rank(query, parts, limit, measures)]


@pytest.mark.parametrize("plan_report, period, summary_report", pairs())
def test_words_cut_block_by_block_are_the_words_of_the_whole_text(tmp_path, plan_report, period, summary_report):
    workspace, tasks, text = plan_and_summary(tmp_path, plan_report, period, summary_report)
    segmenter = Segmenter.from_settings(workspace.settings)
    texts = [s.text for s in verdicts.summary_sentences(text, find_sections(text))]
    texts += [part for task in tasks for part in (task.title, task.detail, task.title + task.detail)]
    segmenter.prepare(texts)
    tokenizer = matching._jieba(segmenter.vocabulary)
    for piece in texts:
        assert segmenter.words(piece) == [w for w in tokenizer.lcut(segmenter.normalise(piece), HMM=True)
                                          if _is_word(w)]


def test_a_long_text_is_cut_by_workers_as_by_one_process(monkeypatch):
    segmenter = Segmenter()
    text = read_report(sorted(SEEDS.glob("0*.txt"))[0]).text
    alone = Segmenter()
    expected = [alone.words(line) for line in text.splitlines()]
    monkeypatch.setattr(matching, "PARALLEL_CHARACTERS", 100)
    monkeypatch.setattr(workers, "cpus", lambda: 3)
    segmenter.prepare(text.splitlines())
    assert [segmenter.words(line) for line in text.splitlines()] == expected


@pytest.mark.parametrize("plan_report, period, summary_report", pairs())
def test_items_checked_by_workers_are_those_checked_by_one_process(tmp_path, monkeypatch, plan_report, period,
                                                                    summary_report):
    workspace, tasks, text = plan_and_summary(tmp_path, plan_report, period, summary_report)
    sentences = review_sentences(text, Segmenter.from_settings(workspace.settings))
    monkeypatch.setattr(workers, "cpus", lambda: 1)
    alone = verdicts.check_plan(period, "summary", tasks, sentences, Segmenter.from_settings(workspace.settings))
    forked = []
    real_map = workers.map_forked
    monkeypatch.setattr(workers, "map_forked", lambda f, items, n: forked.append(n) or real_map(f, items, n))
    monkeypatch.setattr(workers, "cpus", lambda: 3)
    monkeypatch.setattr(verdicts, "PARALLEL_ITEMS", 2)
    shared = verdicts.check_plan(period, "summary", tasks, sentences, Segmenter.from_settings(workspace.settings))
    assert 3 in forked  # the items were shared out between this process and two forks
    assert shared == alone  # every item's verdict, score, evidence, risk and terms; every target
