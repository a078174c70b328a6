"""duban.quick: `duban list` and `duban weekly` without click say exactly what the click command line says, or leave
the run to it."""

import contextlib
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duban import quick
from duban.cli import cli
from duban.ledger.queries import SORT_KEYS

_ENV = ("DUBAN_LANG", "DUBAN_TODAY", "DUBAN_PLANS", "NO_COLOR", "COLUMNS", "_DUBAN_COMPLETE")


@pytest.fixture
def clean_env(monkeypatch):
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run_quick(args):
    """What quick.run prints and returns, in process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = quick.run(args)
    return code, out.getvalue(), err.getvalue()


def run_click(args):
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr


def test_a_plain_listing_is_the_click_command_s(workspace, clean_env):
    args = ["--plans", str(workspace.root), "--today", "2019-11-20", "list", "--status", "todo", "--sort", "due"]
    code, out, err = run_quick(args)
    assert (code, out, err) == run_click(args)
    assert out.startswith("编号") and "2019H2-02" in out and "2019H2-03" not in out


def test_environment_variables_count_as_in_click(workspace, clean_env):
    clean_env.setenv("DUBAN_TODAY", "2019-11-20")
    clean_env.setenv("DUBAN_LANG", "en")
    args = ["--plans", str(workspace.root), "list", "--overdue"]
    assert run_quick(args) == run_click(args)
    assert run_quick(args)[1].startswith("ID")
    clean_env.setenv("DUBAN_LANG", "")  # empty: unset, as click reads it
    assert run_quick(args) == run_click(args)


def test_a_failure_is_the_same_line_and_code(workspace, clean_env, tmp_path):
    for args in (["--plans", str(tmp_path / "none"), "list"],
                 ["--plans", str(workspace.root), "--today", "2019-11-20", "list", "--owner", "深圳市政府"],
                 ["--plans", str(workspace.root), "--today", "2019-11-20", "list", "--plan", "2030H1"]):
        code, out, err = run_quick(args)
        assert (code, out, err) == run_click(args)
        assert code == 2 and err.startswith("duban: ") and err.count("\n") == 1


@pytest.mark.parametrize("args", [
    [], ["--help"], ["list", "--help"], ["-h", "list"], ["--version"], ["show", "2019H2-01"], ["list", "extra"],
    ["list", "--sort", "bad"], ["list", "--status", "bogus"], ["list", "--due-within", "-1"],
    ["list", "--due-within", "７"], ["list", "--owner"], ["list", "--owner", "--json"], ["list", "--overdue=1"],
    ["list", "--", "--json"], ["--lang", "fr", "list"], ["--today", "2019-13-01", "list"], ["list", "list"],
    ["list", "--plan", "../x"], ["list", "--owner", "\udcff"], ["list", "--stat", "todo"], ["overdue"],
    ["weekly", "--format", "md"], ["weekly", "-o", "w.md"], ["weekly", "--issue", "0"], ["weekly", "--lang", "fr"],
    ["weekly", "--help"], ["weekly", "--overdue"], ["list", "--by-owner"], ["weekly", "list"],
])
def test_what_quick_does_not_know_goes_to_click(args, clean_env):
    given = quick.read_arguments(args)
    assert given is None or quick.checked_options(*given) is None
    assert run_quick(args) == (None, "", "")


def test_shell_completion_goes_to_click(clean_env):
    clean_env.setenv("_DUBAN_COMPLETE", "bash_complete")
    assert quick.read_arguments(["list"]) is None


def test_a_bad_environment_variable_goes_to_click(clean_env):
    clean_env.setenv("DUBAN_TODAY", "20191120")
    assert quick.checked_options(*quick.read_arguments(["list"])) is None
    clean_env.setenv("DUBAN_TODAY", "2019-11-20")
    clean_env.setenv("DUBAN_LANG", "fr")
    assert quick.checked_options(*quick.read_arguments(["weekly"])) is None


def test_values_are_read_as_click_reads_them(clean_env):
    from duban.ledger.queries import TaskFilter

    given = quick.read_arguments(["--plans=p", "--lang", "en", "list", "--status", "完成", "--status=todo",
                                  "--owner", "a", "--owner", "b", "--plan", "2019h2", "--due-within", "07",
                                  "--json", "--reverse", "--sort=late", "--grep", "=x"])
    assert quick.checked_options(*given) == ("list", {"plans": "p", "today": None, "lang": "en"}, {
        "task_filter": TaskFilter(("done", "todo"), "b", "2019H2", False, 7, "=x"), "sort": "late", "reverse": True,
        "as_json": True})
    given = quick.read_arguments(["--lang=zh", "weekly", "--lang", "en", "--week", "2019-W47", "--issue", "12",
                                  "--by-owner", "--org", "gwr"])
    assert quick.checked_options(*given) == ("weekly", {"plans": None, "today": None, "lang": "zh"}, {
        "week": "2019-W47", "owner": None, "plan": None, "org": "gwr", "issue": 12, "by_owner": True, "lang": "en",
        "as_json": False})


@pytest.mark.parametrize("name", ["list", "weekly"])
def test_quick_reads_the_options_of_the_click_command(name):
    """An option added to a command or to the global ones must be added to quick's tables too (or quick would pass
    every run with it to click, and the command would lose its speed without a test failing)."""
    command = cli.commands[name]
    options = {opt: param.name for param in command.params if isinstance(param, click.Option)
               for opt in param.opts if opt.startswith("--") and opt != "--help"}
    taken_elsewhere = {"--format", "--output"}  # a weekly written in another form or to a file: cli.py's
    assert {opt: key for opt, key in options.items() if opt not in taken_elsewhere} == {
        **quick.COMMAND_OPTIONS[name], **quick.COMMAND_FLAGS[name]}
    flags = {param.name for param in command.params if getattr(param, "is_flag", False)}
    assert flags == set(quick.COMMAND_FLAGS[name].values())
    repeated = {param.name for param in command.params if getattr(param, "multiple", False)}
    assert repeated <= quick.REPEATED


def test_quick_reads_the_global_options_and_the_sort_keys_of_the_click_command():
    global_options = {opt: param.name for param in cli.params if isinstance(param, click.Option)
                      for opt in param.opts if opt.startswith("--") and opt not in ("--help", "--version")}
    assert global_options == quick.GLOBAL_OPTIONS
    assert {param.name: param.envvar for param in cli.params if param.envvar} == quick.ENVIRONMENT
    sort = next(param for param in cli.commands["list"].params if param.name == "sort")
    assert tuple(sort.type.choices) == SORT_KEYS


def test_the_console_script_starts_in_quick():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["duban"] == "duban.quick:main"


def test_a_plain_listing_imports_neither_click_nor_dataclasses(workspace):
    """What the quick path is for: `duban list` of 1,000 tasks is 35 ms, of which click would take 10 and
    dataclasses 6 (benchmarks/speed.py)."""
    script = ("import sys; sys.argv = ['duban', '--plans', sys.argv[1], '--today', '2019-11-20', 'list'];"
              "import atexit; atexit.register(lambda: sys.stderr.write(' '.join(sorted("
              "m for m in ('click', 'dataclasses', 'inspect') if m in sys.modules))));"
              "from duban.quick import main; main()")
    done = subprocess.run([sys.executable, "-c", script, str(workspace.root)], capture_output=True, text=True,
                          env={k: v for k, v in os.environ.items() if k not in _ENV})
    assert (done.returncode, done.stderr) == (0, "")
    assert "2019H2-01" in done.stdout


_OWNERS = st.sampled_from(["中医科", "疾控中心", "疾控", "深圳市政府", "", "-x"])
_PLANS = st.sampled_from(["2019H2", "2019h2", "2030H1", "../x", ""])
_VALUES = {
    "list": {
        "--status": st.sampled_from(["todo", "done", "完成", "in-progress", "bogus", "", " done"]),
        "--owner": _OWNERS,
        "--plan": _PLANS,
        "--due-within": st.sampled_from(["0", "7", "41", "-1", "x", "٣", " 7", "1_0"]),
        "--grep": st.sampled_from(["中医药", "工作", "", "=x", "--json"]),
        "--sort": st.sampled_from(list(SORT_KEYS) + ["bad", "ID"]),
    },
    "weekly": {
        "--week": st.sampled_from(["2019-W47", "2019-W46", "2019-W60", "2019W47", ""]),
        "--owner": _OWNERS,
        "--plan": _PLANS,
        "--org": st.sampled_from(["gwr", "区卫生健康局", ""]),
        "--issue": st.sampled_from(["1", "12", "0", "x", "+3"]),
        "--lang": st.sampled_from(["zh", "en", "fr"]),
    },
}
_FLAGS = {"list": ["--overdue", "--reverse", "--json"], "weekly": ["--by-owner", "--json", "--format=md"]}
_NOT_OPTIONS = ["--help", "--overdue=1", "extra", "--", "-h"]


@st.composite
def _arguments(draw):
    args = []
    if draw(st.booleans()):
        value = draw(st.sampled_from(["2019-11-20", "2019-12-31", "20191120", " 2019-11-20 ", "2019-13-01"]))
        args += [f"--today={value}"] if draw(st.booleans()) else ["--today", value]
    if draw(st.booleans()):
        args += ["--lang", draw(st.sampled_from(["zh", "en", "fr"]))]
    command = draw(st.sampled_from(["list", "weekly"]))
    args.append(command)
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 3)) == 0:
            args.append(draw(st.sampled_from(_FLAGS[command] + _NOT_OPTIONS)))
        else:
            name = draw(st.sampled_from(sorted(_VALUES[command])))
            value = draw(_VALUES[command][name])
            args += [f"{name}={value}"] if draw(st.booleans()) else [name, value]
    return args


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=_arguments())
def test_quick_and_click_agree_on_every_run(workspace, clean_env, args):
    """Whatever the arguments: quick's output, errors and exit code are click's, or quick leaves the run to click
    having said nothing."""
    args = ["--plans", str(workspace.root), *args]
    code, out, err = run_quick(args)
    if code is None:
        assert (out, err) == ("", "")
    else:
        assert (code, out, err) == run_click(args)


def test_a_plain_weekly_is_the_click_command_s(workspace, clean_env):
    for args in (["weekly"], ["weekly", "--by-owner", "--week", "2019-W47"], ["--lang", "en", "weekly", "--json"]):
        args = ["--plans", str(workspace.root), "--today", "2019-11-20", *args]
        code, out, err = run_quick(args)
        assert (code, out, err) == run_click(args)
        assert code == 0 and len(out) > 200
