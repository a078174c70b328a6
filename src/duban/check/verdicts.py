"""Check a plan against a later summary: for each task, the sentences of the summary's review that report on it,
a verdict (done / in_progress / at_risk / not_found) with a score, and each numeric target met or not.

Evidence comes only from the summary's review part. Its plan part (the next period's plan, which repeats the
wording of this one) is never used; its problems part (存在的问题, …还存在不少困难和问题) is searched only to flag
an item at risk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from duban.check.matching import (BOILERPLATE, Match, Segmenter, Sentence, SentenceIndex, build_query, plan_rarity,
                            split_sentences, title_coverage)
from duban.ledger.model import Task
from duban.text.outline import marker_of
from duban.check.figures import TargetResult, check_target

# Words near the evidence that say how far the task got. Risk words are looked for first: 尚未完成 holds 完成.
_RISK = re.compile(r"尚未(?:完成|实现|达到|建成|启动|开工|到位|落实|投入使用)?|滞后|未完成|未能(?:完成|实现|达到)?|"
                   r"没有完成|进展缓慢|不到位|落实不力|差距较大|困难较多|仍然?(?:薄弱|严峻|突出|繁重)|"
                   r"有待|亟待|未达到|未启动|停滞|乏力|减慢|放缓")
_DONE = re.compile(r"完成|建成|通过|实现|达到|获评|顺利|圆满|超额|如期|全覆盖|成功|落地|投入使用|投入运营|通车|"
                   r"通水|挂牌|验收|取得(?:明显|显著|重大|突破性|重要|新的?)?(?:成效|成果|突破|进展)|成效显著|"
                   r"全面(?:推开|实施|实行|推行|建立)|提前|明显|显著|增长|下降|提高到|增加到|迈出|"
                   # outcomes: an adverb of result before a verb of change, or a state reached
                   r"(?:继续|不断|持续|大幅|进一步)(?:提升|提高|增强|改善|优化|扩大|下降|减少)|"
                   r"保持在|保持了|稳定在|控制在|蓬勃|涌现|显现")
# What says the period's work fell short, as against a standing weakness (基础薄弱, 差距较大, 短板).
_SHORTFALL = re.compile(r"未完成|没有完成|未达到|没有达到|未能|未实现|低于预期|不及预期|不达预期|放缓|回落|下滑|下降|减慢|乏力|不振|"
                        r"收窄|负增长|缓慢|进度(?:较)?慢|滞后|(?:压力|难度)(?:加大|增大|较大)|需求不足|不够有力|不到位|偏慢")
# A figure with its unit: a review that gives one reports a result.
_RESULT_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|千|个|项|家|所|套|户|人|名|公里|吨|件|次|元|亩|张|床)")
# What says the work is not finished yet. Not the verbs reviews report finished work with (稳步推进, 加快推进,
# 启动, 开工 of a project, 初步建立): on the answer keys' 469 items those called 9 of 10 done items in progress.
# 正在 says work is under way; 正在发生显著变化, 正在形成 say what the work has changed.
_UNDER_WAY_NOW = r"正在(?!发生|形成|显现|成为|改变)"
_PROGRESS = re.compile(rf"{_UNDER_WAY_NOW}|在建|开局|初见成效|推进中|积极进展|筹建|着手|前期")

# Words that say the work is still going on: they outweigh the completion of a step in the same sentence
# (平台正在建设，已完成招标).
_ONGOING = re.compile(rf"{_UNDER_WAY_NOW}|在建|建设中|推进中|实施中|尚在|仍在")

# A paragraph of the review that is really about problems: 我们也清醒看到…困难和问题.
_PROBLEM_LEAD = re.compile(r"(?:清醒(?:地)?(?:看到|认识到)|存在(?:的)?(?:主要)?问题|不足之处|问题和不足|困难和问题|"
                           r"问题和挑战|困难和挑战|差距和不足|(?<![补齐锻])短板)")  # 补短板 is work done, not a problem

VERDICTS = ("done", "in_progress", "at_risk", "not_found")
EVIDENCE_COUNT = 3
FOUND_THRESHOLD = 0.15     # coverage of the item's own words below which the summary does not mention it
RISK_THRESHOLD = 0.6       # share of the item's title words a problems sentence needs to flag it at risk
_POSITION_WEIGHTS = (1.0, 0.6, 0.4)
HEADING_LENGTH = 40
PROGRESS_MARGIN = 2.0      # how much more the words of work under way must weigh than those of results
# Words of thanks and greeting: part of a review's text, never evidence of any task.
_CEREMONY = re.compile(r"表示(?:诚挚|衷心|真诚)?的?感谢|致以[^。]{0,12}敬意|^各位代表|^同志们|"
                       r"(?:领导|指引|指导|奋斗|拼搏|支持)的结果[。！]?$")  # 这是……坚强领导的结果


@dataclass(frozen=True)
class Evidence:
    text: str
    line: int


@dataclass
class ItemResult:
    task_id: str
    title: str
    verdict: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    risk: Evidence | None = None  # the problems-part sentence that flagged it, if any
    terms: list[str] = field(default_factory=list)  # the item's words, for highlighting the evidence
    risk_from: str = "problems"  # where the risk was read: the problems part, or a "target" of its own missed


@dataclass
class CheckResult:
    plan: str
    summary: str
    items: list[ItemResult]
    targets: list[TargetResult]
    review_sentences: int = 0  # how many sentences of review there were to find evidence in


def summary_sentences(text: str, sections: Sequence[Any], chapters: dict[int, int] | None = None) -> list[Sentence]:
    """The sentences of a summary's review and problems parts, each tagged with its part.

    `sections` are `sections.find_sections(text)`: objects with kind (review / problems / plan / other),
    start_line and end_line. Plan parts are dropped. When neither a review nor a plan part is found the whole
    text outside problems parts counts as review (a plain summary). Paragraphs of the review that begin by naming
    problems (我们也清醒看到，…还存在不少困难和问题) count as problems. `chapters` (line → chapter, from
    `Reading.chapters`) tells each sentence its chapter.
    """
    lines = text.split("\n")
    kinds = ["review"] * len(lines)
    for section in sections:
        for number in range(max(section.start_line, 1), min(section.end_line, len(lines)) + 1):
            kinds[number - 1] = section.kind
    if any(s.kind in ("review", "plan") for s in sections):
        kinds = ["other" if kind not in ("review", "problems") else kind for kind in kinds]
    else:  # a plain summary with no parts found: all of it but its problems is review
        kinds = [kind if kind in ("plan", "problems") else "review" for kind in kinds]
    sentences: list[Sentence] = []
    run_start = 0
    for index in range(1, len(lines) + 1):
        if index == len(lines) or kinds[index] != kinds[run_start]:
            kind = kinds[run_start]
            if kind in ("review", "problems"):
                chunk = "\n".join(lines[run_start:index])
                offset = sentences[-1].paragraph if sentences else 0  # paragraph numbers unique over the text
                sentences.extend(Sentence(s.text, s.line, s.part, s.paragraph + offset, (chapters or {}).get(s.line, 0))
                                 for s in split_sentences(chunk, first_line=run_start + 1, part=kind))
            run_start = index
    return _mark_problem_paragraphs([s for s in sentences if not _CEREMONY.search(s.text)])


def _mark_problem_paragraphs(sentences: list[Sentence]) -> list[Sentence]:
    first_of: dict[int, str] = {}
    for s in sentences:
        first_of.setdefault(s.paragraph, s.text)
    problem = {p for p, first in first_of.items() if _PROBLEM_LEAD.search(first[:60])}
    return [Sentence(s.text, s.line, "problems", s.paragraph) if s.paragraph in problem and s.part == "review"
            else s for s in sentences]


def _pick_evidence(matches: list[Match], shown: bool = False) -> list[Match]:
    """The best matches, each from another line (paragraph), for the verdict to weigh; `shown` (the passages a
    person reads): up to PER_PARAGRAPH from one paragraph, as the review's paragraph on an item reports several of
    its measures, and a heading of the review that says nothing of how far the work got (（九）扎实推进生态文明建设。)
    or a paragraph's lead sentence only after the passages that say what was done."""
    chosen: list[Match] = []
    per_line = PER_PARAGRAPH if shown else 1
    ordered = sorted(matches, key=lambda m: _says_little(m.sentence.text)) if shown else matches
    for match in ordered:
        if sum(1 for m in chosen if m.sentence.line == match.sentence.line) >= per_line:
            continue
        chosen.append(match)
        if len(chosen) == EVIDENCE_COUNT:
            break
    return chosen


PER_PARAGRAPH = 2  # passages shown from one paragraph of the review

# The opening of a review's preamble (一年来，我们坚持以习近平新时代…为指导): it speaks of all the work at once.
_PREAMBLE = re.compile(r"^(?:——)?(?:一年来|五年来|过去一年|过去五年|[^，,。]{0,20}以来)[，,]?(?:在[^，,。]{0,30}[，,])?我们|"
                       r"以习近平新时代中国特色社会主义思想为指导")
_LEAD_SENTENCE = re.compile(r"^(?:[一二三四五六七八九十]+是|——)")
SUMMARY_LENGTH = 16  # a sentence this short with no figure sums a chapter up (产业活力不断迸发。): it reports nothing


def _says_little(text: str) -> bool:
    """A passage that says little of what was done for the item: a bare heading, the review's preamble, a
    chapter's heading line or a short line that sums a chapter up (both without a figure); such passages are shown
    after the ones that report the work."""
    marker = marker_of(text)
    # a chapter's own heading line (（三）坚持创新核心地位，发展动能不断增强) sums the chapter up, and so does a lead
    # sentence numbered in the text (三是深化供给侧结构性改革，实体经济活力不断释放。) or led by a dash: the
    # sentences after it say what was done (the headline's words still decide the verdict, see check_item)
    heading = marker is not None and marker.kind in ("part", "cn", "paren_cn") and len(text) <= HEADING_LENGTH
    lead = bool(_LEAD_SENTENCE.match(text))
    short = not _RESULT_FIGURE.search(text) and (len(text) <= SUMMARY_LENGTH or heading or lead)
    return _is_bare_heading(text) or bool(_PREAMBLE.search(text)) or short


def _is_bare_heading(text: str) -> bool:
    """A heading of one clause that names the work and nothing of how it went (no 取得进展, no 活力不断释放)."""
    return (len(text) <= HEADING_LENGTH and marker_of(text) is not None and not re.search("[，,；;]", text)
            and not any(_signals(text)))


def _signals(text: str) -> tuple[bool, bool, bool]:
    """(risk, done, progress) words in one sentence; a risk word hides the completion word it holds."""
    risk = bool(_RISK.search(text))
    cleaned = _RISK.sub("", text)
    if _ONGOING.search(cleaned):
        return risk, False, True
    done = bool(_DONE.search(cleaned) or _RESULT_FIGURE.search(cleaned))
    return risk, done, bool(_PROGRESS.search(cleaned))


def decide(evidence: list[Match], paragraph_text: dict[int, str], risk_match: Match | None, score: float,
           mentioned: bool) -> tuple[str, float]:
    """The verdict and its score (how much of the item the best passages hold, 0–1) from the evidence sentences
    and the paragraphs they sit in; `mentioned`: whether the review speaks of the item at all."""
    if not mentioned:
        return "not_found", round(score, 2)
    found = [m for m in evidence if m.coverage >= FOUND_THRESHOLD * 0.75] or evidence[:1]
    done = progress = risk = 0.0
    for weight, match in zip(_POSITION_WEIGHTS, found):
        r, d, p = _signals(match.sentence.text)
        # the rest of its paragraph counts too, for less: 二是深化改革开放。…取得重要进展。
        rest = paragraph_text.get(match.sentence.paragraph, "").replace(match.sentence.text, "")
        if not rest and len(match.sentence.text) <= HEADING_LENGTH:
            # a heading on a line of its own (一是…。): the paragraph under it tells how far it got
            rest = paragraph_text.get(match.sentence.paragraph + 1, "")
        pr, pd, pp = _signals(rest)
        risk += weight * (r + 0.3 * pr)
        done += weight * (d + 0.3 * pd)
        progress += weight * (p + 0.3 * pp)
    if risk_match is not None:
        return "at_risk", round(score, 2)
    if risk > done and risk >= progress and risk > 0:
        return "at_risk", round(score, 2)
    # A review that covers an item reports it as carried out unless it speaks of it mainly as under way, or its
    # best passage says the work is not finished (主体结构尚未完成封顶，…目前完成主体工程的80%).
    if progress > done * PROGRESS_MARGIN or (found and _UNFINISHED.search(found[0].sentence.text)):
        return "in_progress", round(score, 2)
    return "done", round(score, 2)


# Of the risk words, those that say the work itself is not finished (not that it is hard or slow).
_UNFINISHED = re.compile(r"尚未|未完成|没有完成|未能")


# Items whose shortfall a problems paragraph names in words of its own: demand (扩大内需, 扩投资促消费) falls short
# as 有效需求不足 or 消费不振 — the period's weakness, said so every year it lasts, not a standing one.
_SHORTFALLS_IN_OTHER_WORDS = (
    (re.compile(r"内需|扩大需求|需求潜力|[促扩振]消费|扩大消费|消费.{0,10}投资|投资.{0,10}消费"),
     re.compile(r"有效需求不足|(?:内|市场|消费)需求(?:不足|偏弱|疲软)|需求增长偏弱|消费(?:不振|疲软|低迷)|"
                r"投资增(?:长|势)(?:乏力|疲弱|放缓)|消费增(?:速|长)(?:减慢|放缓|回落)|新的消费热点不多")),
)


def _risk_match(query, index: SentenceIndex, stock: list[set[str]], title: str = "") -> Match | None:
    """A sentence of the problems part that names the item itself: its key phrase if it has one (创建国家卫生城市),
    and most of its title words, two at least — unless the plan's own report made the same complaint (a stock
    complaint: 民生领域存在短板 every year says nothing about this year's work); or that names the shortfall of an
    item of the title's kind in its own words (有效需求不足 for 扩大内需)."""
    for item_kind, shortfall in _SHORTFALLS_IN_OTHER_WORDS:
        if item_kind.search(title):
            named = index.first_in("problems", shortfall)
            if named is not None:
                return Match(named, 0.0, 0.0)
    for match in index.rank(query, ("problems",), limit=5, measures=False):
        text = index.segmenter.normalise(match.sentence.text)
        if query.phrases and not any(phrase in text for phrase in query.phrases):
            continue
        if _is_stock(index.segmenter.words(text), stock):
            continue
        if not _SHORTFALL.search(text):
            continue  # a standing weakness (基础薄弱, 差距较大), not this period's work falling short
        share, whole = title_coverage(query, text)
        if share >= RISK_THRESHOLD and whole >= 2:
            return match
    return None


STOCK_SHARE = 0.6  # share of a complaint's words the plan's own report already said


def _is_stock(words: list[str], stock: list[set[str]]) -> bool:
    content = {w for w in words if w not in BOILERPLATE}
    return bool(content) and any(len(content & said) >= STOCK_SHARE * len(content) for said in stock)


def check_item(task: Task, index: SentenceIndex, paragraph_text: dict[int, str],
               rarity: dict[str, float] | None = None, stock: list[set[str]] | None = None) -> ItemResult:
    query = build_query(task.title, task.detail, index.segmenter, rarity)
    review = index.rank(query, ("review",))
    # The review's own words on the item as a whole (its sub-heading: 三大攻坚战…取得积极进展) say how far it got;
    # after them come the passages that report its planned measures.
    headline = index.rank(query, ("review",), limit=1, measures=False)
    evidence = _pick_evidence(review, shown=True)
    risk_match = _risk_match(query, index, stock or [], task.title)
    best = max((m.coverage for m in review + headline), default=0.0)  # whether the review speaks of it at all
    mentioned = best >= FOUND_THRESHOLD or (best >= FAINT_THRESHOLD and _names_its_words(query, review + headline,
                                                                                           paragraph_text))
    verdict, score = decide(_pick_evidence(headline + review), paragraph_text, risk_match, best, mentioned)
    shown = [] if verdict == "not_found" else [Evidence(m.sentence.text, m.sentence.line) for m in evidence]
    risk = (Evidence(risk_match.sentence.text, risk_match.sentence.line)
            if verdict == "at_risk" and risk_match is not None else None)
    terms = [w for w in (*query.phrases, *query.title_words, *query.detail_words) if w not in BOILERPLATE]
    return ItemResult(task.id, task.title, verdict, score, shown, risk, list(dict.fromkeys(terms)))


FAINT_THRESHOLD = 0.10  # a coverage this low finds the item only where its best passage names several of its words
NAMED_WORDS = 4  # …and how many of its words that takes (3 and 4 found the same items of the answer keys)


def _names_its_words(query, matches: list[Match], paragraph_text: dict[int, str]) -> bool:
    """Whether the best passage (with its paragraph) names NAMED_WORDS of the item's own words or more: a review
    that reports an item in other words than its title (学位, 医院 for 提升人民群众幸福感获得感安全感) still names
    what it planned, where a passage that shares one common word (建设) with an item the review never speaks of
    does not."""
    best = max(matches, key=lambda m: m.coverage, default=None)
    if best is None:
        return False
    text = best.sentence.text + paragraph_text.get(best.sentence.paragraph, "")
    words = {w for w in (*query.phrases, *query.title_words, *query.detail_words)
             if len(w) >= 2 and w not in BOILERPLATE}
    return sum(1 for w in words if w in text) >= NAMED_WORDS


def signal_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the words in text that decided a verdict: risk, done or in_progress."""
    spans = []
    for kind, pattern in (("at_risk", _RISK), ("done", _DONE), ("in_progress", _PROGRESS)):
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), kind))
    return sorted(spans)


def check_plan(plan_id: str, summary_name: str, tasks: Iterable[Task], sentences: list[Sentence],
               segmenter: Segmenter, stock: Sequence[str] = (), last_year: int | None = None) -> CheckResult:
    """Check every task of a plan (and each of its targets) against a summary's sentences; `stock` are the
    complaints of the plan's own report, which the summary's repeating them does not make a flag. A five years'
    goal due after the plan's `last_year` and not reached yet is not judged: its figure so far is shown, its verdict
    unknown (one reached early is met)."""
    tasks = list(tasks)
    segmenter.prepare([s.text for s in sentences] + [text for task in tasks
                                                     for text in (f"{task.title}{task.detail}", task.title, task.detail)])
    index = SentenceIndex(sentences, segmenter)
    paragraph_text: dict[int, str] = {}
    for s in sentences:
        paragraph_text[s.paragraph] = paragraph_text.get(s.paragraph, "") + s.text
    rarity = plan_rarity(segmenter.words(f"{task.title}{task.detail}") for task in tasks)
    said = [set(segmenter.words(segmenter.normalise(text))) - BOILERPLATE for text in stock]
    items = _check_items(tasks, index, paragraph_text, rarity, said)
    targets = [_not_due_yet(_check_target(task.id, target, sentences, segmenter), last_year)
               for task in tasks for target in task.targets]
    review_lines: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.part == "review":
            review_lines.setdefault(sentence.line, []).append(sentence)
    by_task: dict[str, list[TargetResult]] = {}
    for result in targets:
        by_task.setdefault(result.task_id, []).append(result)
    for item in items:
        _weigh_targets(item, by_task.get(item.task_id, []))
        _figures_first(item, by_task.get(item.task_id, []), review_lines)
    reviewed = sum(1 for s in sentences if s.part == "review")
    return CheckResult(plan_id, summary_name, items, targets, reviewed)


PARALLEL_ITEMS = 200  # below this many items, a forked worker costs more than it saves


def _check_items(tasks: list[Task], index: SentenceIndex, paragraph_text: dict[int, str],
                 rarity: dict[str, float], stock: list[set[str]]) -> list[ItemResult]:
    """check_item of every task, shared out between this process and forks on the machine's other CPUs when
    there are hundreds (each item is ranked on its own against the same index; a fork has the index already)."""
    from duban.workers import map_forked, workers_for

    processes = workers_for(len(tasks), PARALLEL_ITEMS)
    if processes < 2:
        return [check_item(task, index, paragraph_text, rarity, stock) for task in tasks]

    def checked(task: Task) -> tuple:  # as plain values, which is what a worker can send back
        item = check_item(task, index, paragraph_text, rarity, stock)
        return (item.task_id, item.title, item.verdict, item.score, [(e.text, e.line) for e in item.evidence],
                (item.risk.text, item.risk.line) if item.risk else None, item.terms, item.risk_from)

    def rebuilt(plain: tuple) -> ItemResult:
        task_id, title, verdict, score, evidence, risk, terms, risk_from = plain
        return ItemResult(task_id, title, verdict, score, [Evidence(*e) for e in evidence],
                          Evidence(*risk) if risk else None, list(terms), risk_from)

    return [rebuilt(plain) for plain in map_forked(checked, tasks, processes)]


def _not_due_yet(result: TargetResult, last_year: int | None) -> TargetResult:
    by = result.target.extra.get("by")
    if last_year is not None and isinstance(by, int) and by > last_year and result.verdict == "not_met":
        return replace(result, verdict="unknown")  # 地区生产总值达到6000亿元 by 2025: 4422亿元 after the first year
    return result  # …while a goal reached early is met


def _check_target(task_id: str, target, sentences: list[Sentence], segmenter: Segmenter) -> TargetResult:
    """A target's figure in the summary; a metric in spun wording (签约效劳覆盖率) is looked for in the real words
    too ([synonyms]), while the summary's own words are what the result quotes."""
    result = check_target(task_id, target, sentences)
    real = segmenter.normalise(target.metric)
    if result.verdict != "unknown" or real == target.metric:
        return result
    return replace(check_target(task_id, replace(target, metric=real), sentences), target=target)


FIGURE_EVIDENCE = 1  # sentences of the item's figures that lead its evidence (two put its measures out of the three)


def _figures_first(item: ItemResult, targets: list[TargetResult], by_line: dict[int, list[Sentence]]) -> None:
    """The review's sentences (`by_line`: the review's sentences on each line) that give the item's own figures
    (地区生产总值增长7.8%) lead its evidence: what a clerk quotes first to show how far it got."""
    if item.verdict == "not_found":
        return
    quoted: list[Evidence] = []
    for target in targets:
        if target.line is None or not target.actual_text:
            continue
        sentence = next((s for s in by_line.get(target.line, []) if target.actual_text in s.text), None)
        if sentence is not None and all(e.text != sentence.text for e in quoted):
            quoted.append(Evidence(sentence.text, sentence.line))
        if len(quoted) >= FIGURE_EVIDENCE:
            break
    if quoted:
        rest = [e for e in item.evidence if all(e.text != q.text for q in quoted)]
        item.evidence = (quoted + rest)[:EVIDENCE_COUNT]


def _weigh_targets(item: ItemResult, targets: list[TargetResult]) -> None:
    """An item's own figures outweigh its words: more of them missed than met puts it at risk (the first missed
    one is the risk shown), any of them missed keeps it from done, and all of them met make it done. The plan's expected targets given to the item (scope = goals) are judged on their own."""
    targets = [t for t in targets if t.target.extra.get("scope") != "goals"]
    missed = sum(1 for t in targets if t.verdict == "not_met")
    met = sum(1 for t in targets if t.verdict == "met")
    if missed and missed > met:
        item.verdict = "at_risk"
        short = next((t for t in targets if t.verdict == "not_met" and t.line), None)
        if item.risk is None and short is not None:  # the figure that fell short is why
            item.risk = Evidence(short.actual_text, short.line)
            item.risk_from = "target"
    elif missed and item.verdict == "done":
        item.verdict = "in_progress"  # some of its own figures missed: not done, whatever the words say
    elif targets and met == len(targets) and item.verdict in ("in_progress", "not_found"):
        item.verdict = "done"
    else:
        return
    if not item.evidence:  # not_found before: the figures are its evidence
        item.evidence = [Evidence(t.actual_text, t.line) for t in targets if t.line][:EVIDENCE_COUNT]
        item.score = max(item.score, FOUND_THRESHOLD)


def check_summary(workspace, plan_id: str, summary) -> tuple[CheckResult, list[Task], list]:
    """Check plan `plan_id` of a workspace against a summary: its path, or the report already read from it.

    Returns the result, the tasks it checked (in order) and what to warn about: the faults of task files that
    could not be read, and what reading the summary had to mend (bytes that were not UTF-8).
    Raises UsageError for an unknown plan and BadInput for a summary that cannot be read.
    """
    from duban.report.formats import Report, read_report
    from duban.report.sections import read_report_text

    plan = workspace.read_plan(plan_id)  # an unknown plan fails here, before the summary is read
    report = summary if isinstance(summary, Report) else read_report(summary)
    loaded = workspace.load_tasks([plan_id])
    tasks = loaded.tasks
    segmenter = Segmenter.from_settings(workspace.settings)
    reading = read_report_text(report.text, segmenter.synonyms)
    sentences = summary_sentences(report.text, reading.sections, reading.chapters("review"))
    stock = _plan_complaints(workspace, plan_id, segmenter)
    warnings = [*loaded.faults, *report.warnings]
    return check_plan(plan_id, report.name, tasks, sentences, segmenter, stock, plan.end.year), tasks, warnings


def _plan_complaints(workspace, plan_id: str, segmenter: Segmenter) -> list[str]:
    """The problems the plan's own report named (its report.txt, kept by import)."""
    from duban.report.sections import find_sections

    text = workspace.stored_report(plan_id)
    return [s.text for s in summary_sentences(text, find_sections(text, segmenter.synonyms)) if s.part == "problems"]
