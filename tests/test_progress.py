"""What a long command shows while it runs: on a terminal, the stage it is in; in a pipe or a CI log, nothing."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.build import build, timed
from generator.progress import Stages


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_each_stage_and_its_steps_on_one_line_cleared_at_the_end() -> None:
    screen = Terminal()
    stages = Stages("build", screen)
    timings: dict[str, float] = {}
    for stage in ("check", "render"):
        with timed(timings, stage, stages):
            pass
    stages.step(3, 40)
    stages.end()
    assert screen.getvalue() == ("\r\033[Kbuild: check …\r\033[Kbuild: render …\r\033[Kbuild: render 3/40"
                                 "\r\033[K")
    assert list(timings) == ["check", "render"]


def test_a_pipe_sees_nothing() -> None:
    log = io.StringIO()
    stages = Stages("build", log)
    with timed({}, "check", stages):
        stages.step(1, 2)
    stages.end()
    assert log.getvalue() == ""


@pytest.mark.slow
def test_build_names_every_stage_on_a_terminal_and_counts_the_pdfs(mini: Path) -> None:
    screen = Terminal()
    build(mini, stages=Stages("build", screen))
    shown = [part for part in screen.getvalue().split("\r\033[K") if part]
    assert [s for s in shown if s.endswith("…")] == [f"build: {stage} …" for stage in (
        "check", "check", "unchanged", "render", "mkdocs", "search", "export", "pdf", "swap")]
    assert shown[shown.index("build: pdf …") + 1:shown.index("build: swap …")] == [
        f"build: pdf {k}/2" for k in range(1, 3)]   # one briefing, two languages
    assert screen.getvalue().endswith("\r\033[K")
