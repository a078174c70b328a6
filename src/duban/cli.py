"""The command line: parse arguments, make one library call, hand the result to the run's view.

Only this module imports click. The library raises DubanError with an exit code; `DubanGroup` turns it into one
line on stderr. The view (`views.formatters`) is chosen once per run from `--json` and the language; heavier
modules (rich is not needed at all; jieba, jinja2, docx, pypdf) load inside the commands that use them. The console
script starts in `duban.quick`, which runs the plain forms of `list` and `weekly` without click and hands every other
run to `main` here.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from duban import __version__
from duban.app import (App, end_run, failure_code, failure_line, has_surrogates, one_line, parse_today,
                       prepare_streams, run_language, show_ledger, show_weekly, weekly_sheets_of)
from duban.errors import EXIT_FINDING, DubanError, UsageError


# --- help in the run's language ------------------------------------------------------------------------
#
# Help texts are keys of the words table: a command's is `cmd_NAME`, an option's the key given as its help=.
# They are looked up when help is shown, in the language of the run (--lang, else $DUBAN_LANG, else the
# workspace's lang, else Chinese); click's own headings ("Usage:", "Options", "Commands") are replaced the same
# way. A help text that is not a key (a command added without one) is shown as written.


def _first_sentence(text: str) -> str:
    """A command's line in the list of commands: its description up to the first full stop."""
    import re

    match = re.search(r"。|\.(?:\s|$)", text)
    return text[:match.end()].strip() if match else text


def _help_words(ctx: click.Context):
    from duban.views.words import words

    root = ctx.find_root()
    lang = root.params.get("lang") or run_language(getattr(root.command, "run_args", ()))
    return words(lang)


class _FileName(click.ParamType):
    """A file or folder name: whatever bytes the file system allows. Every other value on the command line must be
    UTF-8 text, as it goes into UTF-8 files and output (see _checked_text)."""

    name = "path"

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


FILE_NAME = _FileName()


def _checked_text(param: click.Parameter, value):
    """A value typed in another encoding than UTF-8 (`--note $'\\xff'`: Python keeps each bad byte as a lone
    surrogate) is refused before any callback reads it, naming the option; file names may be any bytes."""
    if isinstance(param.type, _FileName) or value is None:
        return
    values = value if isinstance(value, (tuple, list)) else (value,)
    if any(isinstance(v, str) and not v.isascii() and has_surrogates(v) for v in values):
        name = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        raise UsageError("arg_not_utf8", name=name)


class DubanArgument(click.Argument):
    def process_value(self, ctx: click.Context, value):
        _checked_text(self, value)
        return super().process_value(ctx, value)


class DubanOption(click.Option):
    def process_value(self, ctx: click.Context, value):
        _checked_text(self, value)
        return super().process_value(ctx, value)

    def get_help_record(self, ctx: click.Context):
        key, w = self.help, _help_words(ctx)
        if key:
            self.help = w(key)
        try:
            record = super().get_help_record(ctx)
        finally:
            self.help = key
        return record and (record[0], record[1].replace("[required]", w("required_mark")))


class DubanHelpFormatter(click.HelpFormatter):
    """click's help layout, wrapped by display width and the Chinese line-breaking rules (views.cells): click
    counts characters, and a Chinese character takes two columns."""

    def write_text(self, text: str) -> None:
        from duban.views.cells import wrap

        indent = " " * self.current_indent
        for line in wrap(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        from duban.views.cells import width, wrap

        rows = list(rows)
        first = min(max((width(term) for term, _ in rows), default=0), col_max)
        start = self.current_indent + first + col_spacing
        for term, text in rows:
            self.write(" " * self.current_indent + term)
            if not text:
                self.write("\n")
                continue
            self.write(" " * (first + col_spacing - width(term)) if width(term) <= first else "\n" + " " * start)
            lines = wrap(text, max(self.width - start, 10))
            self.write(lines[0] + "\n" + "".join(" " * start + line + "\n" for line in lines[1:]))


class DubanContext(click.Context):
    formatter_class = DubanHelpFormatter


@contextmanager
def _section(formatter, heading: str):
    """click's help section, its heading ending as the language ends one (选项：, Options:), not always in ':'."""
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{heading}\n")
    formatter.indent()
    try:
        yield
    finally:
        formatter.dedent()


class _Bilingual:
    """What DubanCommand and DubanGroup share: their help said in the run's language."""

    def description(self, w) -> str:
        key = f"cmd_{self.name}"
        said = w(key)
        return (self.help or "") if said == key else said

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=_help_words(ctx)("usage_prefix"))

    def format_help_text(self, ctx, formatter) -> None:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(self.description(_help_words(ctx)))

    def get_help_option(self, ctx):
        help_option = super().get_help_option(ctx)
        if help_option is not None and not isinstance(help_option, DubanOption):
            help_option.__class__ = DubanOption  # click makes it; only its words are ours
            help_option.help = "opt_help"
        return help_option

    def format_options(self, ctx, formatter) -> None:
        records = [record for param in self.get_params(ctx) if not isinstance(param, click.Argument)
                   if (record := param.get_help_record(ctx)) is not None]
        if records:
            with _section(formatter, _help_words(ctx)("options_heading")):
                formatter.write_dl(records)


class DubanCommand(_Bilingual, click.Command):
    context_class = DubanContext


class DubanGroup(_Bilingual, click.Group):
    """Turns DubanError into `duban: message` on stderr, in the run's language, with its exit code; never a
    traceback."""

    app: App | None = None
    run_args: tuple = ()
    command_class = DubanCommand
    context_class = DubanContext

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        w = _help_words(ctx)
        rows = [(name, _first_sentence(command.description(w)))
                for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with _section(formatter, w("commands_heading")):
                formatter.write_dl(rows)

    def main(self, args=None, *rest, **kwargs):
        kwargs.pop("standalone_mode", None)
        args = sys.argv[1:] if args is None else list(args)
        self.app, self.run_args = None, tuple(args)
        try:
            code = super().main(args, *rest, standalone_mode=False, **kwargs)
        except (DubanError, OSError) as error:
            click.echo(failure_line(error, self._words(args)), err=True)
            sys.exit(failure_code(error))
        except click.UsageError as error:
            named = next((arg for arg in args if arg in self.commands), None)  # where click gave no context
            where = f"duban {named}" if named else "duban"
            click.echo(f"duban: {one_line(_usage_error(error, self._words(args), where))}", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"duban: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo(f"duban: {self._words(args)('aborted')}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def _words(self, args):
        from duban.views.words import words

        return self.app.w if self.app is not None else words(run_language(args))


def _usage_error(error: click.UsageError, w, where: str = "duban") -> str:
    """click's usage errors in the run's language, as one line that says where help is."""
    import re

    message = error.format_message()
    param = getattr(error, "param", None)
    name = (param.opts[0] if isinstance(param, click.Option) else param.human_readable_name) if param else ""
    if isinstance(error, click.NoSuchOption):
        said = w("click_no_option", option=error.option_name)
        if error.possibilities:
            said += w("click_did_you_mean", names=w("enum_sep").join(sorted(error.possibilities)))
    elif isinstance(error, click.MissingParameter):
        said = w("click_missing", name=name)
    elif isinstance(error, click.BadParameter) and isinstance(getattr(param, "type", None), click.Choice):
        value = re.match(r"'?(.*?)'? is not", error.message)
        said = w("click_not_a_choice", name=name, value=value.group(1) if value else "",
                 choices=w("enum_sep").join(map(str, param.type.choices)))
    elif isinstance(error, click.BadParameter) and isinstance(getattr(param, "type", None), click.IntRange):
        said = w("click_not_in_range", name=name, low=param.type.min)
    elif isinstance(error, click.BadParameter):
        said = w("click_bad_value", name=name, detail=error.message)
    elif match := re.match(r"No such command '(.*?)'\.", message):
        said = w("click_no_command", command=match.group(1))
        suggested = re.findall(r"'([^']*)'", message[match.end():])  # click: "Did you mean 'show'?"
        if suggested:
            said += w("click_did_you_mean", names=w("enum_sep").join(suggested))
    elif match := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
        said = w("click_extra", args=match.group(1))
    elif match := re.match(r"Option '(.*)' requires an argument", message):
        said = w("click_needs_value", option=match.group(1))
    else:
        said = message
    return said + w("click_see_help", command=error.ctx.command_path if error.ctx else where)


# --- shell completion: task ids, statuses, owners, plans and report files -----------------------------------


def _completion_workspace(ctx):
    from duban.ledger.store import Workspace, find_workspace

    return Workspace(find_workspace(ctx.find_root().params.get("plans")))


def _complete(values_of):
    """A shell_complete callback offering `values_of(ctx)` that start with what was typed; nothing when there is
    no workspace or it cannot be read (completion must never fail)."""
    def complete(ctx, param, incomplete):
        try:
            values = values_of(ctx)
        except (DubanError, OSError):
            return []
        return [value for value in values if value.startswith(incomplete)]
    return complete


def _task_ids(ctx):
    from duban.ledger.index import load_summaries

    return [task.id for task in load_summaries(_completion_workspace(ctx)).tasks]


def _statuses(ctx):
    from duban.ledger.values import STATUSES

    return [*STATUSES, *STATUSES.values()]


def _owner_names(ctx):
    units = _completion_workspace(ctx).units()
    return [*units.names, *sorted(units.known - set(units.names))]


def _plan_ids(ctx):
    return [folder.name for folder in _completion_workspace(ctx).plan_dirs()]


complete_task = _complete(_task_ids)
complete_status = _complete(_statuses)
complete_owner = _complete(_owner_names)
complete_plan = _complete(_plan_ids)


# --- shared options ------------------------------------------------------------------------------------


def _parse_today(ctx, param, value):
    """--today or $DUBAN_TODAY as YYYY-MM-DD only (Python 3.11's fromisoformat also takes 20191120 and 2019-W47,
    which 3.10 refuses); a bad one is named as the user gave it, when a command first needs the date."""
    if value is None:
        return None
    try:
        return parse_today(value)
    except ValueError:
        source = ctx.get_parameter_source(param.name)
        what = "DUBAN_TODAY" if source == click.core.ParameterSource.ENVIRONMENT else "--today"
        return UsageError("bad_iso_date", what=what, text=value)  # said when a command needs the date (App.today)


def _parse_plan(ctx, param, value):
    """A plan id, checked as the command line reads it: a name that could never be a plan (`../outside`) is a usage
    error, whether the command would make a path of it or only filter by it."""
    if value is None:
        return None
    from duban.ledger.taskid import check_plan_id

    return check_plan_id(value)


def _parse_statuses(ctx, param, values):
    from duban.ledger.values import parse_status

    return tuple(parse_status(v) for v in values)


def _parse_status(ctx, param, value):
    if value is None:
        return None
    from duban.ledger.values import parse_status

    return parse_status(value)


def option(*names, **settings):
    """click.option whose help is a key of the words table (DubanOption)."""
    return click.option(*names, cls=DubanOption, **settings)


def argument(*names, **settings):
    """click.argument whose value must be UTF-8 text unless it is a FILE_NAME (DubanArgument)."""
    return click.argument(*names, cls=DubanArgument, **settings)


def _set_json(ctx, param, value):
    if value:
        ctx.find_object(App).as_json = True
    return value


json_option = option("--json", "as_json", is_flag=True, expose_value=False, callback=_set_json,
                           is_eager=True, help="opt_json")
# Every command that changes files takes this and calls App.commit_changes with the files and what changed.
commit_option = option("--commit", "do_commit", is_flag=True,
                             help="opt_commit")
new_owner_option = option("--new-owner", is_flag=True,
                                help="opt_new_owner")
by_option = option("--by", metavar="NAME",
                         help="opt_by")


@click.group("duban", cls=DubanGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="duban", cls=DubanOption, help="opt_version")
@option("--plans", type=FILE_NAME, metavar="DIR", help="opt_plans")
@option("--today", metavar="YYYY-MM-DD", envvar="DUBAN_TODAY", callback=_parse_today,
              help="opt_today")
@option("--lang", type=click.Choice(["zh", "en"]), envvar="DUBAN_LANG",
              help="opt_lang")
@click.pass_context
def cli(ctx, plans, today, lang):
    """duban (督办): track the plan items of government reports until each is done."""
    ctx.obj = App(plans, today, lang)
    ctx.command.app = ctx.obj
    if ctx.invoked_subcommand is None:  # `duban` alone: its help, and success
        click.echo(ctx.get_help())
        ctx.exit(0)


pass_app = click.make_pass_decorator(App)


def _reporter(app: App, by: str | None) -> str:
    """Who a change is by: --by, else $DUBAN_USER, else git's user.name, else the login name."""
    if by:
        return by
    by = os.environ.get("DUBAN_USER")
    if by:
        if has_surrogates(by):  # it goes into the task files, which are UTF-8
            raise UsageError("arg_not_utf8", name="DUBAN_USER")
        return by
    from duban.ledger.git import user_name

    name = user_name(app.workspace.root)
    if name:
        return name
    import getpass

    try:
        return os.fsencode(getpass.getuser()).decode("utf-8", "replace")
    except (KeyError, OSError):
        return ""


# --- commands ------------------------------------------------------------------------------------------


@cli.command()
@argument("directory", type=FILE_NAME, required=False, metavar="[DIR]")
@option("--org", default="", help="opt_init_org")
@commit_option
@pass_app
def init(app: App, directory, org, do_commit):
    """Create a workspace (default: ./plans)."""
    from duban.ledger.store import SETTINGS_FILE, Workspace, init_workspace
    from duban.ledger.sync import ATTRIBUTES_FILE, register_if_in_git

    root = Path(directory or app.plans or os.environ.get("DUBAN_PLANS") or "plans")
    if do_commit and not (root / SETTINGS_FILE).exists():
        from duban.ledger.git import GitError, check_can_commit

        try:
            check_can_commit(root, [])
        except GitError as error:
            raise GitError("not_written_because", reason=error) from None
    if not init_workspace(root, org):
        app.view.message(app.w("workspace_exists", root=root))
        return
    register_if_in_git(root)  # outside git yet: `git-setup` or the first `sync` registers the merge driver
    app.view.message(app.w("workspace_created", root=root))
    app._workspace = Workspace(root)
    app.commit_changes(do_commit, [root / SETTINGS_FILE, root / ".gitignore", root / ATTRIBUTES_FILE],
                       "duban: " + app.w("init_subject", root=root.name))


_FILTER_OPTIONS = (
    option("--status", "statuses", multiple=True, callback=_parse_statuses, metavar="S",
           shell_complete=complete_status, help="opt_list_status"),
    option("--owner", metavar="O", shell_complete=complete_owner, help="opt_list_owner"),
    option("--plan", metavar="P", callback=_parse_plan, shell_complete=complete_plan, help="opt_list_plan"),
    option("--overdue", is_flag=True, help="opt_list_overdue"),
    option("--due-within", type=click.IntRange(min=0), metavar="DAYS", help="opt_list_due_within"),
    option("--grep", metavar="TEXT", help="opt_list_grep"),
)
sort_option = option("--sort", type=click.Choice(["id", "due", "owner", "status", "late"]), default="id",
                     help="opt_sort")
reverse_option = option("--reverse", is_flag=True, help="opt_list_reverse")


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
@reverse_option
@json_option
@pass_app
def list_(app: App, task_filter, sort, reverse):
    """The ledger: every task, or those that match the filters."""
    show_ledger(app, task_filter, sort, reverse)  # duban.quick runs the same without click


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
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


def _parse_targets(ctx, param, values):
    if not values:
        return None
    from duban.ledger.updates import parse_target

    return [parse_target(value) for value in values]


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
@option("--status", callback=_parse_status, metavar="S", shell_complete=complete_status, help="opt_update_status")
@option("--owner", metavar="O", shell_complete=complete_owner, help="opt_update_owner")
@option("--due", callback=_parse_due, metavar="DATE", help="opt_update_due")
@option("--note", metavar="TEXT", help="opt_update_note")
@option("--title", metavar="TEXT", help="opt_update_title")
@option("--detail", metavar="TEXT", help="opt_update_detail")
@option("--category", metavar="TEXT", help="opt_update_category")
@option("--co-owner", "co_owners", multiple=True, metavar="O", shell_complete=complete_owner,
              help="opt_update_co_owner")
@option("--target", "targets", multiple=True, callback=_parse_targets, metavar="T",
              help="opt_update_target")
@new_owner_option
@by_option
@commit_option
@pass_app
def update(app: App, task_id, status, owner, due, note, title, detail, category, co_owners, targets, new_owner, by,
           do_commit):
    """Change a task and append an entry to its progress log."""
    from duban.ledger.updates import Change, apply_change

    owner, co_owners = _owners(app, owner, co_owners, new_owner)
    change = Change(status=status, owner=owner, note=note, title=title, detail=detail, category=category,
                    co_owners=co_owners, targets=targets)
    if due is not None:
        change.due, change.due_basis = due
    workspace = app.workspace
    w = app.w
    # The commit happens under the task's lock too: otherwise a second update could land in this commit.
    with workspace.locked_task(task_id):
        task = workspace.get_task(task_id)
        change.by = _reporter(app, by)
        changes = apply_change(task, change, app.today)
        if not changes and not change.note:
            app.view.message(w("nothing_changed", task=task.id))
            return
        app.check_commit(do_commit, [workspace.task_path(task_id)])
        workspace.save_task(task)
        said = w.changes(changes)
        app.view.message(f"{task.id} {said}" if said else w("progress_recorded", task=task.id))
        app.commit_changes(do_commit, [workspace.task_path(task_id)], _update_message(w, task.id, changes, change))


def _owners(app: App, owner: str | None, co_owners: tuple, new: bool) -> tuple[str | None, list[str] | None]:
    """--owner and --co-owner as known units: aliases mapped, unknown names refused unless --new-owner."""
    if owner is None and not co_owners:
        return owner, None
    units = app.workspace.units()
    owner = units.resolve(owner, new) if owner is not None else None
    return owner, [units.resolve(o, new) for o in co_owners if o.strip()] if co_owners else None


def _update_message(w, task_id: str, changes: dict, change) -> str:
    """`duban: 2019H2-03 推进中 → 已完成` (and owner, due …), then the note and who gave it in the body."""
    said = w.changes(changes)
    if not said:
        note = change.note if len(change.note or "") <= 40 else change.note[:39] + "…"
        said = w("update_progress", note=note)
    message = f"duban: {task_id} {said}"
    body = [f"{w('note')}{w('colon')}{change.note}" if change.note else "",
            f"{w('by')}{w('colon')}{change.by}" if change.by else ""]
    body = [line for line in body if line]
    return message + ("\n\n" + "\n".join(body) if body else "")


@cli.command()
@argument("title", metavar="TITLE")
@option("--owner", metavar="O", shell_complete=complete_owner, help="opt_add_owner")
@option("--co-owner", "co_owners", multiple=True, metavar="O", shell_complete=complete_owner, help="opt_add_co_owner")
@option("--due", callback=_parse_due, metavar="DATE", help="opt_add_due")
@option("--plan", "plan_id", metavar="P", callback=_parse_plan, shell_complete=complete_plan, help="opt_add_plan")
@option("--category", default="", metavar="TEXT", help="opt_add_category")
@option("--detail", default="", metavar="TEXT", help="opt_add_detail")
@option("--target", "targets", multiple=True, callback=_parse_targets, metavar="T",
              help="opt_add_target")
@new_owner_option
@by_option
@commit_option
@pass_app
def add(app: App, title, owner, co_owners, due, plan_id, category, detail, targets, new_owner, by, do_commit):
    """Add a task by hand (e.g. one assigned at a meeting, 交办)."""
    from duban.ledger.updates import NewTask, add_task

    workspace, w = app.workspace, app.w
    owner, co_owners = _owners(app, owner, co_owners, new_owner)
    new = NewTask(title=title, owner=owner or workspace.organisation, co_owners=co_owners or [],
                  plan=plan_id, category=category, detail=detail, targets=targets or [])
    if due is not None:
        new.due, new.due_basis = due
    app.check_commit(do_commit, [])  # a new task's file has no changes of anyone else's
    with workspace.locked_numbering():
        task, written = add_task(workspace, new, _reporter(app, by), app.today)
    app.view.message(w("task_added", task=task.id, title=task.title, owner=w.owner(task.owner), due=task.due))
    app.commit_changes(do_commit, written, f"duban: {w('added_subject', task=task.id, title=task.title)}")


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
@commit_option
@pass_app
def edit(app: App, task_id, do_commit):
    """Open the task file in $VISUAL or $EDITOR; it is saved only when it is valid."""
    from duban.ledger.store import atomic_write
    from duban.ledger.updates import task_text_faults

    workspace, w = app.workspace, app.w
    path = workspace.task_path(task_id)
    if not path.is_file():
        raise workspace.unknown_task(task_id, path)
    app.check_commit(do_commit, [path])  # before the editor opens: its work is never left unsaved
    original = workspace.read_text(path)
    text = original
    while True:
        edited = click.edit(text, extension=".toml", require_save=True)
        if edited is None or edited == original:
            app.view.message(w("nothing_changed", task=task_id))
            return
        faults = task_text_faults(edited, task_id, path)
        if not faults:
            break
        for fault in faults:
            click.echo(w("file_fault_at" if fault.line else "file_fault", path=path, line=fault.line,
                         reason=w.said(fault.message)), err=True)
        if not click.confirm(w("edit_reopen"), default=True, err=True):
            raise click.exceptions.Abort()
        text = edited
    with workspace.locked_task(task_id):
        if workspace.read_text(path) != original:
            raise UsageError("edit_changed_meanwhile", task=task_id)
        atomic_write(path, edited)
    app.view.message(w("task_saved", task=task_id))
    app.commit_changes(do_commit, [path], f"duban: {w('edited_subject', task=task_id)}")


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
@option("--note", required=True, metavar="WHY", help="opt_cancel_note")
@by_option
@commit_option
@pass_app
def cancel(app: App, task_id, note, by, do_commit):
    """Drop a task (status dropped), keeping the reason in its log."""
    from duban.ledger.updates import cancel as cancel_task

    workspace, w = app.workspace, app.w
    with workspace.locked_task(task_id):
        task = workspace.get_task(task_id)
        changes = cancel_task(task, note, _reporter(app, by), app.today)
        app.check_commit(do_commit, [workspace.task_path(task_id)])
        workspace.save_task(task)
        app.view.message(w("task_cancelled", task=task.id, note=note.strip()))
        app.commit_changes(do_commit, [workspace.task_path(task_id)],
                           _update_message(w, task.id, changes, task.progress[-1]))


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
@option("-y", "--yes", is_flag=True, help="opt_rm_yes")
@commit_option
@pass_app
def rm(app: App, task_id, yes, do_commit):
    """Delete a task's file; `cancel` keeps the task and says why, which is usually what you want."""
    workspace, w = app.workspace, app.w
    with workspace.locked_task(task_id):
        task = workspace.get_task(task_id)
        if not yes:
            raise UsageError("rm_needs_yes", task=task.id)
        path = workspace.task_path(task_id)
        app.check_commit(do_commit, [path])
        path.unlink()
    app.view.message(w("task_removed", task=task.id, title=task.title))
    app.commit_changes(do_commit, [path], f"duban: {w('removed_subject', task=task.id, title=task.title)}")


@cli.command()
@pass_app
def undo(app: App):
    """Revert duban's last commit in the workspace's git repository, with a commit that says so."""
    from duban.ledger.git import DUBAN_PREFIX, undo_last
    from duban.views.words import LANGS, words

    w = app.w
    # an undo committed before undo commits said which commit they revert: known by its subject, in either language
    undo_subjects = tuple(DUBAN_PREFIX + words(lang)("undo_subject", subject="") for lang in LANGS)
    with app.workspace.locked_repository():
        undone = undo_last(app.workspace.root,
                           lambda subject: DUBAN_PREFIX + w("undo_subject", subject=subject[len(DUBAN_PREFIX):]),
                           is_undo=lambda subject: subject.startswith(undo_subjects))
    app.view.message(w("undone", commit=undone.commit[:7], subject=undone.subject))


@cli.command()
@pass_app
def sync(app: App):
    """Share the ledger: commit the workspace's changes, pull the others' (task files merged key by key), push."""
    from duban.ledger.sync import sync as sync_workspace

    w = app.w
    with app.workspace.locked_repository():
        result = sync_workspace(app.workspace,
                                lambda changed: "duban: " + w("sync_commit_subject", what=_few(w, changed)),
                                lambda upstream: w("sync_merge_subject", upstream=upstream))
    app.view.sync(result)
    if result.unfinished:
        sys.exit(EXIT_FINDING)


def _few(w, names: list[str], most: int = 5) -> str:
    """`2019H2-03、2019H2-05` — at most `most` names, then how many more."""
    shown = w("enum_sep").join(names[:most])
    return shown + w("and_more", total=len(names)) if len(names) > most else shown


@cli.command("git-setup")
@commit_option
@pass_app
def git_setup(app: App, do_commit):
    """Register duban's merge driver in this clone (.gitattributes and git config); run it once after cloning."""
    from duban.ledger.sync import register_driver

    w = app.w
    registration = register_driver(app.workspace.root)
    app.view.message(w("git_setup_done", repository=registration.repository, command=registration.command))
    if registration.attributes is not None:
        app.view.message(w("git_setup_attributes", path=registration.attributes))
        app.commit_changes(do_commit, [registration.attributes], "duban: " + w("git_setup_subject"))


@cli.command("merge-file")
@click.argument("base", metavar="O")
@click.argument("ours", metavar="A")
@click.argument("theirs", metavar="B")
@click.argument("path", metavar="[P]", required=False, default="")
@pass_app
def merge_file(app: App, base, ours, theirs, path):
    """git's merge driver: merges three versions of a file key by key into A (git runs it: duban merge-file %O %A
    %B %P)."""
    from duban.ledger.merge import Labels, merge_files

    w = app.w
    merged = merge_files(Path(base), Path(ours), Path(theirs), path,
                         Labels(w("merge_ours"), w("merge_base"), w("merge_theirs")))
    app.view.merged(path, merged)
    if not merged.clean:
        sys.exit(EXIT_FINDING)  # git keeps the file in conflict, markers and all


@cli.command()
@option("--owner", metavar="O", shell_complete=complete_owner, help="opt_overdue_owner")
@json_option
@option("--fail", is_flag=True, help="opt_overdue_fail")
@pass_app
def overdue(app: App, owner, fail):
    """Late tasks by owner, most days late first."""
    from duban.ledger.index import paused_gc
    from duban.ledger.queries import check_names, overdue_by_owner

    if owner and app.workspace.settings.units:
        owner = app.workspace.units().canonical(owner)  # --owner 疾控 finds 疾控中心's tasks, as in list
    with paused_gc():
        tasks = app.load_summaries()
        check_names(app.workspace, tasks, owner)
        groups = overdue_by_owner(tasks, app.today, owner)
        app.view.overdue(groups, app.today)
    if fail and groups:
        sys.exit(EXIT_FINDING)


@cli.command()
@json_option
@pass_app
def validate(app: App):
    """Check every file of the workspace (duban.toml too); exit 1 naming the file and line of each fault."""
    from duban.ledger.validate import validate as validate_workspace

    report = validate_workspace(app.workspace)
    app.view.validation(report, app.workspace.root)
    if report.faults:
        sys.exit(EXIT_FINDING)


@cli.command("import")
@argument("reports", type=FILE_NAME, nargs=-1, required=True, metavar="REPORT…")
@option("--period", metavar="P", help="opt_import_period")
@option("--org", metavar="ORG", help="opt_import_org")
@option("--owner", metavar="O", shell_complete=complete_owner, help="opt_import_owner")
@option("--dry-run", is_flag=True, help="opt_import_dry_run")
@option("-y", "--yes", is_flag=True, help="opt_yes")
@new_owner_option
@by_option
@commit_option
@json_option
@pass_app
def import_(app: App, reports, period, org, owner, dry_run, yes, new_owner, by, do_commit):
    """Turn the plan items of reports or task tables into task files, after a preview.

    A sheet that `duban export` wrote updates its tasks (status, owner, deadline, new notes) instead."""
    from duban.plan.importer import prepare_imports, write_import

    if app.as_json and not (dry_run or yes):
        raise UsageError("json_cannot_ask")
    workspace, view, w = app.workspace, app.view, app.w
    for report in reports:
        for prepared in prepare_imports(workspace, report, period=period, org=org, owner=owner, today=app.today,
                                        by=_reporter(app, by), new_owner=new_owner):
            view.import_preview(prepared)
            view.warn(prepared.warnings)
            if dry_run:
                continue
            plan_id = prepared.plan.id
            count = len(prepared.changes) if prepared.update_only else len(prepared.tasks)
            if prepared.update_only and not prepared.changes:
                continue
            question = w("import_update_question" if prepared.update_only else "import_question", plan=plan_id, n=count)
            ask = not yes
            if prepared.reimport is not None:  # a plan already in the ledger: say what changes, ask only if anything
                from duban.views.importing import reimport_counts

                question = w("import_existing_question", plan=plan_id, counts=reimport_counts(w, prepared))
                ask = ask and not prepared.reimport.changes_nothing
            if ask and not click.confirm(question, default=False):
                view.message(w("nothing_written"))
                continue
            subject = "update_plan_subject" if prepared.update_only else "import_subject"
            message = "duban: " + w(subject, report=prepared.report.name, plan=plan_id)
            # committed while the import still holds its tasks' locks: the commit holds its changes, no one else's
            changed = write_import(workspace, prepared, check=lambda files: app.check_commit(do_commit, files),
                                   then=lambda files: app.commit_changes(do_commit, files, message))
            view.message(w("import_written", plan=plan_id, n=count, files=len(changed)) if changed
                         else w("import_unchanged", plan=plan_id, n=count))
            view.warn(w("import_gone", task=task_id, report=prepared.report.name) for task_id in prepared.gone)
    view.close()
    if dry_run:
        view.message(w("dry_run"))


@cli.command()
@argument("summary", type=FILE_NAME, metavar="SUMMARY")
@option("--plan", "plan_id", metavar="P", callback=_parse_plan, shell_complete=complete_plan, help="opt_check_plan")
@json_option
@option("--apply", "do_apply", is_flag=True, help="opt_check_apply")
@option("--mark-done", is_flag=True, help="opt_check_mark_done")
@option("--mark-progress", is_flag=True, help="opt_check_mark_progress")
@option("--dry-run", is_flag=True, help="opt_check_dry_run")
@option("-y", "--yes", is_flag=True, help="opt_yes")
@option("--force", is_flag=True, help="opt_check_force")
@by_option
@commit_option
@pass_app
def check(app: App, summary, plan_id, do_apply, mark_done, mark_progress, dry_run, yes, force, by, do_commit):
    """Which plan items a later summary reports as done, in progress or at risk, with the sentences that show it."""
    from duban.check.guards import NoPlanFits, guard_summary
    from duban.check.verdicts import check_summary
    from duban.views.checking import refusal_text

    workspace, view, w = app.workspace, app.view, app.w
    applying = do_apply or mark_done or mark_progress or dry_run
    if app.as_json and applying and not (dry_run or yes):
        raise UsageError("check_json_cannot_ask")
    try:
        guarded = guard_summary(workspace, plan_id, summary)
    except NoPlanFits as error:  # each plan's reasons, then the one line that says to name one
        _say_refusals(app, [refusal for _, refusals in error.reasons for refusal in refusals])
        raise
    if plan_id is None:  # chosen, not given: say which, before anything is shown or written
        plan_id = guarded.plan.id
        view.message(w("check_chosen_plan", plan=plan_id, period=guarded.plan.period))
    view.warn(refusal_text(w, caution) for caution in guarded.cautions)
    _refuse_unless_forced(app, guarded.refusals, plan_id, force)
    result, tasks, faults = check_summary(workspace, plan_id, guarded.report)
    view.warn(fault for fault in faults)
    if not result.review_sentences:
        view.warn([w("no_review_part", summary=summary)])
    view.check(result)
    if applying:
        _apply_check(app, guarded, result, tasks, mark_done, mark_progress, dry_run, yes, by, do_commit)
    view.close()


def _refuse_unless_forced(app: App, refusals, plan_id: str, force: bool) -> None:
    """Each guard the summary fails, one line each: warnings with --force, else the check stops with exit 2."""
    from duban.views.checking import refusal_text

    if force or not refusals:
        app.view.warn(refusal_text(app.w, refusal) for refusal in refusals)
        return
    _say_refusals(app, refusals)
    raise UsageError("check_refused", plan=plan_id)


def _say_refusals(app: App, refusals) -> None:
    """Each guard a summary fails, one line each on stderr, before the error that stops the check."""
    from duban.views.checking import refusal_text

    for refusal in refusals:
        click.echo(f"duban: {refusal_text(app.w, refusal)}", err=True)


def _apply_check(app: App, guarded, result, tasks, mark_done, mark_progress, dry_run, yes, by, do_commit) -> None:
    """Show what writing the check changes, then write it when confirmed (or --yes); --dry-run only shows."""
    from duban.check.apply import preview_check, write_check
    from duban.views.checking import check_note, recorded_check_note
    from duban.views.ledger import shown_path

    view, w = app.view, app.w
    reporter = _reporter(app, by)

    def note_of(item):
        return check_note(w, item, result.summary)

    def recorded_note_of(item):
        return recorded_check_note(w, item, result.summary)

    preview = preview_check(result, tasks, guarded.report, guarded.facts.date, app.today, note_of,
                            mark_done=mark_done, mark_progress=mark_progress, by=reporter,
                            recorded_note_of=recorded_note_of)
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
    app.check_commit(do_commit, [app.workspace.task_path(task_id) for task_id in preview.writes]
                     + [path for path in (preview.text_path,) if path is not None])
    changed = write_check(app.workspace, result, guarded.report, preview, app.today, note_of, by=reporter,
                          recorded_note_of=recorded_note_of)
    view.message(w("check_written", n=len(preview.written), moves=len(preview.moved)))
    view.message(w("check_text_kept", path=shown_path(preview.text_path)))
    if changed:
        subject = w("check_subject", plan=result.plan, summary=result.summary)
        if preview.moved:  # which commit moved statuses, for whoever reads the log or undoes one
            subject += w("check_subject_moves", n=len(preview.moved))
        app.commit_changes(do_commit, changed, "duban: " + subject)


_FORMAT_BY_SUFFIX = {".txt": "text", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@cli.command()
@option("--week", metavar="YYYY-Www", help="opt_weekly_week")
@option("--owner", metavar="O", shell_complete=complete_owner, help="opt_weekly_owner")
@option("--plan", metavar="P", callback=_parse_plan, shell_complete=complete_plan, help="opt_weekly_plan")
@option("--org", metavar="ORG", help="opt_weekly_org")
@option("--by-owner", is_flag=True, help="opt_weekly_by_owner")
@option("--issue", type=click.IntRange(min=1), metavar="N", help="opt_weekly_issue")
@option("--format", "fmt", type=click.Choice(["text", "md", "html", "pdf"]), help="opt_weekly_format")
@option("-o", "--output", type=FILE_NAME, metavar="FILE", help="opt_weekly_output")
@option("--lang", type=click.Choice(["zh", "en"]), help="opt_weekly_lang")
@json_option
@pass_app
def weekly(app: App, week, owner, plan, org, by_owner, issue, fmt, output, lang):
    """The weekly status report (督办周报) for the Monday meeting."""
    if lang:
        app._lang = lang
    if app.as_json and (fmt or output):
        raise UsageError("weekly_json_with_format")
    if fmt is None:
        fmt = _FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "text") if output else "text"
    if fmt == "text" and output is None:
        show_weekly(app, week, owner, plan, org, issue, by_owner)  # duban.quick runs the same without click
        return
    if fmt == "pdf":
        from duban.views.pdf import find_browser

        find_browser()  # fail before the work when there is nothing to print with
    sheets = weekly_sheets_of(app, week, owner, plan, org, issue, by_owner)
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
@json_option
@pass_app
def owners(app: App):
    """The known units ([units] of duban.toml, with their aliases) and how many of their tasks are open and late."""
    from duban.ledger.queries import owner_counts

    tasks = app.load_summaries()
    units = app.workspace.units([o for t in tasks for o in (t.owner, *t.co_owners)])
    app.view.owners(owner_counts(tasks, units, app.today))


@cli.command()
@argument("task_id", metavar="ID", shell_complete=complete_task)
@json_option
@pass_app
def log(app: App, task_id):
    """A task's history from git: who changed what, and when."""
    from duban.ledger.git import GitError, file_history
    from duban.ledger.history import task_history

    path = app.workspace.task_path(task_id)
    try:
        entries = task_history(file_history(path))
    except GitError:
        if not path.is_file():  # no such task: that, rather than what git says of its folder
            raise app.workspace.unknown_task(task_id, path) from None
        raise
    if not entries and not path.is_file():
        raise app.workspace.unknown_task(task_id, path)
    app.view.history(task_id, entries)


_EXPORT_FORMATS = {".xlsx": "xlsx", ".csv": "csv"}


@cli.command()
@filter_options
@sort_option
@reverse_option
@option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), help="opt_export_format")
@option("-o", "--output", type=FILE_NAME, metavar="FILE", help="opt_export_output")
@option("--by-plan", is_flag=True, help="opt_export_by_plan")
@pass_app
def export(app: App, task_filter, sort, reverse, fmt, output, by_plan):
    """The ledger, or the tasks that match the filters, as an office sheet (Excel .xlsx or .csv)."""
    from duban.ledger.queries import check_names, select
    from duban.views.export import export_ledger

    if fmt is None:
        fmt = "csv" if output == "-" else _EXPORT_FORMATS.get(Path(output or "x.xlsx").suffix.lower())
    if fmt is None:  # -o 台账.txt: an .xlsx under that name would open as garbage
        raise UsageError("export_unknown_suffix", name=output)
    if by_plan and fmt == "csv":
        raise UsageError("export_by_plan_csv")
    if output == "-" and fmt != "csv":
        raise UsageError("export_stdout_xlsx")
    task_filter = app.with_units(task_filter)
    tasks = app.load_tasks()
    check_names(app.workspace, tasks, task_filter.owner, task_filter.plan)
    tasks = select(tasks, task_filter, app.today, sort, reverse)
    data = export_ledger(app.workspace, tasks, app.w, app.today, fmt, by_plan)
    if output == "-":
        sys.stdout.buffer.write(data)
        return
    from duban.ledger.store import atomic_write_bytes

    target = Path(output or f"{app.w('export_file', today=app.today.isoformat())}.{fmt}")
    atomic_write_bytes(target, data)
    app.view.message(app.w("exported", n=len(tasks), path=target))


def main() -> None:
    prepare_streams()
    try:
        cli(prog_name="duban")
    except SystemExit as done:
        end_run(done.code)
    end_run(0)


if __name__ == "__main__":  # pragma: no cover
    main()
