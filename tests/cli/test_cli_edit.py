"""`duban edit` with a real $EDITOR: a script that edits the file as a person would, run by click.edit."""

import stat
import sys
import textwrap

import pytest


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """An editor script that applies the next of the given edits (old → new text) at each run."""
    def make(*edits):
        (tmp_path / "runs.txt").unlink(missing_ok=True)
        (tmp_path / "edits.txt").write_text("\x1e".join(f"{old}\x1f{new}" for old, new in edits), encoding="utf-8")
        script = tmp_path / "editor.py"
        script.write_text(textwrap.dedent(f"""\
            import os, sys
            edits_file = {str(tmp_path / "edits.txt")!r}
            count_file = {str(tmp_path / "runs.txt")!r}
            runs = int(open(count_file).read()) if os.path.exists(count_file) else 0
            open(count_file, "w").write(str(runs + 1))
            old, new = open(edits_file, encoding="utf-8").read().split("\\x1e")[runs].split("\\x1f")
            path = sys.argv[1]
            text = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
            later = os.stat(path).st_mtime + 10  # a save, as click.edit sees it
            os.utime(path, (later, later))
            """), encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
        monkeypatch.delenv("VISUAL", raising=False)
        return tmp_path / "runs.txt"
    return make


def test_edit_saves_a_valid_file_as_written(cli_run, workspace, editor):
    editor(('status = "todo"', 'status = "in_progress"  # 局长督办\n# 11月18日批示'))
    result = cli_run("edit", "2019H2-01")
    assert (result.exit_code, result.output) == (0, "已保存 2019H2-01\n")
    text = workspace.task_path("2019H2-01").read_text(encoding="utf-8")
    assert 'status = "in_progress"  # 局长督办\n# 11月18日批示\n' in text
    assert workspace.get_task("2019H2-01").status == "in_progress"


def test_a_broken_edit_is_caught_and_reopened(cli_run, workspace, editor):
    before = workspace.task_path("2019H2-01").read_bytes()
    runs = editor(('status = "todo"', 'status = "finished"'), ('status = "finished"', 'status = "done"'))
    result = cli_run("edit", "2019H2-01", stdin="y\n")
    path = workspace.task_path("2019H2-01")
    assert result.exit_code == 0
    assert result.stderr == (f"{path}:8: 无法识别的状态“finished”：请用 todo (未开始), in_progress (推进中),"
                             " done (已完成), blocked (受阻), dropped (已取消) 之一\n文件有误，未保存。重新打开编辑？ [Y/n]: y\n")
    assert result.stdout == "已保存 2019H2-01\n"
    assert runs.read_text() == "2"
    assert workspace.get_task("2019H2-01").status == "done"
    assert path.read_bytes() == before.replace(b'status = "todo"', b'status = "done"')


def test_a_broken_edit_given_up_saves_nothing(cli_run, workspace, editor):
    before = workspace.task_path("2019H2-01").read_bytes()
    editor(('title = "', 'title = '))
    result = cli_run("--lang", "en", "edit", "2019H2-01", stdin="n\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == ["The file has faults and was not saved. Edit it again? [Y/n]: n",
                                               "duban: aborted"]
    assert workspace.task_path("2019H2-01").read_bytes() == before


def test_the_id_cannot_be_edited_and_no_change_is_nothing(cli_run, workspace, editor):
    editor(('id = "2019H2-01"', 'id = "2019H2-02"'))
    result = cli_run("--lang", "en", "edit", "2019H2-01", stdin="n\n")
    assert result.stderr.startswith(f"{workspace.task_path('2019H2-01')}:1: the id cannot change "
                                    "(2019H2-01 → 2019H2-02)\n")
    editor(("no such text", ""))
    same = cli_run("edit", "2019H2-02")
    assert same.output == "2019H2-02 没有变化\n"
