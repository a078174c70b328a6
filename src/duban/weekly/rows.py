"""The weekly report's tables, built once for every format: the same blocks, columns, rows and words reach the
terminal, Markdown and HTML (and through HTML the PDF), which differ only in how they draw them.

Notes and evidence are shortened here (at a character boundary, with "…"), so every format shows the same words;
`weekly --json` carries them whole.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from duban.views.cells import shorten
from duban.views.words import Words
from duban.weekly.report import LateTask, OwnerStats, WeeklyReport

BAR_WIDTH = 20  # cells (or SVG units, scaled) of the bar of the owner with the most tasks
COUNT_KEYS = ("total", "open", "done", "in_progress", "blocked", "dropped", "overdue", "due_soon")
NOTE_CELLS = 72       # a progress note: about 36 Chinese characters, enough to say what happened
EVIDENCE_CELLS = 90   # a sentence of the summary a check found


class Col(NamedTuple):
    header: str
    kind: str = "text"   # text (a unit's name) | title | note | group (these wrap) | id | num | date | label | bar
    share: int = 0       # the column's share of a printed page's width, in per cent (0: as wide as needed)

    @property
    def wraps(self) -> bool:
        return self.kind in ("text", "title", "note", "group")


class Cell(NamedTuple):  # a weekly of 10,000 tasks makes 50,000 cells: a tuple is the cheapest to make
    text: str
    style: str = ""                    # "" | late | changed | muted
    bar: tuple[int, int, int] | None = None  # done / open on time / overdue: drawn instead of the text


class Block:
    """One section of the sheet: its title and summary, and its table's columns and rows (or what stands instead)."""

    def __init__(self, key: str, title: str, columns: list[Col] | None = None, rows: list[list[Cell]] | None = None,
                 summary: str = "", empty: str = "", level: int = 2, legend: str = ""):
        self.key = key
        self.title = title
        self.columns = [] if columns is None else columns
        self.rows = [] if rows is None else rows
        self.summary = summary
        self.empty = empty  # what stands in place of the table when there are no rows
        self.level = level  # 2: a section of the report; 3: a part of one (each plan's check); 4: under a part
        self.legend = legend


class Masthead(NamedTuple):
    """The head of a sheet in the 公文 form of a 简报: title and 期号, the 编发单位 with the date, the week."""

    title: str    # 督办周报
    issue: str    # 第21期 ("" when the week comes before the first issue)
    issuer: str   # 编发单位
    date: str     # 2019年11月20日: the day it is issued (today)
    week: str     # 2019年第47周（2019-11-18 至 2019-11-24）
    as_of: str    # 截至 2019-11-20
    scope: str    # 范围：责任单位：疾控中心 ("" for the whole workspace)

    headline: str  # 督办周报　第21期: the title and the 期号 on one line (the terminal, Markdown)

    @property
    def line(self) -> str:
        """The masthead on one line, for the terminal and Markdown."""
        return " · ".join(part for part in (self.issuer, self.week, self.as_of) if part)


class Distribution(NamedTuple):
    """The 版记 at the end of a sheet, from duban.toml's [weekly]: who signed and reviewed it, who gets it."""

    signed: str                    # 签发：王局长　审核：李主任 ("" when neither is set)
    lines: list[tuple[str, str]]   # ("报送", "区政府办公室，分管副区长"), ("抄送", …)
    issued: str                    # 2019年11月20日印发 (after the 编发单位)

    def __bool__(self) -> bool:
        return bool(self.signed or self.lines)


def masthead(report: WeeklyReport, w: Words) -> Masthead:
    scope = report.scope
    parts = [f"{w(key)}{w('colon')}{value}" for key, value in
             (("owner", scope.owner), ("plan", scope.plan), ("org", scope.org)) if value]
    title, issue = w("weekly_title"), w("issue_no", n=report.issue) if report.issue else ""
    return Masthead(title, issue, report.issuer, w.long_date(report.today), w.week(report),
                    w("as_of", today=report.today), w("scope", what=w("clause_sep").join(parts)) if parts else "",
                    w("headline", title=title, issue=issue) if issue else title)


def distribution(report: WeeklyReport, w: Words) -> Distribution:
    form = report.form
    signed = "　".join(f"{w(key)}{w('colon')}{name}" for key, name in
                      (("signed_by", form.signed_by), ("reviewed_by", form.reviewed_by)) if name)
    lines = [(w(key), w("list_sep").join(names)) for key, names in
             (("submit_to", form.submit_to), ("copy_to", form.copy_to)) if names]
    return Distribution(signed, lines, w("issued", date=w.long_date(report.today)))


def month_day(day: date | None) -> str:
    """`09-02`: dates inside a report about one week, where the year goes without saying."""
    return "" if day is None else f"{day.month:02d}-{day.day:02d}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def note_text(note: str, cells: int = NOTE_CELLS) -> str:
    """A note on one line, shortened at a character boundary with "…" when it is longer than `cells`."""
    return shorten(" ".join(note.split()), cells, clause=True)


def last_note(task: LateTask) -> str:
    """The last progress note with its date, e.g. `09-01 督查组现场检查`."""
    if not task.last_note:
        return ""
    return f"{month_day(task.last_note_date)} {note_text(task.last_note)}".strip()


def date_text(day: date | None) -> str:
    return day.isoformat() if day else "—"


def bar_cells(stats: OwnerStats, scale: int, width: int = BAR_WIDTH) -> tuple[int, int, int]:
    """Cells of a done / open-on-time / overdue bar, the owner with most tasks filling `width`.

    Each part gets at least one cell when it is not zero, so a single overdue task never disappears.
    """
    if scale <= 0:
        return 0, 0, 0
    parts = [stats.done, stats.open - stats.overdue, stats.overdue]
    cells = [max(1, round(n * width / scale)) if n else 0 for n in parts]
    while sum(cells) > width and max(cells) > 1:
        cells[cells.index(max(cells))] -= 1
    return cells[0], cells[1], cells[2]


def count_values(report: WeeklyReport) -> list[int]:
    return [getattr(report.counts, key) for key in COUNT_KEYS]


def blocks(report: WeeklyReport, w: Words) -> list[Block]:
    """Every table of the report, in order; the sections numbered as a 公文 numbers them (一、二、…)."""
    out = [_counts(report, w), _moved(report, w), _due_changes(report, w), _late(report, w), _soon(report, w),
           _owners(report, w), *_checks(report, w)]
    for block in out:
        if block.empty and not block.rows:
            block.summary = ""  # "0 items" next to "nothing this week" says it twice
    sections = [block for block in out if block.level == 2]
    for number, block in enumerate(sections, 1):
        block.title = w.numbered(number, block.title)
    parts = [block for block in out if block.level == 3]
    for number, block in enumerate(parts, 1):
        block.title = w.numbered(number, block.title, sub=True)
    return out


def overview(report: WeeklyReport, w: Words) -> str:
    """The counts said in one sentence, as a 公文 report opens."""
    c = report.counts
    return w("overview", total=c.total, done=c.done, in_progress=c.in_progress, todo=c.todo, blocked=c.blocked,
             dropped=c.dropped, overdue=c.overdue, due_soon=c.due_soon, entries=len(report.moved),
             changes=report.status_changes, moved=_due_moves(report, w))


def _due_moves(report: WeeklyReport, w: Words) -> str:
    """`延期 1 项`, or, when a deadline was brought forward (or first set), `调整完成时限 2 项（延期 1 项，提前 1 项）`."""
    later, earlier = report.due_moves("later"), report.due_moves("earlier")
    if later == len(report.due_changes):
        return w("overview_later", n=later)
    return w("overview_moves", n=len(report.due_changes), later=later, earlier=earlier)


def due_move(change, w: Words) -> str:
    """A deadline change marked as an office says it: 延期92天, 提前31天, or 新定 where there was none."""
    days = change.days
    return w("due_set_mark") if days is None else w(f"due_{change.direction}_mark", days=w.days(abs(days)))


def _counts(report: WeeklyReport, w: Words) -> Block:
    values = count_values(report)
    row = [Cell(str(n), "late" if key == "overdue" and n else "") for key, n in zip(COUNT_KEYS, values)]
    return Block("counts", w("counts"), [Col(w(key), "num") for key in COUNT_KEYS], [row],
                 summary=overview(report, w))


def _moved(report: WeeklyReport, w: Words) -> Block:
    block = Block("moved", w("moved"), summary=w("moved_summary", entries=len(report.moved),
                                                 changes=report.status_changes), empty=w("moved_none"))
    # the owner is a heading over its rows in every drawing but Markdown's: its share goes to the others
    block.columns = [Col(w("owner"), "group"), Col(w("date"), "date", 8), Col(w("id"), "id", 13),
                     Col(w("task"), "title", 30), Col(w("status"), "label", 14), Col(w("weekly_note"), "note", 35)]
    for index, m in enumerate(report.moved):
        first = index == 0 or report.moved[index - 1].owner != m.owner
        block.rows.append([Cell(w.owner(m.owner) if first else ""), Cell(month_day(m.date)),
                           Cell(m.task_id),
                           Cell(m.title), Cell(w.move(m.status, m.previous), "changed" if m.status_changed else ""),
                           Cell(w.signed(entry_text(m, w), m.by))])
    return block


def entry_text(m, w: Words) -> str:
    """What a progress entry did, as `show` says it: what it changed besides the status, then its note, each
    shortened on its own (a deadline moved never cuts the note that says why)."""
    changed = w.entry_note(m.changes, "") if m.changes else ""  # most entries change nothing but the status
    return w("clause_sep").join(note_text(part) for part in (changed, m.note) if part)


def _due_changes(report: WeeklyReport, w: Words) -> Block:
    block = Block("due_changes", w("due_changes"), summary=w("due_changes_summary", n=len(report.due_changes)),
                  empty=w("due_changes_none"))
    block.columns = [Col(w("id"), "id", 12), Col(w("task"), "title", 22), Col(w("owner"), "text", 12),
                     Col(w("old_due"), "date", 12), Col(w("new_due"), "date", 12), Col(w("due_move"), "label", 9),
                     Col(w("reason"), "note", 21)]
    for c in report.due_changes:
        block.rows.append([Cell(c.task_id), Cell(c.title), Cell(w.owner(c.owner)), Cell(date_text(c.old), "muted"),
                           Cell(date_text(c.new), "changed"), Cell(due_move(c, w), "late" if c.days and c.days > 0 else ""),
                           Cell(w.signed(f"{month_day(c.date)} {note_text(c.note)}".strip(), c.by))])
    return block


def _late(report: WeeklyReport, w: Words) -> Block:
    block = Block("overdue", w("late"), summary=w("late_summary", n=len(report.overdue)), empty=w("late_none"))
    block.columns = [Col(w("overdue"), "num", 7), Col(w("id"), "id", 12), Col(w("task"), "title", 24),
                     Col(w("owner"), "text", 14), Col(w("due"), "date", 12), Col(w("status"), "label", 8),
                     Col(w("last_note"), "note", 23)]
    for t in report.overdue:
        block.rows.append([Cell(w.days(t.days_late), "late"), Cell(t.task_id), Cell(t.title), Cell(w.owner(t.owner)),
                           Cell(t.due.isoformat()), Cell(w.status(t.status)), Cell(last_note(t))])
    return block


def _soon(report: WeeklyReport, w: Words) -> Block:
    block = Block("due_soon", w("soon"), empty=w("soon_none"),
                  summary=w("soon_summary", n=len(report.due_soon), today=report.today, horizon=report.horizon))
    block.columns = [Col(w("due"), "date", 13), Col(w("left"), "num", 7), Col(w("id"), "id", 13),
                     Col(w("task"), "title", 41), Col(w("owner"), "text", 16), Col(w("status"), "label", 10)]
    for t in report.due_soon:
        block.rows.append([Cell(t.due.isoformat()), Cell(w.days(t.days_left)), Cell(t.task_id), Cell(t.title),
                           Cell(w.owner(t.owner)), Cell(w.status(t.status))])
    return block


def _owners(report: WeeklyReport, w: Words) -> Block:
    block = Block("owners", w("owners"), empty=w("owners_none"),
                  legend=f"█ {w('legend_done')}  ░ {w('legend_open')}  ▓ {w('legend_overdue')}")
    block.columns = [Col(w("owner"), "text"), Col(w("open"), "num"), Col(w("done"), "num"),
                     Col(w("dropped"), "num"), Col(w("overdue"), "num"), Col(w("rate"), "num"),
                     Col(w("chart"), "bar")]
    scale = max((s.total for s in report.owners), default=0)
    for s in report.owners:
        # the bar's words, for those who cannot see it (the printed page's aria-label)
        said = f"{w.owner(s.owner)} {w('done')} {s.done} {w('open')} {s.open} {w('overdue')} {s.overdue}"
        block.rows.append([Cell(w.owner(s.owner)), Cell(str(s.open)), Cell(str(s.done)),
                           Cell(str(s.dropped), "muted" if s.dropped else ""),
                           Cell(str(s.overdue), "late" if s.overdue else ""), Cell(percent(s.completion)),
                           Cell(said, bar=bar_cells(s, scale))])
    return block


def _checks(report: WeeklyReport, w: Words) -> list[Block]:
    if not report.checks:
        return [Block("checks", w("checks"), empty=w("checks_none"))]
    out = [Block("checks", w("checks"), summary=w("checks_latest"))]
    for check in report.checks:
        tally = w("list_sep").join(f"{w.verdict(v)} {n}" for v, n in check.verdicts.items())
        if check.date:
            tally = w("checks_on", date=check.date.isoformat(), verdicts=tally)
        block = Block("check", w("checks_summary", plan=check.plan, report=check.report), summary=tally, level=3)
        block.columns = [Col(w("id"), "id", 13), Col(w("task"), "title", 28), Col(w("verdict"), "label", 9),
                         Col(w("score"), "num", 7), Col(w("evidence"), "note", 43)]
        for c in check.tasks:
            block.rows.append([Cell(c.task_id), Cell(c.title), Cell(w.verdict(c.verdict)), Cell(score_text(c.score)),
                               Cell(note_text(c.evidence, EVIDENCE_CELLS))])
        out.append(block)
        if check.targets:
            out.append(_check_targets(check, w))
    return out


def _check_targets(check, w: Words) -> Block:
    """The numeric targets of a plan's latest check, under it: the figure the summary gave, met or not."""
    from duban.text.numerals import figure_text  # here: it loads decimal, which a weekly without checks never needs

    tally = w("list_sep").join(f"{w(v)} {n}" for v in ("met", "not_met", "unknown")
                               if (n := sum(1 for t in check.targets if t.verdict == v)))
    block = Block("check_targets", w("checks_targets", plan=check.plan), summary=tally, level=4)
    block.columns = [Col(w("id"), "id", 13), Col(w("target"), "title", 30), Col(w("actual"), "num", 10),
                     Col(w("verdict"), "label", 9), Col(w("actual_text"), "note", 38)]
    for t in check.targets:
        unit = "%" if t.target.comparator == "in_step" else t.target.unit
        actual = "—" if t.actual is None else figure_text(t.actual, unit)
        block.rows.append([Cell(t.task_id), Cell(w.target(t.target)), Cell(actual),
                           Cell(w(t.verdict), "late" if t.verdict == "not_met" else ""),
                           Cell(note_text(t.actual_text, EVIDENCE_CELLS))])
    return block
