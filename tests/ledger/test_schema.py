"""The schema check of task files: its faults point at their lines, and its work grows with the file, not faster."""

from datetime import date

from duban.ledger import schema, tomlfile
from duban.ledger.model import ProgressEntry, Task
from duban.ledger.schema import LineFinder, task_faults

from work import growth, python_lines


def task_with_entries(n: int) -> str:
    entries = [ProgressEntry(date(2019, 9, 1 + i % 28), "in_progress", f"进展{i}", "张三") for i in range(n)]
    return tomlfile.dumps(Task("2019H2-05", "进一步提升中医药服务能力", progress=entries).to_dict())


def test_checking_progress_entries_is_linear_in_their_number():
    """Each entry's keys were looked up by scanning the file from its top for the entry's header: 5,000 entries
    took 8 s and 50,000 over a minute (issue 15, item 11). Four times the entries is now four times the work."""
    def work(n):
        text = task_with_entries(n)
        return python_lines(schema, task_faults, tomlfile.loads(text, "t"), text)

    assert growth(work, (250, 1000)) < 4.5


def test_a_fault_in_the_last_of_many_entries_names_its_line():
    last = 'status = "in_progress"\nnote = "进展299"'
    text = task_with_entries(300).replace(last, last.replace("in_progress", "finished"))
    faults = task_faults(tomlfile.loads(text, "t"), text)
    assert [(f.line, f.message.key) for f in faults] == [(text.splitlines().index('status = "finished"') + 1,
                                                          "unknown_status")]


def test_headers_are_found_by_name_and_position():
    lines = LineFinder('id = "x"\n\n[[progress]]\ndate = 2019-09-01\n\n[check]\nverdict = "done"\n\n[[progress]]\n')
    assert (lines.header("progress"), lines.header("progress", 1), lines.header("check")) == (3, 9, 6)
    assert (lines.header("progress", 2), lines.header("targets")) == (None, None)
    assert lines.key("verdict", "check") == 7
    assert (lines.key("date", "progress", 0), lines.key("date", "progress", 1)) == (4, 9)  # no key: its header
