"""The parts the preview is made of, each alone: the lock its builds and the desk take turns with, the look for
edits in a process of its own, and children a build ends when it gives way."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from generator.errors import Superseded
from generator.parallel import BEHIND, Forked, fork_each
from generator.serve import Turns, Watcher


def test_a_save_waiting_for_its_turn_asks_the_build_behind_the_pages_to_give_way_a_page_view_does_not() -> None:
    turns = Turns()
    asked: list[bool] = []

    def read() -> None:
        with turns.patient:
            pass

    def save() -> None:
        with turns:
            pass

    with turns:   # a build behind the pages holds it
        reader = threading.Thread(target=read)
        reader.start()
        time.sleep(0.1)
        asked.append(turns.wanted())   # the desk showing a page: waits, asks nothing
        saver = threading.Thread(target=save)
        saver.start()
        time.sleep(0.1)
        asked.append(turns.wanted())   # a save: the build should give way
    reader.join(5)
    saver.join(5)
    assert asked == [False, True]
    assert not turns.wanted() and not reader.is_alive() and not saver.is_alive()


def test_the_watcher_reports_each_changed_file_once(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    record = tmp_path / "content" / "a.yaml"
    record.write_text("id: a\n", encoding="utf-8")
    watcher = Watcher(tmp_path, 0.05)
    try:
        time.sleep(0.3)   # its first look
        assert watcher.changes(0.2) == []
        record.write_text("id: a\nkind: person\n", encoding="utf-8")
        (tmp_path / "content" / "b.yaml").write_text("id: b\n", encoding="utf-8")
        found: list[str] = []
        deadline = time.monotonic() + 10
        while len(found) < 2 and time.monotonic() < deadline:
            found += watcher.changes(0.5)
        assert sorted(found) == ["content/a.yaml", "content/b.yaml"]
        assert watcher.changes(0.3) == []
    finally:
        watcher.stop()


def test_children_a_build_gives_way_with_are_ended_at_once_and_run_behind() -> None:
    started = time.monotonic()
    child = Forked(lambda: time.sleep(30))
    with pytest.raises(Superseded):
        child.wait(stop=lambda: time.monotonic() - started > 0.2)
    assert time.monotonic() - started < 5

    assert fork_each(lambda n: (n * 2, os.nice(0)), [1, 2, 3], stop=lambda: False) == [
        (2, os.nice(0) + BEHIND), (4, os.nice(0) + BEHIND), (6, os.nice(0) + BEHIND)]
    with pytest.raises(Superseded):
        fork_each(lambda n: time.sleep(30), [1, 2], stop=lambda: time.monotonic() - started > 0.5)
    assert time.monotonic() - started < 10
