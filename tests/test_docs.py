"""README documents every command and every option of the command line (as sqlite-utils' test_docs does)."""

from pathlib import Path

import click
import pytest

from duban.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands():
    return sorted(cli.commands.items())


@pytest.mark.parametrize("name, command", commands(), ids=[name for name, _ in commands()])
def test_command_is_documented(name, command):
    assert f"duban {name}" in README or f"`{name}`" in README, f"README never mentions `duban {name}`"


def options_of(command):
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--"):
                    yield opt


@pytest.mark.parametrize("name, option", [(name, option) for name, command in commands()
                                          for option in options_of(command)] +
                         [("duban", option) for option in options_of(cli)])
def test_option_is_documented(name, option):
    assert option in README, f"README never mentions {option} of `{name}`"
