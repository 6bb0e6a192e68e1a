"""Build the common words of each language extract reads (`generator/data/vocabulary.json`, read by
`generator/text/vocabulary.py`) from wordfreq's frequency lists, as the package on the package index carries them.

A place's name that is also one of a language's most frequent words («الأمن», «شام», «بیان») is proposed only
where the place is large or the text announces it: the gazetteer names a town after nearly every word.

    python scripts/build_vocabulary.py generator/data/vocabulary.json
    python scripts/build_vocabulary.py generator/data/vocabulary.json --wheels DIR

The wheel is fetched by exact version and checked by sha256 (`pinned_wheels`); nothing is installed. Its lists
are msgpack, read here by the few lines msgpack's arrays and strings need. The same wheel gives the same bytes.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import struct
import sys
import tempfile
from pathlib import Path
from typing import Any

from pinned_wheels import Input, fetch, member

WORDFREQ = Input("wordfreq", "3.1.1", "wordfreq-3.1.1-py3-none-any.whl",
                 "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
                 "word lists CC BY-SA 4.0 (Robyn Speer, wordfreq; from Wikipedia, subtitles, news, books, web "
                 "text), the package's code Apache-2.0")
# The languages extract has name rules for, and how many of each one's most frequent words are kept.
LANGUAGES = ("ar", "ur", "fa", "en", "fr")
TOP = 5000
# Names of countries that the language writes more often for something else: Urdu «شام» is the evening before it
# is Syria; the Arabic and Urdu name of a Sahel country is also the adjective "financial". Such a name is a place
# only where the text announces one («شام میں»).
HOMONYMS = {"ur": ["شام", "مالی"], "ar": ["مالي"], "fa": ["شام"]}


def unpack(data: bytes) -> Any:
    """msgpack's nil, booleans, integers, strings, arrays and maps: what wordfreq's lists are made of."""
    value, end = _read(data, 0)
    if end != len(data):
        sys.exit(f"{end} of {len(data)} bytes read: not one msgpack value")
    return value


def _read(data: bytes, at: int) -> tuple[Any, int]:
    byte = data[at]
    at += 1
    if byte <= 0x7F:
        return byte, at
    if 0x80 <= byte <= 0x8F or byte in (0xDE, 0xDF):
        size, at = (byte & 0x0F, at) if byte <= 0x8F else _size(data, at, 2 if byte == 0xDE else 4)
        out = {}
        for _ in range(size):
            key, at = _read(data, at)
            out[key], at = _read(data, at)
        return out, at
    if 0x90 <= byte <= 0x9F or byte in (0xDC, 0xDD):
        size, at = (byte & 0x0F, at) if byte <= 0x9F else _size(data, at, 2 if byte == 0xDC else 4)
        items = []
        for _ in range(size):
            item, at = _read(data, at)
            items.append(item)
        return items, at
    if 0xA0 <= byte <= 0xBF or byte in (0xD9, 0xDA, 0xDB):
        size, at = (byte & 0x1F, at) if byte <= 0xBF else _size(data, at, {0xD9: 1, 0xDA: 2, 0xDB: 4}[byte])
        return data[at:at + size].decode("utf-8"), at + size
    if byte in (0xC0, 0xC2, 0xC3):
        return {0xC0: None, 0xC2: False, 0xC3: True}[byte], at
    if byte in (0xCC, 0xCD, 0xCE, 0xCF):
        return _size(data, at, {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[byte])
    sys.exit(f"msgpack type 0x{byte:02x} at byte {at - 1} is not one wordfreq's lists use")


def _size(data: bytes, at: int, width: int) -> tuple[int, int]:
    return struct.unpack(">" + {1: "B", 2: "H", 4: "I", 8: "Q"}[width], data[at:at + width])[0], at + width


def top_words(wheel: bytes, language: str) -> list[str]:
    """The language's most frequent words, most frequent first (wordfreq's "cB" lists: a header, then
    one list of words per centibel of frequency)."""
    header, *buckets = unpack(gzip.decompress(member(wheel, f"wordfreq/data/small_{language}.msgpack.gz")))
    if header.get("format") != "cB":
        sys.exit(f"small_{language}: format {header.get('format')!r}, not cB")
    words = [word for bucket in buckets for word in bucket]
    return words[:TOP]


def build(wheel: bytes) -> bytes:
    document = {"source": f"{WORDFREQ.wheel} (sha256 {WORDFREQ.sha256})", "licence": WORDFREQ.licence,
                "made_by": "scripts/build_vocabulary.py", "top": TOP,
                "words": {language: top_words(wheel, language) for language in LANGUAGES},
                "homonyms": HOMONYMS}
    return (json.dumps(document, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the words (generator/data/vocabulary.json)")
    parser.add_argument("--wheels", type=Path, help="a folder holding the wheel (else it is downloaded)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        wheel = fetch(WORDFREQ, args.wheels or Path(scratch))
    data = build(wheel)
    temporary = args.output.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(args.output)
    print(f"{args.output}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
