"""Properties over inputs nobody would write by hand: any bytes as a seed, YAML nested to any depth.

Whatever they are, ingest and check end in success or in problems located at a file, line and
column; never an exception, never the command line's "internal error". Derandomized, so that CI
runs the same examples every time.
"""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from conftest import MINI, copy_dossier, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.errors import Problems
from generator.extract.ingest import ingest
from generator.factbase import yamlio
from generator.factbase.check import run

PROPERTY = settings(max_examples=examples(25), deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@contextlib.contextmanager
def fresh_mini() -> Iterator[Path]:
    """A new copy of the small dossier per example (a fixture would be shared between examples)."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-property-"))
    try:
        yield copy_dossier(MINI, folder / "mini")
    finally:
        shutil.rmtree(folder)


def command_line(*args: str) -> tuple[int, str]:
    """The real command line, in this process: its exit code and everything it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(list(args))
    return code, out.getvalue()


def assert_located(problems: Problems) -> None:
    for p in problems.items:
        assert p.path and p.line >= 1 and p.col >= 1 and p.code and p.message, p
        assert "Traceback" not in p.message and "Error" not in p.message.split(":")[0], p


def assert_no_crash(code: int, printed: str) -> None:
    assert code in (0, 1), printed
    assert "internal error" not in printed and "Traceback" not in printed, printed


# What a seed can hold: anything at all, or text made of the pieces that have broken readers before
# (NUL, direction overrides, a byte that is never UTF-8, a BOM, CR, headers, Arabic, long runs).
PIECES = [b"\0", "\u202e".encode(), "\u202a".encode(), b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\r", b"\n", b"\n\n",
          b"# ", b"Title: ", b"Published: 2024-07-30\n", b"---\n", "كمين".encode(), b"The union said", b" " * 50,
          b"x" * 3000, b"\t", "\u2028".encode(), b"\xed\xa0\x80"]
SEED_BYTES = st.one_of(st.binary(max_size=4000), st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join),
                       st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")))


@PROPERTY
@given(data=SEED_BYTES)
def test_any_bytes_as_a_seed_give_success_or_located_problems(data: bytes) -> None:
    """The bytes as a registered seed's new text, and as a new document: ingest, check and the check
    command each finish, with every problem located."""
    with fresh_mini() as root:
        (root / "seeds" / "harbour-en.md").write_bytes(data)
        (root / "seeds" / "dropped-in.txt").write_bytes(data)
        report = ingest(root)
        assert report.problems is not None
        assert_located(report.problems)
        _, problems = run(root)
        assert_located(problems)
        assert_no_crash(*command_line("--root", str(root), "check"))


# --- YAML nested to any depth --------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.sampled_from(["2024-07-25", "no", "p1", "~", ""]))
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4), max_leaves=30)


def nested(kinds: list[str], leaf: str) -> str:
    """YAML text whose value at `a` nests once per kind: block or flow, map or list, mixed at will."""
    text = leaf
    for kind in reversed(kinds):
        text = {"flow-list": "[{}]", "flow-map": "{{k: {}}}"}.get(kind, "{}").format(text) \
            if kind.startswith("flow") else text
        if kind == "block-list":
            text = "\n" + "\n".join("  " + line for line in ("- " + text.lstrip("\n")).splitlines())
        elif kind == "block-map":
            text = "\n" + "\n".join("  " + line for line in ("k: " + text.lstrip("\n")).splitlines())
    return f"a: {text}\n" if not text.startswith("\n") else f"a:{text}\n"


DEPTHS = st.one_of(st.integers(0, 40), st.integers(90, 130), st.integers(400, 1500))
SPINES = DEPTHS.flatmap(lambda n: st.lists(st.sampled_from(["flow-list", "flow-map", "block-list", "block-map"]),
                                           min_size=n, max_size=n))
DOCUMENTS = st.one_of(
    st.builds(nested, SPINES, st.sampled_from(["x", "[]", "{}", "'q'", "1"])),
    st.builds(lambda n, open_, close: "a: " + open_ * n + close * st_close(n), st.integers(1, 3000),
              st.sampled_from(["[", "{", "[{", "- "]), st.sampled_from(["]", "}", "}]", ""])),
    st.builds(lambda tree, flow: yaml.safe_dump({"id": "deep", "kind": "person", "extra": tree},
                                                default_flow_style=flow, allow_unicode=True), TREES, st.booleans()),
)


def st_close(n: int) -> int:
    """How many closing brackets: all of them, none, or half (an unbalanced document)."""
    return n if n % 3 == 0 else 0 if n % 3 == 1 else n // 2


@PROPERTY
@given(text=DOCUMENTS)
def test_yaml_nested_to_any_depth_is_read_or_refused_at_a_place(text: str) -> None:
    """Through the YAML reader, the loader and check (as an actor record), and fmt: never a crash."""
    _, problems = yamlio.parse(text)
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.code, p
    with fresh_mini() as root:
        (root / "content" / "actors" / "deep.yaml").write_text(text, encoding="utf-8")
        _, found = run(root)
        assert_located(found)
        assert any(p.path == "content/actors/deep.yaml" for p in found.errors)  # not a valid actor
        assert_no_crash(*command_line("--root", str(root), "check"))
        assert_no_crash(*command_line("--root", str(root), "fmt", "--check"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40)


@settings(max_examples=examples(400), deadline=None, derandomize=True, database=None)
@given(value=JSON_VALUES)
def test_the_exports_json_is_the_standard_librarys_text(value: object) -> None:
    """site/data/dossier.json is written by our own encoder, for speed: byte for byte what `json.dumps`
    gives, for any JSON value (Arabic, control characters, lone surrogates, NaN and the infinities)."""
    from generator.site.export import dumps_indented
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def test_the_shipped_dossiers_json_is_the_standard_librarys_text() -> None:
    from generator.factbase import publish
    from generator.site import export
    dossier, _ = run(Path(__file__).parents[1])
    assert dossier is not None
    plain = export._jsonable(publish.for_build(dossier, drafts=True))
    assert export.dossier_json(publish.for_build(dossier, drafts=True)) == \
        json.dumps(plain, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
