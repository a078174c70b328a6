"""The weekly report drawn as text (the table engine, for the terminal), Markdown and HTML (a Jinja2 template in
the 公文 form of a 简报; the PDF is printed from it). All three draw the same blocks, masthead and 版记
(`weekly.rows`); jinja2 loads only for HTML. Several sheets (`weekly --by-owner`) follow one another: in text
and Markdown under a rule, in HTML each from a new page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from duban.views.cells import wrap, width
from duban.views.ledger import NOTE_FLOOR, owner_column
from duban.views.table import Column, Styled, Table
from duban.views.terminal import Terminal
from duban.views.words import Words
from duban.weekly.report import WeeklyReport
from duban.weekly.rows import Block, blocks, distribution, masthead

TEXT_STYLES = {"late": "bold red", "changed": "bold", "muted": "dim"}
BAR_STYLES = ("green", "blue", "red")
BAR_CHARS = ("█", "░", "▓")
SHEET_RULE = "━"


def header_line(report: WeeklyReport, w: Words) -> str:
    return masthead(report, w).line


# --- text -----------------------------------------------------------------------------------------------


def render_text(report: WeeklyReport, w: Words, out: Terminal) -> str:
    """The report for a terminal (styled where `out` takes styles) or a file (plain)."""
    head = masthead(report, w)
    lines = [out.paint(head.headline, "bold"), head.line]
    if head.scope:
        lines.append(head.scope)
    for block in blocks(report, w):
        lines.append("")
        lines += _title_lines(block, out)
        if block.rows:
            lines.append("".join(_text_table(block, w).render(out)).rstrip("\n"))
        elif block.empty:
            lines.append(block.empty)
        if block.legend and block.rows:
            lines.append(out.paint(block.legend, "dim"))
    if report.skipped:
        lines += ["", out.paint(w("skipped", n=len(report.skipped)), "yellow")]
    dist = distribution(report, w)
    if dist:
        lines.append("")
        lines += [dist.signed] if dist.signed else []
        lines += [f"{label}{w('colon')}{names}" for label, names in dist.lines]
    return "\n".join(lines) + "\n"


def _title_lines(block: Block, out: Terminal) -> list[str]:
    """The block's title, its summary beside it when both fit the width, else wrapped under it."""
    title = out.paint(block.title, "bold underline" if block.level == 2 else "bold")
    if not block.summary:
        return [title]
    if width(block.title) + 2 + width(block.summary) <= out.width:
        return [title + out.paint("  " + block.summary, "dim")]
    return [title] + [out.paint(line, "dim") for line in wrap(block.summary, out.width)]


def _text_column(col, w: Words) -> Column:
    justify = "right" if col.kind == "num" else "left"
    if col.kind == "title":
        return Column(col.header, wrap=True, floor=24, min_width=10, main=True)
    if col.kind == "note":
        return Column(col.header, wrap=True, max_width=40, floor=NOTE_FLOOR, min_width=8, beneath=True,
                      label=col.header + w("colon"))
    if col.kind == "text":
        return owner_column(col.header)
    return Column(col.header, justify=justify)


def _text_table(block: Block, w: Words) -> Table:
    """The block as a table; a group column (the owner of what moved) becomes a heading over its rows."""
    groups = [i for i, c in enumerate(block.columns) if c.kind == "group"]
    table = Table([_text_column(c, w) for i, c in enumerate(block.columns) if i not in groups])
    for index, row in enumerate(block.rows):
        for i in groups:
            if row[i].text:
                table.add_heading((row[i].text, "bold"))
        last_of_group = index + 1 == len(block.rows) or any(block.rows[index + 1][i].text for i in groups)
        table.add_row(*(_text_cell(cell) for i, cell in enumerate(row) if i not in groups),
                      end_section=bool(groups) and last_of_group)
    return table


def _text_cell(cell) -> Styled | tuple:
    if cell.bar is None:
        return (cell.text, TEXT_STYLES.get(cell.style, ""))
    styled = Styled("")
    for count, char, style in zip(cell.bar, BAR_CHARS, BAR_STYLES):
        styled.append(char * count, style)
    return styled


# --- Markdown -------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written, on one line, safe inside a table cell."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(report: WeeklyReport, w: Words) -> str:
    head = masthead(report, w)
    issuer = f"**{md_escape(head.issuer)}**" if head.issuer else ""
    out = [f"# {md_escape(head.headline)}", "",
           " · ".join(p for p in (issuer, md_escape(head.week), md_escape(head.as_of)) if p)]
    if head.scope:
        out += ["", md_escape(head.scope)]
    for block in blocks(report, w):
        while out[-1] == "":
            out.pop()
        out += ["", f"{'#' * block.level} {md_escape(block.title)}", ""]
        if block.summary:
            out += [md_escape(block.summary), ""]
        if block.rows:
            out += _md_table(block)
        elif block.empty:
            out.append(md_escape(block.empty))
        if block.legend and block.rows:
            out += ["", md_escape(block.legend)]
    if report.skipped:
        out += ["", "> " + md_escape(w("skipped", n=len(report.skipped)))]
    dist = distribution(report, w)
    if dist:
        out += ["", "---", ""]
        out += [md_escape(line) + "  " for line in ([dist.signed] if dist.signed else [])
                + [f"{label}{w('colon')}{names}" for label, names in dist.lines]]
        out[-1] = out[-1].rstrip()
    return "\n".join(out).rstrip("\n") + "\n"


def _md_table(block: Block) -> list[str]:
    lines = ["| " + " | ".join(md_escape(c.header) for c in block.columns) + " |",
             "|" + "|".join("---:" if c.kind == "num" else "---" for c in block.columns) + "|"]
    for row in block.rows:
        cells = [cell.text if cell.bar is None else "".join(ch * n for ch, n in zip(BAR_CHARS, cell.bar))
                 for cell in row]
        lines.append("| " + " | ".join(md_escape(cell) for cell in cells) + " |")
    return lines


# --- HTML -----------------------------------------------------------------------------------------------

SVG_BAR_WIDTH = 160  # px for the owner with the most tasks
SVG_BAR_HEIGHT = 12
# A table of this many rows or fewer, holding this many characters or fewer, is printed on one page: moving it to
# the next leaves at most a third of a page blank (six rows of long notes left 60 % of page 1 blank).
KEEP_ROWS = 6
KEEP_CHARS = 500


def _kept_whole(rows) -> bool:
    return len(rows) <= KEEP_ROWS and sum(len(cell.text) for row in rows for cell in row) <= KEEP_CHARS


def _svg_bar(bar: tuple[int, int, int], cells: int = 20) -> dict[str, float]:
    """Segment widths (px) of one owner's stacked bar, from its cells."""
    unit = SVG_BAR_WIDTH / cells
    done, on_time, late = (round(n * unit, 1) for n in bar)
    return {"done": done, "on_time": on_time, "overdue": late, "on_time_x": done,
            "overdue_x": round(done + on_time, 1)}


_DATE_IN_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}|^\d{2}-\d{2}(?= )")


def _dates_whole(text: str):
    """A cell's text escaped, each date (2020-03-31, and the 11-19 a note starts with) in a span that keeps it on
    one line: a browser may break a line after any hyphen (2020-/03-31)."""
    from markupsafe import Markup, escape  # comes with jinja2

    return Markup(_DATE_IN_TEXT.sub(lambda m: f'<span class="date">{m.group(0)}</span>', str(escape(text))))


def render_html(reports: WeeklyReport | Sequence[WeeklyReport], w: Words) -> str:
    """One self-contained HTML page (styles and chart inline) holding each sheet, every value escaped by the
    template engine."""
    import jinja2

    reports = [reports] if isinstance(reports, WeeklyReport) else list(reports)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["dates_whole"] = _dates_whole
    sheets = [{"r": r, "head": masthead(r, w), "blocks": blocks(r, w), "dist": distribution(r, w)} for r in reports]
    return env.get_template("weekly.html.j2").render(
        sheets=sheets, w=w, lang=w.lang, svg_bar=_svg_bar, zip=zip, bar_width=SVG_BAR_WIDTH,
        bar_height=SVG_BAR_HEIGHT, kept_whole=_kept_whole)


def render(reports: WeeklyReport | Sequence[WeeklyReport], fmt: str, w: Words, out: Terminal) -> str:
    """Text, Markdown or HTML of one sheet or several (PDF is printed from the HTML by `duban.views.pdf`)."""
    from duban.ledger.index import paused_gc

    with paused_gc():  # tens of thousands of cells and lines, none of them in a cycle
        return _render([reports] if isinstance(reports, WeeklyReport) else list(reports), fmt, w, out)


def _render(reports: list[WeeklyReport], fmt: str, w: Words, out: Terminal) -> str:
    if fmt == "html":
        return render_html(reports, w)
    if fmt == "text":
        rule = "\n" + SHEET_RULE * min(out.width, 80) + "\n\n"
        return rule.join(render_text(r, w, out) for r in reports)
    if fmt == "md":
        return "\n---\n\n".join(render_markdown(r, w) for r in reports)
    raise ValueError(f"no text renderer for {fmt!r}")
