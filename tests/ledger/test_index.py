"""The listing index: never trusted over the files, whatever happens to them between two runs."""

import marshal
import os
import time

import pytest
from datetime import date

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban import workers
from duban.cli import cli
from duban.errors import BrokenFile
from duban.ledger.index import INDEX_FILE, INDEX_FORMAT, load_summaries
from duban.ledger.model import Plan, ProgressEntry, Task
from duban.ledger.store import CACHE_DIR, Workspace, init_workspace

from conftest import TODAY, make_workspace

OLD = 1_500_000_000_000_000_000  # 2017: far from "now", so the index trusts these mtimes


def age(paths, start=OLD):
    """Give files distinct old mtimes, as files that settled long ago."""
    for offset, path in enumerate(paths):
        os.utime(path, ns=(start + offset, start + offset))


def view(workspace):
    """What a listing shows of each task and each broken file, straight from the files."""
    result = workspace.load_tasks()
    return ([(t.id, t.title, t.status, t.owner, tuple(t.co_owners), t.due, t.category, t.detail, t.last_note())
             for t in result.tasks], [str(f) for f in result.faults])


def indexed(workspace):
    result = load_summaries(workspace)
    return ([(t.id, t.title, t.status, t.owner, tuple(t.co_owners), t.due, t.category, t.detail, t.last_note())
             for t in result.tasks], [str(f) for f in result.faults])


def test_summaries_answer_like_tasks(workspace):
    tasks = workspace.load_tasks().tasks
    summaries = load_summaries(workspace).tasks
    for task, summary in zip(tasks, summaries, strict=True):
        assert (summary.plan, summary.is_open, summary.days_overdue(TODAY), summary.last_note(),
                summary.last_note_date(), summary.last_entry_date()) == \
               (task.plan, task.is_open, task.days_overdue(TODAY), task.last_note(), task.last_note_date(),
                task.last_entry_date())
        assert (summary.progress, summary.check) == (task.progress, task.check)


def test_the_progress_log_and_check_come_back_as_the_file_has_them(workspace):
    """What `weekly` reads from the index: every entry and key, dates and times as dates and times."""
    from datetime import datetime, time as clock_time, timezone

    task = workspace.get_task("2019H2-03")
    task.progress.append(ProgressEntry(date(2019, 10, 8), "in_progress", "延期", "李四",
                                       {"changes": {"due": [date(2019, 9, 30), date(2019, 10, 31)]},
                                        "at": datetime(2019, 10, 8, 9, 30, tzinfo=timezone.utc),
                                        "meeting": clock_time(14, 0), "tags": ["会议", 3, 1.5, True]}))
    task.check = {"report": "年终总结.docx", "date": date(2019, 12, 30), "verdict": "done", "score": 0.82,
                  "evidence": ["顺利通过复审。"], "lines": [12]}
    workspace.save_task(task)
    summary = next(t for t in load_summaries(workspace).tasks if t.id == "2019H2-03")
    again = workspace.get_task("2019H2-03")
    assert (summary.progress, summary.check) == (again.progress, again.check)


def test_second_run_reads_the_index_not_the_files(workspace):
    age(workspace.task_files())
    first = load_summaries(workspace)
    assert first.parsed == 4 and (workspace.root / CACHE_DIR / INDEX_FILE).is_file()
    second = load_summaries(workspace)
    assert second.parsed == 0
    assert indexed(workspace) == view(workspace)


def test_a_changed_file_is_read_again(workspace):
    age(workspace.task_files())
    load_summaries(workspace)
    task = workspace.get_task("2019H2-02")
    task.status = "done"
    workspace.save_task(task)
    result = load_summaries(workspace)
    assert result.parsed == 1
    assert [t.status for t in result.tasks if t.id == "2019H2-02"] == ["done"]


def test_same_size_rewrite_in_the_same_clock_tick_is_seen(workspace):
    """A file whose mtime is not older than the file system's clock when it is read (here: ahead of it, as a file
    written in the very tick it is read in) is kept out of the index, so a rewrite that keeps size, mtime and inode
    is still noticed."""
    path = workspace.task_path("2019H2-01")
    ahead = time.time_ns() + 3_600_000_000_000
    os.utime(path, ns=(ahead, ahead))
    load_summaries(workspace)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode
        handle.write(text.replace('status = "todo"', 'status = "done"'))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_ino == stat.st_ino
    assert [t.status for t in load_summaries(workspace).tasks if t.id == "2019H2-01"] == ["done"]


def test_files_written_a_moment_ago_are_trusted_on_the_next_run(workspace):
    """After a clone or a pull every file is new; the file system's clock has moved on by the time they are read,
    so the first run indexes them all and the second reads none."""
    assert load_summaries(workspace).parsed == 4
    assert load_summaries(workspace).parsed == 0
    assert indexed(workspace) == view(workspace)


def test_many_files_are_read_by_workers_as_by_one_process(tmp_path, monkeypatch):
    from duban.ledger import index

    workspace = make_workspace(tmp_path / "plans")
    for number in range(5, 41):
        workspace.save_task(Task(f"2019H2-{number:02d}", f"任务{number}", owner="办公室", due=date(2019, 12, 1),
                                 progress=[ProgressEntry(date(2019, 9, number % 28 + 1), "in_progress", "进展")]))
    workspace.task_path("2019H2-17").write_text('id = "2019H2-17"\ntitle = \n', encoding="utf-8")
    monkeypatch.setattr(index, "PARALLEL_FILES", 4)
    monkeypatch.setattr(workers, "cpus", lambda: 3)
    assert indexed(workspace) == view(workspace)
    assert load_summaries(workspace).parsed == 0


def test_a_worker_that_cannot_start_leaves_its_share_to_the_process(tmp_path, monkeypatch):
    from duban.ledger import index

    workspace = make_workspace(tmp_path / "plans")
    monkeypatch.setattr(index, "PARALLEL_FILES", 1)
    monkeypatch.setattr(workers, "cpus", lambda: 2)

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(workers.os, "fork", no_fork)
    assert indexed(workspace) == view(workspace)


def test_added_removed_and_broken_files_and_folders(workspace):
    age(workspace.task_files())
    load_summaries(workspace)
    workspace.task_path("2019H2-03").unlink()
    workspace.save_task(Task("2019H2-12", "新增任务", owner="办公室"))
    workspace.save_plan(Plan("2020H1", "区卫生健康局", "2020H1", date(2020, 1, 1), date(2020, 6, 30)))
    workspace.save_task(Task("2020H1-01", "下一期任务", owner="中医科", due=date(2020, 6, 30)))
    workspace.task_path("2019H2-04").write_text('id = "2019H2-04"\ntitle = \n', encoding="utf-8")
    age(workspace.task_files(), OLD + 100)
    assert indexed(workspace) == view(workspace)
    assert len(load_summaries(workspace).faults) == 1  # still warned about on the next run
    for path in (workspace.root / "2020H1").iterdir():
        path.unlink()
    (workspace.root / "2020H1").rmdir()
    assert indexed(workspace) == view(workspace)


def test_a_broken_file_warns_on_every_list(workspace):
    workspace.task_path("2019H2-02").write_text("id = \n", encoding="utf-8")
    age(workspace.task_files())
    runner = CliRunner()
    outputs = [runner.invoke(cli, ["--plans", str(workspace.root), "--today", "2019-11-20", "list"])
               for _ in range(3)]
    expected = (f"duban: 警告：{workspace.task_path('2019H2-02')}:1: 不是有效的 TOML：值无效（文字须加双引号，"
                "如 owner = \"疾控中心\"；日期写成 2019-12-31）\n")
    for result in outputs:
        assert result.exit_code == 0
        assert result.stderr == expected
        assert "2019H2-01" in result.stdout and "2019H2-02" not in result.stdout
    assert load_summaries(workspace).parsed == 0


def test_a_fault_about_a_value_of_any_kind_is_kept_and_said_as_the_file_says_it(workspace):
    """A verdict written as a date: the index (marshal: plain values only) keeps its fault as reading the file has it."""
    path = workspace.task_path("2019H2-03")
    path.write_text(path.read_text(encoding="utf-8") + "\n[check]\nverdict = 2019-01-01\n", encoding="utf-8")
    age(workspace.task_files())
    expected = view(workspace)
    assert expected[1] == [f"{path}:{len(path.read_text(encoding='utf-8').splitlines())}: unknown verdict "
                           "'2019-01-01': use one of done, in_progress, at_risk, not_found"]
    assert indexed(workspace) == expected
    assert load_summaries(workspace).parsed == 0
    assert indexed(workspace) == expected


def test_a_damaged_index_is_ignored(workspace):
    age(workspace.task_files())
    load_summaries(workspace)
    index = workspace.root / CACHE_DIR / INDEX_FILE
    for garbage in (b"", b"\x00\xff garbage", marshal.dumps((INDEX_FORMAT, {"2019H2": 5})),
                    marshal.dumps((INDEX_FORMAT, {"2019H2": ({"01.toml": None}, [("01.toml", (1, 2), None)])})),
                    marshal.dumps(((0, (2, 7)), {}))):
        index.write_bytes(garbage)
        assert indexed(workspace) == view(workspace)
        assert load_summaries(workspace).parsed == 0  # and it was rebuilt


def test_lists_without_a_writable_cache(tmp_path):
    workspace = make_workspace(tmp_path / "plans")
    (workspace.root / CACHE_DIR).write_text("not a folder", encoding="utf-8")
    assert indexed(workspace) == view(workspace)


# --- a record is read straight from a file's data: it says what Task.from_dict makes of the same data -------------

_words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6)
_values = st.one_of(_words, st.integers(-5, 5), st.dates(), st.lists(st.integers(0, 3), max_size=2))
_entries = st.fixed_dictionaries(
    {"date": st.dates(), "status": st.sampled_from(["todo", "done", "推进中", "完成", "bogus"])},
    optional={"note": _words, "by": _words, "meeting": _values, "changes": st.dictionaries(_words, _values,
                                                                                            max_size=2)})
_task_data = st.fixed_dictionaries(
    {"id": st.sampled_from(["2019H2-01", "2019H2-a-7", "2020-12"]), "title": _words.filter(str.strip)},
    optional={"status": st.sampled_from(["todo", "in_progress", "done", "blocked", "dropped", "已完成", " Done ",
                                         "进行中"]),
              "owner": _words, "co_owners": st.lists(_words, max_size=3), "due": st.dates(), "category": _words,
              "detail": _words, "due_basis": _words, "progress": st.lists(_entries, max_size=4),
              "check": st.dictionaries(_words, _values, max_size=3), "custom": _values})


@settings(max_examples=300, deadline=None)
@given(_task_data)
def test_a_record_says_what_the_task_of_the_same_data_says(data):
    from duban.ledger.index import TaskSummary, summary_record
    from duban.views.json import listing_head

    task = Task.from_dict(data)
    summary = TaskSummary.from_record(summary_record(data))
    assert (summary.id, summary.title, summary.status, summary.owner, summary.co_owners, summary.due,
            summary.category, summary.detail, summary.last_note(), summary.last_note_date(),
            summary.last_entry_date()) == \
           (task.id, task.title, task.status, task.owner, tuple(task.co_owners), task.due, task.category,
            task.detail, task.last_note(), task.last_note_date(), task.last_entry_date())
    assert (summary.progress, summary.check) == (task.progress, task.check)
    assert summary.json_head == listing_head(task)


# --- model-based: any sequence of edits, the index answers what the files say -------------------------------

edits = st.lists(st.tuples(st.sampled_from(["write", "rewrite", "break", "delete", "touch"]),
                           st.integers(1, 6), st.sampled_from(["todo", "done", "in_progress"]),
                           st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8)),
                 max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits)
def test_any_edits_between_runs(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("ws") / "plans"
    init_workspace(root, "局")
    workspace = Workspace(root)
    workspace.save_plan(Plan("2019H2", "局", "2019H2", date(2019, 7, 1), date(2019, 12, 31)))
    clock = OLD
    for action, number, status, text in steps:
        path = root / "2019H2" / f"{number:02d}.toml"
        if action == "write":
            try:  # duban never writes over a broken file: a person replaces it
                workspace.read_task_file(path)
            except BrokenFile:
                path.unlink(missing_ok=True)
            workspace.save_task(Task(f"2019H2-{number:02d}", text or "标题", status=status, owner=text,
                                     progress=[ProgressEntry(date(2019, 9, 1), status, text)]))
        elif action == "rewrite" and path.exists():  # same size, in place
            data = path.read_bytes()
            path.write_bytes(data.replace(b'"todo"', b'"tudo"') if b'"todo"' in data else data[::-1])
        elif action == "break":
            path.write_bytes(text.encode("utf-8") + b" = = broken")
        elif action == "delete" and path.exists():
            path.unlink()
        clock += 1_000  # the file changed gets an old mtime of its own; the others keep theirs
        if path.exists():
            os.utime(path, ns=(clock, clock))
        assert indexed(workspace) == view(workspace)


def test_a_file_gone_between_its_folder_s_listing_and_its_reading_is_left_out(workspace, monkeypatch):
    """As if never listed, in a folder the index has seen (stat'ed by the listing) and in one it has not (only
    listed): no fault, and the index stays usable (nothing makes it rebuild)."""
    from duban.ledger import index

    age(workspace.task_files())
    load_summaries(workspace)  # the index has seen 2019H2
    workspace.save_plan(Plan("2020H1", "区卫生健康局", "2020H1", date(2020, 1, 1), date(2020, 6, 30)))
    workspace.save_task(Task("2020H1-01", "下一期任务", owner="中医科"))
    workspace.save_task(Task("2019H2-12", "新增任务", owner="办公室"))
    age([workspace.task_path("2020H1-01"), workspace.task_path("2019H2-12")], OLD + 100)
    listed_keys, listed_names = index._file_keys, index._task_names
    monkeypatch.setattr(index, "_file_keys", lambda folder: {**listed_keys(folder), "98.toml": (1, OLD, 1, OLD)})
    monkeypatch.setattr(index, "_task_names", lambda folder: [*listed_names(folder), "99.toml"])
    result = load_summaries(workspace)
    assert ([t.id for t in result.tasks], result.faults) == ([t.id for t in workspace.load_tasks().tasks], [])
    assert result.parsed == 4  # 2020H1's two names, 2019H2's new file and its vanished one: no rebuild of all
    assert load_summaries(workspace).parsed == 2  # only the names the listing still gives, looked at again


def test_both_ways_of_statting_a_folder_agree(workspace, monkeypatch):
    from duban.ledger import index

    folder = workspace.root / "2019H2"
    (folder / "notes.txt").write_text("not a task", encoding="utf-8")
    fast = index._file_keys(folder)
    monkeypatch.setattr(index, "_STAT_IN_FOLDER", False)
    assert index._file_keys(folder) == fast
    assert sorted(fast) == ["01.toml", "02.toml", "03.toml", "04.toml"]
    assert index._file_keys(workspace.root / "missing") == {}
    monkeypatch.setattr(index, "_STAT_IN_FOLDER", True)
    assert index._file_keys(workspace.root / "missing") == {}


def test_an_index_larger_than_the_input_limit_is_still_read(workspace, monkeypatch):
    """DUBAN_MAX_INPUT_MB limits what duban is given, not its own cache (at 100,000 tasks the index is 57 MB)."""
    age(workspace.task_files())
    load_summaries(workspace)
    index = workspace.root / CACHE_DIR / INDEX_FILE
    monkeypatch.setenv("DUBAN_MAX_INPUT_MB", str(index.stat().st_size / 2 / (1 << 20)))
    assert load_summaries(workspace).parsed == 0
    assert indexed(workspace) == view(workspace)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_an_index_that_is_not_a_regular_file_is_neither_waited_on_nor_followed(workspace, tmp_path):
    age(workspace.task_files())
    load_summaries(workspace)
    index = workspace.root / CACHE_DIR / INDEX_FILE
    index.unlink()
    os.mkfifo(index)  # a plain read would wait for a writer forever
    first = load_summaries(workspace)
    assert first.parsed == 4 and index.is_file() and not index.is_symlink()  # a real index written in its place
    assert indexed(workspace) == view(workspace)
    planted = tmp_path / "planted.marshal"
    hiding = marshal.dumps((INDEX_FORMAT, {"2019H2": ({}, [])}))  # would hide every task of 2019H2
    planted.write_bytes(hiding)
    index.unlink()
    index.symlink_to(planted)
    after = load_summaries(workspace)
    assert after.parsed == 4 and len(after.tasks) == len(first.tasks) == 4
    assert planted.read_bytes() == hiding
