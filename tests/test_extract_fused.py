"""extract on articles it has never seen, in Arabic, French and Urdu: figures fused to a particle and
vague quantities are proposed with their meaning, and Arabic-script names are proposed, also where another
paragraph of the article marks them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import MINI, copy_dossier

from generator.extract.ingest import ingest
from generator.extract.propose import extract, proposals_file
from generator.factbase.yamlio import plain, read

ARTICLES = {
    "hujum-ar.txt": "# هجوم على قافلة\n\nأعلن العقيد سالم الهادي، المتحدث باسم «جبهة الخلاص الوطني»، أن مقاتلي الجبهة "
                    "قتلوا 12 جنديًا و47 مسلحًا في كمين قرب بلدة الرمانة يوم الأحد.\n\nوأصيب العشرات من المدنيين، "
                    "فيما فُقد و10 جنود آخرين، كما قال الهادي.\n",
    "convoi-fr.txt": "# Un convoi attaqué\n\nUne soixantaine de véhicules ont été détruits et des dizaines de civils "
                     "blessés, selon le porte-parole de l'armée.\n",
    "qafila-ur.txt": "# قافلے پر حملہ\n\nترجمان کرنل احمد رضا کے مطابق کم از کم پندرہ فوجی ہلاک اور درجنوں "
                     "شہری زخمی ہوئے۔\n",
}


def _proposals(root: Path, source: str) -> dict[str, Any]:
    node, problems = read(proposals_file(root, source))
    assert not problems
    return plain(node)


def _read(figure: dict[str, Any]) -> tuple[int | None, str | None]:
    """(value, qualifier) of a proposed figure (the proposals file keeps numbers as written)."""
    return (int(figure["value"]) if "value" in figure else None), figure.get("qualifier")


def test_fused_and_vague_figures_and_arabic_script_names_are_proposed(tmp_path: Path) -> None:
    root = copy_dossier(MINI, tmp_path / "mini")
    for name, text in ARTICLES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    ingest(root)
    extract(root)
    ar = _proposals(root, "hujum-ar")
    figures = {_read(f) for f in ar["figures"]}
    assert (12, "exactly") in figures and (47, "exactly") in figures and (10, "exactly") in figures
    assert (None, "dozens") in figures                                   # العشرات
    assert any(f["span"].startswith("47") for f in ar["figures"])        # the span starts at the digits
    names = {n["span"]: n for n in ar["names"]}
    assert "سالم الهادي" in names and names["سالم الهادي"].get("kind") == "person"
    assert "جبهة الخلاص الوطني" in names
    # the article's other paragraph writes his name bare, and no cue there marks it
    assert names["الهادي"].get("kind") == "person" and names["الهادي"]["paragraph"] != names["سالم الهادي"]["paragraph"]
    fr = _proposals(root, "convoi-fr")
    assert {_read(f) for f in fr["figures"]} >= {(60, "about"), (None, "dozens")}
    ur = _proposals(root, "qafila-ur")
    assert {_read(f) for f in ur["figures"]} >= {(15, "at-least"), (None, "dozens")}
    assert any("احمد رضا" in n["span"] for n in ur["names"])
