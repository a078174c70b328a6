"""The console script: `duban list` in its plain forms runs here without importing click; everything else goes to
cli.py.

Importing click and what it brings (inspect, typing, uuid, gettext …) takes about 10 ms of a 50 ms listing of 1,000
tasks. Where the arguments are exactly global options and `list` with its own options, each value one click would
take as it is, this module runs the listing itself: the same App, the one body of the command (app.show_ledger), the
same failure lines and exit codes. Anything else — help, completion, another command, an option or a value click
would refuse or convert — goes to cli.py, which reads it and says what is wrong. A form this module does not know is
therefore never an error of its own; tests/cli/test_cli_quick.py holds the two paths to the same output.
"""

from __future__ import annotations

import os
import sys

from duban.app import App, end_run, failure_code, failure_line, has_surrogates, parse_today, show_ledger
from duban.errors import DubanError

# The options each parser reads, by the name click gives the value (cli.py's `cli` and `list_`).
GLOBAL_OPTIONS = {"--plans": "plans", "--today": "today", "--lang": "lang"}
LIST_OPTIONS = {"--status": "statuses", "--owner": "owner", "--plan": "plan", "--due-within": "due_within",
                "--grep": "grep", "--sort": "sort"}
LIST_FLAGS = {"--overdue": "overdue", "--reverse": "reverse", "--json": "as_json"}
ENVIRONMENT = {"today": "DUBAN_TODAY", "lang": "DUBAN_LANG"}  # read when the option is not given, as click does


def main() -> None:
    """`duban …`: the listing here when this module knows its form, else the command line of cli.py."""
    code = run(sys.argv[1:])
    if code is None:
        from duban.cli import main as main_with_click

        main_with_click()
    end_run(code)


def run(args) -> int | None:
    """Run `duban list` with these arguments and return its exit code; None where cli.py must read them."""
    given = read_list_arguments(args)
    options = given and checked_options(given)
    if options is None:
        return None
    from duban.ledger.queries import TaskFilter

    app = App(options["plans"], options["today"], options["lang"])
    app.as_json = options["as_json"]
    task_filter = TaskFilter(tuple(options["statuses"]), options["owner"], options["plan"], options["overdue"],
                             options["due_within"], options["grep"])
    try:
        show_ledger(app, task_filter, options["sort"], options["reverse"])
    except (DubanError, OSError) as error:
        return _failed(app, error)
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)  # as click does: the blank line closes the terminal's ^C
        print(f"duban: {app.w('aborted')}", file=sys.stderr)
        return 1
    return 0


def _failed(app: App, error: BaseException) -> int:
    if isinstance(error, BrokenPipeError):  # the reader went away (`duban list | head -1`): 1, and nothing said
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered goes nowhere instead of failing again
        return 1
    print(failure_line(error, app.w), file=sys.stderr)
    return failure_code(error)


def read_list_arguments(args) -> dict | None:
    """The values of `duban [--plans D] [--today T] [--lang L] list [OPTION …]` as typed, by click's names for
    them; None for any other form (no `list`, a token that is not one of these options, a value that looks like an
    option, shell completion)."""
    if "_DUBAN_COMPLETE" in os.environ:
        return None
    given: dict = {"statuses": []}
    names, in_list = GLOBAL_OPTIONS, False
    tokens = iter(args)
    for token in tokens:
        if token == "list" and not in_list:
            names, in_list = LIST_OPTIONS, True
            continue
        if in_list and token in LIST_FLAGS:
            given[LIST_FLAGS[token]] = True
            continue
        name, equals, value = token.partition("=")
        key = names.get(name)
        if key is None:
            return None
        if not equals:
            value = next(tokens, None)
            if value is None or value.startswith("-"):
                return None
        if key == "statuses":
            given[key].append(value)
        else:
            given[key] = value  # the last one given counts, as in click
    return given if in_list else None


def checked_options(given: dict) -> dict | None:
    """The values as cli.py's options convert them, with their defaults and environment variables; None where
    any of them would be refused (cli.py then says why)."""
    from duban.ledger.values import parse_status
    from duban.ledger.queries import SORT_KEYS
    from duban.ledger.taskid import check_plan_id

    for key, variable in ENVIRONMENT.items():
        if given.get(key) is None:
            given[key] = os.environ.get(variable) or None  # an empty variable counts as unset in click
    texts = [value for key, value in given.items() if key != "plans" and isinstance(value, str)]
    if any(has_surrogates(text) for text in texts + given["statuses"]):
        return None
    try:
        today = parse_today(given["today"]) if given["today"] is not None else None
        statuses = [parse_status(status) for status in given["statuses"]]
        plan = check_plan_id(given["plan"]) if given.get("plan") is not None else None
    except (ValueError, DubanError):
        return None
    due_within = given.get("due_within")
    if given["lang"] not in (None, "zh", "en") or given.get("sort", "id") not in SORT_KEYS:
        return None
    if due_within is not None and not (due_within.isascii() and due_within.isdigit()):
        return None
    return {"plans": given.get("plans"), "today": today, "lang": given["lang"], "statuses": statuses,
            "owner": given.get("owner"), "plan": plan, "overdue": given.get("overdue", False),
            "due_within": int(due_within) if due_within is not None else None, "grep": given.get("grep"),
            "sort": given.get("sort", "id"), "reverse": given.get("reverse", False),
            "as_json": given.get("as_json", False)}
