"""--help in both languages, `duban` alone, and click's usage errors said in the run's language."""

import pytest
from click.testing import CliRunner

from duban.cli import cli
from duban.views.words import WORDS

from conftest import lines


def run(*args, env=None):
    return CliRunner(env={"DUBAN_LANG": None, "COLUMNS": "80", **(env or {})}).invoke(cli, list(args))


def test_duban_alone_prints_its_help_and_succeeds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 0
    assert lines(result.output)[:3] == ["用法：duban [OPTIONS] [COMMAND] [ARGS]...", "",
                                        "  督办：跟踪政府工作报告中的计划事项，直到逐项办结。"]


def test_command_help_in_chinese_and_english(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert lines(run("cancel", "--help").output) == [
        "用法：duban cancel [OPTIONS] ID",
        "",
        "  取消任务（状态改为已取消），理由记入进展记录。",
        "",
        "选项：",
        "  --note WHY  取消的理由（记入进展记录）。 [必填]",
        "  --by NAME   记录人（默认：$DUBAN_USER，其次 git 的 user.name，再次登录名）。",
        "  --commit    把改动的文件提交到 git（duban.toml 中 auto_commit = true 时总是",
        "              提交）。",  # a word is not broken across lines: 提交 stays whole
        "  -h, --help  显示本帮助并退出。",
    ]
    english = [line for line in lines(run("--lang", "en", "cancel", "--help").output)]
    assert english[:5] == ["Usage: duban cancel [OPTIONS] ID", "", "  Drop a task (status dropped), keeping the reason "
                           "in its log.", "", "Options:"]
    assert lines(run("cancel", "--help", env={"DUBAN_LANG": "en"}).output) == english


def test_every_command_and_option_has_help_in_both_languages():
    import click

    for name, command in cli.commands.items():
        assert f"cmd_{name}" in WORDS, name
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                assert param.help in WORDS, (name, param.opts)


@pytest.mark.parametrize("args, zh, en", [
    (["list", "--sort", "x"], "--sort 的值“x”无效：请用 id、due、owner、status、late 之一（用法见 duban list --help）",
     "--sort: 'x' is not one of id, due, owner, status, late (see duban list --help)"),
    (["frob"], "没有命令“frob”（用法见 duban --help）", "no such command 'frob' (see duban --help)"),
    (["shwo"], "没有命令“shwo”，是否指 show？（用法见 duban --help）",
     "no such command 'shwo'; did you mean show? (see duban --help)"),
    (["show"], "缺少 ID（用法见 duban show --help）", "missing ID (see duban show --help)"),
    (["list", "--ovrdue"], "没有选项 --ovrdue，是否指 --overdue？（用法见 duban list --help）",
     "no such option --ovrdue; did you mean --overdue? (see duban list --help)"),
    (["list", "--due-within", "-1"], "--due-within 须为不小于 0 的整数（用法见 duban list --help）",
     "--due-within must be a whole number of at least 0 (see duban list --help)"),
    (["show", "a", "b"], "多余的参数：b（用法见 duban show --help）", "unexpected extra argument(s): b (see duban show --help)"),
    (["update", "2019H2-01", "--status"], "选项 --status 需要一个值（用法见 duban update --help）",
     "option --status needs a value (see duban update --help)"),
])
def test_usage_errors_are_one_line_in_the_run_s_language(tmp_path, monkeypatch, args, zh, en):
    monkeypatch.chdir(tmp_path)
    for lang, said in (("zh", zh), ("en", en)):
        result = run("--lang", lang, *args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"duban: {said}\n")
