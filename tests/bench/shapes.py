"""Shapes of dossier that once fell off a cliff (issue 27), each written at a given size.

Each shape is a small synthetic dossier (`bench.write_dossier`) with one dimension made large: one
paragraph cited by `n` claims, `n` places, one claim with `n` citations, `n` briefings; and `diff`
of a long seed with `n` word edits. `bench.py --shapes N` times each at N and 2N (`measure`): CPU
time at 2N over CPU time at N is about 2 when the cost grows in proportion to the size.

    .venv/bin/python tests/bench/shapes.py citations 1000 /tmp/shape   # write one, to profile it
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench

# A few sources under every shape: the shape's own records are what grows.
BASE_SOURCES = 4
# The first paragraph of report-0, English: what every shape's records cite.
FIRST = ("report-0", 1)
QUOTE = ("said on Monday", "يوم الاثنين")


def _cite(paragraph: int = 1, quote: tuple[str, str] = QUOTE) -> dict[str, Any]:
    return {"source": FIRST[0], "paragraph": f"p{paragraph}", "quote": quote[0], "translation": {"ar": quote[1]}}


def _incident(root: Path, ident: str, claims: list[dict[str, Any]]) -> None:
    bench.dump(root / "content" / "incidents" / f"{ident}.yaml", {
        "id": ident, "title": {"en": "Crowded", "ar": "مزدحم"}, "start": "2024-01-01", "place": "town-0",
        "summary": [{"text": {"en": "Fighting was reported.", "ar": "أفيد بوقوع قتال."}, "citations": [_cite()]}],
        "claims": claims, "review": bench.SIGNED})


def _claim(ident: str, citations: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": ident, "claimant": "unit-0", "asserted": "2024-01-01", "topic": "killed",
            "text": {"en": "Fighters were killed.", "ar": "قُتل مقاتلون."}, "citations": citations,
            "credibility": {"grade": "3", "reason": {"en": "Synthetic.", "ar": "مصطنع."}}, "review": bench.SIGNED}


def citations(root: Path, n: int) -> None:
    """One paragraph cited by `n` claims: its source page lists them all beside it."""
    bench.write_dossier(root, bench.Counts.for_sources(BASE_SOURCES))
    _incident(root, "crowded", [_claim(f"crowd-{k}", [_cite()]) for k in range(n)])


def places(root: Path, n: int) -> None:
    """`n` places, each cited from the same paragraph: the places page, the maps and the gazetteer."""
    bench.write_dossier(root, bench.Counts.for_sources(BASE_SOURCES))
    for k in range(n):
        bench.dump(root / "content" / "places" / f"spot-{k}.yaml", {
            "id": f"spot-{k}", "kind": "town", "name": {"en": f"Spot {k}", "ar": f"موضع {k}"},
            "coordinates": {"lat": f"{10 + k % 20}.{k % 97}", "lon": f"{k % 30}.{k % 89}", "precision": "settlement"},
            "citations": [_cite(1, ("near", "قرب"))], "review": bench.SIGNED})


def cited(root: Path, n: int) -> None:
    """One claim with `n` citations, one of each paragraph of a long source."""
    bench.write_dossier(root, bench.Counts.for_sources(BASE_SOURCES))
    seed = "# Long report\n\n" + "".join(f"Officials said on Monday that {k} convoys moved.\n\n" for k in range(n))
    (root / "seeds" / "long.md").write_text(seed, encoding="utf-8")
    bench.run("ingest", root=root)
    bench.sign_source(root / "content" / "sources" / "long.yaml", 0)
    quoted = [{"source": "long", "paragraph": f"p{k + 1}", "quote": f"{k} convoys", "translation": {"ar": f"{k} قوافل"}}
              for k in range(n)]
    _incident(root, "crowded", [_claim("many-citations", quoted)])


def briefings(root: Path, n: int) -> None:
    """`n` briefings of two incidents each."""
    bench.write_dossier(root, bench.Counts.for_sources(BASE_SOURCES, briefings=n))


def long_seed(words: int, rng: random.Random) -> str:
    """A seed of `words` words in one paragraph (lines of twelve words, no blank line between them, as
    text pasted from a page often is), from a small vocabulary: every word recurs, as in an article."""
    vocabulary = ["the", "of", "and", "to", "in", "said", "forces", "town", "fighters", "were", "killed", "near",
                  "on", "Monday", "army", "group", "attack", "convoy", "reported", "officials", "local", "sources",
                  "least", "two", "three", "dozen"]
    chosen = [rng.choice(vocabulary) for _ in range(words)]
    return "# Long report\n\n" + "\n".join(" ".join(chosen[k:k + 12]) for k in range(0, words, 12)) + ".\n"


def edited(text: str, edits: int, rng: random.Random) -> str:
    """`text` with `edits` words replaced, spread over it."""
    words = text.split(" ")
    for k in rng.sample(range(1, len(words)), min(edits, len(words) - 1)):
        words[k] = "EDITED" + words[k]
    return " ".join(words)


def seed_diff(root: Path, n: int) -> None:
    """A committed long seed (30 words per edit) and the same seed with `n` words edited: `diff` shows
    the changed paragraphs word by word."""
    rng = random.Random(n)
    bench.write_dossier(root, bench.Counts.for_sources(BASE_SOURCES))
    seed = root / "seeds" / "report-0.md"
    seed.write_text(long_seed(30 * n, rng), encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "before"]):
        subprocess.run(git + args, check=True)
    seed.write_text(edited(seed.read_text(encoding="utf-8"), n, rng), encoding="utf-8")


# shape: (what it is, its writer, the command timed, its size as a share of the N asked for). Briefings
# are measured at a twentieth: each is two PDFs of a second or more of WeasyPrint.
SHAPES: dict[str, tuple[str, Callable[[Path, int], None], tuple[str, ...], float]] = {
    "citations": ("one paragraph cited by N claims: build", citations, ("build", "--timings"), 1),
    "places": ("N places: build", places, ("build", "--timings"), 1),
    "cited": ("one claim with N citations: build", cited, ("build", "--timings"), 1),
    "briefings": ("N briefings (2N PDFs): build", briefings, ("build", "--timings"), 1 / 20),
    "diff": ("diff of a seed with N word edits in 30N words", seed_diff, ("diff", "HEAD"), 1),
}


def _git_word_diff(root: Path) -> dict[str, float]:
    """`git diff --word-diff` of the same change: what a reviewer would run without us, the diff's baseline."""
    cpu = bench._children_cpu()
    started = time.perf_counter()
    subprocess.run(["git", "-C", str(root), "diff", "--word-diff=plain", "HEAD"], check=True, capture_output=True)
    return {"wall_s": round(time.perf_counter() - started, 2), "cpu_s": round(bench._children_cpu() - cpu, 2)}


def measure(base: Path, n: int, chosen: list[str]) -> list[dict[str, Any]]:
    """Each chosen shape at `n` and `2n`: time (wall and CPU of the whole process tree), the growth from
    one to the other (CPU: about 2 is linear), and for `diff` the ratio to git's own word diff."""
    results = []
    asked = n
    for name in chosen:
        what, write, command, share = SHAPES[name]
        n = max(1, round(asked * share))
        row: dict[str, Any] = {"shape": name, "what": what, "sizes": [n, 2 * n]}
        for size in (n, 2 * n):
            root = base / f"shape-{name}-{size}"
            shutil.rmtree(root, ignore_errors=True)
            write(root, size)
            row[str(size)] = bench.measured(*command, root=root, memory=False)
            if name == "diff":
                row[str(size)]["git_word_diff"] = _git_word_diff(root)
            shutil.rmtree(root, ignore_errors=True)
        small, large = row[str(n)], row[str(2 * n)]
        row["growth_cpu"] = round(large["cpu_s"] / max(small["cpu_s"], 0.01), 2)
        row["growth_wall"] = round(large["wall_s"] / max(small["wall_s"], 0.01), 2)
        if name == "diff":
            row["over_git_word_diff"] = round(large["cpu_s"] / max(large["git_word_diff"]["cpu_s"], 0.01), 2)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        results.append(row)
    return results


def table(results: list[dict[str, Any]]) -> str:
    """One row per shape: CPU and wall seconds at N and 2N, the growth (target about 2, linear) and a baseline."""
    rows = [["shape", "N", "CPU s at N", "CPU s at 2N", "growth (CPU)", "wall s at N", "wall s at 2N", "baseline"],
            ["---"] * 8]
    for r in results:
        n = r["sizes"][0]
        small, large = r[str(n)], r[str(2 * n)]
        baseline = f"{r['over_git_word_diff']:g}× git diff --word-diff" if "over_git_word_diff" in r else ""
        rows.append([r["what"], f"{n:,}", f"{small['cpu_s']:g}", f"{large['cpu_s']:g}", f"{r['growth_cpu']:g}",
                     f"{small['wall_s']:g}", f"{large['wall_s']:g}", baseline])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


if __name__ == "__main__":
    name, size, where = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    SHAPES[name][1](where, size)
