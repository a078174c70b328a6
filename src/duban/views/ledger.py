"""Terminal views of the ledger: `list`, `overdue`, `show` and `log`, through the one table engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Iterable

from duban.ledger.store import REPORT_FILE
from duban.views.table import Column, Styled, Table
from duban.views.terminal import Terminal
from duban.views.words import Words

STATUS_STYLES = {"todo": "", "in_progress": "cyan", "done": "green", "blocked": "magenta", "dropped": "dim"}
VERDICT_STYLES = {"done": "green", "in_progress": "cyan", "at_risk": "red", "not_found": "dim"}
TARGET_STYLES = {"met": "green", "not_met": "red", "unknown": "dim"}
LATE_STYLE = "bold red"
SOON_STYLE = "yellow"
OWNER_FLOOR = 12  # cells: a unit's name of six characters (区卫生健康局) is not wrapped to make room for a title
OWNER_WIDTH = 24  # cells: a name of up to twelve characters (市生态环境局宝安管理局) stands whole on its line
NOTE_FLOOR = 30   # cells: a note narrower than this beside its row goes under it instead


def owner_column(header: str) -> Column:
    """The 责任单位 column of every table that has one: a unit's name kept whole, wrapped only past OWNER_WIDTH."""
    return Column(header, wrap=True, max_width=OWNER_WIDTH, floor=OWNER_FLOOR, min_width=6, whole=True)


def due_style(task, today: date, soon_days: int, days_late: int | None = None) -> str:
    """Red when late, yellow when due soon; `days_late` saves asking the task again how late it is."""
    if task.days_overdue(today) if days_late is None else days_late:
        return LATE_STYLE
    if task.is_open and task.due is not None and (task.due - today).days <= soon_days:
        return SOON_STYLE
    return ""


def _id_width(tasks) -> int:
    return max((len(t.id) for t in tasks), default=9)


def render_list(out: Terminal, w: Words, tasks: Iterable, today: date, soon_days: int) -> None:
    """The ledger: id, title, owner, due, status, days late (tasks are Task or the index's TaskSummary)."""
    tasks = list(tasks)
    if not tasks:
        out.line(w("no_tasks"))
        return
    table = Table([Column(w("id"), min_width=_id_width(tasks)),
                   Column(w("title"), wrap=True, floor=24, min_width=10, main=True),
                   owner_column(w("owner")),
                   Column(w("due"), min_width=10),
                   Column(w("status")),
                   Column(w("overdue"), justify="right")])
    statuses: dict[str, tuple[str, str]] = {}
    rows = table.rows
    for task in tasks:
        status = task.status
        if status not in statuses:
            statuses[status] = (w.status(status), STATUS_STYLES.get(status, ""))
        days = task.days_overdue(today)
        style = due_style(task, today, soon_days, days)
        due = task.due
        rows.append((task.id, task.title, task.owner, (due.isoformat() if due else "", style), statuses[status],
                     (w.days(days) if days else "", style)))
    table.print(out)
    out.line(w("count_tasks", n=len(tasks)))


def render_overdue(out: Terminal, w: Words, groups: list, today: date) -> None:
    """Late tasks by owner (ledger.queries.OwnerGroup): the owner's name over its tasks, the last note beside each
    task or, where the title needs the room, under it."""
    if not groups:
        out.line(w("no_overdue"))
        return
    count = sum(len(g.tasks) for g in groups)
    table = Table([Column(w("id"), min_width=_id_width([t for g in groups for t in g.tasks])),
                   Column(w("title"), wrap=True, floor=24, min_width=10, main=True),
                   Column(w("due"), min_width=10),
                   Column(w("days_overdue"), justify="right"),
                   Column(w("last_note"), wrap=True, max_width=40, floor=NOTE_FLOOR, min_width=8, beneath=True,
                          label=w("last_note") + w("colon"))],
                  title=w("overdue_title", n=count))
    for group in groups:
        table.add_heading((w("owner_heading", owner=w.owner(group.owner), n=len(group.tasks)), "bold"))
        for index, task in enumerate(group.tasks):
            table.add_row(task.id, task.title, task.due.isoformat() if task.due else "",
                          (str(task.days_overdue(today)), LATE_STYLE), task.last_note(),
                          end_section=index == len(group.tasks) - 1)
    table.print(out)


def render_owners(out: Terminal, w: Words, counts: list) -> None:
    """`duban owners`: each unit, its aliases, its open and late tasks."""
    if not counts:
        out.line(w("owners_none"))
        return
    table = Table([Column(w("unit")), Column(w("aliases"), wrap=True, min_width=8),
                   Column(w("open"), justify="right"), Column(w("overdue"), justify="right")])
    for count in counts:
        table.add_row(count.unit, "、".join(count.aliases), str(count.open),
                      (str(count.late), LATE_STYLE) if count.late else "0")
    table.print(out)


# --- show ---------------------------------------------------------------------------------------------


def render_task(out: Terminal, w: Words, task, today: date, soon_days: int, folder: Path | None = None) -> None:
    """One task: its fields, its detail, its progress log and its last check (`folder`: its plan's, where the
    check's summary text is kept)."""
    heading = Table([Column("", min_width=len(task.id)), Column("", wrap=True, main=True)], show_header=False)
    heading.add_row((task.id, "bold"), (task.title, "bold"))
    heading.print(out)
    fields = Table([Column("", min_width=4), Column("", wrap=True, min_width=20)], show_header=False)
    rows = [
        ("status", (w.status(task.status), STATUS_STYLES.get(task.status, ""))),
        ("owner", task.owner),
        ("co_owners", "、".join(task.co_owners)),
        ("due", _due_cell(w, task, today, soon_days)),
        ("category", task.category),
        # the plan year's expected targets (主要预期目标), given to the item that names them, apart from its own
        ("targets", "\n".join(w.target(t) for t in task.targets if t.extra.get("scope") != "goals")),
        ("year_goals", "\n".join(w.target(t) for t in task.targets if t.extra.get("scope") == "goals")),
        ("source", _source_text(w, task)),
    ]
    for key, value in rows:
        if value and (value[0] if isinstance(value, tuple) else getattr(value, "text", value)):
            fields.add_row((w(key), "dim"), value)
    fields.print(out)
    if task.detail:
        out.line()
        out.write("".join(Table([Column("", wrap=True)], show_header=False, rows=[(task.detail,)]).render(out)))
    if task.progress:
        out.line()
        _progress_table(w, task).print(out)
    if task.check:
        out.line()
        _print_check(out, w, task.check, folder)


def _due_cell(w: Words, task, today: date, soon_days: int) -> Styled:
    if task.due is None:
        return Styled("")
    cell = Styled(task.due.isoformat(), due_style(task, today, soon_days))
    if task.due_basis and task.due_basis != task.due.isoformat():  # a date typed as a date says nothing more
        cell.append(f" ({w.due_basis(task.due_basis)})", "dim")
    days = task.days_overdue(today)
    if days:
        cell.append(f"  {w('overdue')} {w.days(days)}", LATE_STYLE)
    return cell


def _source_text(w: Words, task) -> str:
    report = task.source.get("report", "")
    line = task.source.get("line")
    if not report:
        added = task.source.get("added")
        return w("source_added", by=task.source.get("added_by", ""), date=added).strip() if added else ""
    # the line is the clean text's, kept beside the plan (a .docx or .pdf has no lines; a .txt's may be split)
    return w("source_ref", report=report, kept=f"{task.plan}/{REPORT_FILE}", line=line) if line else report


def _progress_table(w: Words, task) -> Table:
    table = Table([Column(w("date"), min_width=10), Column(w("status")),
                   Column(w("note"), wrap=True, min_width=10, main=True),
                   Column(w("by"), wrap=True, max_width=12, min_width=4)], title=w("progress"))
    for entry in task.progress:
        table.add_row(entry.date.isoformat(), w.status(entry.status), _entry_note(w, entry), entry.by)
    return table


def _entry_note(w: Words, entry) -> str:
    """The entry's note, after what it changed besides the status (完成时限 2019-10-31 → 2019-11-30)."""
    return w.entry_note(entry.extra.get("changes"), entry.note)


def _print_check(out: Terminal, w: Words, check: dict, folder: Path | None) -> None:
    """The last check: its verdict, then each passage with the file:line of the kept summary text (where the user
    can open it), the problems passage that put it at risk, and its targets with the figures found."""
    verdict = check.get("verdict", "")
    line = Styled(f"{w('check')}{w('colon')}", "bold").append(w.verdict(verdict), VERDICT_STYLES.get(verdict, ""))
    if isinstance(check.get("score"), (int, float)):
        line.append(f"  {w('score')} {check['score']:.2f}")
    said = "  ".join(str(check[key]) for key in ("report", "date") if check.get(key))
    if said:
        line.append(f"  ({said})", "dim")
    Table([Column("", wrap=True)], show_header=False, rows=[(line,)]).print(out)
    _print_passages(out, w, check, folder)
    targets = check.get("targets") if isinstance(check.get("targets"), list) else []
    targets = [t for t in targets if isinstance(t, dict)]
    if targets:
        out.line()
        _checked_targets(w, targets).print(out)


def _print_passages(out: Terminal, w: Words, check: dict, folder: Path | None) -> None:
    """Each passage under the place it was found: on a line of its own, never wrapped, as a file:line is what the
    user copies to open it."""
    lines = check.get("lines") if isinstance(check.get("lines"), list) else []
    text_file = folder / check["text"] if folder is not None and isinstance(check.get("text"), str) else None
    passages = [(sentence, lines[i] if i < len(lines) else None, "") for i, sentence in
                enumerate(check.get("evidence", []))]
    if check.get("risk"):
        passages.append((check["risk"], check.get("risk_line"),
                         w("check_risk_target") if check.get("risk_from") == "target" else w("check_risk")))
    for sentence, number, label in passages:
        where = " ".join(part for part in (label, _passage_place(w, text_file, number)) if part)
        if where:
            out.line("·  " + out.paint(where, "red" if label else "dim"))
        passage = Table([Column("", min_width=1), Column("", wrap=True)], show_header=False)
        passage.add_row("" if where else "·", str(sentence))
        passage.print(out)


def _passage_place(w: Words, text_file: Path | None, line: int | None) -> str:
    """`plans/2019H2/checks/2019年工作总结.txt:41` (relative to the current folder when inside it), or `第41行`
    where the check kept no text (older ledgers)."""
    if not isinstance(line, int):
        return ""
    if text_file is None:
        return w("line_ref", line=line)
    return f"{shown_path(text_file)}:{line}"


def shown_path(path: Path) -> str:
    """A path as the user can type it from here: relative to the current folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _checked_targets(w: Words, targets: list[dict]) -> Table:
    """A task's targets against the figures its last check found: met, not met or unknown."""
    from duban.ledger.model import Target  # here: the records load dataclasses, which `list` never needs
    from duban.text.numerals import figure_text  # here: it loads decimal, which `list` never needs

    table = Table([Column(w("target"), wrap=True, max_width=30, min_width=10),
                   Column(w("actual"), justify="right"),
                   Column(w("verdict")),
                   Column(w("actual_text"), wrap=True, min_width=16)], title=w("check_targets"))
    for record in targets:
        try:
            target = Target.from_dict(record)
        except KeyError:
            continue  # a hand-edited record without its metric: nothing to show
        unit = "%" if target.comparator == "in_step" else target.unit
        actual = record.get("actual")
        verdict = str(record.get("verdict", "unknown"))
        reported = Styled("")
        if isinstance(record.get("line"), int):
            reported.append(w("line_short", line=record["line"]), "dim")
        reported.append(str(record.get("actual_text", "")))
        table.add_row(w.target(target), "—" if not isinstance(actual, (int, float)) else figure_text(actual, unit),
                      (w(verdict) if verdict in TARGET_STYLES else verdict, TARGET_STYLES.get(verdict, "")), reported)
    return table


# --- log ----------------------------------------------------------------------------------------------


def render_history(out: Terminal, w: Words, task_id: str, entries) -> None:
    """`duban log`: each commit that touched the task, oldest first, with what it changed."""
    if not entries:
        out.line(w("no_history", task=task_id))
        return
    for entry in entries:
        line = out.paint(entry.date[:16].replace("T", " "), "bold") + f"  {entry.author}  "
        out.line(line + out.paint(entry.commit[:7], "dim") + f"  {entry.message}")
        for detail, style in _history_details(w, entry):
            out.line(out.paint(f"    {detail}", style))


def _history_details(w: Words, entry) -> list[tuple[str, str]]:
    if entry.deleted:
        return [(w("deleted"), "red")]
    if entry.broken:
        return [(f"{w('unreadable')}{w('colon')}{entry.broken}", "red")]
    details = [(w("created"), "green")] if entry.created else []
    for key, (old, new) in entry.changes.items():
        if key == "status":
            old, new = (w.status(v) if isinstance(v, str) else v for v in (old, new))
        if key == "co_owners":
            old, new = ("、".join(v) if isinstance(v, list) else v for v in (old, new))
        if entry.created and new in (None, "", []):
            continue
        shown = new if entry.created else f"{old if old not in (None, '') else '—'}{w('arrow')}{new}"
        details.append((f"{w(key)}{w('colon')}{shown}", ""))
    for note in entry.notes:
        text = w.status(note["status"]) + (f"{w('list_sep')}{note['note']}" if note["note"] else "")
        details.append((f"{w('progress')}{w('colon')}{w.signed(text, note['by'])}", ""))
    return details
