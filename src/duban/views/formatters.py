"""The formatter of a run, chosen once: `TerminalView` for people, `JsonView` for `--json`.

Commands hand their results to the view and never ask which one it is. Both send warnings and messages that are
not the command's output to stderr when stdout carries JSON.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Iterable

from duban.views.words import Words, words


class View:
    def __init__(self, lang: str, soon_days: int = 14):
        self.w: Words = words(lang)
        self.soon_days = soon_days

    def warn(self, messages: Iterable[str]) -> None:
        for message in messages:  # text, or what the library said (an error, a fault) in this language
            print(f"duban: {self.w('warning', message=self.w.said(message))}", file=sys.stderr)

    def message(self, text: str) -> None:
        """A line that says what a command did: stdout for people, stderr when stdout carries JSON."""
        print(text)

    def close(self) -> None:
        """The end of the command's output (a JSON view prints what it collected)."""

    def sync(self, result) -> None:
        """`sync`: one line for its outcome."""
        from duban.views.sharing import sync_line

        self.message(sync_line(self.w, result))

    def merged(self, path: str, merged) -> None:
        """The merge driver: what it could not merge cleanly, on stderr beside git's own lines."""
        from duban.views.sharing import merge_warnings

        self.warn(merge_warnings(self.w, path, merged))


class TerminalView(View):
    """Tables and lines for a person at a terminal (or its pipe), laid out by `views.terminal`."""

    @property
    def out(self):
        from duban.views.terminal import terminal_for

        return terminal_for()

    def tasks(self, tasks: list, today: date) -> None:
        from duban.views.ledger import render_list

        render_list(self.out, self.w, tasks, today, self.soon_days)

    def overdue(self, groups: list, today: date) -> None:
        from duban.views.ledger import render_overdue

        render_overdue(self.out, self.w, groups, today)

    def task(self, task, today: date, folder=None) -> None:
        from duban.views.ledger import render_task

        render_task(self.out, self.w, task, today, self.soon_days, folder)

    def history(self, task_id: str, entries: list) -> None:
        from duban.views.ledger import render_history

        render_history(self.out, self.w, task_id, entries)

    def validation(self, report, root) -> None:
        """`validate`: each fault as `file:line: fault` on stdout, how many on stderr; or that all is well."""
        for fault in report.faults:
            print(fault.render(self.w))
        if report.faults:
            print(self.w("validate_faults", n=len(report.faults), root=root), file=sys.stderr)
        else:
            self.message(self.w("validate_ok", plans=report.plans, tasks=report.tasks))

    def owners(self, counts: list) -> None:
        from duban.views.ledger import render_owners

        render_owners(self.out, self.w, counts)

    def import_preview(self, prepared) -> None:
        from duban.views.importing import render_preview

        render_preview(self.out, self.w, prepared)

    def check(self, result) -> None:
        from duban.views.checking import render_check

        render_check(self.out, self.w, result)

    def check_preview(self, preview, facts) -> None:
        from duban.views.checking import render_preview

        render_preview(self.out, self.w, preview, facts)

    def weekly(self, sheets) -> None:
        from duban.weekly.render import render

        out = self.out
        out.write(render(sheets, "text", self.w, out))


class JsonView(View):
    """Only JSON on stdout, in the shapes of `views.json`."""

    def __init__(self, lang: str, soon_days: int = 14):
        super().__init__(lang, soon_days)
        self._imports: list[dict] = []
        self._check = None  # (result, preview, facts): printed at close, once the check was written or not
        from duban.views import json as out  # here: the terminal view never writes JSON (json takes a ms to load)

        self.out = out

    def message(self, text: str) -> None:
        print(text, file=sys.stderr)

    def tasks(self, tasks: list, today: date) -> None:
        self.out.dump_listing(tasks, today)

    def overdue(self, groups: list, today: date) -> None:
        self.out.dump_listing([task for group in groups for task in group.tasks], today)

    def task(self, task, today: date, folder=None) -> None:
        self.out.dump_json(self.out.task_record(task, today))

    def history(self, task_id: str, entries: list) -> None:
        self.out.dump_json([self.out.history_record(entry) for entry in entries])

    def owners(self, counts: list) -> None:
        self.out.dump_json([self.out.owner_record(count) for count in counts])

    def validation(self, report, root) -> None:
        self.out.dump_json(self.out.validation_record(report, self.w))

    def import_preview(self, prepared) -> None:
        self._imports.append(self.out.import_record(prepared))

    def close(self) -> None:
        if self._imports:  # one report: its record; several: a list of them
            self.out.dump_json(self._imports[0] if len(self._imports) == 1 else self._imports)
            self._imports = []
        if self._check is not None:
            self.out.dump_json(self.out.check_record(*self._check))
            self._check = None

    def check(self, result) -> None:
        self._check = (result, None, None)

    def check_preview(self, preview, facts) -> None:
        self._check = (self._check[0], preview, facts)

    def weekly(self, sheets) -> None:
        """One report: its record; the sheets of --by-owner (a list): a list of records."""
        self.out.dump_json([self.out.weekly_record(sheet) for sheet in sheets] if isinstance(sheets, list)
                           else self.out.weekly_record(sheets))


def view_for(as_json: bool, lang: str, soon_days: int = 14) -> View:
    return (JsonView if as_json else TerminalView)(lang, soon_days)
