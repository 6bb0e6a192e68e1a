"""Quotations in a paragraph and, where the sentence names one, who said them.

A quotation is what stands between a pair of quotation marks (“…”, «…», "…"). Its speaker is
found next to a verb of saying: after the quotation ("…,” said X", "…,” X added", "…,” according to
X") or before it, where the subject sits before the verb in English and French ("X said that “…”")
and after it in Arabic ("قال X إن «…»"). Arabic also writes names in quotation marks ("تمبكتو"):
a short quotation with no verb of saying before it is handed back as a name, not a quotation.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.extract.latin_names import capitalised
from generator.extract.mentions import Mention
from generator.text import arabic, segment


@dataclass(frozen=True)
class Speech:
    """How one language introduces speech: verbs, "according to" words, and where the subject stands."""

    verbs: frozenset[str]
    according: tuple[tuple[str, ...], ...] = ()
    subject_after_verb: bool = False
    stops: frozenset[str] = field(default_factory=frozenset)   # words that end a subject after the verb


def _words(*items: str) -> frozenset[str]:
    return frozenset(arabic.normalise(i.lower()) for i in items)


SPEECH: dict[str, Speech] = {
    "en": Speech(_words("said", "says", "say", "told", "tells", "added", "adds", "stated", "wrote", "writes", "noted",
                        "notes", "claimed", "claims", "declared", "announced", "insisted", "explained", "warned",
                        "stressed", "asserted", "argued"),
                 according=(("according", "to"),)),
    "fr": Speech(_words("déclaré", "dit", "affirmé", "ajouté", "indiqué", "expliqué", "estimé", "souligné", "assuré",
                        "annoncé", "précisé", "déclare", "affirme", "ajoute", "indique", "explique", "estime",
                        "souligne", "assure", "annonce", "précise", "a-t-il", "a-t-elle"),
                 according=(("selon",), ("d'après",), ("d’après",))),
    "ar": Speech(_words("قال", "قالت", "يقول", "تقول", "أعلن", "أعلنت", "أكد", "أكدت", "صرح", "صرحت", "أضاف", "أضافت",
                        "ذكر", "ذكرت", "أوضح", "أوضحت", "أشار", "أشارت", "أفاد", "أفادت"),
                 according=(("بحسب",), ("حسب",), ("وفقا",), ("وفقًا",)), subject_after_verb=True,
                 stops=_words("إن", "أن", "ان", "لـ", "ل", "في", "يوم", "الى", "إلى", "على", "عن")),
    "ur": Speech(_words("کہا", "بتایا", "کہنا", "کہتے", "کہتی")),
}
_AUXILIARIES = {"a", "ont", "avait", "avaient", "has", "had", "have", "was"}
_SHORT = 3            # words: an Arabic quotation this short, with no verb of saying, is a name
_REACH = 8            # words after a quotation that may still name its speaker


@dataclass(frozen=True)
class FoundQuote:
    start: int                       # the quoted words, without the marks
    end: int
    speaker: tuple[int, int] | None = None
    speaker_ref: str | None = None   # the actor named in the speaker's span


def find(text: str, language: str, mentions: list[Mention]) -> tuple[list[FoundQuote], list[tuple[int, int]]]:
    """Quotations with speakers, and the short quoted names that are not quotations (a word or three in
    quotation marks with nobody saying it: a name in Arabic script, a callsign or a scare quote elsewhere)."""
    code = language.split("-")[0]
    speech = SPEECH.get(code)
    arabic_script = code in ("ar", "fa", "ur")
    quotes: list[FoundQuote] = []
    names: list[tuple[int, int]] = []
    for open_, close in segment.quotations(text):
        start, end = segment.trim(text, open_ + 1, close)
        if start == end or any(m.start == start and m.end == end for m in mentions):
            continue  # empty, or a known name in quotation marks: a mention, not a quotation
        s_start = segment.sentence_at(text, open_)[0]
        s_end = segment.sentence_at(text, close)[1]
        spoken_before = _verb_before(text, s_start, open_, speech)
        if arabic_script and len(segment.tokens(text, start, end)) <= _SHORT and spoken_before is None:
            names.append((start, end))
            continue
        speaker = None
        if speech is not None:
            speaker = _speaker_after(text, close + 1, s_end, speech, mentions)
            if speaker is None and spoken_before is not None:
                speaker = _speaker_before(text, s_start, open_, spoken_before, speech, mentions)
        words = segment.tokens(text, start, end)
        # "“We will win,” the commander said": the words end inside the marks, a verb of saying follows
        spoken_after = speech is not None and text[end - 1] in ",!?." and any(
            _is_verb(t, speech) for t in segment.tokens(text, close + 1, s_end)[:_REACH])
        if (not arabic_script and len(words) <= _SHORT and spoken_before is None and speaker is None
                and not spoken_after):
            # "his callsign was “White”", "“the massacre”": a name or a scare quote, not something said
            if all(w.text[:1].isupper() for w in words):
                names.append((start, end - 1 if text[end - 1] in ".,;:" else end))
            continue
        ref = None
        if speaker is not None:
            ref = next((m.id for m in mentions if m.record == "actor" and speaker[0] <= m.start
                        and m.end <= speaker[1]), None)
        quotes.append(FoundQuote(start, end, speaker, ref))
    return quotes, names


def _norm(token: segment.Token) -> set[str]:
    word = arabic.normalise(token.lower.replace("’", "'"))
    return {word, *arabic.bare_forms(word)}


def _is_verb(token: segment.Token, speech: Speech) -> bool:
    return bool(_norm(token) & speech.verbs)


def _according(tokens: list[segment.Token], k: int, speech: Speech) -> int:
    """How many tokens an "according to" phrase at k takes, or 0."""
    for phrase in speech.according:
        words = [arabic.normalise(w) for w in phrase]
        if all(k + n < len(tokens) and arabic.normalise(tokens[k + n].lower.replace("’", "'")) == w
               for n, w in enumerate(words)):
            return len(words)
    return 0


def _verb_before(text: str, start: int, end: int, speech: Speech | None) -> segment.Token | None:
    """The last verb of saying between the sentence start and the quotation, if any."""
    if speech is None:
        return None
    verbs = [t for t in segment.tokens(text, start, end) if _is_verb(t, speech)]
    return verbs[-1] if verbs else None


def _name_at(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[int, int] | None:
    """A known name or a capitalised name beginning at `start` (within `end`)."""
    for m in mentions:
        if m.start == start and m.end <= end:
            return m.start, m.end
    for s, e, _ in capitalised(text, start, end):
        if s == start:
            return s, e
    return None


def _phrase(text: str, tokens: list[segment.Token], k: int, limit: int) -> tuple[int, int] | None:
    """Words from token k up to punctuation, at most `limit` of them: "the channel", "one Telegram account …"."""
    if k >= len(tokens):
        return None
    last = k
    while last + 1 < len(tokens) and last + 1 - k < limit and not text[tokens[last].end:tokens[last + 1].start].strip():
        last += 1
    return tokens[k].start, tokens[last].end


def _speaker_after(text: str, start: int, end: int, speech: Speech,
                   mentions: list[Mention]) -> tuple[int, int] | None:
    """"…,” said X" / "…,” X added" / "…,” according to X"."""
    tokens = segment.tokens(text, start, end)[:_REACH]
    if not tokens or text[start:tokens[0].start].strip(" ,،"):
        return None
    if len(tokens) > 1 and tokens[0].lower in _AUXILIARIES and _is_verb(tokens[1], speech):
        tokens = tokens[1:]   # "…», a déclaré le préfet"
    if _is_verb(tokens[0], speech):
        k = 1
        while k < len(tokens) and _is_verb(tokens[k], speech):
            k += 1  # "a-t-il déclaré"
        if k < len(tokens):
            return _name_at(text, tokens[k].start, end, mentions) or _phrase(text, tokens, k, 4)
        return None
    if n := _according(tokens, 0, speech):
        return _phrase(text, tokens, n, _REACH)
    name = _name_at(text, tokens[0].start, end, mentions)
    if name is not None:
        following = [t for t in tokens if t.start >= name[1]]
        if following and _is_verb(following[0], speech):
            return name
    return None


def _speaker_before(text: str, start: int, end: int, verb: segment.Token, speech: Speech,
                    mentions: list[Mention]) -> tuple[int, int] | None:
    """"X said that “…”" (subject before the verb) or "قال X إن «…»" (subject after it)."""
    if speech.subject_after_verb:
        inside = [m for m in mentions if verb.end <= m.start and m.end <= end and m.record == "actor"]
        tokens = segment.tokens(text, verb.end, end)
        words: list[segment.Token] = []
        for tok in tokens[:6]:
            if _norm(tok) & speech.stops or (words and text[words[-1].end:tok.start].strip()):
                break
            words.append(tok)
        if words:
            return words[0].start, words[-1].end
        return (inside[0].start, inside[0].end) if inside else None
    known = [m for m in mentions if start <= m.start and m.end <= verb.start and m.record == "actor"]
    if known:
        return known[0].start, known[0].end
    runs = [(s, e) for s, e, _ in capitalised(text, start, verb.start)]
    return runs[0] if runs else None
