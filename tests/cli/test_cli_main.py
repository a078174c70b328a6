"""What every command shares: the version, global options, the workspace, and errors as one line with an exit code."""

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
