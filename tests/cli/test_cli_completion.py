"""Shell completion of task ids, statuses, owners, plans and report files (click's shell_complete)."""

import subprocess
import sys

import pytest
from click.shell_completion import ShellComplete

from duban.cli import cli


@pytest.fixture
def complete(workspace, monkeypatch):
    monkeypatch.delenv("DUBAN_PLANS", raising=False)

    def values(*args, incomplete=""):
        found = ShellComplete(cli, {}, "duban", "_DUBAN_COMPLETE").get_completions(
            ["--plans", str(workspace.root), *args], incomplete)
        return [(item.type, item.value) for item in found]
    return values


def test_task_ids(complete):
    assert complete("show", incomplete="2019H2-0") == [("plain", f"2019H2-0{n}") for n in range(1, 5)]
    assert complete("update", incomplete="2019H2-03") == [("plain", "2019H2-03")]


def test_statuses_owners_and_plans(complete):
    assert complete("list", "--status", incomplete="in") == [("plain", "in_progress")]
    assert complete("update", "2019H2-01", "--status", incomplete="已") == [("plain", "已完成"), ("plain", "已取消")]
    assert complete("list", "--owner", incomplete="疾") == [("plain", "疾控中心")]
    assert complete("add", "x", "--co-owner", incomplete="中") == [("plain", "中医科")]
    assert complete("list", "--plan", incomplete="") == [("plain", "2019H2")]


def test_report_files_are_left_to_the_shell(complete):
    assert complete("import", incomplete="20") == [("file", "20")]
    assert complete("check", incomplete="") == [("file", "")]


def test_no_workspace_completes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DUBAN_PLANS", raising=False)
    assert ShellComplete(cli, {}, "duban", "_DUBAN_COMPLETE").get_completions(["show"], "2019") == []


def test_bash_completion_script_through_the_installed_command(workspace):
    done = subprocess.run([sys.executable, "-m", "duban"], env={"_DUBAN_COMPLETE": "bash_source", "PATH": ""},
                          capture_output=True, text=True)
    assert done.returncode == 0 and "_duban_completion()" in done.stdout
