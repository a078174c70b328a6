"""At 80 columns (a terminal's usual width) `list`, `overdue`, `show` and `weekly` of the shipped workspace keep every
title whole, and no cell of any line starts with closing punctuation or ends with opening punctuation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from duban.cli import cli
from duban.views.cells import NO_LINE_END, NO_LINE_START, width

PLANS = Path(__file__).resolve().parents[2] / "plans"
TODAY = "2019-11-20"
COMMANDS = [("list",), ("overdue",), ("show", "2019H2-02"), ("show", "2019H2-06"), ("weekly",)]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    plans = tmp_path_factory.mktemp("narrow") / "plans"
    shutil.copytree(PLANS, plans, ignore=shutil.ignore_patterns(".duban-cache"))

    def invoke(*args, columns=80):
        result = CliRunner(env={"COLUMNS": str(columns), "DUBAN_LANG": None, "NO_COLOR": None}).invoke(
            cli, ["--plans", str(plans), "--today", TODAY, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    return invoke


def cell_at(line: str, start: int) -> str:
    """The text of `line` from display column `start` to the next gap of two spaces."""
    used, index = 0, 0
    while index < len(line) and used < start:
        used += width(line[index])
        index += 1
    if used != start or (index and line[index - 1] != " " and index < len(line) and line[index] != " "):
        return ""
    return re.split(r" {2,}", line[index:].strip())[0] if line[index:index + 1].strip() else ""


def whole(output: str, task_id: str, title: str) -> bool:
    """Whether the title stands whole in the output: on a line that names the task, then on the lines under it at
    the same display column."""
    lines = output.split("\n")
    for number, line in enumerate(lines):
        at = line.find(task_id + "  ")
        if at < 0 or title[:2] not in line[at:]:
            continue
        start = width(line[:line.index(title[:2], at + len(task_id))])
        text = cell_at(line, start)
        for below in lines[number + 1:]:
            if text == title or not title.startswith(text) or below[:start].strip():
                break
            text += cell_at(below, start)
        if text == title:
            return True
    return False


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_no_cell_starts_with_closing_or_ends_with_opening_punctuation(run, args):
    output = run(*args)
    # nothing cut, but the passages of the weekly's last section, which it shortens by design (--json has them whole)
    assert "…" not in output.split("七、核查结果")[0]
    for line in output.split("\n"):
        assert width(line) <= 80, line
        for cell in re.split(r" {2,}", line.strip()):
            if cell and cell != "—":
                assert cell[0] not in NO_LINE_START and cell[-1] not in NO_LINE_END, line


@pytest.mark.parametrize("command", ["list", "overdue", "weekly"])
def test_every_title_is_whole(run, command):
    tasks = json.loads(run("list", "--json"))
    output = run(command)
    shown = [t for t in tasks if t["id"] + " " in output]
    assert shown, output
    for task in shown:
        assert whole(output, task["id"], task["title"]), (task["id"], task["title"])
    assert not whole(output, shown[0]["id"], shown[0]["title"] + "工作")


def test_show_wraps_a_long_title_under_itself(run):
    output = run("show", "2019H2-06", columns=40)
    assert output.split("\n")[:2] == ["2019H2-06  进一步提升公共卫生服务体系建", "           设水平"]
