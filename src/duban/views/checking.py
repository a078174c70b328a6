"""The terminal view of `duban check`: a table of the plan's items with verdict colours and the evidence
highlighted (the item's own words in bold, the words that decided the verdict in its colour), then its targets."""

from __future__ import annotations

from collections import Counter

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from duban.check.verdicts import VERDICTS, CheckResult, ItemResult, signal_words
from duban.views.words import format_target, label, verdict_label
from duban.views.ledger import VERDICT_STYLES

TARGET_STYLES = {"met": "green", "not_met": "red", "unknown": "dim"}
EVIDENCE_WIDTH = 90  # characters of an evidence sentence shown before an ellipsis


def highlight(sentence: str, terms: list[str]) -> Text:
    """The sentence with the item's words in bold and the verdict words in their verdict's colour."""
    shown = sentence if len(sentence) <= EVIDENCE_WIDTH else sentence[: EVIDENCE_WIDTH - 1] + "…"
    text = Text(shown)
    for term in sorted(terms, key=len, reverse=True):
        start = shown.find(term)
        while start != -1 and term:
            text.stylize("bold", start, start + len(term))
            start = shown.find(term, start + len(term))
    for start, end, kind in signal_words(shown):
        text.stylize(f"underline {VERDICT_STYLES[kind]}", start, end)
    return text


def _evidence_cell(item: ItemResult, lang: str) -> Text:
    cell = Text()
    line_word = label("line", lang)
    for index, evidence in enumerate(item.evidence):
        if index:
            cell.append("\n")
        where = f"L{evidence.line}:" if lang == "en" else f"第{evidence.line}{line_word}："
        cell.append(where, style="dim")
        cell.append_text(highlight(evidence.text, item.terms))
    if item.risk is not None:
        if item.evidence:
            cell.append("\n")
        where = f"L{item.risk.line}:" if lang == "en" else f"第{item.risk.line}{line_word}："
        cell.append(f"{label('problems', lang)} {where}", style="red")
        cell.append_text(highlight(item.risk.text, item.terms))
    return cell


def render_check(console: Console, result: CheckResult, lang: str = "zh") -> None:
    title = f"{label('check', lang)} {result.plan} ← {result.summary}"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title=title, title_justify="left",
                  show_lines=True)
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", max_width=24)
    table.add_column(label("verdict", lang), no_wrap=True)
    table.add_column(label("score", lang), no_wrap=True, justify="right")
    table.add_column(label("evidence", lang), overflow="fold", ratio=1)
    for item in result.items:
        style = VERDICT_STYLES.get(item.verdict, "")
        table.add_row(item.task_id, item.title, Text(verdict_label(item.verdict, lang), style=style),
                      f"{item.score:.2f}", _evidence_cell(item, lang))
    console.print(table)
    counts = Counter(item.verdict for item in result.items)
    parts = [f"{verdict_label(v, lang)} {counts[v]}" for v in VERDICTS if counts[v]]
    console.print(" · ".join(parts) if parts else label("no_tasks", lang))
    if result.targets:
        console.print()
        console.print(_targets_table(result, lang))


def _targets_table(result: CheckResult, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title=label("targets", lang),
                  title_justify="left")
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("target", lang), overflow="fold", max_width=30)
    table.add_column(label("actual", lang), no_wrap=True, justify="right")
    table.add_column(label("verdict", lang), no_wrap=True)
    table.add_column(label("actual_text", lang), overflow="fold", ratio=1)
    for target in result.targets:
        unit = "%" if target.target.comparator == "in_step" else target.target.unit
        actual = "—" if target.actual is None else f"{target.actual:g}{unit}"
        where = f"L{target.line}:" if lang == "en" else f"第{target.line}{label('line', lang)}："
        sentence = Text(where if target.line else "", style="dim")
        sentence.append(target.actual_text)
        table.add_row(target.task_id, format_target(target.target, lang), actual,
                      Text(label(target.verdict, lang), style=TARGET_STYLES.get(target.verdict, "")), sentence)
    return table
