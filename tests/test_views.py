import io

from duban.views.ledger import make_console, render_list, render_overdue
from duban.ledger.queries import overdue_by_owner

from conftest import TODAY


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_late_rows_are_red_and_soon_rows_yellow_on_a_terminal(workspace, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = FakeTerminal()
    render_list(make_console(out), workspace.load_tasks().tasks, TODAY)
    rows = {line.split()[0][-9:]: line for line in out.getvalue().splitlines() if "2019H2-" in line}
    assert len(rows) == 4 and all(row.startswith("2019H2-0") for row in rows)  # ids never shrink on 80 columns
    assert "\x1b[1;31m2019-10-31" in rows["2019H2-01"]      # 20 days late: bold red
    assert "\x1b[33m2019-11-25" in rows["2019H2-02"]        # due in 5 days: yellow
    assert "\x1b[1;31m" not in rows["2019H2-04"]            # done: never late


def test_no_colour_with_no_color_or_a_pipe(workspace, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = FakeTerminal()
    render_overdue(make_console(out), overdue_by_owner(workspace.load_tasks().tasks, TODAY), TODAY)
    assert "31m" not in out.getvalue() and "33m" not in out.getvalue()  # bold may stay; colour may not
    monkeypatch.delenv("NO_COLOR")
    piped = io.StringIO()
    render_list(make_console(piped), workspace.load_tasks().tasks, TODAY)
    assert "\x1b[" not in piped.getvalue()


def test_columns_line_up_by_display_width(workspace):
    from rich.cells import cell_len

    out = io.StringIO()
    render_list(make_console(out), workspace.load_tasks().tasks, TODAY)
    rows = [line for line in out.getvalue().splitlines() if "2019H2-" in line]
    due_columns = {cell_len(row[: row.index("2019-")]) for row in rows}
    assert len(due_columns) == 1
