"""How build time and memory grow with the size of a dossier.

Writes a synthetic bilingual dossier SCALE times the size of a small one (per unit of scale: two
sources of 24 paragraphs, 12 actors, 6 places, one incident of 16 claims, 8 timeline events; a
briefing per two units), then times `check`, `extract`, a cold build, a rebuild with nothing changed
and one after a claim's text changed (each with its stages and peak memory), and a bare `mkdocs build`
of the same Markdown, printing the build without its PDFs as a ratio to it.

    .venv/bin/python tests/bench/bench.py --scale 1 --scale 4 --scale 16

It is a measurement, not a test: nothing here passes or fails on a number.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Every record is signed: a build publishes only what is reviewed.
SIGNED = {"status": "reviewed", "by": "editorial-desk", "on": "2026-12-01"}
PARAGRAPHS = 24
CLAIMS = 16
ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def names(count: int) -> tuple[list[str], list[str], list[str], list[str]]:
    """English and Arabic names of actors and places; none is a prefix of another followed by a space."""
    return ([f"Unit {k} Command" for k in range(count)], [f"قيادة الوحدة {k}" for k in range(count)],
            [f"Town {k}" for k in range(count)], [f"بلدة {k}" for k in range(count)])


def write_dossier(root: Path, scale: int) -> dict[str, int]:
    """A dossier that passes `briefing check`: every record cites a verbatim passage of a seed."""
    rng = random.Random(scale)
    n_sources, n_actors, n_places = 2 * scale, 12 * scale, 6 * scale
    actor_en, actor_ar, place_en, place_ar = names(max(n_actors, n_places))
    run("init", str(root), root=None)
    spots = []  # (source, paragraph number, lang, actor a, actor b, place, figure)
    for s in range(n_sources):
        lang = "en" if s % 2 == 0 else "ar"
        lines = [f"# Report {s}" if lang == "en" else f"# تقرير {s}", ""]
        for j in range(PARAGRAPHS):
            a, b = (s * PARAGRAPHS + j) % n_actors, (s * PARAGRAPHS + j + 7) % n_actors
            p, n = (s * PARAGRAPHS + j) % n_places, rng.randint(3, 400)
            lines += [f"{actor_en[a]} said on Monday that {n} fighters of {actor_en[b]} were killed near "
                      f"{place_en[p]}." if lang == "en" else
                      f"قالت {actor_ar[a]} يوم الاثنين إن {n} مقاتلاً من {actor_ar[b]} قُتلوا قرب {place_ar[p]}.", ""]
            spots.append((f"report-{s}", j + 1, lang, a, b, p, n))
        (root / "seeds" / f"report-{s}.md").write_text("\n".join(lines), encoding="utf-8")
    run("ingest", root=root)
    for s in range(n_sources):
        path = root / "content" / "sources" / f"report-{s}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "title:\n", f"title:\n  {'ar' if s % 2 == 0 else 'en'}: {'تقرير' if s % 2 == 0 else 'Report'} {s}\n"),
            encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(
            "review:\n  status: draft", "review:\n  status: reviewed\n  by: editorial-desk\n  on: '2026-12-01'")
            + "publisher: {en: Synthetic Wire, ar: وكالة اصطناعية}\npublished: '2024-02-01'\n"
            "reliability: {grade: C, reason: {en: Synthetic., ar: مصطنع.}}\n", encoding="utf-8")

    def cite(spot: tuple, quote: tuple[str, str]) -> dict:
        source, para, lang, *_ = spot
        other = "ar" if lang == "en" else "en"
        return {"source": source, "paragraph": f"p{para}", "quote": quote[lang == "ar"],
                "translation": {other: quote[lang == "en"]}}

    first: dict[tuple[str, int], tuple] = {}
    for spot in spots:
        first.setdefault(("actor", spot[3]), spot)
        first.setdefault(("place", spot[5]), spot)
    for k in range(n_actors):
        spot = first[("actor", k)]
        record = {"id": f"unit-{k}", "kind": "organisation", "name": {"en": actor_en[k], "ar": actor_ar[k]},
                  "description": {"en": f"A command numbered {k}.", "ar": f"قيادة تحمل الرقم {k}."},
                  "citations": [cite(spot, (actor_en[k], actor_ar[k]))], "review": SIGNED}
        dump(root / "content" / "actors" / f"unit-{k}.yaml", record)
    for k in range(n_places):
        spot = first[("place", k)]
        record = {"id": f"town-{k}", "kind": "town", "name": {"en": place_en[k], "ar": place_ar[k]},
                  "coordinates": {"lat": f"{10 + k % 20}.5", "lon": f"{k % 30}.25", "precision": "settlement"},
                  "citations": [cite(spot, (place_en[k], place_ar[k]))], "review": SIGNED}
        dump(root / "content" / "places" / f"town-{k}.yaml", record)
    incidents = []
    for m in range(scale):
        chosen = [spots[(m * CLAIMS + c) * 3 % len(spots)] for c in range(CLAIMS)]
        claims = [{"id": f"claim-{m}-{c}", "claimant": f"unit-{spot[3]}", "asserted": f"2024-01-{1 + c % 28:02d}",
                   "topic": "killed", "text": {"en": f"{spot[6]} fighters were killed.",
                                               "ar": f"قُتل {spot[6]} مقاتلاً."},
                   "figure": {"party": f"unit-{spot[4]}", "value": str(spot[6])},
                   "citations": [cite(spot, (f"{spot[6]} fighters", f"{spot[6]} مقاتلاً"))],
                   "credibility": {"grade": str(1 + c % 6), "reason": {"en": "Synthetic.", "ar": "مصطنع."}},
                   "review": SIGNED}
                  for c, spot in enumerate(chosen)]
        record = {"id": f"clash-{m}", "title": {"en": f"Clash {m}", "ar": f"اشتباك {m}"},
                  "start": f"2024-01-{1 + m % 28:02d}", "place": f"town-{chosen[0][5]}",
                  "participants": [{"actor": f"unit-{chosen[0][k]}", "side": {"en": f"Side {k}", "ar": f"الطرف {k}"}}
                                   for k in (3, 4)],
                  "summary": [{"text": {"en": "Fighting was reported.", "ar": "أفيد بوقوع قتال."},
                               "citations": [cite(chosen[0], ("said on Monday", "يوم الاثنين"))]}],
                  "claims": claims, "review": SIGNED}
        dump(root / "content" / "incidents" / f"clash-{m}.yaml", record)
        incidents.append(record)
    for b in range(max(1, scale // 2)):
        mine = incidents[b * 2:b * 2 + 2]
        record = {"id": f"brief-{b}", "title": {"en": f"Brief {b}", "ar": f"موجز {b}"}, "date": "2024-02-01",
                  "summary": {"en": "What the reports say.", "ar": "ما تقوله التقارير."},
                  "incidents": [i["id"] for i in mine],
                  "key_points": [{"text": {"en": "Figures differ.", "ar": "تختلف الأرقام."},
                                  "claims": [c["id"] for c in i["claims"][:4]]} for i in mine],
                  "sections": [{"id": f"part-{i['id']}", "heading": {"en": "What was said", "ar": "ما قيل"},
                                "paragraphs": [{"text": {"en": "A unit spoke.", "ar": "تحدثت وحدة."},
                                                "claims": [c["id"]]} for c in i["claims"]]} for i in mine],
                  "review": SIGNED}
        dump(root / "content" / "briefings" / f"brief-{b}.yaml", record)
    events = [{"id": f"event-{e}", "date": f"2024-01-{1 + e % 28:02d}",
               "text": {"en": "Fighting was reported.", "ar": "أفيد بوقوع قتال."},
               "citations": [cite(spots[e * 5 % len(spots)], ("were killed", "قُتلوا"))], "review": SIGNED}
              for e in range(8 * scale)]
    dump(root / "content" / "timeline.yaml", {"events": events})
    dossier = root / "content" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace(
        "topics: {}", "topics:\n  killed: {en: Killed, ar: القتلى}"), encoding="utf-8")
    return {"sources": n_sources, "actors": n_actors, "places": n_places, "incidents": scale,
            "claims": scale * CLAIMS, "briefings": max(1, scale // 2), "events": 8 * scale}


def dump(path: Path, record: dict) -> None:
    sys.path.insert(0, str(ROOT))
    from generator.factbase.yamlio import dump as canonical
    path.write_text(canonical(record), encoding="utf-8")


def run(*args: str, root: Path | None) -> subprocess.CompletedProcess[str]:
    cmd = [PYTHON, "-m", "generator", *args] + (["--root", str(root)] if root else [])
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def measured_build(root: Path) -> dict[str, object]:
    """One `briefing build --timings` in a process of its own, so peak memory is this build's alone."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
             "wall = time.perf_counter() - t\n"
             "print(r.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "print(r.stdout + r.stderr)\n")
    out = subprocess.run([PYTHON, "-c", probe, PYTHON, "-m", "generator", "build", "--timings", "--root", str(root)],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    head, _, rest = out.partition("\n")
    code, wall, rss = head.split()
    if code != "0":
        raise SystemExit(f"build failed:\n{rest}")
    stages = rest.strip().splitlines()[-1].split("  ")
    return {"wall_s": round(float(wall), 2), "peak_rss_mib": round(int(rss) / 1024),
            "stages": {s.split()[0]: float(s.split()[1]) for s in stages}}


def timed(command: str, root: Path) -> float:
    started = time.perf_counter()
    run(command, root=root)
    return round(time.perf_counter() - started, 2)


def edit_one_claim(root: Path) -> None:
    """What an editor does between two previews: one claim's English text changes."""
    path = root / "content" / "incidents" / "clash-0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fighters were killed.", "fighters were reported killed.", 1), encoding="utf-8")


def bare_mkdocs(root: Path) -> float:
    """`mkdocs build` of the Markdown the last build wrote, each language in turn: what MkDocs alone costs
    for these pages, the baseline of the build's own ratio."""
    started = time.perf_counter()
    for config in sorted((root / ".build").glob("*/mkdocs.yml")):
        subprocess.run([PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d",
                        str(root / ".build" / "bare" / config.parent.name)], check=True, capture_output=True)
    return round(time.perf_counter() - started, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, action="append", help="size in units (repeatable; default 1 and 4)")
    parser.add_argument("--keep", type=Path, help="write the dossiers here and keep them")
    args = parser.parse_args()
    results = []
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        for scale in args.scale or [1, 4]:
            root = base / f"scale-{scale}"
            shutil.rmtree(root, ignore_errors=True)
            counts = write_dossier(root, scale)
            check_s = timed("check", root)
            extract_s = timed("extract", root)
            cold, warm = measured_build(root), measured_build(root)
            edit_one_claim(root)
            one_claim = measured_build(root)
            bare = bare_mkdocs(root)
            without_pdf = cold["wall_s"] - cold["stages"].get("pdf", 0.0)
            results.append({"scale": scale, **counts, "check_s": check_s, "extract_s": extract_s,
                            "extract_sources_per_s": round(counts["sources"] / extract_s, 1),
                            "cold": cold, "warm": warm, "one_claim": one_claim, "bare_mkdocs_s": bare,
                            "cold_without_pdf_over_bare_mkdocs": round(without_pdf / bare, 2)})
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
