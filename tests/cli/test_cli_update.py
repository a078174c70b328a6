import pytest


def test_update_status_and_log(cli_run, workspace):
    result = cli_run("update", "2019H2-01", "--status", "推进中", "--note", "完成四小单位摸排")
    assert (result.exit_code, result.output) == (0, "2019H2-01 未开始 → 推进中\n")
    task = workspace.get_task("2019H2-01")
    assert task.status == "in_progress"
    entry = task.progress[-1]
    assert (str(entry.date), entry.status, entry.note, entry.by) == ("2019-11-20", "in_progress",
                                                                    "完成四小单位摸排", "张三")


def test_update_due_from_a_chinese_phrase(cli_run, workspace):
    result = cli_run("--lang", "en", "update", "2019H2-02", "--due", "12月底前", "--by", "李四")
    assert result.output == "2019H2-02 progress recorded\n"
    task = workspace.get_task("2019H2-02")
    assert (str(task.due), task.due_basis, task.progress[-1].by) == ("2019-12-31", "12月底前", "李四")


@pytest.mark.parametrize("args, message", [
    (["update", "2019H2-99", "--status", "done"], "duban: unknown task '2019H2-99': no {root}/2019H2/99.toml\n"),
    (["update", "2019H2-01", "--status", "finished"],
     "duban: unknown status 'finished': use one of todo (未开始), in_progress (推进中), done (已完成), "
     "blocked (受阻), dropped (已取消)\n"),
    (["update", "2019H2-01", "--due", "soon"],
     "duban: bad date 'soon': use YYYY-MM-DD or a phrase such as 年底, 6月底前, 三季度末, 下周五\n"),
    (["update", "2019H2-01"], "duban: nothing to update: give --status, --owner, --due or --note\n"),
])
def test_bad_input_is_one_line_with_exit_2(cli_run, workspace, args, message):
    before = workspace.task_path("2019H2-01").read_bytes()
    result = cli_run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(root=workspace.root))
    assert workspace.task_path("2019H2-01").read_bytes() == before


def test_update_of_an_id_that_is_a_path_creates_nothing(cli_run, tmp_path):
    result = cli_run("update", f"{tmp_path}/x/a/b-01", "--note", "x")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()
