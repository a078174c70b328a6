from datetime import date

from duban.ledger.validate import validate


def test_validate_clean(workspace):
    report = validate(workspace)
    assert (report.faults, report.plans, report.tasks) == ([], 1, 4)


def test_validate_names_file_and_line(workspace):
    conflicted = workspace.task_path("2019H2-01")
    conflicted.write_text(conflicted.read_text(encoding="utf-8").replace(
        'status = "todo"\n', '<<<<<<< HEAD\nstatus = "done"\n=======\nstatus = "blocked"\n>>>>>>> origin/main\n'),
        encoding="utf-8")
    duplicate = workspace.task_path("2019H2-02")
    duplicate.write_text(duplicate.read_text(encoding="utf-8").replace('"2019H2-02"', '"2019H2-03"'),
                         encoding="utf-8")
    bad_date = workspace.task_path("2019H2-04")
    bad_date.write_text(bad_date.read_text(encoding="utf-8").replace("due = 2019-12-31", 'due = "年底"'),
                        encoding="utf-8")
    report = validate(workspace)
    lines = [str(f).replace(str(workspace.root) + "/", "") for f in report.faults]
    assert lines == [
        "2019H2/01.toml:8: git conflict marker: resolve the merge and remove it",
        "2019H2/01.toml:10: git conflict marker: resolve the merge and remove it",
        "2019H2/01.toml:12: git conflict marker: resolve the merge and remove it",
        "2019H2/02.toml:1: id '2019H2-03' does not match its file 2019H2/02.toml",
        "2019H2/03.toml:1: duplicate id '2019H2-03': also in 2019H2/02.toml",
        "2019H2/04.toml:6: 'due' must be a date like 2019-12-31",
    ]


def test_validate_checks_duban_toml_against_the_settings_spec(workspace):
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('lang = "zh"', 'lang = "fr"\nauto_commit = "yes"'),
                        encoding="utf-8")
    lines = [str(f).replace(str(workspace.root) + "/", "") for f in validate(workspace).faults]
    assert lines == ["duban.toml:3: 'lang' must be \"zh\" or \"en\"",
                     "duban.toml:4: 'auto_commit' must be true or false"]


def test_a_marker_line_inside_a_string_is_text_and_one_outside_is_a_conflict(workspace):
    from duban.ledger.updates import Change, apply_change

    task = workspace.get_task("2019H2-03")
    apply_change(task, Change(note="分隔线\n=======\n<<<<<<< 上次\n>>>>>>> 本次\n完成摸排", by="张三"), date(2019, 11, 20))
    workspace.save_task(task)
    assert validate(workspace).faults == []
    assert workspace.get_task("2019H2-03").progress[-1].note.startswith("分隔线\n=======\n")
    path = workspace.task_path("2019H2-03")
    text = path.read_text(encoding="utf-8") + "<<<<<<< ours\n=======\n>>>>>>> theirs\n"
    path.write_text(text, encoding="utf-8")
    count = text.count("\n")
    assert [(f.line, str(f.message)) for f in validate(workspace).faults] == [
        (count - 2, "git conflict marker: resolve the merge and remove it"),
        (count - 1, "git conflict marker: resolve the merge and remove it"),
        (count, "git conflict marker: resolve the merge and remove it")]


def _with_detail(workspace, task_id, detail_block):
    path = workspace.task_path(task_id)
    text = path.read_text(encoding="utf-8").replace('status = "todo"\n', 'status = "todo"\n' + detail_block)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_line_like_a_marker_inside_a_string_a_person_wrote_is_content(workspace):
    _with_detail(workspace, "2019H2-01", 'detail = """\n分两步：\n=======\n>>>>>>> 第二步"""\n'
                                         "memo = '''\n<<<<<<< 草稿\n'''\n")
    assert validate(workspace).faults == []
    assert workspace.get_task("2019H2-01").detail == "分两步：\n=======\n>>>>>>> 第二步"


def test_a_whole_conflict_inside_a_multi_line_string_is_still_reported(workspace):
    # both sides changed lines of one multi-line detail: git leaves its markers inside the string
    path = _with_detail(workspace, "2019H2-01", 'detail = """\n共同的第一行\n<<<<<<< HEAD\n甲方改的\n=======\n'
                                                '乙方改的\n>>>>>>> origin/main\n"""\n')
    lines = [str(f).replace(str(workspace.root) + "/", "") for f in validate(workspace).faults]
    marker = "git conflict marker: resolve the merge and remove it"
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if line in ("<<<<<<< HEAD", "=======", ">>>>>>> origin/main")]
    assert len(numbers) == 3
    assert lines == [f"2019H2/01.toml:{n}: {marker}" for n in numbers]
