"""The preview `duban import` shows before it writes: one row per task the report's plan items become."""

from __future__ import annotations

from duban.views.cells import wrap
from duban.views.ledger import owner_column
from duban.views.table import Column, Table
from duban.views.terminal import Terminal
from duban.views.words import Words


def _due(w: Words, task) -> str:
    if task.due is None:
        return ""
    basis = w.due_basis(task.due_basis)
    return f"{task.due.isoformat()} ({basis})" if basis else task.due.isoformat()


def render_preview(out: Terminal, w: Words, prepared) -> None:
    """编号 / 标题 / 分类 / 责任单位 / 完成时限 / 目标, under a line naming the plan and the report; for a ledger
    sheet read back, only what it changes (its tasks are the ledger's own: listing them all again hides the
    changes)."""
    plan = prepared.plan
    out.line(out.paint(w("import_heading", plan=plan.id, org=plan.org, start=plan.start.isoformat(),
                         end=plan.end.isoformat(), report=prepared.report.name), "bold"))
    if prepared.update_only:
        render_changes(out, w, prepared)
        return
    supported = any(task.co_owners for task in prepared.tasks)  # 配合单位 the text names, shown where there are any
    table = Table([Column(w("id")),
                   Column(w("title"), wrap=True, floor=24, min_width=10, main=True),
                   Column(w("category"), wrap=True, max_width=20, floor=12, min_width=6),
                   owner_column(w("owner")),
                   Column(w("due"), wrap=True, max_width=24, floor=12, min_width=10),
                   *[Column(w("co_owners"), wrap=True, floor=16, min_width=8, beneath=True,
                            label=w("co_owners") + w("colon"))] * supported,
                   Column(w("targets"), wrap=True, floor=16, min_width=8, beneath=True,
                          label=w("targets") + w("colon"))])
    for task in prepared.tasks:
        co_owners = [w("enum_sep").join(task.co_owners)] * supported
        table.add_row(task.id, task.title, task.category, task.owner, _due(w, task), *co_owners,
                      w("clause_sep").join(w.target(t) for t in task.targets))
    table.print(out)
    render_reimport(out, w, prepared)
    render_changes(out, w, prepared)


def render_reimport(out: Terminal, w: Words, prepared) -> None:
    """Under the preview of a plan already in the ledger: that the import updates it, and how."""
    if prepared.reimport is None:
        return
    if prepared.reimport.changes_nothing:
        said = w("import_existing_same", plan=prepared.plan.id)
    else:
        said = w("import_existing", plan=prepared.plan.id, counts=reimport_counts(w, prepared))
    for line in wrap(said, out.width):
        out.line(line)


def reimport_counts(w: Words, prepared) -> str:
    """`修改 3 项，新增 1 项，5 项不变`: what importing into a plan already in the ledger does to its tasks."""
    reimport = prepared.reimport
    changed = "import_count_renamed" if reimport.renamed_from else "import_count_changed"
    parts = [w(key, n=len(ids), old=reimport.renamed_from, new=prepared.report.name)
             for key, ids in ((changed, reimport.changed), ("import_count_new", reimport.new),
                              ("import_count_same", reimport.same), ("import_count_gone", prepared.gone)) if ids]
    if reimport.plan_changed and not (reimport.changed or reimport.new):
        parts.insert(0, w("import_count_plan"))
    return w("list_sep").join(parts)


def _value(w: Words, field: str, value: str) -> str:
    if field == "status":
        return w.status(value)
    return value or "—"


def render_changes(out: Terminal, w: Words, prepared) -> None:
    """What a ledger sheet changes, one line per field: `2019H2-02  状态：未开始 → 推进中`."""
    if not prepared.update_only:
        return
    if not prepared.changes:
        out.line(w("import_no_changes"))
        return
    out.line(w("import_changes", n=len(prepared.changes)))
    for task_id, diff in prepared.changes:
        for field, old, new in diff:
            if field == "last_note":
                text = f"{w('last_note_new')}{w('colon')}{new}"
            else:
                text = f"{w(field)}{w('colon')}{_value(w, field, old)}{w('arrow')}{_value(w, field, new)}"
            out.line(f"  {task_id}  {text}")
