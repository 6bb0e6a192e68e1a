"""How the commands' time and memory grow with the size of a dossier.

Writes a synthetic bilingual dossier whose counts are set one by one (sources of 24 paragraphs,
actors, places, incidents, claims spread over them, briefings of two incidents each, timeline
events; by default scaled from the number of sources the way a real dossier of 1,000 sources with
300 actors, 5,000 claims, 250 incidents and 20 briefings is), then times `check`, `extract`,
`extract --source`, a cold build, a rebuild with nothing changed and one after a claim's text
changed, each with its stages and the peak memory of its whole process tree; the preview's save-to-screen
(`preview.py`: a real `serve`, real edits, a real HTTP client; the shipped dossier's too); what a reader's browser
fetches opening the home page and running a first search in each language (`search.py`); and a bare
`mkdocs build` of the same Markdown in the same run, the baseline the build is given as a ratio to.
For that ratio, the cold build (its PDFs left out) and the bare build are each run three more times,
in turns and timed alike (without the memory sampling), and the fastest of each is compared. Prints a table
against the targets and writes the JSON.

    .venv/bin/python tests/bench/bench.py --sources 100 --sources 300 --sources 1000

It is a measurement, not a test: nothing here passes or fails on a number.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import preview  # beside this script: save-to-screen of a real `serve`
import yaml

# Every record is signed: a build publishes only what is reviewed.
SIGNED = {"status": "reviewed", "by": "editorial-desk", "on": "2026-12-01"}
PARAGRAPHS = 24
ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Counts:
    """The size of a synthetic dossier, set one by one. `for_sources` scales the others the way the issue's
    measured dossier does (1,000 sources, 300 actors, 5,000 claims, 250 incidents, 20 briefings)."""
    sources: int
    actors: int
    places: int
    claims: int
    incidents: int
    briefings: int
    events: int

    @classmethod
    def for_sources(cls, n: int, **given: int) -> Counts:
        scaled = {"sources": n, "actors": max(4, round(0.3 * n)), "places": max(2, n // 5),
                  "claims": 5 * n, "incidents": max(1, n // 4), "briefings": max(1, n // 50),
                  "events": max(4, 2 * n)}
        scaled.update({k: v for k, v in given.items() if v is not None})
        return cls(**scaled)


def names(count: int) -> tuple[list[str], list[str], list[str], list[str]]:
    """English and Arabic names of actors and places; none is a prefix of another followed by a space."""
    return ([f"Unit {k} Command" for k in range(count)], [f"قيادة الوحدة {k}" for k in range(count)],
            [f"Town {k}" for k in range(count)], [f"بلدة {k}" for k in range(count)])


def write_dossier(root: Path, size: Counts) -> dict[str, int]:
    """A dossier that passes `briefing check`: every record cites a verbatim passage of a seed."""
    rng = random.Random(size.sources)
    n_actors, n_places = size.actors, size.places
    actor_en, actor_ar, place_en, place_ar = names(max(n_actors, n_places))
    run("init", str(root), root=None)
    spots = []  # (source, paragraph number, lang, actor a, actor b, place, figure)
    for s in range(size.sources):
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
    for s in range(size.sources):
        sign_source(root / "content" / "sources" / f"report-{s}.yaml", s)

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
    incidents: list[dict[str, Any]] = []
    per_incident = [size.claims // size.incidents + (m < size.claims % size.incidents) for m in range(size.incidents)]
    taken = 0
    for m in range(size.incidents):
        chosen = [spots[(taken + c) * 3 % len(spots)] for c in range(max(1, per_incident[m]))]
        taken += len(chosen)
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
                  "participants": [{"actor": f"unit-{spot[3]}", "side": {"en": f"Side {k}", "ar": f"الطرف {k}"}}
                                   for k, spot in enumerate({s[3]: s for s in chosen}.values()) if k < 2],
                  "summary": [{"text": {"en": "Fighting was reported.", "ar": "أفيد بوقوع قتال."},
                               "citations": [cite(chosen[0], ("said on Monday", "يوم الاثنين"))]}],
                  "claims": claims, "review": SIGNED}
        dump(root / "content" / "incidents" / f"clash-{m}.yaml", record)
        incidents.append(record)
    for b in range(size.briefings):
        mine = [incidents[(b * 2 + k) % len(incidents)] for k in range(min(2, len(incidents)))]
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
              for e in range(size.events)]
    dump(root / "content" / "timeline.yaml", {"events": events})
    dossier = root / "content" / "dossier.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8").replace(
        "topics: {}", "topics:\n  killed: {en: Killed, ar: القتلى}"), encoding="utf-8")
    return asdict(size)


def sign_source(path: Path, s: int) -> None:
    """A source record as `ingest` wrote it (of an English seed for an even `s`), given a title in the other
    language, a publisher, a date and a grade, and signed."""
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title:\n", f"title:\n  {'ar' if s % 2 == 0 else 'en'}: {'تقرير' if s % 2 == 0 else 'Report'} {s}\n"),
        encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "review:\n  status: draft", "review:\n  status: reviewed\n  by: editorial-desk\n  on: '2026-12-01'")
        + "publisher: {en: Synthetic Wire, ar: وكالة اصطناعية}\npublished: '2024-02-01'\n"
        "reliability: {grade: C, reason: {en: Synthetic., ar: مصطنع.}}\n", encoding="utf-8")


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


def _tree_rss(pid: int) -> int:
    """Resident memory (KiB) of `pid` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rpartition(")")[2].split()
            with open(f"/proc/{entry}/statm", encoding="ascii") as handle:
                rss[int(entry)] = int(handle.read().split()[1]) * PAGE_KIB
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo += children.get(current, [])
    return total


def measured(*args: str, root: Path, memory: bool = True) -> dict[str, Any]:   # JSON
    """One command in a process of its own: wall time, the peak resident memory of its whole process tree
    (MkDocs and the PDF workers included, sampled every 20 ms), and the stages `--timings` prints.
    Sampling reads /proc for every process of the machine, a few percent of a core: a command timed
    against another (`memory=False`) is run without it, as that other is."""
    cmd = [PYTHON, "-m", "generator", *args, "--root", str(root)]
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT, text=True)
    peak = [0]

    def sample() -> None:
        while memory and proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    wall = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    result: dict[str, Any] = {"wall_s": round(wall, 2), "cpu_s": round(_children_cpu() - cpu, 2)}
    if memory:
        result["peak_tree_mib"] = round(peak[0] / 1024)
    if "--timings" in args:
        stages = output.strip().splitlines()[-1].split("  ")
        result["stages"] = {s.split()[0]: float(s.split()[1]) for s in stages}
    return result


def _children_cpu() -> float:
    """CPU seconds of every finished child process and its descendants: what a command cost, whatever else
    the machine was doing (on a shared machine its wall time can double from one run to the next)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def edit_one_claim(root: Path) -> None:
    """What an editor does between two previews: one claim's English text changes."""
    path = root / "content" / "incidents" / "clash-0.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fighters were killed.", "fighters were reported killed.", 1), encoding="utf-8")


def bare_mkdocs(root: Path) -> float:
    """`mkdocs build` of the Markdown the last build wrote, both languages at once as the build runs them, with
    Material's own search (its plugin, as a site made with MkDocs alone gets its search; the build makes its
    index with Pagefind instead): what MkDocs alone costs for these pages, the baseline of the build's ratio."""
    configs = []
    for config in sorted((root / ".build").glob("*/mkdocs.yml")):
        bare = config.with_name("bare-mkdocs.yml")   # beside it: its paths are read from the same folder
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        settings["plugins"] = ["search"]
        bare.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        configs.append(bare)
    started = time.perf_counter()
    procs = [subprocess.Popen([PYTHON, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "-d",
                               str(root / ".build" / "bare" / config.parent.name)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
             for config in configs]
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("bare mkdocs build failed")
    return round(time.perf_counter() - started, 2)


# The ratio's two builds are each timed this many times, in turns, and the fastest of each is taken:
# on a busy or throttled machine a run can only be slowed, so the minimum is the least disturbed.
ROUNDS = 3
# What `.build/` keeps that a cold build neither reads nor makes: the records already read (the cold
# build of `measure` starts after `check`, so it finds them too) and the build lock.
_KEPT_FOR_A_COLD_BUILD = {"parse-cache", "lock", "pdf-cache"}


def cold_again(root: Path) -> float:
    """A cold build again, without its PDFs (taken from the PDF cache, and their time left out): no
    site, no MkDocs output, no MkDocs projects, nothing but the records already read."""
    shutil.rmtree(root / "site", ignore_errors=True)
    for path in (root / ".build").iterdir():
        if path.name not in _KEPT_FOR_A_COLD_BUILD:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    result = measured("build", "--timings", root=root, memory=False)   # as the bare build is timed
    return round(float(result["wall_s"]) - result["stages"].get("pdf", 0.0), 2)


def measure(root: Path, size: Counts) -> dict[str, Any]:
    counts = write_dossier(root, size)
    check = measured("check", root=root)             # every record read for the first time
    check_again = measured("check", root=root)       # records from the parse cache
    # one edit as the command line and the desk make it: the dossier loaded and checked before and as it would be
    one_edit = measured("set", "claim-0-0", "text.en=Dozens of fighters were reported killed.", root=root)
    extract = measured("extract", root=root)
    extract_again = measured("extract", root=root)   # nothing changed: every source's stamp holds
    (root / "content" / "proposals" / "report-0.yaml").unlink()   # so that one source is really read
    one_source = measured("extract", "--source", "report-0", root=root)
    cold = measured("build", "--timings", root=root)
    warm = measured("build", "--timings", root=root)
    edit_one_claim(root)
    one_claim = measured("build", "--timings", root=root)
    screen = preview.save_to_screen(root)   # a real `serve`, real edits, a real HTTP client
    without_pdf, bares = [], []
    for _ in range(ROUNDS):
        without_pdf.append(cold_again(root))
        bares.append(bare_mkdocs(root))
    bare = min(bares)
    import search  # beside this script, as shapes is

    first = search.first_search(root / "site")
    return {**counts, "first_search": first, "check": check, "extract": extract,
            "extract_sources_per_s": round(size.sources / float(extract["wall_s"]), 1),
            "extract_again_nothing_changed": extract_again, "extract_one_source": one_source,
            "check_again": check_again, "one_edit": one_edit,
            "one_edit_over_check_again": round(float(one_edit["wall_s"]) / float(check_again["wall_s"]), 2),
            "cold_build": cold, "rebuild_nothing_changed": warm,
            "rebuild_one_claim": one_claim, "save_to_screen": screen, "bare_mkdocs_s": bare,
            "bare_mkdocs_runs_s": bares,
            "cold_without_pdf_s": min(without_pdf), "cold_without_pdf_runs_s": without_pdf,
            "cold_without_pdf_over_bare_mkdocs": round(min(without_pdf) / bare, 3)}


# (what, how it is read from a result, target at 1,000 sources, whether lower is better)
TARGETS = [
    ("briefing check (s)", lambda r: r["check"]["wall_s"], 3.0, True),
    ("briefing extract (sources/s)", lambda r: r["extract_sources_per_s"], 100.0, False),
    ("extract --source (s)", lambda r: r["extract_one_source"]["wall_s"], 2.0, True),
    ("cold build without PDFs / bare MkDocs", lambda r: r["cold_without_pdf_over_bare_mkdocs"], 1.25, True),
    ("cold build with PDFs (s)", lambda r: r["cold_build"]["wall_s"], 75.0, True),
    ("rebuild, one claim edited (s)", lambda r: r["rebuild_one_claim"]["wall_s"], 10.0, True),
    ("rebuild, nothing changed (s)", lambda r: r["rebuild_nothing_changed"]["wall_s"], 3.0, True),
    ("preview: save to screen, median (s)", lambda r: r["save_to_screen"]["median_s"], 2.0, True),
    ("preview: first answer, a site built (s)", lambda r: r["save_to_screen"]["first_answer_s"], 3.0, True),
    ("first search, English, page assets included (MB)", lambda r: r["first_search"]["en"]["total"] / 1e6, 1.5, True),
    ("first search, Arabic, page assets included (MB)", lambda r: r["first_search"]["ar"]["total"] / 1e6, 1.5, True),
    ("peak memory, process tree (MiB)", lambda r: max(r[k]["peak_tree_mib"] for k in
                                                       ("check", "extract", "cold_build", "rebuild_one_claim")),
     1536.0, True),
]


# Measured beside the targets, without one of their own.
ALSO = [
    ("briefing check again, records from the parse cache (s)", lambda r: r["check_again"]["wall_s"]),
    ("briefing set, one claim's text (s)", lambda r: r["one_edit"]["wall_s"]),
    ("briefing set / briefing check again", lambda r: r["one_edit_over_check_again"]),
    ("briefing extract again, nothing changed (s)", lambda r: r["extract_again_nothing_changed"]["wall_s"]),
    ("cold build: render (s)", lambda r: r["cold_build"]["stages"]["render"]),
    ("cold build: MkDocs (s)", lambda r: r["cold_build"]["stages"]["mkdocs"]),
    ("cold build: PDFs (s)", lambda r: r["cold_build"]["stages"]["pdf"]),
    ("cold build without PDFs, fastest of the runs (s)", lambda r: r["cold_without_pdf_s"]),
    ("bare MkDocs, both languages, fastest of the runs (s)", lambda r: r["bare_mkdocs_s"]),
    ("rebuild, one claim: MkDocs (s)", lambda r: r["rebuild_one_claim"]["stages"]["mkdocs"]),
    ("cold build: search index (s)", lambda r: r["cold_build"]["stages"]["search"]),
    ("rebuild, one claim: search index (s)", lambda r: r["rebuild_one_claim"]["stages"]["search"]),
]


def table(results: list[dict[str, Any]]) -> str:
    """One row per measure, one column per size, and the target (set for 1,000 sources)."""
    head = ["measure"] + [f"{r['sources']} sources" for r in results] + ["target at 1,000", "met"]
    rows = [head, ["---"] * len(head)]
    for what, read, target, lower in TARGETS:
        values = [read(r) for r in results]
        last = values[-1]
        met = (last <= target) if lower else (last >= target)
        ratio = last / target if lower else target / last if last else float("inf")
        rows.append([what] + [f"{v:g}" for v in values]
                    + [f"{'≤' if lower else '≥'} {target:g}", "yes" if met else f"no ({ratio:.2f}× the target)"])
    rows += [[what] + [f"{read(r):g}" for r in results] + ["", ""] for what, read in ALSO]
    if len(results) > 1:
        base = results[0]
        for what, key in (("cold build s per source", "cold_build"), ("check s per source", "check")):
            rows.append([f"{what} (× of the smallest)"] + [
                f"{(r[key]['wall_s'] / r['sources']) / (base[key]['wall_s'] / base['sources']):.2f}"
                for r in results] + ["≈ 1 (linear)", ""])
    return "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, action="append",
                        help="a dossier of this many sources (repeatable, one dossier each; default 30)")
    for name in ("actors", "places", "claims", "incidents", "briefings", "events"):
        parser.add_argument(f"--{name}", type=int, help=f"number of {name} (default: scaled from --sources)")
    parser.add_argument("--keep", type=Path, help="write the dossiers here and keep them")
    parser.add_argument("--shapes", type=int, metavar="N",
                        help="also time the shapes that once fell off a cliff (shapes.py) at N and 2N")
    parser.add_argument("--shape", action="append", help="only this shape (repeatable; default all)")
    parser.add_argument("--json", type=Path, default=ROOT / ".build" / "bench.json", help="where the JSON goes")
    args = parser.parse_args()
    results = []
    base = args.keep or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    given = {k: getattr(args, k) for k in ("actors", "places", "claims", "incidents", "briefings", "events")}
    shaped: list[dict[str, Any]] = []
    screen: dict[str, object] = {}
    try:
        if not args.shapes or args.sources:   # the shipped dossier's preview: a target of its own (1.0 s)
            screen = preview.shipped(base)
            print(json.dumps({"shipped_save_to_screen": screen}), flush=True)
        for n in args.sources or ([] if args.shapes else [30]):
            root = base / f"sources-{n}"
            shutil.rmtree(root, ignore_errors=True)
            results.append(measure(root, Counts.for_sources(n, **given)))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        if args.shapes:
            import shapes  # beside this script; it imports this module
            shaped = shapes.measure(base, args.shapes, args.shape or list(shapes.SHAPES))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": {"cpus": os.cpu_count()}, "shipped_save_to_screen": screen,
                                     "results": results, "shapes": shaped},
                                    indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if screen:
        print(f"shipped dossier, preview: save to screen median {screen['median_s']} s (target 1.0), "
              f"first answer {screen['first_answer_s']} s (target 3.0)")
    if results:
        print(table(results))
    if shaped:
        print(shapes.table(shaped))
    print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
