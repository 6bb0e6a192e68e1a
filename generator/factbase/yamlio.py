"""Strict YAML in, with line marks; canonical YAML out.

PyYAML's safe loader keeps the last of two duplicate keys, reads `no` as false and
`2024-07-25` as a date, and follows aliases into billion-laughs bombs. Here every scalar stays
the string the editor wrote (the schema decides types), duplicate keys and aliases are
problems, and every node knows the line and column it came from.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Self

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from generator.text.escape import DIRECTION_CONTROLS

MAX_BYTES = 2 * 1024 * 1024


class Str(str):
    """A scalar that remembers where it was written (1-based line and column)."""

    line: int
    col: int
    quoted: bool

    def __new__(cls, value: str, line: int, col: int, quoted: bool = False) -> Self:
        obj = super().__new__(cls, value)
        obj.line, obj.col, obj.quoted = line, col, quoted
        return obj


class Map(dict):
    """A mapping that remembers its own position and the position of each key, and whether it was written
    in flow style (`{en: …, ar: …}`), where a comma in an unquoted text makes a key of the words after it."""

    line: int
    col: int
    key_marks: dict[str, tuple[int, int]]
    flow: bool = False


class Seq(list):
    """A sequence that remembers its position."""

    line: int
    col: int


@dataclass(frozen=True)
class YamlProblem:
    line: int
    col: int
    message: str
    code: str


class _Resolver(BaseResolver):
    """No implicit types: every plain scalar resolves to a string."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """What `BaseResolver.resolve` gives without implicit or path resolvers, without its look-ups: it
        runs once per scalar, hundreds of thousands of times in a large dossier."""
        if kind is yaml.ScalarNode:
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


class AliasesReported(Parser, Composer):
    """A composer that never expands an alias (`*name`, the stuff of billion-laughs bombs): each is noted
    in `alias_marks` (1-based line and column), for the loader's user to report, and read as an empty
    scalar. A loader sets `alias_marks` to an empty list when it starts."""

    alias_marks: list[tuple[int, int]]

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self.alias_marks.append((event.start_mark.line + 1, event.start_mark.column + 1))
            self.get_event()
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark, style=None)
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, AliasesReported, SafeConstructor, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.alias_marks = []


_NULLS = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
                  "tag:yaml.org,2002:null"}


# Characters YAML forbids in a document. The text is given to the reader with each replaced, so that
# one stray character costs one problem, not the whole file's.
_REPLACEMENT = "\ufffd"
_MAX_CHARACTER_PROBLEMS = 10


def _describe(char: str) -> str:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character, often pasted from a PDF"
    if 0xD800 <= code <= 0xDFFF:
        return "half of a broken character pair"
    return "a noncharacter, never valid in text"


# The direction controls (`text.escape.DIRECTION_CONTROLS`): an override makes a page show the letters after
# it in another order than they are written (an Arabic claim's "120" reads "021"), so what a reader sees is
# not what the record says; the others change the order of what surrounds them. The generator isolates
# every text itself, so no record needs one.
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")
# What YAML refuses in a document, and the direction controls. Raw in the text, CR and NEL are line
# breaks; in a value, they can only come from an escape ("\r", "\N"), and are refused there as the
# control characters they are. Every other character is refused alike, raw or escaped ("\e", "\0",
# "\x9b", "\u202e", "\ud800"), at the value that holds it.
_REFUSED_RAW = re.compile(f"{Reader.NON_PRINTABLE.pattern}|{_DIRECTION.pattern}")
_REFUSED_IN_VALUE = re.compile(f"[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                               f"|{_DIRECTION.pattern}")


def _character_problem(char: str, line: int, col: int) -> YamlProblem:
    """The one message for a refused character, whether written as it is or as an escape."""
    code = ord(char)
    if code in (0x202D, 0x202E):
        return YamlProblem(line, col, f"direction override U+{code:04X}: it makes pages show the text after it "
                           "in reverse order; delete it", "yaml-character")
    if _DIRECTION.match(char):
        return YamlProblem(line, col, f"direction control U+{code:04X}: it changes the order in which pages show "
                           "the text around it; delete it (pages set the direction of every text themselves)",
                           "yaml-character")
    return YamlProblem(line, col, f"invalid character U+{code:04X} ({_describe(char)}); delete it",
                       "yaml-character")


def line_col(text: str | bytes, at: int) -> tuple[int, int]:
    """The 1-based line and column of offset `at` in a text (or in bytes, counting bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, at) + 1, at - text.rfind(newline, 0, at)  # type: ignore[arg-type]


def _forbidden_characters(text: str, problems: list[YamlProblem]) -> str:
    """Report each character YAML refuses, and each direction control, at its line and column; return
    the text with each replaced, so that the values read from it hold only characters an escape put there."""
    found = list(_REFUSED_RAW.finditer(text))
    for match in found[:_MAX_CHARACTER_PROBLEMS]:
        problems.append(_character_problem(match.group(), *line_col(text, match.start())))
    if len(found) > _MAX_CHARACTER_PROBLEMS:
        last = problems[-1]
        problems.append(YamlProblem(last.line, last.col, f"{len(found) - _MAX_CHARACTER_PROBLEMS} more invalid "
                                    "characters after this one; is this a text file?", "yaml-character"))
    return _REFUSED_RAW.sub(_REPLACEMENT, text) if found else text


def _escaped_characters(node: yaml.ScalarNode, line: int, col: int, problems: list[YamlProblem]) -> None:
    """Report, at the value, each refused character an escape wrote into it (`"\\e"`, `"\\u202e"`): the same
    problem as the character written as it is. Only a double-quoted scalar has escapes; every other
    holds characters of the text alone, screened already (and a scalar is read hundreds of thousands
    of times in a large dossier)."""
    value = node.value
    if node.style == '"' and _REFUSED_IN_VALUE.search(value):
        chars = dict.fromkeys(m.group() for m in _REFUSED_IN_VALUE.finditer(value))
        problems.extend(_character_problem(char, line, col) for char in list(chars)[:_MAX_CHARACTER_PROBLEMS])


# LibYAML's C parser, where PyYAML was built with it: ten times faster on a large dossier. It is used for
# documents it can take as they are; anything it refuses, and any document with an anchor or alias
# (which it would expand), goes to the pure-Python reader above, whose messages and marks are ours.
try:
    # types-PyYAML leaves CParser out of yaml.cyaml's names; PyYAML has it there
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
    _LIBYAML = True
except ImportError:  # PyYAML without LibYAML: the pure-Python reader does it all
    _LIBYAML = False
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s]")


if _LIBYAML:
    class _CLoader(_CParser, SafeConstructor, _Resolver):
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)


def _fast_node(text: str) -> Any | None:
    """The document's node from LibYAML, or None to leave it to the pure-Python reader."""
    if not _LIBYAML or _MAYBE_ALIAS.search(text):
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return node if node is not None else None


def parse(text: str) -> tuple[Any, list[YamlProblem]]:
    """Parse one YAML document into Map/Seq/Str/None nodes, with every problem found."""
    try:
        return _parse(text)
    except RecursionError:  # "[[[[…": a few bytes can nest deeper than any reader recurses
        line, col = _too_deep(text)
        return None, [YamlProblem(line, col, f"the YAML is nested more than {DEEP} levels deep from here, far "
                                  "more deeply than any record is; it is not a record: rewrite or remove the file",
                                  "yaml-depth")]


DEEP = 100  # levels of nesting: a record has fewer than ten
_LIST_DASHES = re.compile(r"(?:- +)*")


def _too_deep(text: str) -> tuple[int, int]:
    """Where the nesting first passes DEEP levels, counting brackets of flow style ("[[[", "{a: {") and the
    indentation and list dashes of block style; the start when no such place is found."""
    depth_at_line: list[int] = []   # block levels open at each indentation
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        while depth_at_line and depth_at_line[-1] >= indent:
            depth_at_line.pop()
        depth_at_line.append(indent)
        dashes = _LIST_DASHES.match(stripped)   # "- - x": each dash opens a level too
        level = len(depth_at_line) + (dashes.group().count("-") if dashes else 0)
        flow, quote = 0, ""
        for col, ch in enumerate(line, start=1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch in "[{":
                flow += 1
                if level + flow > DEEP:
                    return number, col
            elif ch in "]}":
                flow -= 1
        if level > DEEP:
            return number, indent + 1
    return 1, 1


def _parse(text: str) -> tuple[Any, list[YamlProblem]]:
    problems: list[YamlProblem] = []
    cleaned = _forbidden_characters(text, problems)
    spans: list[yaml.ScalarNode] = []
    fast = _fast_node(cleaned)
    if fast is not None:
        return _checked(_convert(fast, problems, spans), problems, spans, cleaned)
    loader = _Loader(cleaned)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, cleaned))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(YamlProblem(1, 1, f"YAML syntax: {exc}", "yaml-syntax"))
        return None, problems
    finally:
        loader.dispose()
    for line, col in loader.alias_marks:
        problems.append(YamlProblem(line, col, "YAML aliases (*name) are not allowed here; write the value out",
                                    "yaml-alias"))
    return _checked(_convert(node, problems, spans) if node is not None else None, problems, spans, cleaned)


# --- where a syntax slip is -------------------------------------------------------------------
# PyYAML reports where it gave up, which is often far from the slip: an unclosed quote swallows the lines
# after it until the next quote of the file, and the error (if any) comes there, dozens of lines on. The
# first slip is found and reported at its place, alone: whatever follows from it is no news to the editor.

# A line that starts a key ("  ar: …", "- type: …") or a list item ("- Security"): inside a quoted text, at
# the indentation of the line the quote opened on or less, it means the quote was not closed.
_KEY_LINE = re.compile(r"( *)(?:-(?: |$)|[\w.-]+:(?: |$))")


def _checked(value: Any, problems: list[YamlProblem], spans: list[yaml.ScalarNode],
             text: str) -> tuple[Any, list[YamlProblem]]:
    """A document that parsed, unless one of its quoted texts running over lines (`spans`) is an unclosed
    quote that a later quote happened to close: then the slip alone, with what the text itself holds."""
    for node in spans:
        slip = _unclosed_quote(text, node.start_mark.line, node.start_mark.column, node.end_mark.line)
        if slip is not None:
            return None, [p for p in problems if p.code == "yaml-character"] + [slip]
    return value, problems


def _next_key(lines: list[str], line: int, last: int) -> str | None:
    """The first line after 0-based `line`, up to `last`, that starts a key or an item at the indentation of
    `line` or less, described ("line 9 (ar: …)"): what a quote or bracket opened on `line` must not take in."""
    opening = lines[line]
    indent = len(opening) - len(opening.lstrip(" "))
    for number in range(line + 1, min(last, len(lines) - 1) + 1):
        key = _KEY_LINE.match(lines[number])
        if key and len(key.group(1)) <= indent:
            return f"line {number + 1} ({lines[number].strip()[:40]})"
    return None


def _unclosed_quote(text: str, line: int, col: int, last: int) -> YamlProblem | None:
    """The slip, if the quoted text opened at 0-based `line`, `col` and running to line `last` takes in a line
    that looks like a key at its own indentation or less: a text never does that; a forgotten quote does."""
    lines = text.split("\n")
    runs_into = _next_key(lines, line, last)
    return None if runs_into is None else _unclosed(line, col, lines[line][col], runs_into)


def _unclosed(line: int, col: int, quote: str, runs_into: str) -> YamlProblem:
    return YamlProblem(line + 1, col + 1, f"YAML syntax: this quote is never closed, so the text runs on to "
                       f"{runs_into}; close the quote opened here with {quote} where the text ends", "yaml-syntax")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """The first slip of a document PyYAML refused, where it is and with what to do."""
    opened = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and opened is not None and exc.problem and (
            "end of stream" in exc.problem or "document separator" in exc.problem):
        quote = text.split("\n")[opened.line][opened.column]
        return _unclosed(opened.line, opened.column, quote, "the end of the file")
    slip = _earlier_unclosed_quote(text, exc.problem_mark or opened)
    if slip is not None:
        return slip
    bracket = _unclosed_bracket(exc, text)
    if bracket is not None:
        return bracket
    mark = exc.problem_mark or opened
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "invalid YAML"
    source = text.split("\n")[line - 1] if mark else ""
    if what.startswith("found character '\\t'"):
        return YamlProblem(line, col, "YAML syntax: a tab here; YAML indents with spaces only: replace the tab "
                           "with spaces", "yaml-syntax")
    if what.startswith("found unknown escape character"):
        return YamlProblem(line, col, "YAML syntax: a backslash inside \"…\" starts an escape; write \\\\ for a "
                           "backslash, or put the text in single quotes", "yaml-syntax")
    if what == "mapping values are not allowed here":
        if re.match(r" *(?:- +)*[\w.-]+: +\S", source[:col - 1]):
            return YamlProblem(line, col, "YAML syntax: ': ' inside a text that is not quoted; put the text in "
                               "quotes", "yaml-syntax")
        return _off(source, line, "is indented more than the key above it")
    if what.startswith("expected <block end>") and "block" in what[20:] and source.strip():
        return _off(source, line, "does not line up with the keys above it")
    return YamlProblem(line, col, f"YAML syntax: {what}; fix the indentation or quoting here", "yaml-syntax")


def _unclosed_bracket(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem | None:
    """A `[` or `{` that PyYAML read on past its own line looking for the end: the slip is the bracket."""
    opened, gave_up = exc.context_mark, exc.problem_mark
    if not (exc.context or "").startswith("while parsing a flow") or opened is None or gave_up is None:
        return None
    lines = text.split("\n")
    bracket = lines[opened.line][opened.column:opened.column + 1]   # "" where the mark is past the line's end
    closing = {"[": "]", "{": "}"}.get(bracket)
    runs_into = "the end of the file" if "<stream end>" in (exc.problem or "") else \
        _next_key(lines, opened.line, gave_up.line)
    if closing is None or runs_into is None:   # a flow written over lines, wrong inside: PyYAML's mark holds
        return None
    return YamlProblem(opened.line + 1, opened.column + 1, f"YAML syntax: this {bracket} "
                       f"is never closed, so it runs on to {runs_into}; close it with {closing}", "yaml-syntax")


def _off(source: str, line: int, how: str) -> YamlProblem:
    """A line whose indentation is off, reported at its first character."""
    return YamlProblem(line, len(source) - len(source.lstrip(" ")) + 1, f"YAML syntax: this line {how}; indent "
                       "it as the other keys of its map (spaces, not tabs)", "yaml-syntax")


def _earlier_unclosed_quote(text: str, mark: Any) -> YamlProblem | None:
    """An unclosed quote before the place PyYAML gave up (`mark`), found among the tokens read up to there."""
    scanner = _Loader(text)
    try:
        while True:
            token = scanner.get_token()
            if token is None or (mark is not None and token.start_mark.line > mark.line):
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.end_mark.line > token.start_mark.line:
                slip = _unclosed_quote(text, token.start_mark.line, token.start_mark.column, token.end_mark.line)
                if slip is not None:
                    return slip
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: yaml.Node, problems: list[YamlProblem], spans: list[yaml.ScalarNode]) -> Any:
    """Nodes to Map/Seq/Str; each quoted text that runs over lines is put in `spans`, for `_checked`."""
    line, col = _mark(node)
    if node.tag not in _STANDARD_TAGS:
        problems.append(YamlProblem(line, col, f"YAML tag {node.tag!r} is not allowed; remove it", "yaml-tag"))
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style   # None from the Python parser, "" from LibYAML's
        if plain and node.value in _NULLS:
            return None
        _escaped_characters(node, line, col, problems)
        if not plain and node.end_mark.line != node.start_mark.line and node.style in ("'", '"'):
            spans.append(node)
        return Str(node.value, line, col, quoted=not plain)
    if isinstance(node, yaml.SequenceNode):
        seq = Seq(_convert(item, problems, spans) for item in node.value)
        seq.line, seq.col = line, col
        return seq
    result = Map()
    result.line, result.col, result.key_marks = line, col, {}
    if getattr(node, "flow_style", False):   # a MappingNode here; types-PyYAML types it Node
        result.flow = True
    for key_node, value_node in node.value:
        kline, kcol = _mark(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(YamlProblem(kline, kcol, "a key must be plain text", "yaml-key"))
            continue
        key = key_node.value
        _escaped_characters(key_node, kline, kcol, problems)
        if key == "<<":
            problems.append(YamlProblem(kline, kcol, "YAML merge keys (<<) are not allowed; write the keys out",
                                        "yaml-merge"))
            continue
        if key in result:
            first = result.key_marks[key][0]
            problems.append(YamlProblem(kline, kcol, f"duplicate key {key!r} (first at line {first}); "
                                        "keep one of them", "duplicate-key"))
            continue
        result.key_marks[key] = (kline, kcol)
        result[key] = _convert(value_node, problems, spans)
    return result


def read(path: Path, within: Path | None = None) -> tuple[Any, list[YamlProblem]]:
    """Read and parse a YAML file; encoding and size problems come back as problems, not exceptions.
    With `within`, a link that leads out of that folder is refused unread: its text could be any file
    of the machine (a password file, the process's environment), and would reach pages and messages."""
    data, problems = read_bytes(path, within)
    return (None, problems) if data is None else parse_bytes(data)


def read_bytes(path: Path, within: Path | None = None, what: str = "the record") -> tuple[bytes | None,
                                                                                      list[YamlProblem]]:
    """The bytes of a record file (or of `what` else), or why they cannot be read (see `read`)."""
    if within is not None and path.is_symlink():
        try:
            inside = path.resolve(strict=True).is_relative_to(within.resolve())
        except (OSError, RuntimeError):
            inside = True   # a broken or looping link: reported below as not a regular file
        if not inside:
            return None, [YamlProblem(1, 1, "this is a link to a file outside the dossier, which is not read; "
                                      f"copy {what} into the dossier instead", "link-outside")]
    if not path.is_file():  # a folder, a pipe (reading it would wait forever), a broken or looping link
        return None, [YamlProblem(1, 1, "not a regular file (a folder, a pipe, or a broken or looping link); "
                                  f"replace it with {what} file or remove it", "io")]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [YamlProblem(1, 1, f"cannot read file: {exc.strerror}", "io")]
    if len(data) > MAX_BYTES:
        return None, [YamlProblem(1, 1, f"file is larger than {MAX_BYTES // 1024} KiB; split it", "too-large")]
    return data, []


def parse_bytes(data: bytes) -> tuple[Any, list[YamlProblem]]:
    """Decode UTF-8 and parse; an encoding fault is a problem at its line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, [YamlProblem(line, 1, "file is not valid UTF-8; save it as UTF-8", "encoding")]
    return parse(text.lstrip("\ufeff"))


# --- canonical output -------------------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    """Block style, Unicode as is, long lines kept whole so a diff shows one changed line, and lists
    indented under their key: the canonical form `briefing fmt` writes too."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Str, _represent_str)


def plain(value: Any) -> Any:
    """Map/Seq/Str nodes back to plain dict/list/str, for dumping or JSON."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def dump(data: Any, header: str = "") -> str:
    value = plain(data)
    lines: list[str] = []
    if isinstance(value, dict) and value and _block(value, 0, lines):
        return header + "\n".join(lines) + "\n"
    return header + _slow_dump(value)


def _slow_dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30, indent=2)


# PyYAML's emitter, in pure Python, is most of what writing thousands of proposals costs. The same text is
# made here for what records and proposals hold (maps with plain keys, lists, one-line strings, numbers,
# booleans, null): the structure laid out directly, each scalar written by PyYAML itself, alone, once
# (`_scalar`). Anything else (a multi-line string, an unusual key or value) goes to PyYAML whole.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")  # what YAML breaks a line at


def _block(value: Any, indent: int, lines: list[str], prefix: str = "") -> bool:
    """Append the block form of a non-empty map or list at `indent`; `prefix` ("- ", "- - ") starts its
    first line. False when something in it is not for this writer."""
    pad = " " * indent
    first = True
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in items:
        lead = (prefix or pad) if first else pad
        first = False
        if key is not None and not (isinstance(key, str) and _PLAIN_KEY.match(key) and _scalar_text(key) == key):
            return False   # a key YAML would quote ("on", "yes", "null")
        head = lead + (f"{key}:" if key is not None else "-")
        if isinstance(item, (dict, list)) and item:
            if key is None:  # a map or list in a list starts on the dash's own line
                if not _block(item, indent + 2, lines, head + " "):
                    return False
            else:
                lines.append(head)
                if not _block(item, indent + 2, lines):
                    return False
        else:
            text = "{}" if item == {} else "[]" if item == [] else _scalar(item)
            if text is None:
                return False
            lines.append(f"{head} {text}")
    return True


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return _scalar_text(value)
    if isinstance(value, float):
        return _scalar_text(value) if math.isfinite(value) else None
    if isinstance(value, str):
        if _SURELY_PLAIN.fullmatch(value) and value not in _WORDS_READ_AS_OTHER and ": " not in value \
                and " #" not in value:
            return value   # what PyYAML writes for it, without asking: a phrase of words, plain
        return None if _LINE_BREAKS.search(value) else _scalar_text(value)
    return None


# Text PyYAML writes plain, as it is: it begins with a letter (so with no indicator, and is no number or
# date), holds only printable characters that are no line break, ends neither in a space nor a colon,
# and has no ": " or " #" inside. Words YAML 1.1 reads as a boolean or null are quoted, so excluded.
_SURELY_PLAIN = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff]*"
                           r"(?<![ :])")
_WORDS_READ_AS_OTHER = frozenset({"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
                                  "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL"})


@lru_cache(maxsize=1 << 16, typed=True)  # typed: True, 1 and 1.0 are written differently
def _scalar_text(value: Any) -> str | None:
    """A scalar as PyYAML writes it as a map's value (the same as a list's item in block style)."""
    text = _slow_dump({"k": value})
    if not text.startswith("k: ") or text.count("\n") != 1:
        return None
    return text[3:-1]
