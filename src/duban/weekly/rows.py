"""The weekly report's tables, built once for every format: the same blocks, columns, rows and words reach the
terminal, Markdown and HTML (and through HTML the PDF), which differ only in how they draw them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from duban.views.words import Words
from duban.weekly.report import LateTask, OwnerStats, WeeklyReport

BAR_WIDTH = 20  # cells (or SVG units, scaled) of the bar of the owner with the most tasks
COUNT_KEYS = ("total", "open", "done", "in_progress", "blocked", "overdue", "due_soon")


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"   # text (may wrap) | id | num | date | label | bar
    share: int = 0       # the column's share of a printed page's width, in per cent (0: as wide as needed)

    @property
    def wraps(self) -> bool:
        return self.kind == "text"


@dataclass(frozen=True)
class Cell:
    text: str
    style: str = ""                    # "" | late | changed | muted
    bar: tuple[int, int, int] | None = None  # done / open on time / overdue: drawn instead of the text


@dataclass
class Block:
    key: str
    title: str
    columns: list[Col] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    summary: str = ""
    empty: str = ""     # what stands in place of the table when there are no rows
    level: int = 2      # 2: a section of the report; 3: a part of one (each plan's check)
    legend: str = ""


def month_day(day: date | None) -> str:
    """`09-02`: dates inside a report about one week, where the year goes without saying."""
    return "" if day is None else f"{day.month:02d}-{day.day:02d}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def last_note(task: LateTask) -> str:
    """The last progress note with its date, e.g. `09-01 督查组现场检查`."""
    if not task.last_note:
        return ""
    return f"{month_day(task.last_note_date)} {task.last_note}".strip()


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
    """Every table of the report, in order."""
    return [_counts(report, w), _moved(report, w), _late(report, w), _soon(report, w), _owners(report, w),
            *_checks(report, w)]


def _counts(report: WeeklyReport, w: Words) -> Block:
    values = count_values(report)
    row = [Cell(str(n), "late" if key == "overdue" and n else "") for key, n in zip(COUNT_KEYS, values)]
    return Block("counts", w("counts"), [Col(w(key), "num") for key in COUNT_KEYS], [row])


def _moved(report: WeeklyReport, w: Words) -> Block:
    block = Block("moved", w("moved"), summary=w("moved_summary", entries=len(report.moved),
                                                 changes=report.status_changes), empty=w("moved_none"))
    block.columns = [Col(w("owner"), "text", 14), Col(w("date"), "date", 7), Col(w("id"), "id", 11),
                     Col(w("task"), "text", 26), Col(w("status"), "label", 14), Col(w("weekly_note"), "text", 28)]
    for index, m in enumerate(report.moved):
        first = index == 0 or report.moved[index - 1].owner != m.owner
        block.rows.append([Cell(w.owner(m.owner) if first else ""), Cell(month_day(m.date)), Cell(m.task_id),
                           Cell(m.title), Cell(w.move(m.status, m.previous), "changed" if m.status_changed else ""),
                           Cell(w.signed(m.note, m.by))])
    return block


def _late(report: WeeklyReport, w: Words) -> Block:
    block = Block("overdue", w("late"), summary=w("late_summary", n=len(report.overdue)), empty=w("late_none"))
    block.columns = [Col(w("days_late"), "num", 8), Col(w("id"), "id", 11), Col(w("task"), "text", 30),
                     Col(w("owner"), "text", 13), Col(w("due"), "date", 11), Col(w("status"), "label", 8),
                     Col(w("last_note"), "text", 19)]
    for t in report.overdue:
        block.rows.append([Cell(str(t.days_late), "late"), Cell(t.task_id), Cell(t.title), Cell(w.owner(t.owner)),
                           Cell(t.due.isoformat()), Cell(w.status(t.status)), Cell(last_note(t))])
    return block


def _soon(report: WeeklyReport, w: Words) -> Block:
    block = Block("due_soon", w("soon"), empty=w("soon_none"),
                  summary=w("soon_summary", n=len(report.due_soon), today=report.today, horizon=report.horizon))
    block.columns = [Col(w("due"), "date", 12), Col(w("days_left"), "num", 9), Col(w("id"), "id", 12),
                     Col(w("task"), "text", 41), Col(w("owner"), "text", 16), Col(w("status"), "label", 10)]
    for t in report.due_soon:
        block.rows.append([Cell(t.due.isoformat()), Cell(str(t.days_left)), Cell(t.task_id), Cell(t.title),
                           Cell(w.owner(t.owner)), Cell(w.status(t.status))])
    return block


def _owners(report: WeeklyReport, w: Words) -> Block:
    block = Block("owners", w("owners"), empty=w("owners_none"),
                  legend=f"█ {w('legend_done')}  ░ {w('legend_open')}  ▓ {w('legend_overdue')}")
    block.columns = [Col(w("owner"), "text"), Col(w("open"), "num"), Col(w("done"), "num"),
                     Col(w("overdue"), "num"), Col(w("rate"), "num"), Col(w("chart"), "bar")]
    scale = max((s.total for s in report.owners), default=0)
    for s in report.owners:
        # the bar's words, for those who cannot see it (the printed page's aria-label)
        said = f"{w.owner(s.owner)} {w('done')} {s.done} {w('open')} {s.open} {w('overdue')} {s.overdue}"
        block.rows.append([Cell(w.owner(s.owner)), Cell(str(s.open)), Cell(str(s.done)),
                           Cell(str(s.overdue), "late" if s.overdue else ""), Cell(percent(s.completion)),
                           Cell(said, bar=bar_cells(s, scale))])
    return block


def _checks(report: WeeklyReport, w: Words) -> list[Block]:
    if not report.checks:
        return [Block("checks", w("checks"), empty=w("checks_none"))]
    out = [Block("checks", w("checks"))]
    for check in report.checks:
        tally = w("list_sep").join(f"{w.verdict(v)} {n}" for v, n in check.verdicts.items())
        block = Block("check", w("checks_summary", plan=check.plan, report=check.report), summary=tally, level=3)
        block.columns = [Col(w("id"), "id", 11), Col(w("task"), "text", 27), Col(w("verdict"), "label", 9),
                         Col(w("score"), "num", 7), Col(w("evidence"), "text", 46)]
        for c in check.tasks:
            block.rows.append([Cell(c.task_id), Cell(c.title), Cell(w.verdict(c.verdict)), Cell(score_text(c.score)),
                               Cell(c.evidence)])
        out.append(block)
    return out
