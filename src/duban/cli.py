"""The command line: parse arguments, make one library call, hand the result to the run's view.

Only this module imports click. The library raises DubanError with an exit code; `DubanGroup` turns it into one
line on stderr. The view (`views.formatters`) is chosen once per run from `--json` and the language; heavier
modules (rich is not needed at all; jieba, jinja2, docx, pypdf) load inside the commands that use them.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from duban import __version__
from duban.errors import EXIT_FINDING, DubanError, UsageError


class App:
    """What the global options decide: the workspace, today's date, the language and the view."""

    def __init__(self, plans: str | None, today: date | None, lang: str | None):
        self.plans = plans
        self.today = today or date.today()
        self._lang = lang
        self._workspace = None
        self.as_json = False

    @property
    def workspace(self):
        if self._workspace is None:
            from duban.ledger.store import Workspace, find_workspace

            self._workspace = Workspace(find_workspace(self.plans))
        return self._workspace

    @property
    def lang(self) -> str:
        if self._lang:
            return self._lang
        try:
            return self.workspace.settings.lang
        except DubanError:
            return "zh"

    @property
    def soon_days(self) -> int:
        try:
            return self.workspace.settings.due_soon_days
        except DubanError:
            return 14

    @property
    def view(self):
        """The formatter of this run: JSON with --json, else the terminal view; made on first use."""
        if getattr(self, "_view", None) is None:
            from duban.views.formatters import view_for

            self._view = view_for(self.as_json, self.lang, self.soon_days)
        return self._view

    @property
    def w(self):
        return self.view.w

    def load_tasks(self):
        """Every readable task; each broken file becomes a warning on stderr and is skipped."""
        result = self.workspace.load_tasks()
        self.view.warn(str(fault.message) for fault in result.faults)
        return result.tasks

    def load_summaries(self):
        """What listings show of every readable task, through the index; broken files warn as in load_tasks."""
        from duban.ledger.index import load_summaries

        result = load_summaries(self.workspace)
        self.view.warn(str(fault.message) for fault in result.faults)
        return result.tasks

    @property
    def auto_commit(self) -> bool:
        """`auto_commit = true` in duban.toml: every command that changes files commits them."""
        return self.workspace.settings.auto_commit

    def commit_changes(self, do_commit: bool, paths, message: str) -> None:
        """The one way commands commit: with --commit or auto_commit, one commit of exactly these files.

        Commits from concurrent duban processes take turns (git's own index lock would make the loser fail).
        """
        if not (do_commit or self.auto_commit):
            return
        from duban.ledger.git import commit

        with self.workspace.locked_repository():
            commit(self.workspace.root, list(paths), message)


class DubanGroup(click.Group):
    """Turns DubanError into `duban: message` on stderr with its exit code, never a traceback."""

    def main(self, *args, **kwargs):
        kwargs.pop("standalone_mode", None)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except DubanError as error:
            click.echo(f"duban: {error.message}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("duban: aborted", err=True)
            sys.exit(1)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            click.echo(f"duban: {where}{error.strerror or error}", err=True)
            sys.exit(3)
        sys.exit(code if isinstance(code, int) else 0)


# --- shared options ------------------------------------------------------------------------------------


def _parse_today(ctx, param, value):
    if value is None:
        return None
    from duban.text.dates import parse_date

    return parse_date(value, "--today")


def _parse_statuses(ctx, param, values):
    from duban.ledger.model import parse_status

    return tuple(parse_status(v) for v in values)


def _parse_status(ctx, param, value):
    if value is None:
        return None
    from duban.ledger.model import parse_status

    return parse_status(value)


def _set_json(ctx, param, value):
    if value:
        ctx.find_object(App).as_json = True
    return value


json_option = click.option("--json", "as_json", is_flag=True, expose_value=False, callback=_set_json,
                           is_eager=True, help="Print only JSON on stdout.")
# Every command that changes files takes this and calls App.commit_changes with the files and what changed.
commit_option = click.option("--commit", "do_commit", is_flag=True,
                             help="Commit the changed files to git (always, with auto_commit = true in duban.toml).")
by_option = click.option("--by", metavar="NAME", help="Who records it (default: $DUBAN_USER or the login name).")


@click.group(cls=DubanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="duban")
@click.option("--plans", metavar="DIR", help="Workspace folder (default: $DUBAN_PLANS, else the nearest plans/).")
@click.option("--today", metavar="YYYY-MM-DD", envvar="DUBAN_TODAY", callback=_parse_today,
              help="Fix today's date for reproducible output (or $DUBAN_TODAY).")
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="DUBAN_LANG",
              help="Interface language: zh (default) or en.")
@click.pass_context
def cli(ctx, plans, today, lang):
    """duban (督办): track the plan items of government reports until each is done."""
    ctx.obj = App(plans, today, lang)


pass_app = click.make_pass_decorator(App)


def _reporter(by: str | None) -> str:
    """Who a progress entry is by: --by, else $DUBAN_USER, else the login name."""
    by = by or os.environ.get("DUBAN_USER")
    if by:
        return by
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


# --- commands ------------------------------------------------------------------------------------------


@cli.command()
@click.argument("directory", required=False, metavar="[DIR]")
@click.option("--org", default="", help="Organisation name written into duban.toml.")
@commit_option
@pass_app
def init(app: App, directory, org, do_commit):
    """Create a workspace (default: ./plans)."""
    from duban.ledger.store import SETTINGS_FILE, Workspace, init_workspace

    root = Path(directory or app.plans or os.environ.get("DUBAN_PLANS") or "plans")
    if not init_workspace(root, org):
        app.view.message(app.w("workspace_exists", root=root))
        return
    app.view.message(app.w("workspace_created", root=root))
    app._workspace = Workspace(root)
    app.commit_changes(do_commit, [root / SETTINGS_FILE, root / ".gitignore"], f"duban: init workspace {root.name}")


_FILTER_OPTIONS = (
    click.option("--status", "statuses", multiple=True, callback=_parse_statuses, metavar="S",
                 help="Only this status (todo, in_progress, done, blocked, dropped or 未开始, 推进中 …); repeatable."),
    click.option("--owner", metavar="O", help="Only tasks this unit leads or supports."),
    click.option("--plan", metavar="P", help="Only this plan (e.g. 2019H2)."),
    click.option("--overdue", is_flag=True, help="Only late tasks."),
    click.option("--due-within", type=click.IntRange(min=0), metavar="DAYS", help="Only open tasks due within DAYS."),
    click.option("--grep", metavar="TEXT", help="Only tasks whose id, title, detail, owner or category hold TEXT."),
)
sort_option = click.option("--sort", type=click.Choice(["id", "due", "owner"]), default="id", show_default=True)


def filter_options(command):
    """The filters of `list` (shared with `export`): the command receives them as one `task_filter`."""
    import functools

    @functools.wraps(command)
    def with_filter(*args, statuses, owner, plan, overdue, due_within, grep, **kwargs):
        from duban.ledger.queries import TaskFilter

        return command(*args, task_filter=TaskFilter(statuses, owner, plan, overdue, due_within, grep), **kwargs)

    for option in reversed(_FILTER_OPTIONS):
        with_filter = option(with_filter)
    return with_filter


@cli.command("list")
@filter_options
@sort_option
@json_option
@pass_app
def list_(app: App, task_filter, sort):
    """The ledger: every task, or those that match the filters."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import select

    with paused_gc():
        app.view.tasks(select(app.load_summaries(), task_filter, app.today, sort), app.today)


@cli.command()
@click.argument("task_id", metavar="ID")
@json_option
@pass_app
def show(app: App, task_id):
    """One task with its targets, progress log and last check."""
    task = app.workspace.get_task(task_id)
    app.view.task(task, app.today, app.workspace.plan_dir(task.plan))


def _parse_due(ctx, param, value):
    """`--due 年底` → (2019-12-31, "年底"): the date and the words it came from."""
    if value is None:
        return None
    from duban.text.dates import parse_due

    today = ctx.find_object(App).today
    return parse_due(value, today), value.strip()


@cli.command()
@click.argument("task_id", metavar="ID")
@click.option("--status", callback=_parse_status, metavar="S", help="New status (English or Chinese name).")
@click.option("--owner", metavar="O", help="New lead unit.")
@click.option("--due", callback=_parse_due, metavar="DATE", help="New deadline: 2019-10-31, 年底, 6月底前, 三季度末 …")
@click.option("--note", metavar="TEXT", help="What was done.")
@by_option
@commit_option
@pass_app
def update(app: App, task_id, status, owner, due, note, by, do_commit):
    """Change a task and append an entry to its progress log."""
    from duban.ledger.updates import Change, apply_change

    change = Change(status=status, owner=owner, note=note, by=_reporter(by))
    if due is not None:
        change.due, change.due_basis = due
    workspace = app.workspace
    w = app.w
    # The commit happens under the task's lock too: otherwise a second update could land in this commit.
    with workspace.locked(task_id):
        task = workspace.get_task(task_id)
        changes = apply_change(task, change, app.today)
        workspace.save_task(task)
        if "status" in changes:
            old, new = changes["status"]
            app.view.message(w("status_changed", task=task.id, old=w.status(old), new=w.status(new)))
        else:
            app.view.message(w("progress_recorded", task=task.id))
        app.commit_changes(do_commit, [workspace.task_path(task_id)], _update_message(w, task.id, changes, change))


def _update_message(w, task_id: str, changes: dict, change) -> str:
    """`duban: 2019H2-03 推进中 → 已完成` (and owner, due), then the note and who gave it in the body."""
    parts = []
    if "status" in changes:
        parts.append(w("arrow").join(w.status(s) for s in changes["status"]))
    for key in ("owner", "due"):
        if key in changes:
            old, new = changes[key]
            parts.append(f"{w(key)} {old or '—'}{w('arrow')}{new}")
    if not parts:
        note = change.note if len(change.note or "") <= 40 else change.note[:39] + "…"
        parts.append(w("update_progress", note=note))
    message = f"duban: {task_id} " + w("clause_sep").join(parts)
    body = [f"{w('note')}{w('colon')}{change.note}" if change.note else "",
            f"{w('by')}{w('colon')}{change.by}" if change.by else ""]
    body = [line for line in body if line]
    return message + ("\n\n" + "\n".join(body) if body else "")


@cli.command()
@click.option("--owner", metavar="O", help="Only this unit's late tasks.")
@json_option
@click.option("--fail", is_flag=True, help="Exit 1 when anything is late (for scripts and CI).")
@pass_app
def overdue(app: App, owner, fail):
    """Late tasks by owner, most days late first."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import overdue_by_owner

    with paused_gc():
        groups = overdue_by_owner(app.load_summaries(), app.today, owner)
        app.view.overdue(groups, app.today)
    if fail and groups:
        sys.exit(EXIT_FINDING)


@cli.command()
@pass_app
def validate(app: App):
    """Check every file of the workspace (duban.toml too); exit 1 naming the file and line of each fault."""
    from duban.ledger.validate import validate as validate_workspace

    report = validate_workspace(app.workspace)
    for fault in report.faults:
        click.echo(str(fault))
    if report.faults:
        click.echo(app.w("validate_faults", n=len(report.faults), root=app.workspace.root), err=True)
        sys.exit(EXIT_FINDING)
    app.view.message(app.w("validate_ok", plans=report.plans, tasks=report.tasks))


@cli.command("import")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT…")
@click.option("--period", metavar="P", help="The plan's period: 2019, 2019H2, 2019Q3, 2019M04 (default: from the report).")
@click.option("--org", metavar="ORG", help="The organisation whose plan it is (default: the workspace's).")
@click.option("--owner", metavar="O", help="Lead unit of items that name none (default: the organisation).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("-y", "--yes", is_flag=True, help="Write without asking.")
@by_option
@commit_option
@json_option
@pass_app
def import_(app: App, reports, period, org, owner, dry_run, yes, by, do_commit):
    """Turn the plan items of reports or task tables into task files, after a preview.

    A sheet that `duban export` wrote updates its tasks (status, owner, deadline, new notes) instead."""
    from duban.plan.importer import prepare_imports, write_import

    if app.as_json and not (dry_run or yes):
        raise UsageError("--json prints only JSON, so it cannot ask: add --dry-run or --yes")
    workspace, view, w = app.workspace, app.view, app.w
    for report in reports:
        for prepared in prepare_imports(workspace, report, period=period, org=org, owner=owner, today=app.today,
                                        by=_reporter(by)):
            view.import_preview(prepared)
            view.warn(prepared.warnings)
            if dry_run:
                continue
            plan_id = prepared.plan.id
            count = len(prepared.changes) if prepared.update_only else len(prepared.tasks)
            if prepared.update_only and not prepared.changes:
                continue
            question = w("import_update_question" if prepared.update_only else "import_question", plan=plan_id, n=count)
            if not yes and not click.confirm(question, default=False):
                view.message(w("nothing_written"))
                continue
            changed = write_import(workspace, prepared)
            view.message(w("import_written", plan=plan_id, n=count, files=len(changed)) if changed
                         else w("import_unchanged", plan=plan_id, n=count))
            view.warn(w("import_gone", task=task_id, report=prepared.report.name) for task_id in prepared.gone)
            if changed:
                name = prepared.report.name
                app.commit_changes(do_commit, changed, f"duban: update plan {plan_id} from {name}"
                                   if prepared.update_only else f"duban: import {name} as plan {plan_id}")
    view.close()
    if dry_run:
        view.message(w("dry_run"))


@cli.command()
@click.argument("summary", metavar="SUMMARY")
@click.option("--plan", "plan_id", required=True, metavar="P", help="The plan to check (e.g. 2019H2).")
@json_option
@click.option("--apply", "do_apply", is_flag=True,
              help="Write each verdict and its evidence into the task's [check] table and log it (after a preview).")
@click.option("--mark-done", is_flag=True,
              help="Also mark done the open tasks the summary shows as done (implies --apply; never a blocked or "
                   "dropped task, nor one whose status a person set after the summary's date).")
@click.option("--mark-progress", is_flag=True,
              help="Also move to in_progress the todo tasks the summary shows under way (implies --apply).")
@click.option("--dry-run", is_flag=True, help="Show what --apply would write; write nothing.")
@click.option("-y", "--yes", is_flag=True, help="Write without asking.")
@click.option("--force", is_flag=True,
              help="Check even a summary that does not fit the plan (its own source report, another period or "
                   "organisation).")
@by_option
@commit_option
@pass_app
def check(app: App, summary, plan_id, do_apply, mark_done, mark_progress, dry_run, yes, force, by, do_commit):
    """Which plan items a later summary reports as done, in progress or at risk, with the sentences that show it."""
    from duban.check.guards import guard_summary
    from duban.check.verdicts import check_summary

    workspace, view, w = app.workspace, app.view, app.w
    applying = do_apply or mark_done or mark_progress or dry_run
    if app.as_json and applying and not (dry_run or yes):
        raise UsageError(w("check_json_cannot_ask"))
    guarded = guard_summary(workspace, plan_id, summary)
    _refuse_unless_forced(app, guarded.refusals, plan_id, force)
    result, tasks, faults = check_summary(workspace, plan_id, guarded.report)
    view.warn(str(fault.message) for fault in faults)
    if not result.review_sentences:
        view.warn([w("no_review_part", summary=summary)])
    view.check(result)
    if applying:
        _apply_check(app, guarded, result, tasks, mark_done, mark_progress, dry_run, yes, by, do_commit)
    view.close()


def _refuse_unless_forced(app: App, refusals, plan_id: str, force: bool) -> None:
    """Each guard the summary fails, one line each: warnings with --force, else the check stops with exit 2."""
    from duban.views.checking import refusal_text

    said = [refusal_text(app.w, refusal) for refusal in refusals]
    if force or not said:
        app.view.warn(said)
        return
    for line in said:
        click.echo(f"duban: {line}", err=True)
    raise UsageError(app.w("check_refused", plan=plan_id))


def _apply_check(app: App, guarded, result, tasks, mark_done, mark_progress, dry_run, yes, by, do_commit) -> None:
    """Show what writing the check changes, then write it when confirmed (or --yes); --dry-run only shows."""
    from duban.check.apply import preview_check, write_check
    from duban.views.checking import check_note
    from duban.views.ledger import shown_path

    view, w = app.view, app.w
    reporter = _reporter(by)

    def note_of(item):
        return check_note(w, item, result.summary)

    preview = preview_check(result, tasks, guarded.report, guarded.facts.date, app.today, note_of,
                            mark_done=mark_done, mark_progress=mark_progress, by=reporter)
    view.check_preview(preview, guarded.facts)
    if dry_run:
        view.message(w("dry_run"))
        return
    if not preview.writes:
        view.message(w("check_unchanged"))
        return
    if not yes and not click.confirm(w("check_question", plan=result.plan, n=len(preview.writes)), default=False):
        view.message(w("nothing_written"))
        return
    changed = write_check(app.workspace, result, guarded.report, preview, app.today, note_of, by=reporter)
    view.message(w("check_written", n=len(preview.written), moves=len(preview.moved)))
    view.message(w("check_text_kept", path=shown_path(preview.text_path)))
    if changed:
        app.commit_changes(do_commit, changed, f"duban: check {result.plan} against {result.summary}")


_FORMAT_BY_SUFFIX = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@cli.command()
@click.option("--week", metavar="YYYY-Www", help="ISO week, e.g. 2019-W36 (default: the week of --today).")
@click.option("--owner", metavar="O", help="Only tasks this unit leads or supports.")
@click.option("--plan", metavar="P", help="Only this plan (e.g. 2019H2).")
@click.option("--org", metavar="ORG", help="Only the plans of this organisation.")
@click.option("--by-owner", is_flag=True, help="One sheet per lead unit (each on a new page when printed).")
@click.option("--issue", type=click.IntRange(min=1), metavar="N",
              help="期号 of this issue (default: counted from [weekly] first_week in duban.toml).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "pdf"]),
              help="Output format (default: from -o's suffix, else text).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: stdout; PDF: weekly-YYYY-Www.pdf).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Label language (overrides the global --lang).")
@json_option
@pass_app
def weekly(app: App, week, owner, plan, org, by_owner, issue, fmt, output, lang):
    """The weekly status report (督办周报) for the Monday meeting."""
    from duban.weekly.report import Scope, weekly_sheets

    if lang:
        app._lang = lang
    if app.as_json and (fmt or output):
        raise UsageError("--json prints the report as JSON on stdout: drop --format and -o")
    if fmt is None:
        fmt = _FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "text") if output else "text"
    if fmt == "pdf":
        from duban.views.pdf import find_browser

        find_browser()  # fail before the work when there is nothing to print with
    sheets = weekly_sheets(app.workspace, app.today, week, Scope(owner or "", plan or "", org or ""), issue, by_owner)
    app.view.warn(str(fault.message) for fault in sheets[0].skipped)
    if fmt == "text" and output is None:
        app.view.weekly(sheets if by_owner else sheets[0])
        return
    if fmt == "pdf":
        from duban.views.pdf import html_to_pdf
        from duban.weekly.render import render_html

        target = Path(output or f"weekly-{sheets[0].week}.pdf")
        html_to_pdf(render_html(sheets, app.w), target)
        app.view.message(app.w("wrote", path=target))
        return
    from duban.views.terminal import Terminal, terminal_for
    from duban.weekly.render import render

    if output is None:
        out = terminal_for()
        out.write(render(sheets, fmt, app.w, out))
        return
    from duban.ledger.store import atomic_write

    atomic_write(Path(output), render(sheets, fmt, app.w, Terminal(sys.stdout)))
    app.view.message(app.w("wrote", path=output))


@cli.command()
@click.argument("task_id", metavar="ID")
@json_option
@pass_app
def log(app: App, task_id):
    """A task's history from git: who changed what, and when."""
    from duban.errors import UnknownTask
    from duban.ledger.git import file_history
    from duban.ledger.history import task_history

    path = app.workspace.task_path(task_id)
    entries = task_history(file_history(path))
    if not entries and not path.is_file():
        raise UnknownTask(f"unknown task {task_id!r}: no {path}")
    app.view.history(task_id, entries)


_EXPORT_FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


@cli.command()
@filter_options
@sort_option
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]),
              help="xlsx (default, or from -o's suffix) or csv (UTF-8 with BOM, for Excel).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: 工作台账-DATE.xlsx; `-` for CSV on stdout).")
@click.option("--by-plan", is_flag=True, help="One sheet per plan (xlsx only).")
@pass_app
def export(app: App, task_filter, sort, fmt, output, by_plan):
    """The ledger, or the tasks that match the filters, as an office sheet (Excel .xlsx or .csv)."""
    from duban.ledger.queries import select
    from duban.views.export import export_ledger

    if fmt is None:
        fmt = "csv" if output == "-" else _EXPORT_FORMATS.get(Path(output or "").suffix.lower(), "xlsx")
    if by_plan and fmt == "csv":
        raise UsageError("--by-plan makes one sheet per plan: a CSV file has only one; use --format xlsx")
    if output == "-" and fmt != "csv":
        raise UsageError("-o - writes to stdout, which only CSV can go to; give a file name for .xlsx")
    tasks = select(app.load_tasks(), task_filter, app.today, sort)
    data = export_ledger(app.workspace, tasks, app.w, app.today, fmt, by_plan)
    if output == "-":
        sys.stdout.buffer.write(data)
        return
    from duban.ledger.store import atomic_write_bytes

    target = Path(output or f"{app.w('export_file', today=app.today.isoformat())}.{fmt}")
    atomic_write_bytes(target, data)
    app.view.message(app.w("exported", n=len(tasks), path=target))


def main() -> None:
    cli(prog_name="duban")


if __name__ == "__main__":  # pragma: no cover
    main()
