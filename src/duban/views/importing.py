"""The preview `duban import` shows before it writes: one row per task that the report's plan items become."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from duban.plan.importer import Prepared
from duban.views.words import format_target, label


def _due(task, lang: str) -> str:
    if task.due is None:
        return ""
    basis = label("period end", lang) if task.due_basis == "period end" else task.due_basis
    return f"{task.due.isoformat()} ({basis})" if basis else task.due.isoformat()


def _targets(task, lang: str) -> str:
    parts = []
    for target in task.targets:
        text = format_target(target, lang)
        reference = target.extra.get("reference")
        if target.comparator == "in_step" and reference:
            text = f"{target.metric} 与{reference}同步" if lang == "zh" else f"{target.metric} in step with {reference}"
        parts.append(text)
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def render_preview(console: Console, prepared: Prepared, lang: str = "zh") -> None:
    """编号 / 标题 / 分类 / 责任单位 / 完成时限 / 目标, under a line naming the plan and the report."""
    plan = prepared.plan
    heading = (f"{label('plan', lang)} {plan.id}  {plan.org}  {plan.start.isoformat()} – {plan.end.isoformat()}  "
               f"{label('report', lang)}: {prepared.report.name}")
    console.print(Text(heading, style="bold"))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(label("id", lang), no_wrap=True)
    table.add_column(label("title", lang), overflow="fold", ratio=3)
    table.add_column(label("category", lang), overflow="fold", ratio=1)
    table.add_column(label("owner", lang), overflow="fold", max_width=16)
    table.add_column(label("due", lang), no_wrap=True)
    table.add_column(label("targets", lang), overflow="fold", ratio=2)
    for task in prepared.tasks:
        table.add_row(task.id, task.title, task.category, task.owner, _due(task, lang), _targets(task, lang))
    console.print(table)
