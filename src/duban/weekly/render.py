"""The weekly report drawn as text (the table engine, for the terminal), Markdown and HTML (a Jinja2 template;
the PDF is printed from it). All three draw the same blocks (`weekly.rows`); jinja2 loads only for HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

from duban.views.table import Column, Styled, Table
from duban.views.terminal import Terminal
from duban.views.words import Words
from duban.weekly.report import WeeklyReport
from duban.weekly.rows import Block, blocks

TEXT_STYLES = {"late": "bold red", "changed": "bold", "muted": "dim"}
BAR_STYLES = ("green", "blue", "red")
BAR_CHARS = ("█", "░", "▓")


def header_line(report: WeeklyReport, w: Words) -> str:
    return " · ".join(part for part in (report.organisation, w.week(report), w("as_of", today=report.today)) if part)


# --- text -----------------------------------------------------------------------------------------------


def render_text(report: WeeklyReport, w: Words, out: Terminal) -> str:
    """The report for a terminal (styled where `out` takes styles) or a file (plain)."""
    lines = [out.paint(w("weekly_title"), "bold"), header_line(report, w)]
    for block in blocks(report, w):
        lines.append("")
        title = out.paint(block.title, "bold underline" if block.level == 2 else "bold")
        lines.append(title + (out.paint("  " + block.summary, "dim") if block.summary else ""))
        if block.rows:
            lines.append("".join(_text_table(block).render(out)).rstrip("\n"))
        elif block.empty:
            lines.append(block.empty)
        if block.legend and block.rows:
            lines.append(out.paint(block.legend, "dim"))
    if report.skipped:
        lines += ["", out.paint(w("skipped", n=len(report.skipped)), "yellow")]
    return "\n".join(lines) + "\n"


def _text_table(block: Block) -> Table:
    columns = [Column(c.header, justify="right" if c.kind == "num" else "left", wrap=c.wraps,
                      floor=20 if c.wraps and c.share >= 25 else 12, min_width=6 if c.wraps else 1)
               for c in block.columns]
    table = Table(columns)
    for row in block.rows:
        table.add_row(*(_text_cell(cell) for cell in row))
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
    organisation = f"**{md_escape(report.organisation)}**" if report.organisation else ""
    out = [f"# {md_escape(w('weekly_title'))}", "",
           " · ".join(p for p in (organisation, md_escape(w.week(report)), md_escape(w("as_of", today=report.today)))
                      if p)]
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


def _svg_bar(bar: tuple[int, int, int], cells: int = 20) -> dict[str, float]:
    """Segment widths (px) of one owner's stacked bar, from its cells."""
    unit = SVG_BAR_WIDTH / cells
    done, on_time, late = (round(n * unit, 1) for n in bar)
    return {"done": done, "on_time": on_time, "overdue": late, "on_time_x": done,
            "overdue_x": round(done + on_time, 1)}


def render_html(report: WeeklyReport, w: Words) -> str:
    """One self-contained HTML page (styles and chart inline), every value escaped by the template engine."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template("weekly.html.j2").render(
        r=report, w=w, lang=w.lang, blocks=blocks(report, w), header=header_line(report, w), svg_bar=_svg_bar, zip=zip,
        bar_width=SVG_BAR_WIDTH, bar_height=SVG_BAR_HEIGHT)


def render(report: WeeklyReport, fmt: str, w: Words, out: Terminal) -> str:
    """Text, Markdown or HTML (PDF is printed from the HTML by `duban.views.pdf`)."""
    if fmt == "text":
        return render_text(report, w, out)
    if fmt == "md":
        return render_markdown(report, w)
    if fmt == "html":
        return render_html(report, w)
    raise ValueError(f"no text renderer for {fmt!r}")
