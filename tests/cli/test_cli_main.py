"""What every command shares: the version, global options, the workspace, and errors as one line with an exit code."""

import pytest
from click.testing import CliRunner

from duban import __version__
from duban.cli import cli


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output == f"duban, version {__version__}\n"


def test_bad_today(cli_run):
    result = cli_run("list", today="2019-13-01")
    assert (result.exit_code, result.stderr) == (2, "duban: 无法识别的 --today“2019-13-01”：请用 YYYY-MM-DD\n")
    result = cli_run("--lang", "en", "list", today="2019-13-01")
    assert (result.exit_code, result.stderr) == (2, "duban: bad --today '2019-13-01': use YYYY-MM-DD\n")


def test_today_is_yyyy_mm_dd_and_a_bad_one_is_named_where_it_came_from(workspace):
    for given in ("20191120", "2019-W47", "2019-11-20T08:00"):  # other ISO forms Python 3.11 alone would take
        result = CliRunner().invoke(cli, ["--plans", str(workspace.root), "--today", given, "list"])
        assert (result.exit_code, result.stderr) == (2, f"duban: 无法识别的 --today“{given}”：请用 YYYY-MM-DD\n")
    result = CliRunner(env={"DUBAN_TODAY": "2019-13-01"}).invoke(cli, ["--plans", str(workspace.root), "list"])
    assert (result.exit_code, result.stderr) == (2, "duban: 无法识别的 DUBAN_TODAY“2019-13-01”：请用 YYYY-MM-DD\n")
    result = CliRunner(env={"DUBAN_TODAY": " 2019-11-20 "}).invoke(cli, ["--plans", str(workspace.root), "overdue"])
    assert result.exit_code == 0


def test_missing_workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DUBAN_PLANS", raising=False)
    result = CliRunner().invoke(cli, ["list"])
    assert (result.exit_code, result.stderr) == (
        2, "duban: 这里没有 duban 工作区：请运行 `duban init`，或用 --plans DIR 指定，或设置 DUBAN_PLANS\n")
    result = CliRunner().invoke(cli, ["--lang", "en", "list"])
    assert (result.exit_code, result.stderr) == (
        2, "duban: no duban workspace here: run `duban init`, or pass --plans DIR or set DUBAN_PLANS\n")


def test_lang_from_duban_toml(cli_run, workspace):
    settings = workspace.root / "duban.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('lang = "zh"', 'lang = "en"'), encoding="utf-8")
    assert cli_run("list", "--grep", "不存在").output == "no matching tasks\n"
    assert cli_run("--lang", "zh", "list", "--grep", "不存在").output == "没有符合条件的任务\n"


# The entry point (quick.main, the console script) ends the process without the interpreter's teardown (app.end_run): what must still hold.
_RUN_MAIN = """
import atexit, sys, threading
atexit.register(lambda: print("exit handler ran"))
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: (__import__("time").sleep(0.2), print("thread finished")), daemon=False).start()
    sys.argv = ["duban", "--version"]
else:
    sys.argv = ["duban", *sys.argv[1:]]
from duban.quick import main
main()
"""


def _run_main(*args, env=None):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _RUN_MAIN, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_the_entry_point_flushes_its_output_and_runs_the_exit_handlers():
    done = _run_main("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"duban, version {__version__}\nexit handler ran\n", "")


def test_the_entry_point_keeps_an_error_s_exit_code(tmp_path):
    done = _run_main("--plans", str(tmp_path), "list")
    assert done.returncode == 2
    assert done.stderr.startswith("duban: ") and done.stdout == "exit handler ran\n"


def test_the_entry_point_waits_for_a_thread_still_running():
    done = _run_main("thread")
    assert (done.returncode, done.stdout) == (0, f"duban, version {__version__}\nthread finished\nexit handler ran\n")


def test_the_entry_point_with_its_output_closed_ends_as_python_would():
    """A stream closed before the run (`duban add … >&-`) is None in Python: the code stays the command's, and
    nothing is said of it on the other stream."""
    import os
    import subprocess
    import sys

    for closed, kept in ((1, "stderr"), (2, "stdout")):
        done = subprocess.run([sys.executable, "-c", _RUN_MAIN, "--version"], text=True, env={**os.environ},
                              **{kept: subprocess.PIPE}, preexec_fn=lambda fd=closed: os.close(fd))
        said = getattr(done, kept)
        assert (done.returncode, "Traceback" in said) == (0, False), (closed, said)


# Where the output cannot go where the run was started with: both entry points (the console script, which starts in
# duban.quick, and cli.main, which parses with click) end the same way, never in a traceback.
_ENTRY_POINTS = {
    "quick": "import sys; from duban.quick import main; sys.argv = ['duban', *sys.argv[1:]]; main()",
    "click": "import sys; from duban.cli import main; sys.argv = ['duban', *sys.argv[1:]]; main()",
}


def _run_entry(entry, args, env=None, **streams):
    import os
    import subprocess
    import sys

    environ = {k: v for k, v in os.environ.items() if not k.startswith("DUBAN_")}
    return subprocess.run([sys.executable, "-c", _ENTRY_POINTS[entry], *args], env={**environ, **(env or {})},
                          **streams)


def _broken_file(workspace):
    path = workspace.task_path("2019H2-02")
    path.write_text(path.read_text(encoding="utf-8").replace('status = "todo"', 'status = "成了"'), encoding="utf-8")


@pytest.mark.parametrize("entry", sorted(_ENTRY_POINTS))
def test_a_failure_with_stderr_closed_says_nothing_anywhere(entry, tmp_path):
    import os
    import subprocess

    done = _run_entry(entry, ["--plans", str(tmp_path / "none"), "list"], stdout=subprocess.PIPE,
                      preexec_fn=lambda: os.close(2))
    assert (done.returncode, done.stdout) == (2, b"")


@pytest.mark.parametrize("entry", sorted(_ENTRY_POINTS))
def test_an_ascii_stream_takes_utf_8(entry, tmp_path, workspace):
    import subprocess

    env = {"PYTHONIOENCODING": "ascii"}
    done = _run_entry(entry, ["--plans", str(tmp_path / "none"), "list"], env, capture_output=True)
    assert done.returncode == 2
    assert done.stderr.decode("utf-8").startswith(f"duban: {tmp_path / 'none'} 不是 duban 工作区")
    done = _run_entry(entry, ["--plans", str(workspace.root), "--today", "2019-11-20", "list"], env,
                      stdout=subprocess.PIPE)
    assert done.returncode == 0 and "全力做好创建国家卫生城市复审工作" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("entry", sorted(_ENTRY_POINTS))
def test_a_stream_without_chinese_shows_question_marks(entry, workspace):
    done = _run_entry(entry, ["--plans", str(workspace.root), "--today", "2019-11-20", "list"],
                      {"PYTHONIOENCODING": "latin-1"}, capture_output=True)
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"2019H2-01  ????" in done.stdout


@pytest.mark.parametrize("entry", sorted(_ENTRY_POINTS))
@pytest.mark.parametrize("command", ["list", "weekly"])
@pytest.mark.parametrize("both", [False, True])
def test_a_warning_to_a_reader_that_went_away_ends_with_1(entry, command, both, workspace):
    """stderr's reader (and stdout's, `2>&1 | head`) gone when a broken file is warned of: 1, as when stdout's
    reader goes (click's rule)."""
    import subprocess
    import sys

    _broken_file(workspace)
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT} if both else {
        "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    reader = subprocess.Popen([sys.executable, "-c", _ENTRY_POINTS[entry], "--plans", str(workspace.root),
                               "--today", "2019-11-20", command], **streams)
    (reader.stdout if both else reader.stderr).close()  # long before the run gets to its warning
    assert reader.wait(timeout=60) == 1


_LAST_OF_THE_OUTPUT = """
import sys, time
from duban.app import end_run
sys.stdout.write("编号  标题\\n" * 50)  # buffered: written as the run ends
time.sleep(0.3)  # meanwhile the reader goes away
end_run(0)
"""


def test_a_reader_that_goes_away_before_the_last_of_the_output_is_exit_1_and_nothing_said():
    """`duban list | head -1` where the last of the output is written as the run ends, after the reader went away
    (Python's own exit said `Exception ignored … BrokenPipeError` and gave 120)."""
    import os
    import subprocess
    import sys

    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    reader = subprocess.Popen([sys.executable, "-c", _LAST_OF_THE_OUTPUT], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=buffered)
    reader.stdout.close()
    assert (reader.wait(timeout=60), reader.stderr.read()) == (1, b"")


@pytest.mark.parametrize("entry", sorted(_ENTRY_POINTS))
def test_a_workspace_name_the_system_refuses_is_one_line(entry, tmp_path):
    """A --plans too long for the file system (ENAMETOOLONG) fails while the language of the run is looked up too;
    the line is said in Chinese, with the file system's exit code."""
    done = _run_entry(entry, ["--plans", str(tmp_path / ("x" * 300)), "list"], capture_output=True, text=True)
    assert done.returncode == 3 and done.stdout == ""
    assert done.stderr.startswith("duban: ") and done.stderr.endswith("File name too long\n")
    assert done.stderr.count("\n") == 1


def test_a_bad_today_is_said_when_a_command_needs_the_date_not_before_help(workspace):
    env = {"DUBAN_TODAY": "2019-13-01"}
    result = CliRunner(env=env).invoke(cli, ["--plans", str(workspace.root), "list", "--help"])
    assert result.exit_code == 0 and result.output.startswith("用法：duban list")
    result = CliRunner(env=env).invoke(cli, ["--plans", str(workspace.root), "update", "2019H2-01", "--due", "年底"])
    assert (result.exit_code, result.stderr) == (2, "duban: 无法识别的 DUBAN_TODAY“2019-13-01”：请用 YYYY-MM-DD\n")
    assert "年底" not in workspace.task_path("2019H2-01").read_text(encoding="utf-8")
