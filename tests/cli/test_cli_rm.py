def test_rm_needs_yes(cli_run, workspace):
    path = workspace.task_path("2019H2-04")
    result = cli_run("rm", "2019H2-04")
    assert (result.exit_code, result.stderr) == (
        2, "duban: 删除 2019H2-04 的文件须加 --yes 确认（只是不再办理的任务请用 duban cancel）\n")
    english = cli_run("--lang", "en", "rm", "2019H2-04")
    assert english.stderr == "duban: deleting 2019H2-04's file needs --yes (to drop a task and keep it, use duban cancel)\n"
    assert path.exists()


def test_rm_with_yes_deletes_the_file(cli_run, workspace):
    result = cli_run("rm", "2019H2-04", "--yes")
    assert (result.exit_code, result.output) == (0, "已删除 2019H2-04 进一步加强党建和宣传工作（git 历史中仍可找回）\n")
    assert not workspace.task_path("2019H2-04").exists()
    english = cli_run("--lang", "en", "rm", "2019H2-03", "--yes")
    assert english.output == "deleted 2019H2-03 强力推进医疗服务信息化建设 (git history keeps it)\n"
