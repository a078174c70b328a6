"""The terminal view of `duban check`: the plan's items with their verdicts in colour and their evidence, the
item's own words in bold and the words that decided the verdict underlined in its colour; then the targets."""

from __future__ import annotations

from collections import Counter

from duban.check.verdicts import VERDICTS, ItemResult, signal_words
from duban.text.numerals import figure_text
from duban.views.cells import shorten
from duban.views.ledger import NOTE_FLOOR, STATUS_STYLES, TARGET_STYLES, VERDICT_STYLES
from duban.views.table import Column, Styled, Table
from duban.views.terminal import Terminal
from duban.views.words import Words

EVIDENCE_WIDTH = 90  # characters of an evidence sentence shown before an ellipsis


def highlight(sentence: str, terms: list[str], cell: Styled | None = None) -> Styled:
    """The sentence (appended to `cell`) with the item's words in bold and the verdict words in their colour."""
    shown = sentence if len(sentence) <= EVIDENCE_WIDTH else sentence[: EVIDENCE_WIDTH - 1] + "…"
    cell = cell if cell is not None else Styled("")
    base = len(cell.text)
    cell.append(shown)
    for term in sorted((t for t in terms if t), key=len, reverse=True):
        start = shown.find(term)
        while start != -1:
            cell.stylize("bold", base + start, base + start + len(term))
            start = shown.find(term, start + len(term))
    for start, end, kind in signal_words(shown):
        cell.stylize(f"underline {VERDICT_STYLES[kind]}", base + start, base + end)
    return cell


def _evidence_cell(w: Words, item: ItemResult) -> Styled:
    cell = Styled("")
    for index, evidence in enumerate(item.evidence):
        if index:
            cell.append("\n")
        cell.append(w("line_short", line=evidence.line), "dim")
        highlight(evidence.text, item.terms, cell)
    if item.risk is not None:
        if item.evidence:
            cell.append("\n")
        label = w("problems") if item.risk_from == "problems" else w("check_risk_target")
        cell.append(f"{label} {w('line_short', line=item.risk.line)}", "red")
        highlight(item.risk.text, item.terms, cell)
    return cell


def render_check(out: Terminal, w: Words, result) -> None:
    table = Table([Column(w("id")),
                   Column(w("title"), wrap=True, floor=24, min_width=10, main=True),
                   Column(w("verdict")),
                   Column(w("score"), justify="right"),
                   Column(w("evidence"), wrap=True, floor=NOTE_FLOOR, min_width=20, beneath=True,
                          label=w("evidence") + w("colon"))],
                  title=w("check_title", plan=result.plan, summary=result.summary))
    for index, item in enumerate(result.items):
        table.add_row(item.task_id, item.title, (w.verdict(item.verdict), VERDICT_STYLES.get(item.verdict, "")),
                      f"{item.score:.2f}", _evidence_cell(w, item), end_section=True)
    table.print(out)
    counts = Counter(item.verdict for item in result.items)
    parts = [f"{w.verdict(v)} {counts[v]}" for v in VERDICTS if counts[v]]
    out.line(" · ".join(parts) if parts else w("no_tasks"))
    if result.targets:
        out.line()
        _targets_table(w, result).print(out)


def _targets_table(w: Words, result) -> Table:
    table = Table([Column(w("id")),
                   Column(w("target"), wrap=True, max_width=30, min_width=10),
                   Column(w("actual"), justify="right"),
                   Column(w("verdict")),
                   Column(w("actual_text"), wrap=True, min_width=20)], title=w("targets"))
    for target in result.targets:
        unit = "%" if target.target.comparator == "in_step" else target.target.unit
        actual = "—" if target.actual is None else figure_text(target.actual, unit)
        sentence = Styled("")
        if target.line:
            sentence.append(w("line_short", line=target.line), "dim")
        sentence.append(target.actual_text)
        table.add_row(target.task_id, w.target(target.target), actual,
                      (w(target.verdict), TARGET_STYLES.get(target.verdict, "")), sentence)
    return table


NOTE_EVIDENCE_CELLS = 120  # cells of the first passage a progress note quotes: about 60 Chinese characters


def check_note(w: Words, item: ItemResult, summary: str) -> str:
    """The progress-log line a check leaves: verdict, score and the first evidence with its line, shortened at the
    end of a clause and never inside a word or a number."""
    note = w("check_note", summary=summary, verdict=w.verdict(item.verdict), score=f"{item.score:.2f}")
    first = item.evidence[0] if item.evidence else None
    if first is None:
        return note
    return note + w("check_note_evidence", line=first.line, text=shorten(first.text, NOTE_EVIDENCE_CELLS, clause=True))


def refusal_text(w: Words, refusal) -> str:
    """Why a summary is not checked against a plan (check.guards.Refusal), in one line of the user's words."""
    values = {key: w("list_sep").join(value) if isinstance(value, list) else value
              for key, value in refusal.values.items()}
    return w(f"refuse_{refusal.kind}", **values)


# --- what applying a check writes -----------------------------------------------------------------------------


def render_preview(out: Terminal, w: Words, preview, facts) -> None:
    """Before a check is written: what the summary is taken to be, each status it changes (old → new, the verdict
    and the passage that shows it), each task it leaves alone and why, and how many files it writes."""
    out.line()
    if facts.period is not None and preview.summary_date is not None:
        out.line(w("check_facts", summary=preview.summary.name, period=facts.period.id,
                   date=preview.summary_date.isoformat()))
    elif preview.mark_done or preview.mark_progress:
        out.line(w("check_facts_unknown", summary=preview.summary.name))
    if preview.changes:
        _moves_table(w, preview).print(out)
    if preview.left_alone:
        _kept_table(w, preview).print(out)
    out.line(w("check_will_write", n=len(preview.writes), moves=len(preview.changes), kept=len(preview.left_alone)))


def _preview_table(w: Words, state: str, note: str, title: str) -> Table:
    """A table of the preview: each task, its status (or change of it), the verdict and a note under the row."""
    return Table([Column(w("id")),
                  Column(w("title"), wrap=True, floor=24, min_width=10, main=True),
                  Column(w(state)),
                  Column(w("verdict")),
                  Column(w(note), wrap=True, floor=NOTE_FLOOR, min_width=16, beneath=True, label=w(note) + w("colon"))],
                 title=title)


def _moves_table(w: Words, preview) -> Table:
    table = _preview_table(w, "change", "evidence", w("check_moves", n=len(preview.changes)))
    for change in preview.changes:
        passage = Styled("")
        if change.evidence is not None:
            passage.append(w("line_short", line=change.evidence.line), "dim")
            highlight(change.evidence.text, [], passage)
        table.add_row(change.task_id, change.title, (w.move(change.new, change.old), STATUS_STYLES.get(change.new, "")),
                      (w.verdict(change.verdict), VERDICT_STYLES.get(change.verdict, "")), passage)
    return table


def _kept_table(w: Words, preview) -> Table:
    table = _preview_table(w, "status", "reason", w("check_kept", n=len(preview.left_alone)))
    for left in preview.left_alone:
        table.add_row(left.task_id, left.title, (w.status(left.status), STATUS_STYLES.get(left.status, "")),
                      (w.verdict(left.verdict), VERDICT_STYLES.get(left.verdict, "")), left_reason(w, left, preview))
    return table


def left_reason(w: Words, left, preview) -> str:
    """Why a check leaves a task's status alone, in the user's words."""
    if left.reason == "set_after":
        return w("left_set_after", by=left.by or "—", date=left.set_on.isoformat(),
                 summary_date=preview.summary_date.isoformat())
    return w(f"left_{left.reason}", detail=left.detail)


def recorded_check_note(w: Words, item: ItemResult, summary: str) -> str:
    """The progress-log line of a status a check moves when the log already holds that check's verdict and evidence
    (`check --apply`, then `--mark-done`): it points at them rather than repeating them."""
    return w("check_note_recorded", summary=summary, verdict=w.verdict(item.verdict))
