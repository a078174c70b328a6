def test_validate(cli_run, workspace):
    clean = cli_run("validate")
    assert (clean.exit_code, clean.output) == (0, "检查通过：1 个计划，4 项任务\n")
    assert cli_run("--lang", "en", "validate").output == "ok: 1 plan, 4 tasks\n"
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "完结"'), encoding="utf-8")
    result = cli_run("validate")
    assert result.exit_code == 1
    choices = "todo (未开始), in_progress (推进中), done (已完成), blocked (受阻), dropped (已取消)"  # Chinese too
    assert result.stdout == f"{path}:8: 无法识别的状态“完结”：请用 {choices} 之一\n"
    english = cli_run("--lang", "en", "validate")
    assert english.stdout == f"{path}:8: unknown status '完结': use one of {choices}\n"
    assert english.stderr == f"1 fault in {workspace.root}\n"
    assert result.stderr == f"{workspace.root} 中有 1 处问题\n"


def test_validate_says_why_a_file_is_not_toml(cli_run, workspace):
    """The reason is said, as `list` says it, not the index's stored form of it (it once showed `\x00said…`)."""
    path = workspace.task_path("2019H2-04")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "done"', 'status = "done" x'),
                    encoding="utf-8")
    said = f"{path}:8: 不是有效的 TOML：值后面还有多余的内容（一行只写一个 键 = 值，文字须加双引号）"
    assert cli_run("list").stderr == f"duban: 警告：{said}\n"
    for _ in range(2):  # the first run reads the file, the second the fault the index kept
        assert cli_run("validate").stdout == f"{said}\n"
