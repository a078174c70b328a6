"""The console script: `duban list` and `duban weekly` in their plain forms run here without importing click;
everything else goes to cli.py.

Importing click and what it brings (inspect, typing, uuid, gettext …) takes about 10 ms of a 35 ms listing of 1,000
tasks. Where the arguments are exactly global options and one of these commands with its own options, each value
one click would take as it is, this module runs the command itself: the same App, the one body of the command
(app.show_ledger, app.show_weekly), the same failure lines and exit codes. Anything else — help, completion, another
command, an option or a value click would refuse or convert, a weekly written to a file — goes to cli.py, which
reads it and says what is wrong. A form this module does not know is therefore never an error of its own;
tests/cli/test_cli_quick.py holds the two paths to the same output.
"""

from __future__ import annotations

import errno
import os
import sys

from duban.app import (App, end_run, failure_code, failure_line, has_surrogates, mute_broken_pipes, parse_today,
                       prepare_streams, show_ledger, show_weekly)
from duban.errors import DubanError

# The options each parser reads, by the name click gives the value (cli.py's `cli`, `list_` and `weekly`).
GLOBAL_OPTIONS = {"--plans": "plans", "--today": "today", "--lang": "lang"}
ENVIRONMENT = {"today": "DUBAN_TODAY", "lang": "DUBAN_LANG"}  # read when the option is not given, as click does
COMMAND_OPTIONS = {
    "list": {"--status": "statuses", "--owner": "owner", "--plan": "plan", "--due-within": "due_within",
             "--grep": "grep", "--sort": "sort"},
    "weekly": {"--week": "week", "--owner": "owner", "--plan": "plan", "--org": "org", "--issue": "issue",
               "--lang": "lang"},
}
COMMAND_FLAGS = {
    "list": {"--overdue": "overdue", "--reverse": "reverse", "--json": "as_json"},
    "weekly": {"--by-owner": "by_owner", "--json": "as_json"},
}
REPEATED = {"statuses"}  # multiple=True: each one given counts; of the others, the last one given


def main() -> None:
    """`duban …`: the command here when this module knows its form, else the command line of cli.py."""
    from duban import workers

    prepare_streams()
    workers.BACKGROUND = True  # the process ends with the command: the index may be written beside the output
    code = run(sys.argv[1:])
    if code is None:
        from duban.cli import main as main_with_click

        main_with_click()
    end_run(code)


def run(args) -> int | None:
    """Run the command these arguments name and return its exit code; None where cli.py must read them."""
    given = read_arguments(args)
    checked = given and checked_options(*given)
    if checked is None:
        return None
    command, global_options, options = checked
    app = App(global_options["plans"], global_options["today"], global_options["lang"])
    app.as_json = options.pop("as_json")
    try:
        if command == "list":
            show_ledger(app, options["task_filter"], options["sort"], options["reverse"])
        else:
            app._lang = options.pop("lang") or app._lang  # weekly's own --lang, as cli.weekly takes it
            show_weekly(app, **options)
    except (DubanError, OSError) as error:
        return _failed(app, error)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # as click does: the blank line closes the terminal's ^C
        print(f"duban: {app.w('aborted')}", file=sys.stderr)
        return 1
    return 0


def _failed(app: App, error: BaseException) -> int:
    if getattr(error, "errno", None) == errno.EPIPE:  # a reader went away (`duban list | head -1`): 1, nothing said
        try:
            mute_broken_pipes()
        except (OSError, ValueError):
            pass  # the other stream fails too (a full disk): the run ends with 1 all the same
        return 1
    print(failure_line(error, app.w), file=sys.stderr)
    return failure_code(error)


def read_arguments(args) -> tuple[str, dict, dict] | None:
    """`duban [--plans D] [--today T] [--lang L] COMMAND [OPTION …]` as typed: the command, the global options' values
    and the command's, by click's names for them; None for any other form (another command, a token that is not one
    of these options, a value that looks like an option, shell completion)."""
    if "_DUBAN_COMPLETE" in os.environ:
        return None
    command, values = None, {}
    global_values: dict = {}
    names, flags = GLOBAL_OPTIONS, {}
    tokens = iter(args)
    for token in tokens:
        if command is None and token in COMMAND_OPTIONS:
            command, global_values, values = token, values, {}
            names, flags = COMMAND_OPTIONS[token], COMMAND_FLAGS[token]
            continue
        if token in flags:
            values[flags[token]] = True
            continue
        name, equals, value = token.partition("=")
        key = names.get(name)
        if key is None:
            return None
        if not equals:
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return None
        if key in REPEATED:
            values.setdefault(key, []).append(value)
        else:
            values[key] = value  # the last one given counts, as in click
    return (command, global_values, values) if command else None


def checked_options(command: str, global_values: dict, values: dict) -> tuple[str, dict, dict] | None:
    """The values as cli.py's options convert them, with their defaults and environment variables; None where any
    of them would be refused (cli.py then says why)."""
    texts = [v for key, v in global_values.items() if key != "plans"] + [
        text for v in values.values() if not isinstance(v, bool) for text in (v if isinstance(v, list) else [v])]
    try:
        global_options = _global_options(global_values)
        if global_options is None or any(has_surrogates(text) for text in texts):
            return None
        options = (_list_options if command == "list" else _weekly_options)(values)
    except (ValueError, DubanError):
        return None
    return (command, global_options, options) if options is not None else None


def _global_options(values: dict) -> dict | None:
    for key, variable in ENVIRONMENT.items():
        if values.get(key) is None:
            values[key] = os.environ.get(variable) or None  # an empty variable counts as unset in click
    if any(has_surrogates(values[key]) for key in ENVIRONMENT if values[key] is not None):
        return None
    if values["lang"] not in (None, "zh", "en"):
        return None
    today = parse_today(values["today"]) if values["today"] is not None else None
    return {"plans": values.get("plans"), "today": today, "lang": values["lang"]}


def _plan(values: dict) -> str | None:
    from duban.ledger.taskid import check_plan_id

    return check_plan_id(values["plan"]) if values.get("plan") is not None else None


def _whole_number(text: str | None, least: int) -> int | None:
    """click.IntRange(min=least) on a value made of ASCII digits; ValueError for anything else."""
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) < least:
        raise ValueError(text)
    return int(text)


def _list_options(values: dict) -> dict | None:
    from duban.ledger.queries import SORT_KEYS, TaskFilter
    from duban.ledger.values import parse_status

    sort = values.get("sort", "id")
    if sort not in SORT_KEYS:
        return None
    task_filter = TaskFilter(tuple(parse_status(status) for status in values.get("statuses", ())),
                             values.get("owner"), _plan(values), values.get("overdue", False),
                             _whole_number(values.get("due_within"), 0), values.get("grep"))
    return {"task_filter": task_filter, "sort": sort, "reverse": values.get("reverse", False),
            "as_json": values.get("as_json", False)}


def _weekly_options(values: dict) -> dict | None:
    if values.get("lang") not in (None, "zh", "en"):
        return None
    return {"week": values.get("week"), "owner": values.get("owner"), "plan": _plan(values),
            "org": values.get("org"), "issue": _whole_number(values.get("issue"), 1),
            "by_owner": values.get("by_owner", False), "lang": values.get("lang"),
            "as_json": values.get("as_json", False)}
