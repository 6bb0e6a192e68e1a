"""Text that copies and searches correctly out of the PDFs.

WeasyPrint 70 maps each glyph to the text of the first cluster it was drawn in. A glyph drawn
for several texts therefore gets one of them everywhere: Amiri's fatha above a shadda came
out as fatha and shadda ("مدمَّّر"), its hamza-and-damma mark as a whole "أُ" ("وأأُسر"), its
connecting stroke between lam and kaf as a lam ("للكن"), and marks that share a cluster with
their letter as nothing ("تبنت" for "تبنّت"). The font itself says which characters each glyph
stands for (its cmap, and the substitutions that derive every other glyph from those): the
text maps are rewritten from that, keeping WeasyPrint's choice wherever it is one of them.
"""
from __future__ import annotations

import hashlib
import re
from typing import Any

JOINER = "\u200d"
_MAP_LINE = re.compile(rb"^<([0-9a-f]{4})> <([0-9a-f]*)>$")
_glyph_text_cache: dict[str, dict[int, list[str]]] = {}


def glyph_texts(font_data: bytes, index: int = 0) -> dict[int, list[str]]:
    """Every text each glyph of a font can stand for, most direct first (cmap, then substitutions)."""
    key = hashlib.sha256(font_data).hexdigest() + f":{index}"
    if key in _glyph_text_cache:
        return _glyph_text_cache[key]
    import io

    from fontTools.ttLib import TTFont
    font = TTFont(io.BytesIO(font_data), fontNumber=index, lazy=True)
    order = font.getGlyphOrder()
    texts: dict[str, list[str]] = {}
    for codepoint, glyph in sorted(font.getBestCmap().items()):
        texts.setdefault(glyph, []).append(chr(codepoint))
    subtables = []
    if "GSUB" in font and font["GSUB"].table.LookupList:
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for sub in lookup.SubTable:
                kind = lookup.LookupType
                if kind == 7:
                    kind, sub = sub.ExtSubTable.LookupType, sub.ExtSubTable
                subtables.append((kind, sub))

    def add(glyph: str, text: str) -> bool:
        known = texts.setdefault(glyph, [])
        if text in known:
            return False
        known.append(text)
        return True

    changed = True
    while changed:  # substitutions feed one another; a few passes reach every glyph
        changed = False
        for kind, sub in subtables:
            if kind in (1, 8):
                # a font's own tables: a malformed one gives what pairs it has, as before (never a crash)
                pairs = sub.mapping.items() if kind == 1 else zip(sub.Coverage.glyphs, sub.Substitute, strict=False)
                for src, dst in pairs:
                    for text in list(texts.get(src, ())):
                        changed |= add(dst, text)
            elif kind == 2:
                for src, outs in sub.mapping.items():
                    for text in list(texts.get(src, ())):
                        changed |= add(outs[0], text)
                        for other in outs[1:]:
                            changed |= add(other, "")
            elif kind == 3:
                for src, outs in sub.alternates.items():
                    for text in list(texts.get(src, ())):
                        for dst in outs:
                            changed |= add(dst, text)
            elif kind == 4:
                for first, ligatures in sub.ligatures.items():
                    for lig in ligatures:
                        parts = [first, *lig.Component]
                        if all(texts.get(p) for p in parts):
                            changed |= add(lig.LigGlyph, "".join(texts[p][0] for p in parts))
    ids = {name: i for i, name in enumerate(order)}
    result = {ids[g]: v for g, v in texts.items() if g in ids}
    _glyph_text_cache[key] = result
    return result


def choose_text(drawn: str, candidates: list[str] | None) -> str:
    """The text a glyph stands for: WeasyPrint's if the font allows it; otherwise the font's most
    direct meaning (a mirrored bracket keeps its own shape's: PDF readers mirror it back in
    right-to-left text). A glyph the font inserts, such as Amiri's connecting stroke between lam
    and kaf, stands for a zero-width joiner: an empty text makes PDFium show the glyph number."""
    if not candidates or drawn in candidates:
        return drawn or (JOINER if "" in (candidates or ()) else drawn)
    if "" in candidates:
        return JOINER
    return candidates[0]


def repair_text_maps(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: rewrite each embedded font's ToUnicode map from the font's own tables."""
    try:
        from weasyprint.text.fonts import get_hb_object_data
        maps: dict[bytes, dict[int, str]] = {}
        for font in document.fonts.values():
            candidates = glyph_texts(get_hb_object_data(font.hb_face), font.index)
            maps[font.name] = {g: choose_text(t, candidates.get(g)) for g, t in font.to_unicode.items()}
    except (ImportError, AttributeError):  # another WeasyPrint: leave its maps as they are
        return
    for obj in list(pdf.objects):
        if not isinstance(obj, dict) or obj.get("Type") != "/Font" or obj.get("BaseFont") not in maps:
            continue
        reference = obj.get("ToUnicode")
        if not isinstance(reference, bytes):
            continue
        stream = pdf.objects[int(reference.split()[0])]
        fixed = maps[obj["BaseFont"]]
        lines = []
        for line in stream.stream:
            match = _MAP_LINE.match(line) if isinstance(line, bytes) else None
            if match and int(match[1], 16) in fixed:
                text = fixed[int(match[1], 16)]
                line = f"<{match[1].decode()}> <{text.encode('utf-16-be').hex()}>".encode()
            lines.append(line)
        stream.stream = lines
