from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PROJECT, examples
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import files
from generator.factbase import yamlio


def test_yaml_1_1_surprises_stay_text() -> None:
    data, problems = yamlio.parse("a: no\nb: 2024-07-25\nc: 1e3\nd: on\n")
    assert problems == []
    assert data == {"a": "no", "b": "2024-07-25", "c": "1e3", "d": "on"}
    assert (data["b"].line, data["b"].col) == (2, 4)


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    _, problems = yamlio.parse("title: one\nother: x\ntitle: two\n")
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]
    assert "first at line 1" in problems[0].message


def test_aliases_are_refused_not_expanded() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    data, problems = yamlio.parse(bomb)
    assert {p.code for p in problems} == {"yaml-alias"}
    assert len(problems) == 4
    assert data["c"] == [None, None]


def test_object_tags_are_refused() -> None:
    _, problems = yamlio.parse("x: !!python/object/apply:os.system ['true']\n")
    assert any(p.code == "yaml-tag" for p in problems)


def test_syntax_error_names_the_line() -> None:
    data, problems = yamlio.parse("a: [1, 2\nb: 3\n")
    assert data is None
    assert problems[0].code == "yaml-syntax" and problems[0].line >= 1


def test_non_utf8_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: ok\nb: caf\xe9\n".encode("latin-1"))
    data, problems = yamlio.read(path)
    assert data is None and problems[0].code == "encoding" and problems[0].line == 2


@pytest.mark.parametrize("char", ["\x0c", "\x00", "\x07", "\x1b", "\x7f", "\x80", "\ufffe"])
def test_a_forbidden_character_is_a_problem_at_its_place(char: str) -> None:
    data, problems = yamlio.parse(f"id: x\nname: {{en: \"A{char}B\", ar: x}}\n")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 14, "yaml-character")]
    assert f"U+{ord(char):04X}" in problems[0].message and "delete it" in problems[0].message
    assert data["id"] == "x"  # the rest of the file is still read


def test_a_file_full_of_forbidden_characters_gives_a_bounded_list(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: " + b"\x01" * 500 + b"\n")
    _, problems = yamlio.read(path)
    assert {p.code for p in problems} == {"yaml-character"} and len(problems) <= 11
    assert "490 more" in problems[-1].message


def test_dump_quotes_what_would_be_misread_and_round_trips() -> None:
    record = {"id": "x", "date": "2024-07-25", "flag": "no", "text": "نص عربي", "multi": "a\nb"}
    text = yamlio.dump(record)
    assert "'2024-07-25'" in text and "'no'" in text and "نص عربي" in text
    back, problems = yamlio.parse(text)
    assert problems == [] and yamlio.plain(back) == record


def test_write_atomic_reports_change_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out" / "f.yaml"
    assert files.write_atomic(path, "a: 1\n") is True
    assert files.write_atomic(path, "a: 1\n") is False
    assert [p.name for p in path.parent.iterdir()] == ["f.yaml"]


def test_a_direction_override_is_reported_and_so_is_a_direction_mark() -> None:
    """The generator isolates every text itself: no record needs a direction control, and a mark (RLM)
    reorders what is around it as an override does."""
    from generator.factbase.yamlio import parse
    _, problems = parse('id: x\nname: {en: "Harbour \u202eAuthority"}\n')
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 21, "yaml-character")]
    assert "reverse order" in problems[0].message
    for mark in ("\u200f", "\u200e", "\u061c", "\u2066", "\u2069", "\u202a"):
        _, problems = parse(f'name: {{ar: "{mark}نص"}}\n')
        assert [(p.line, p.col, p.code) for p in problems] == [(1, 13, "yaml-character")], mark
        assert f"direction control U+{ord(mark):04X}" in problems[0].message


# Each as YAML writes it inside double quotes, and the character the escape stands for.
ESCAPES = [("\\e", "\x1b"), ("\\0", "\x00"), ("\\x9b", "\x9b"), ("\\u202e", "\u202e"), ("\\ud800", "\ud800"),
           ("\\u200f", "\u200f"), ("\\x7f", "\x7f"), ("\\r", "\r"), ("\\N", "\x85"), ("\\uffff", "\uffff")]


@pytest.mark.parametrize(("escape", "char"), ESCAPES)
def test_an_escape_is_refused_like_the_character_it_stands_for(escape: str, char: str) -> None:
    """`"\\e"` is ESC as surely as ESC itself: refused at the value, with the raw character's message and code
    (a raw CR or NEL is a line break of the file, so only its escape can put one in a value)."""
    data, problems = yamlio.parse(f'id: x\nname: {{en: "A{escape}B", ar: x}}\n')
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 12, "yaml-character")]   # at the value
    assert data["id"] == "x"
    if char not in "\r\x85":
        raw = yamlio.parse(f'id: x\nname: {{en: "A{char}B", ar: x}}\n')[1]
        assert [(p.message, p.code) for p in raw] == [(p.message, p.code) for p in problems]


def test_an_escape_in_a_key_is_refused_and_tab_and_line_feed_escapes_are_not() -> None:
    _, problems = yamlio.parse('"id\\e": x\nname: {en: "a\\tb\\nc"}\n')
    assert [(p.line, p.col, p.code) for p in problems] == [(1, 1, "yaml-character")]


def _shape(value: object) -> object:
    """A parsed value with everything the loader keeps: text, line, column, quoting, key positions."""
    from generator.factbase.yamlio import Map, Seq, Str
    if isinstance(value, Map):
        return ("map", value.line, value.col, sorted(value.key_marks.items()),
                [(k, _shape(v)) for k, v in value.items()])
    if isinstance(value, Seq):
        return ("seq", value.line, value.col, [_shape(v) for v in value])
    if isinstance(value, Str):
        return ("str", str(value), value.line, value.col, value.quoted)
    return value


def test_the_c_parser_reads_every_shipped_record_exactly_as_the_python_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """LibYAML makes loading fast; it must not change a value, a line or a column."""
    files = sorted((PROJECT / "content").rglob("*.yaml")) + sorted((PROJECT / "tests" / "fixtures").rglob("*.yaml"))
    assert yamlio._LIBYAML and len(files) > 100
    fast = {f: _shape(yamlio.parse(f.read_text(encoding="utf-8"))[0]) for f in files}
    monkeypatch.setattr(yamlio, "_LIBYAML", False)
    for f in files:
        assert _shape(yamlio.parse(f.read_text(encoding="utf-8"))[0]) == fast[f], f


def test_yaml_nested_hundreds_deep_is_a_problem_not_a_crash() -> None:
    node, problems = yamlio.parse("a: " + "[" * 600 + "]" * 600 + "\n")
    assert node is None and [p.code for p in problems] == ["yaml-depth"]
    assert (problems[0].line, problems[0].col) == (1, 103)   # the bracket that opens the 101st level
    node, problems = yamlio.parse("id: x\nlist:\n  - " + "{a: " * 3000 + "}" * 3000 + "\n")
    assert [(p.code, p.line) for p in problems] == [("yaml-depth", 3)]
    node, problems = yamlio.parse("a:\n" + "".join("  " * k + "- \n" for k in range(1, 400)))
    assert all(p.code in ("yaml-depth", "yaml-syntax") for p in problems)


# --- the fast writer gives PyYAML's own text --------------------------------------------------------

_KEYS = st.sampled_from(["id", "span", "value", "on", "yes", "null", "No", "x_1", "with space", "1a", "Key", "y"])
_SCALARS = st.one_of(st.text(max_size=12), st.sampled_from(["yes", "- x", "a: b", "#c", "'q'", "a\u2028b", "~", "1"]),
                     st.integers(), st.floats(), st.booleans(), st.none())
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_KEYS, inner, max_size=3)), max_leaves=12)


@settings(max_examples=examples(400), deadline=None, derandomize=True)
@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4))
def test_records_are_written_as_pyyaml_writes_them(data: dict) -> None:
    assert yamlio.dump(data) == yamlio._slow_dump(data)


def test_every_shipped_record_is_written_as_pyyaml_writes_it() -> None:
    files = sorted((PROJECT / "content").rglob("*.yaml")) + sorted((PROJECT / "tests" / "fixtures").rglob("*.yaml"))
    assert len(files) > 100
    for path in files:
        data = yamlio.plain(yamlio.read(path)[0])
        assert yamlio.dump(data) == yamlio._slow_dump(data), path


_TRICKY = st.sampled_from([*"aZé عß:#-'\",.[]{}&*!|>%@`~=?\t", "\n", "\x85", "\u2028", "\ufeff", "\x7f", "\x9f",
                           "\ud7ff", "\ue000", "\U0010ffff", "\U0001f600"])


@settings(max_examples=examples(1500), deadline=None, derandomize=True)
@given(st.sampled_from(["a", "Z", "é", "ع", "ǅ", "yes", "No", "null", "on", "x:"]), st.lists(_TRICKY, max_size=8))
def test_a_phrase_written_plain_without_asking_pyyaml_is_what_pyyaml_writes(first: str, rest: list[str]) -> None:
    value = first + "".join(rest)
    expected = None if yamlio._LINE_BREAKS.search(value) else yamlio._scalar_text(value)
    assert yamlio._scalar(value) == expected


POLICE = """\
id: police
kind: state-body
name:
  en: National Police
  ar: الشرطة الوطنية
description:
  en: "The national police
  ar: الشرطة الوطنية في البلاد
relations:
  - type: part-of
    target: interior
    note: {en: "the ministry's arm"}
"""


@pytest.mark.parametrize("libyaml", [True, False])
def test_an_unclosed_quote_is_reported_where_it_opens_and_alone(libyaml: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML gives up at line 12 (where a later quote closes it); the slip is on line 7."""
    monkeypatch.setattr(yamlio, "_LIBYAML", libyaml)
    data, problems = yamlio.parse(POLICE)
    assert data is None
    assert [(p.line, p.col, p.code) for p in problems] == [(7, 7, "yaml-syntax")]
    assert "close the quote opened here with \"" in problems[0].message and "line 8" in problems[0].message


def test_an_unclosed_quote_that_a_later_quote_closes_is_still_the_slip() -> None:
    """The file parses, with the next key swallowed into the text: without this, the schema's knock-on
    errors (a missing language, a missing key) would be all the editor saw."""
    text = "id: x\nname:\n  en: 'The police\n  ar: الشرطة\nkind: 'state-body'\n"
    data, problems = yamlio.parse(text)
    assert data is None and [(p.line, p.col) for p in problems] == [(3, 7)]
    assert "with '" in problems[0].message


def test_an_unclosed_quote_in_a_list_is_found_at_the_next_item() -> None:
    data, problems = yamlio.parse('aliases:\n  en:\n    - "Police\n    - Security\n  ar: ["x"]\n')
    assert data is None and [(p.line, p.col) for p in problems] == [(3, 7)]
    assert "line 4 (- Security)" in problems[0].message


def test_an_unclosed_quote_at_the_end_of_the_file_is_reported_where_it_opens() -> None:
    _, problems = yamlio.parse("id: x\nname:\n  en: \"X\n  ar: Y\n")
    assert [(p.line, p.col) for p in problems] == [(3, 7)] and "end of the file" in problems[0].message


def test_a_quoted_text_over_several_lines_indented_under_its_key_is_no_slip() -> None:
    data, problems = yamlio.parse('a:\n  en: "long text\n    continued: here"\n  ar: y\n')
    assert problems == [] and data["a"]["en"] == "long text continued: here"


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    ("id: x\nname:\n\ten: X\n", 3, 1, "replace the tab with spaces"),
    ("id: x\nname:\n  en: X\n   ar: Y\n", 4, 4, "indented more than the key above it"),
    ("id: x\nname:\n    en: X\n  ar: Y\nkind: a\n", 4, 3, "does not line up"),
    ("id: x\nname:\n  en: Note: this\n", 3, 11, "put the text in quotes"),
    ('id: x\nname:\n  en: "C:\\q"\n', 3, 11, "write \\\\ for a backslash"),
    ("id: x\nkind: [a\nname: b\n", 2, 7, "runs on to line 3 (name: b); close it with ]"),
    ("id: x\nkind: [\n", 3, 1, "expected the node content"),   # PyYAML's mark past the last line: no crash
])
def test_a_syntax_slip_is_reported_at_its_line_with_what_to_do(text: str, line: int, col: int, words: str) -> None:
    data, problems = yamlio.parse(text)
    assert data is None and [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-syntax")]
    assert words in problems[0].message


def test_a_flow_map_remembers_its_style() -> None:
    data, _ = yamlio.parse("a: {en: Police, Security}\nb:\n  en: x\n")
    assert data["a"].flow and not data["b"].flow and data["a"]["Security"] is None
