"""`duban merge-file O A B P`, as git runs it: the result in A, exit 0 when clean, 1 when it left conflicts."""

from datetime import date

import pytest

from duban.ledger import tomlfile
from duban.ledger.model import ProgressEntry, Task


@pytest.fixture
def versions(workspace, tmp_path):
    """git's three temporary files for 2019H2-03: the ancestor, ours and theirs (files named as git names them)."""
    base = workspace.task_path("2019H2-03").read_text(encoding="utf-8")
    paths = [tmp_path / name for name in (".merge_file_O", ".merge_file_A", ".merge_file_B")]
    paths[0].write_text(base, encoding="utf-8")
    return base, paths


def changed(text, status=None, note=None):
    task = Task.from_dict(tomlfile.loads(text, "t.toml"))
    if status:
        task.status = status
    if note:
        task.progress.append(ProgressEntry(date(2019, 11, 20), task.status, note, "张三"))
    return tomlfile.update_text(text, task.to_dict())


def test_a_clean_merge_is_written_into_a_and_exits_0(cli_run, versions):
    base, (o, a, b) = versions
    a.write_text(changed(base, status="done"), encoding="utf-8")
    b.write_text(changed(base, note="平台试运行"), encoding="utf-8")
    result = cli_run("merge-file", str(o), str(a), str(b), "plans/2019H2/03.toml")
    assert (result.exit_code, result.output) == (0, "")
    merged = Task.from_dict(tomlfile.loads(a.read_text(encoding="utf-8"), "a"))
    assert merged.status == "done" and [p.note for p in merged.progress] == ["完成平台招标", "平台试运行"]


def test_a_conflict_exits_1_and_names_the_keys(cli_run, versions):
    base, (o, a, b) = versions
    a.write_text(changed(base, status="done"), encoding="utf-8")
    b.write_text(changed(base, status="blocked"), encoding="utf-8")
    result = cli_run("merge-file", str(o), str(a), str(b), "plans/2019H2/03.toml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("duban: 警告：plans/2019H2/03.toml：status 两边改得不同，两边的值都留在冲突标记之间"
                             "（duban validate 指出行号）\n")
    assert '<<<<<<< 本地（ours）\nstatus = "done"\n=======\nstatus = "blocked"\n>>>>>>> 对方（theirs）\n' in \
        a.read_text(encoding="utf-8")


def test_a_side_that_is_not_toml_is_merged_by_lines(cli_run, versions):
    base, (o, a, b) = versions
    a.write_text(changed(base, note="甲") + "status = \n", encoding="utf-8")
    b.write_text(changed(base, note="乙"), encoding="utf-8")
    result = cli_run("--lang", "en", "merge-file", str(o), str(a), str(b), "plans/2019H2/03.toml")
    assert result.exit_code == 1
    assert result.stderr == "duban: warning: plans/2019H2/03.toml is not valid TOML: merged line by line\n"
    assert a.read_text(encoding="utf-8").count("<<<<<<< ours\n") == 1
