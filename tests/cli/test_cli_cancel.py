def test_cancel_keeps_the_reason(cli_run, workspace):
    result = cli_run("cancel", "2019H2-01", "--note", "上级通知暂缓")
    assert (result.exit_code, result.output) == (0, "2019H2-01 已取消：上级通知暂缓\n")
    task = workspace.get_task("2019H2-01")
    assert (task.status, task.progress[-1].note, task.progress[-1].by) == ("dropped", "上级通知暂缓", "张三")
    again = cli_run("--lang", "en", "cancel", "2019H2-01", "--note", "x")
    assert (again.exit_code, again.stderr) == (2, "duban: 2019H2-01 is already dropped\n")


def test_cancel_in_english_and_without_a_reason(cli_run, workspace):
    result = cli_run("--lang", "en", "cancel", "2019H2-02", "--note", "merged into 2019H2-01")
    assert result.output == "2019H2-02 dropped: merged into 2019H2-01\n"
    blank = cli_run("cancel", "2019H2-03", "--note", " ")
    assert (blank.exit_code, blank.stderr) == (2, "duban: 取消任务须说明理由：--note 理由\n")
    assert workspace.get_task("2019H2-03").status == "in_progress"
