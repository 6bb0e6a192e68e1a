"""The docs keep up with the command line (as sqlite-utils' tests/test_docs.py does): every sub-command the
parser knows has a row in the README's command table and an example in its --help, and the table names no
command that does not exist. The commands are read from the parser itself, never from a list kept here."""
from __future__ import annotations

import argparse
import re

import pytest
from conftest import PROJECT

from generator.cli import parser


def commands() -> dict[str, argparse.ArgumentParser]:
    """The sub-commands of `briefing`, by name, as argparse holds them."""
    found = [action for action in parser()._actions if isinstance(action, argparse._SubParsersAction)]
    assert len(found) == 1, "briefing has one set of sub-commands"
    return dict(found[0].choices)


def readme_table() -> set[str]:
    """The commands named at the start of the rows of the README's "Commands" table."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Commands\n(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    assert section is not None, "README.md has no '## Commands' section"
    return set(re.findall(r"^\| `briefing ([a-z][a-z-]*)\b", section.group(1), re.MULTILINE))


COMMANDS = sorted(commands())


def test_the_parser_has_the_commands_people_use() -> None:
    assert {"init", "check", "build", "diff"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_row_in_the_readme(name: str) -> None:
    assert name in readme_table(), f"README.md: the Commands table has no row for `briefing {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_an_example(name: str) -> None:
    shown = commands()[name].format_help()
    example = re.search(r"^Example:\n((?:[ \t]+\S.*\n)+)", shown, re.MULTILINE)
    assert example is not None, f"briefing {name} --help has no 'Example:' block:\n{shown}"
    assert re.search(r"\bbriefing " + re.escape(name) + r"\b", example.group(1)), example.group(1)


def test_the_readme_documents_no_command_that_does_not_exist() -> None:
    assert readme_table() - set(COMMANDS) == set()
