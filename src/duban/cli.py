"""The command line: parse arguments, call the library, turn its errors into one line on stderr.

Only this module imports click. Rich and the heavier libraries are imported inside the commands that use them so
`duban --version` and `duban list --json` start fast.
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
    """What the global options decide: the workspace, today's date and the label language."""

    def __init__(self, plans: str | None, today: date | None, lang: str | None):
        self.plans = plans
        self.today = today or date.today()
        self._lang = lang
        self._workspace = None

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
            configured = self.workspace.settings.get("lang")
        except DubanError:
            configured = None
        return configured if configured in ("zh", "en") else "zh"

    def load_tasks(self):
        """Every readable task; each broken file becomes a warning on stderr and is skipped."""
        from duban.views.json import warn

        result = self.workspace.load_tasks()
        warn(str(fault.message) for fault in result.faults)
        return result.tasks

    def load_summaries(self):
        """What listings show of every readable task, through the index cache; broken files warn as in load_tasks."""
        from duban.ledger.index import load_summaries
        from duban.views.json import warn

        result = load_summaries(self.workspace)
        warn(str(fault.message) for fault in result.faults)
        return result.tasks

    @property
    def auto_commit(self) -> bool:
        """`auto_commit = true` in duban.toml: every command that changes files commits them."""
        return self.workspace.settings.get("auto_commit") is True

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


json_option = click.option("--json", "as_json", is_flag=True, help="Print only JSON on stdout.")
# Every command that changes files takes this and calls App.commit_changes with the files and what changed.
commit_option = click.option("--commit", "do_commit", is_flag=True,
                             help="Commit the changed files to git (always, with auto_commit = true in duban.toml).")


@click.group(cls=DubanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="duban")
@click.option("--plans", metavar="DIR", help="Workspace folder (default: $DUBAN_PLANS, else the nearest plans/).")
@click.option("--today", metavar="YYYY-MM-DD", envvar="DUBAN_TODAY", callback=_parse_today,
              help="Fix today's date for reproducible output (or $DUBAN_TODAY).")
@click.option("--lang", type=click.Choice(["zh", "en"]), envvar="DUBAN_LANG",
              help="Label language: zh (default) or en.")
@click.pass_context
def cli(ctx, plans, today, lang):
    """duban (督办): track the plan items of government reports until each is done."""
    ctx.obj = App(plans, today, lang)


pass_app = click.make_pass_decorator(App)


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
        click.echo(f"{root} is already a duban workspace")
        return
    click.echo(f"created workspace {root}")
    app._workspace = Workspace(root)
    app.commit_changes(do_commit, [root / SETTINGS_FILE, root / ".gitignore"], f"duban: init workspace {root.name}")


@cli.command("list")
@click.option("--status", "statuses", multiple=True, callback=_parse_statuses, metavar="S",
              help="Only this status (todo, in_progress, done, blocked, dropped or 未开始, 推进中 …); repeatable.")
@click.option("--owner", metavar="O", help="Only tasks this unit leads or supports.")
@click.option("--plan", metavar="P", help="Only this plan (e.g. 2019H2).")
@click.option("--overdue", is_flag=True, help="Only late tasks.")
@click.option("--due-within", type=click.IntRange(min=0), metavar="DAYS", help="Only open tasks due within DAYS.")
@click.option("--grep", metavar="TEXT", help="Only tasks whose id, title, detail, owner or category hold TEXT.")
@click.option("--sort", type=click.Choice(["id", "due", "owner"]), default="id", show_default=True)
@json_option
@pass_app
def list_(app: App, statuses, owner, plan, overdue, due_within, grep, sort, as_json):
    """The ledger: every task, or those that match the filters."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import TaskFilter, select

    task_filter = TaskFilter(statuses, owner, plan, overdue, due_within, grep)
    with paused_gc():
        tasks = select(app.load_summaries(), task_filter, app.today, sort)
        if as_json:
            from duban.ledger.index import dump_listing_json

            dump_listing_json(tasks, app.today)
            return
        from duban.views.table import Screen, render_list

        render_list(Screen.for_stream(), tasks, app.today, app.lang)


@cli.command()
@click.argument("task_id", metavar="ID")
@json_option
@pass_app
def show(app: App, task_id, as_json):
    """One task with its targets, progress log and last check."""
    task = app.workspace.get_task(task_id)
    if as_json:
        from duban.views.json import dump_json
        from duban.views.ledger import task_json

        dump_json(task_json(task, app.today))
        return
    from duban.views.ledger import make_console, render_task

    render_task(make_console(), task, app.today, app.lang)


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
@click.option("--by", metavar="NAME", help="Who reports it (default: $DUBAN_USER or the login name).")
@commit_option
@pass_app
def update(app: App, task_id, status, owner, due, note, by, do_commit):
    """Change a task and append an entry to its progress log."""
    from duban.views.words import status_label
    from duban.ledger.queries import Change, apply_change

    by = _reporter(by)
    change = Change(status=status, owner=owner, note=note, by=by)
    if due is not None:
        change.due, change.due_basis = due
    workspace = app.workspace
    # The commit happens under the task's lock too: otherwise a second update could land in this commit.
    with workspace.locked(task_id):
        task = workspace.get_task(task_id)
        changes = apply_change(task, change, app.today)
        workspace.save_task(task)
        if "status" in changes:
            old, new = changes["status"]
            click.echo(f"{task_id} {status_label(old, app.lang)} → {status_label(new, app.lang)}")
        else:
            click.echo(f"{task_id} {'progress recorded' if app.lang == 'en' else '已记录进展'}")
        app.commit_changes(do_commit, [workspace.task_path(task_id)],
                           _update_message(task_id, changes, change, app.lang))


def _update_message(task_id: str, changes: dict, change, lang: str) -> str:
    """`duban: 2019H2-03 推进中 → 已完成` (and owner, due), then the note and who gave it in the body."""
    from duban.views.words import label, status_label

    parts = []
    if "status" in changes:
        parts.append(" → ".join(status_label(s, lang) for s in changes["status"]))
    for key in ("owner", "due"):
        if key in changes:
            old, new = changes[key]
            parts.append(f"{label(key, lang)} {old or '—'} → {new}")
    if not parts:
        note = change.note if len(change.note or "") <= 40 else change.note[:39] + "…"
        parts.append(f"{'progress' if lang == 'en' else '进展'}: {note}")
    message = f"duban: {task_id} " + ("; " if lang == "en" else "；").join(parts)
    body = [f"{label('note', lang)}: {change.note}" if change.note else "",
            f"{label('by', lang)}: {change.by}" if change.by else ""]
    body = [line for line in body if line]
    return message + ("\n\n" + "\n".join(body) if body else "")


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


@cli.command()
@click.option("--owner", metavar="O", help="Only this unit's late tasks.")
@json_option
@click.option("--fail", is_flag=True, help="Exit 1 when anything is late (for scripts and CI).")
@pass_app
def overdue(app: App, owner, as_json, fail):
    """Late tasks by owner, most days late first."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import overdue_by_owner

    with paused_gc():
        groups = overdue_by_owner(app.load_summaries(), app.today, owner)
        if as_json:
            from duban.ledger.index import dump_listing_json

            dump_listing_json([t for g in groups for t in g.tasks], app.today)
        else:
            from duban.views.table import Screen, render_overdue

            render_overdue(Screen.for_stream(), groups, app.today, app.lang)
    if fail and groups:
        sys.exit(EXIT_FINDING)


@cli.command()
@pass_app
def validate(app: App):
    """Check every file of the workspace; exit 1 naming the file and line of each fault."""
    from duban.ledger.queries import validate as validate_workspace

    report = validate_workspace(app.workspace)
    for fault in report.faults:
        click.echo(str(fault))
    if report.faults:
        click.echo(f"{len(report.faults)} fault(s) in {app.workspace.root}", err=True)
        sys.exit(EXIT_FINDING)
    click.echo(f"ok: {report.plans} plans, {report.tasks} tasks")


@cli.command("import")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT…")
@click.option("--period", metavar="P", help="The plan's period: 2019, 2019H2, 2019Q3, 2019M04 (default: from the report).")
@click.option("--org", metavar="ORG", help="The organisation whose plan it is (default: the workspace's).")
@click.option("--owner", metavar="O", help="Lead unit of items that name none (default: the organisation).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("-y", "--yes", is_flag=True, help="Write without asking.")
@commit_option
@json_option
@pass_app
def import_(app: App, reports, period, org, owner, dry_run, yes, do_commit, as_json):
    """Turn the plan items of reports into task files, after a preview."""
    from duban.plan.importer import prepare_import, write_import

    if as_json and not (dry_run or yes):
        raise UsageError("--json prints only JSON, so it cannot ask: add --dry-run or --yes")
    workspace = app.workspace
    outputs = []
    for report in reports:
        prepared = prepare_import(workspace, report, period=period, org=org, owner=owner)
        if as_json:
            outputs.append(prepared.to_json())
        else:
            from duban.views.importing import render_preview
            from duban.views.ledger import make_console

            render_preview(make_console(), prepared, app.lang)
        if dry_run:
            continue
        count = len(prepared.tasks)
        question = (f"Write {count} tasks to plan {prepared.plan.id}?" if app.lang == "en"
                    else f"写入计划 {prepared.plan.id} 的 {count} 项任务？")
        if not yes and not click.confirm(question, default=False):
            click.echo("nothing written" if app.lang == "en" else "未写入")
            continue
        changed = write_import(workspace, prepared)
        if not as_json:
            _import_summary(prepared, changed, app.lang)
        from duban.views.json import warn

        warn(f"{task_id} is no longer in {prepared.report.name}; left as it is" for task_id in prepared.gone)
        if changed:
            app.commit_changes(do_commit, changed, f"duban: import {prepared.report.name} as plan {prepared.plan.id}")
    if as_json:
        from duban.views.json import dump_json

        dump_json(outputs[0] if len(outputs) == 1 else outputs)
    elif dry_run:
        click.echo("dry run: nothing written" if app.lang == "en" else "试运行：未写入任何文件")


def _import_summary(prepared, changed, lang: str) -> None:
    plan_id, count = prepared.plan.id, len(prepared.tasks)
    if lang == "en":
        click.echo(f"{plan_id}: {count} tasks, {len(changed)} files written" if changed
                   else f"{plan_id}: {count} tasks, already up to date")
    else:
        click.echo(f"{plan_id}：{count} 项任务，写入 {len(changed)} 个文件" if changed
                   else f"{plan_id}：{count} 项任务，无变化")


@cli.command()
@click.argument("summary", metavar="SUMMARY")
@click.option("--plan", "plan_id", required=True, metavar="P", help="The plan to check (e.g. 2019H2).")
@json_option
@click.option("--apply", "do_apply", is_flag=True,
              help="Write each verdict and its evidence into the task's [check] table and log it.")
@click.option("--mark-done", is_flag=True, help="Also mark done the open tasks the summary shows as done (implies --apply).")
@click.option("--by", metavar="NAME", help="Who records the check (default: $DUBAN_USER or the login name).")
@commit_option
@pass_app
def check(app: App, summary, plan_id, as_json, do_apply, mark_done, by, do_commit):
    """Which plan items a later summary reports as done, in progress or at risk, with the sentences that show it."""
    from duban.check.verdicts import apply_check, check_summary
    from duban.views.json import warn

    workspace = app.workspace
    result, _tasks, faults = check_summary(workspace, plan_id, summary)
    warn(str(fault.message) for fault in faults)
    if not result.review_sentences:
        warn([f"{summary}: no review part found: nothing reports on the plan"])
    if as_json:
        from duban.views.json import dump_json

        dump_json(result.to_json())
    else:
        from duban.views.checking import render_check
        from duban.views.ledger import make_console

        render_check(make_console(), result, app.lang)
    if not (do_apply or mark_done):
        return
    by = _reporter(by)
    changed = apply_check(workspace, result, app.today, mark_done=mark_done, by=by, lang=app.lang)
    from duban.views.words import label

    message = f"{label('applied', app.lang)} {len(changed)} {label('tasks', app.lang)}" if app.lang == "en" \
        else f"{label('applied', app.lang)}：{len(changed)} {label('tasks', app.lang)}"
    click.echo(message, err=as_json)
    if changed:
        app.commit_changes(do_commit, [workspace.task_path(t) for t in changed],
                           f"duban: check {plan_id} against {result.summary}")


_FORMAT_BY_SUFFIX = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@cli.command()
@click.option("--week", metavar="YYYY-Www", help="ISO week, e.g. 2019-W36 (default: the week of --today).")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "pdf"]),
              help="Output format (default: from -o's suffix, else text).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (default: stdout; PDF: weekly-YYYY-Www.pdf).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Label language (overrides the global --lang).")
@pass_app
def weekly(app: App, week, fmt, output, lang):
    """The weekly status report (督办周报) for the Monday meeting."""
    from duban.views.json import warn
    from duban.weekly.report import weekly_report

    if fmt is None:
        fmt = _FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "text") if output else "text"
    lang = lang or app.lang
    if fmt == "pdf":
        from duban.views.pdf import find_browser

        find_browser()  # fail before the work when there is nothing to print with
    report = weekly_report(app.workspace, app.today, week)
    warn(str(fault.message) for fault in report.skipped)
    if fmt == "pdf":
        from duban.views.pdf import html_to_pdf
        from duban.weekly.render import render_html

        target = Path(output or f"weekly-{report.week}.pdf")
        html_to_pdf(render_html(report, lang), target)
        click.echo(f"wrote {target}")
        return
    from duban.weekly.render import render

    to_terminal = output is None and sys.stdout.isatty()
    if to_terminal:
        import shutil

        width = shutil.get_terminal_size().columns
    else:
        width = int(os.environ.get("COLUMNS", 0) or 0) or 100
    text = render(report, fmt, lang, width=width, color=to_terminal and not os.environ.get("NO_COLOR"))
    if output is None:
        click.echo(text, nl=False)
        return
    from duban.ledger.store import atomic_write

    atomic_write(Path(output), text)
    click.echo(f"wrote {output}")


@cli.command()
@click.argument("task_id", metavar="ID")
@json_option
@pass_app
def log(app: App, task_id, as_json):
    """A task's history from git: who changed what, and when."""
    from duban.errors import UnknownTask
    from duban.ledger.git import file_history
    from duban.ledger.history import task_history

    path = app.workspace.task_path(task_id)
    entries = task_history(file_history(path))
    if not entries and not path.is_file():
        raise UnknownTask(f"unknown task {task_id!r}: no {path}")
    if as_json:
        from duban.views.json import dump_json

        dump_json([entry.to_json() for entry in entries])
        return
    from duban.views.ledger import make_console, render_history

    render_history(make_console(), task_id, entries, app.lang)


def main() -> None:
    cli(prog_name="duban")


if __name__ == "__main__":  # pragma: no cover
    main()
