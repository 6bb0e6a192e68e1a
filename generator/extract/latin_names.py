"""New names in scripts with capitals (English, French and their kin): whole, split where a list
joins them, tied to their acronyms, and guessed as people, organisations or places.

A name is a run of capitalised words, joined by the small words names carry inside them ("Ministry of
Foreign Affairs", "Jama'at Nusrat al-Islam wal-Muslimin", "Sons of the Valley"); French writes an
organisation's name in sentence case after its first word ("Union générale des dockers", "ministère de
l'Intérieur"), so after such a head word the run goes on over lowercase words until a verb, a
preposition or punctuation ends it. A single capitalised word is a name where it cannot be a capital
of grammar: inside a sentence, neither a weekday, a month, a title, a nationality nor a word the text also
writes in lowercase. "Bakhmut and Soledar" is two names, "Justice and Development Party" one: "and"
joins words of one name only inside the name of an organisation.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from generator.text import segment

# Words between two capitalised words that keep them one name: "Framework for Peace", "al Qaeda", and the
# two-word ones ("of the", "de la"), which the run takes word by word.
CONNECTORS = frozenset({"and", "et", "&", "of", "for", "the", "on", "de", "du", "des", "d", "la", "le", "les",
                        "l", "al", "el", "bin", "ibn", "ben", "wa", "wal", "ul", "van", "von", "der", "den",
                        "da", "di", "do", "dos", "y", "e", "del", "pour", "aux", "au", "à", "sans"})
# Small words that join a name's words only in the name of a body: "Commission on Human Rights", not "Sri Lanka on
# Easter Sunday".
_INSIDE_BODIES = frozenset({"on"})
# A particle written onto a name with a hyphen or an apostrophe: "al-Qaeda", "ul-Islam", "l'Intérieur".
_PARTICLE = re.compile(r"(?:al|el|ul|wal|wa|bil|bin|ibn|ad|an|ar|as|at|az|ash|d|l|de|di|da)[-'’](?=[^\W\d_])",
                       re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
# French articles and prepositions elided onto a name: "l'Ituri", "d'Haïti".
_ELIDED = re.compile(r"[lLdD]['’](?=[^\W\d_])")
# Words before a name that make it a person.
TITLES = frozenset({
    "president", "colonel", "col", "general", "gen", "minister", "commander", "mr", "mrs", "ms", "dr", "analyst",
    "spokesman", "spokeswoman", "spokesperson", "official", "leader", "boss", "blogger", "journalist",
    "representative", "chief", "deputy", "prime", "king", "queen", "prince", "princess", "sheikh", "senator",
    "ambassador", "mayor", "governor", "envoy", "secretary-general", "judge", "imam", "emir", "sultan", "pope",
    "bishop", "archbishop", "lieutenant", "lt", "captain", "capt", "major", "maj", "sergeant", "sgt", "admiral",
    "marshal", "field", "brigadier", "professor", "prof", "director", "chairman", "chairwoman", "lawmaker",
    "opposition", "coordinator", "reporter", "correspondent", "researcher", "activist", "witness",
    "président", "présidente", "général", "ministre", "m", "mme", "porte-parole", "préfet", "préfète", "maire",
    "gouverneur", "colonel-major", "commandant", "capitaine", "lieutenant-colonel", "docteur", "chef",
    "ambassadeur", "ambassadrice", "émissaire", "envoyé", "juge", "procureur", "député", "députée", "sénateur",
    "secrétaire", "directeur", "directrice", "coordinateur", "coordinatrice", "chercheur", "chercheuse",
    "journaliste", "analyste", "cheikh", "roi", "reine", "premier", "première"})
# What a minister or a secretary is of: "Defense Minister X", "Foreign Secretary Y".
PORTFOLIOS = frozenset({"defense", "defence", "foreign", "interior", "home", "finance", "health", "justice",
                        "education", "information", "security", "energy", "trade", "economy", "agriculture",
                        "culture", "transport", "labour", "labor", "environment", "water", "oil", "petroleum",
                        "communications", "youth", "women", "tourism", "housing", "industry", "mines", "planning"})
# Last words of a name -> (record, kind guess).
KEYWORDS = {
    "ministry": ("actor", "state-body"), "department": ("actor", "state-body"), "service": ("actor", "state-body"),
    "office": ("actor", "state-body"), "council": ("actor", "state-body"), "commission": ("actor", "state-body"),
    "agency": ("actor", "state-body"), "authority": ("actor", "state-body"), "court": ("actor", "state-body"),
    "parliament": ("actor", "state-body"), "assembly": ("actor", "state-body"), "police": ("actor", "state-body"),
    "directorate": ("actor", "intelligence-agency"), "intelligence": ("actor", "intelligence-agency"),
    "army": ("actor", "armed-forces"), "forces": ("actor", "armed-forces"), "corps": ("actor", "armed-forces"),
    "brigade": ("actor", "armed-forces"), "battalion": ("actor", "armed-forces"), "navy": ("actor", "armed-forces"),
    "division": ("actor", "armed-forces"), "regiment": ("actor", "armed-forces"), "guard": ("actor", "armed-forces"),
    "group": ("actor", "organisation"), "center": ("actor", "organisation"), "centre": ("actor", "organisation"),
    "institute": ("actor", "research-group"), "foundation": ("actor", "organisation"),
    "committee": ("actor", "organisation"), "organisation": ("actor", "organisation"),
    "organization": ("actor", "organisation"), "association": ("actor", "organisation"),
    "federation": ("actor", "organisation"), "society": ("actor", "organisation"), "bank": ("actor", "organisation"),
    "company": ("actor", "organisation"), "crescent": ("actor", "organisation"), "cross": ("actor", "organisation"),
    "program": ("actor", "organisation"), "programme": ("actor", "organisation"), "fund": ("actor", "organisation"),
    "university": ("actor", "organisation"), "network": ("actor", "organisation"),
    "post": ("actor", "media-outlet"), "news": ("actor", "media-outlet"), "times": ("actor", "media-outlet"),
    "television": ("actor", "media-outlet"), "tv": ("actor", "media-outlet"), "radio": ("actor", "media-outlet"),
    "press": ("actor", "media-outlet"), "journal": ("actor", "media-outlet"), "tribune": ("actor", "media-outlet"),
    "agence": ("actor", "media-outlet"), "herald": ("actor", "media-outlet"), "gazette": ("actor", "media-outlet"),
    "party": ("actor", "political-group"), "movement": ("actor", "political-group"),
    "league": ("actor", "political-group"), "bloc": ("actor", "political-group"),
    "front": ("actor", "armed-group"), "framework": ("actor", "armed-group"), "coalition": ("actor", "armed-group"),
    "alliance": ("actor", "armed-group"), "union": ("actor", "organisation"), "militia": ("actor", "armed-group"),
    "pmc": ("actor", "private-military-company"),
    "republic": ("place", "country"), "kingdom": ("place", "country"), "emirates": ("place", "country"),
    "province": ("place", "region"), "region": ("place", "region"), "state": ("place", "region"),
    "governorate": ("place", "region"), "prefecture": ("place", "region"), "county": ("place", "region"),
    "district": ("place", "area"), "river": ("place", "area"), "mountains": ("place", "area"),
    "valley": ("place", "area"), "desert": ("place", "area"), "island": ("place", "area"),
    "islands": ("place", "area"), "lake": ("place", "area"), "sea": ("place", "area"), "gulf": ("place", "area"),
    "city": ("place", "city"), "town": ("place", "town"), "village": ("place", "village"),
    "airport": ("place", "site"), "base": ("place", "military-base"), "camp": ("place", "site"),
    "square": ("place", "site"), "bridge": ("place", "site"), "dam": ("place", "site"), "port": ("place", "site"),
    "highway": ("place", "site"), "road": ("place", "site"), "route": ("place", "site"),
    "hospital": ("place", "site"), "stadium": ("place", "site"), "prison": ("place", "site"),
    "church": ("place", "site"), "shrine": ("place", "site"), "mosque": ("place", "site"),
    "cathedral": ("place", "site"), "temple": ("place", "site"), "hotel": ("place", "site"),
    "market": ("place", "site"), "station": ("place", "site"), "territory": ("place", "region"),
}
# First words of a name that make it an organisation (English Title Case and French sentence case); in
# French also what a name goes on after in lowercase ("Front populaire de libération").
HEADS = {
    "ministry": "state-body", "department": "state-body", "council": "state-body", "commission": "state-body",
    "office": "state-body", "agency": "state-body", "court": "state-body", "directorate": "intelligence-agency",
    "front": "armed-group", "union": "organisation", "party": "political-group", "movement": "political-group",
    "alliance": "armed-group", "coalition": "armed-group", "army": "armed-forces", "brigade": "armed-forces",
    "forces": "armed-forces", "committee": "organisation", "organisation": "organisation",
    "organization": "organisation", "association": "organisation", "federation": "organisation",
    "league": "political-group", "bank": "organisation", "institute": "research-group", "centre": "organisation",
    "center": "organisation", "pmc": "private-military-company",
    "ministère": "state-body", "conseil": "state-body", "agence": "state-body", "commissariat": "state-body",
    "haut-commissariat": "international-organisation", "direction": "state-body", "cour": "state-body",
    "tribunal": "state-body", "assemblée": "state-body", "gendarmerie": "state-body", "garde": "armed-forces",
    "armée": "armed-forces", "bataillon": "armed-forces", "division": "armed-forces", "régiment": "armed-forces",
    "parti": "political-group", "mouvement": "political-group", "rassemblement": "political-group",
    "bloc": "political-group", "syndicat": "organisation", "programme": "organisation", "comité": "organisation",
    "fédération": "organisation", "collectif": "organisation",
    "ligue": "organisation", "observatoire": "organisation", "institut": "research-group", "banque": "organisation",
    "croissant-rouge": "organisation", "croix-rouge": "organisation", "fonds": "organisation",
    "groupe": "armed-group", "groupement": "armed-group", "coordination": "armed-group", "jama'at": "armed-group",
    "jamaat": "armed-group", "jama'a": "armed-group", "katiba": "armed-group", "harakat": "armed-group",
    "hay'at": "armed-group", "ansar": "armed-group", "tehreek": "political-group", "tehreek-e-taliban": "armed-group",
}
# In French a name may go on in lowercase after these heads; the lowercase head "ministère" begins one too.
_LOWER_HEADS = frozenset({"ministère"})
# Words that end a French name written in sentence case: verbs, pronouns and prepositions that never sit inside.
_FR_STOP = frozenset({
    "a", "ont", "est", "sont", "était", "étaient", "été", "avait", "avaient", "sera", "seront", "serait", "va",
    "vont", "doit", "peut", "fait", "dit", "qui", "que", "qu", "dont", "où", "selon", "dans", "sur", "par",
    "avec", "après", "avant", "depuis", "lors", "pendant", "contre", "ce", "cette", "ces", "cet", "se", "s",
    "sa", "son", "ses", "leur", "leurs", "ne", "n", "il", "elle", "ils", "elles", "on", "y", "mais", "ou", "donc",
    "car", "plus", "moins", "très", "un", "une", "aussi", "déjà", "encore", "toujours", "jamais", "hier", "demain",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "près", "entre", "vers", "chez",
    "sous", "si", "comme", "ainsi", "alors", "puis", "tandis", "lorsque", "quand", "tout", "tous", "toute",
    "toutes", "cela", "ceci", "non", "pas", "le", "les", "of", "and", "the",
    # the verbs that follow an organisation's name in the news, in the present
    "appelle", "appellent", "annonce", "annoncent", "affirme", "affirment", "dénonce", "dénoncent", "réclame",
    "réclament", "revendique", "revendiquent", "demande", "demandent", "accuse", "accusent", "condamne",
    "condamnent", "exige", "exigent", "indique", "indiquent", "estime", "estiment", "précise", "précisent",
    "déclare", "déclarent", "assure", "assurent", "rejette", "rejettent", "menace", "menacent", "prévoit",
    "organise", "organisent", "lance", "lancent", "publie", "publient", "salue", "saluent", "regrette",
    "regrettent", "poursuit", "poursuivent", "contrôle", "contrôlent", "dirige", "dirigent", "mène", "mènent",
    "soutient", "soutiennent", "nie", "nient", "confirme", "confirment", "signale", "signalent", "rapporte",
    "rapportent", "craint", "craignent", "redoute", "redoutent", "disent", "font", "tient", "tiennent",
    "doivent", "peuvent", "veut", "veulent", "devrait", "compte", "comptent", "recense", "recensent"})
# Capitalised words that are never a name on their own: grammar, religions, directions, scales.
_NEVER_ALONE = frozenset({
    "i", "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "they", "we", "you", "his", "her",
    "their", "our", "but", "and", "or", "if", "when", "while", "after", "before", "as", "at", "in", "on", "of",
    "for", "from", "with", "by", "to", "since", "until", "despite", "however", "meanwhile", "yet", "so", "also",
    "some", "many", "most", "all", "both", "each", "every", "no", "not", "there", "here", "what", "who", "which",
    "muslim", "muslims", "christian", "christians", "islamic", "islamist", "islamists", "jewish", "jews",
    "sunni", "sunnis", "shia", "shiite", "shiites", "catholic", "catholics", "orthodox", "hindu", "hindus",
    "arab", "arabs", "arabic", "western", "eastern", "northern", "southern", "central", "god", "allah",
    "richter", "celsius", "fahrenheit", "internet", "covid", "covid-19", "ramadan", "eid", "christmas",
    "english", "french", "british", "dutch", "swiss", "welsh", "scottish", "irish", "turkish", "greek",
    "spanish", "danish", "swedish", "finnish", "polish", "czech", "thai", "filipino", "kurdish", "kurds",
    "kurd", "berber", "berbers", "tuareg", "tuaregs", "pashtun", "pashtuns", "baloch", "fulani", "peul", "peuls",
    "european", "europeans", "african", "africans", "asian", "asians", "american", "americans", "latin",
    "soviet", "saharan", "sahelian", "balkan", "mr", "mrs", "ms", "dr", "le", "la", "les", "un", "une", "des",
    "du", "de", "il", "elle", "ils", "elles", "nous", "vous", "mais", "selon", "dans", "après", "avant",
    "depuis", "pour", "par", "sur", "avec", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "à",
    "français", "française", "françaises", "anglais", "arabe", "arabes", "musulman", "musulmans", "chrétien",
    "chrétiens", "africain", "africains", "européen", "européens", "américain", "américains", "occidental",
    "occidentaux", "dieu", "nord", "sud", "est", "ouest", "north", "south", "east", "west", "am", "pm", "gmt",
    "utc", "ok", "tv", "ii", "iii", "iv", "vi", "ong", "ongs", "ngo", "ngos", "ceo", "mp", "mps", "gdp", "pib",
    "id", "sms", "km", "kg", "usd", "eur"})
# Words before a place's name.
PLACE_CUES = frozenset({"in", "near", "at", "from", "to", "town", "city", "village", "region", "province",
                        "outside", "around", "across", "into", "à", "dans", "près", "ville",
                        "région", "localité", "commune", "vers", "depuis", "de", "en", "au", "aux"})
# Words for a kind of place, written before "of" or after the name: "the town of X", "the X valley".
_PLACE_NOUNS: dict[str, str | None] = {
    "town": "town", "city": "city", "village": "village", "capital": "city", "district": "area",
    "province": "region", "region": "region", "governorate": "region", "state": "region", "county": "region",
    "outskirts": None, "suburbs": None, "suburb": None, "valley": "area", "basin": "area", "river": "area",
    "plain": "area", "hills": "area", "mountains": "area", "desert": "area", "forest": "area", "coast": "area",
    "mine": "site", "highway": "site", "road": "site", "camp": "site", "border": "border-area", "area": "area",
    "ville": "city", "localité": "town", "commune": "town", "région": "region", "vallée": "area",
    "quartier": "area", "département": "region", "préfecture": "region",
    # directions and nearness: "north of X", "près de X", "au sud de X"
    "north": None, "south": None, "east": None, "west": None, "près": None, "proximité": None, "environs": None,
    "nord": None, "sud": None, "ouest": None, "abords": None, "alentours": None}
# Words after a name that make it a person: "Osama Hamad said".
_SAID = frozenset({"said", "told", "added", "says", "tells", "wrote", "warned", "stated", "declared",
                   "explained", "noted", "insisted", "denied", "a", "déclaré", "affirmé", "indiqué", "précisé",
                   "estimé", "expliqué", "ajouté", "dit"})
# Numbered units and roads: "Brigade 17", "Route 9", "4e division".
_ROADS = frozenset({"route", "highway", "road"})   # "la route 9" names a road in lowercase too
_NUMBERED = _ROADS | frozenset({"brigade", "route", "division", "battalion", "regiment", "unit", "highway", "camp",
                       "sector", "zone", "base", "bataillon", "régiment", "secteur"})


class PlaceWords(Protocol):
    """What the finder asks of the places it knows (`mentions.Gazetteer` answers)."""

    def is_adjective_of_place(self, word: str) -> bool: ...


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    record: str
    kind: str | None
    alias_of: tuple[int, int] | None = None   # an acronym, and the span of the long name it stands for
    single: bool = False                      # one word, not at the head of a sentence


def _name_word(tok: segment.Token) -> bool:
    """A word that may stand in a name: capitalised, an acronym, or a particle on a capitalised word."""
    first = tok.text[:1]
    particle = _PARTICLE.match(tok.text)
    return (first.isupper() and not first.isdigit()) or (particle is not None and tok.text[particle.end()].isupper())


# Acronyms of things, not of names: weapons, measures, documents.
_THINGS = frozenset({"ied", "uav", "fpv", "atm", "atgm", "manpads", "rpg", "apc", "ifv", "mlrs", "gdp", "hiv",
                     "aids", "dna", "suv", "tnt", "gps", "sim", "pdf", "url", "vip", "cctv", "hq", "pow", "kia",
                     "wia", "mia", "idp", "sam", "icbm", "ad", "bc", "ce", "ps", "nb", "faq", "sos", "lgbt", "ppe"})


def acronym(word: str) -> bool:
    """"NLF", "UNHCR": capitals only, a few letters, not one of grammar or of a thing ("IED", "UAV")."""
    lower = word.lower()
    return 2 <= len(word) <= 7 and word.isupper() and word.isalpha() and lower not in _NEVER_ALONE \
        and lower not in _THINGS


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s"))


def capitalised(text: str, start: int = 0, end: int | None = None,
                tokens: list[segment.Token] | None = None) -> list[tuple[int, int, list[segment.Token]]]:
    """Runs of capitalised words ("Main Intelligence Directorate", "Sons of the Valley"), small words inside,
    possessives cut: "Ukraine’s X" -> "Ukraine", "X". A run never crosses punctuation."""
    runs: list[tuple[int, int, list[segment.Token]]] = []
    run: list[segment.Token] = []

    def close() -> None:
        while run and not _name_word(run[-1]):
            run.pop()
        if run:
            last = run[-1]
            stop = last.end - 2 if _possessive(last.text) else last.end
            runs.append((run[0].start, stop, list(run)))
        run.clear()

    tokens = segment.tokens(text, start, end) if tokens is None else tokens
    for i, tok in enumerate(tokens):
        gap = text[tokens[i - 1].end:tok.start] if i else ""
        if run and not _SPACES.fullmatch(gap):
            close()
        if _name_word(tok):
            run.append(tok)
            if _possessive(tok.text) and not _owned_place(text, tokens, i):
                close()
        elif run and tok.lower in CONNECTORS and _continues(text, tokens, i) \
                and (tok.lower not in _INSIDE_BODIES or run[0].lower in HEADS):
            run.append(tok)
        else:
            close()
    close()
    return runs


def _owned_place(text: str, tokens: list[segment.Token], i: int) -> bool:
    """"St Sebastian's Church", "Children's Hospital": the possessive belongs to the name of a building that
    follows; not to a body's ("Kenya's Army" is Kenya, and an army)."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.text[:1].isupper() and KEYWORDS.get(nxt.lower) == ("place", "site") \
        and _SPACES.fullmatch(text, tokens[i].end, nxt.start) is not None


def _continues(text: str, tokens: list[segment.Token], i: int) -> bool:
    """A small word inside a name: one or two of them, then a capitalised word, spaces only between."""
    for j in (i + 1, i + 2):
        if j >= len(tokens) or not _SPACES.fullmatch(text, tokens[j - 1].end, tokens[j].start):
            return False
        if _name_word(tokens[j]):
            return True
        if tokens[j].lower not in CONNECTORS:
            return False
    return False


def latin_names(text: str, language: str, places: PlaceWords, common: set[str], calendar: set[str],
                free: Callable[[int, int], bool]) -> list[Found]:
    """Names in `text` that match nothing known (`free` says a span is not yet taken)."""
    if text == text.lower():
        return []   # no capital at all: a text in the Arabic script, say
    tokens = segment.tokens(text)
    if _heading(text, tokens):
        return []   # "The Island’s Last Hope": a title capitalises every word
    starts = segment.grammatical_capitals(text)
    at = {t.start: n for n, t in enumerate(tokens)}
    found: list[Found] = []
    for _start, _end, run in capitalised(text, tokens=tokens):
        for piece in _pieces(run):
            found.extend(_name(text, tokens, at, piece, places, common, calendar, starts))
    if language.split("-")[0] == "fr":
        found.extend(_french(text, tokens, calendar))
    if _DIGIT.search(text):
        found.extend(_numbered(text, tokens))
    out: dict[tuple[int, int], Found] = {}
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if free(f.start, f.end) and not any(f.start < e and s < f.end for s, e in out):
            out[(f.start, f.end)] = f
    return [out[k] for k in sorted(out)]


def _heading(text: str, words: list[segment.Token]) -> bool:
    """A title in title case: short, no full stop, nearly every word capitalised."""
    if len(text) > 120 or re.search(r"[.!?؟]\s*$", text) or len(words) < 2:
        return False
    return sum(w.text[:1].isupper() for w in words) >= 0.6 * len(words)


def _pieces(run: list[segment.Token]) -> list[list[segment.Token]]:
    """A run cut at "and"/"et" where it lists names ("Bakhmut and Soledar", "the Army and the Rapid Support
    Forces"), kept whole where "and" is inside one ("Justice and Equality Movement", "Ministry of Foreign Affairs
    and International Cooperation")."""
    pieces: list[list[segment.Token]] = [[]]
    for tok in run:
        if tok.lower in ("and", "et", "&"):
            pieces.append([])
        else:
            pieces[-1].append(tok)
    pieces = [p for p in pieces if p]
    if not pieces:
        return []   # "And", "Et" alone
    pieces = [part for piece in pieces for part in _at_titles(piece)]
    out = [pieces[0]]
    for piece in pieces[1:]:
        last = out[-1][-1].lower
        organisation = out[0][0].lower in HEADS or piece[-1].lower in KEYWORDS
        if organisation and last not in KEYWORDS and piece[0].lower not in CONNECTORS:
            out[-1] = [t for t in run if out[-1][0].start <= t.start <= piece[-1].start]
        else:
            out.append(piece)
    return out


def _at_titles(run: list[segment.Token]) -> list[list[segment.Token]]:
    """"Minas Gerais Governor Romeu Zema", "Kenya President X": a title inside a run begins a person's name, and
    what comes before it is a name of its own. A title at the head stays ("Prime Minister X")."""
    for k in range(1, len(run) - 1):
        if run[k].lower.rstrip(".") in TITLES and run[k].text[:1].isupper() and run[k - 1].lower not in TITLES \
                and run[k - 1].lower not in CONNECTORS and run[k - 1].lower not in PORTFOLIOS:
            return [run[:k], *_at_titles(run[k:])]
    return [run]


def _name(text: str, tokens: list[segment.Token], at: dict[int, int], words: list[segment.Token], places: PlaceWords,
          common: set[str], calendar: set[str], starts: frozenset[int]) -> list[Found]:
    words = list(words)
    at_start = words[0].start in starts
    titled = False
    while words and _not_a_start(words[0], places, common, calendar):
        words.pop(0)
        at_start = False   # "In Kidal": the name is not the sentence's first word
    if at_start and len(words) > 2 and words[1].lower in CONNECTORS and words[0].lower not in HEADS \
            and words[0].lower not in KEYWORDS and not acronym(words[0].text):
        words.pop(0)   # "Fighters of Jama'at …", "Residents of Gao": the sentence's first word is not the name's
        while words and words[0].lower in CONNECTORS:
            words.pop(0)
        at_start = False
    while words and (words[0].lower.rstrip(".") in TITLES or (
            words[0].lower in PORTFOLIOS and len(words) > 1 and words[1].lower.rstrip(".") in TITLES | PORTFOLIOS)):
        words.pop(0)
        titled = True   # "Mayor Helen Carter", "Deputy Defense Minister X": the title says who, it is not the name
    while words and (words[-1].lower in calendar or words[-1].lower in CONNECTORS or not _name_word(words[-1])):
        words.pop()
    if not words:
        return []
    start = words[0].start + (2 if _ELIDED.match(words[0].text) else 0)   # "l'Ituri": the article is not the name's
    end = words[-1].end - (2 if _possessive(words[-1].text) else 0)
    if len(words) == 1:
        word = words[0].text[:-2] if _possessive(words[0].text) else words[0].text
        if not _alone(word, places, common, calendar) or (at_start and not acronym(word) and not titled):
            return []
        if text[max(0, start - 4):start].lower() == "the " and words[0].lower in KEYWORDS:
            return []   # "the Army", "the Union": a body named by its kind only
    guess = ("actor", "person") if titled else _guess(text, tokens, at[words[0].start], words)
    return [Found(start, end, *guess, single=len(words) == 1 and not at_start)]


def not_a_name(lower: str) -> bool:
    """A word that is never a name on its own, capitalised or not: grammar, titles, religions, scales."""
    return lower in _NEVER_ALONE or lower in TITLES


def _not_a_start(word: segment.Token, places: PlaceWords, common: set[str], calendar: set[str]) -> bool:
    lower = word.lower
    return (lower in common or lower in calendar or lower in CONNECTORS or lower in _NEVER_ALONE
            or places.is_adjective_of_place(word.text)) and not acronym(word.text)


def _alone(word: str, places: PlaceWords, common: set[str], calendar: set[str]) -> bool:
    """A single capitalised word that is a name: not grammar, a month, a title or a nationality."""
    lower = word.lower()
    if acronym(word):
        return True
    if len(word) < 2 or lower in common or lower in calendar or lower in _NEVER_ALONE or lower in TITLES:
        return False
    if word.isupper() or re.fullmatch(r"[A-Z]{2,}s", word) or places.is_adjective_of_place(word):
        return False   # "IED", "UAVs", "Kenyan"
    return not re.search(r"(?:ese|ian|ians|ish|ans)$", lower) or lower in KEYWORDS


def _guess(text: str, tokens: list[segment.Token], n: int, words: list[segment.Token]) -> tuple[str, str | None]:
    """What a name is, by its own words, then by the words around it."""
    lowers = [w.lower for w in words]
    if "pmc" in lowers:
        return "actor", "private-military-company"
    if lowers[-1] in KEYWORDS:
        return KEYWORDS[lowers[-1]]
    if lowers[0] in HEADS:
        return "actor", HEADS[lowers[0]]
    for word in reversed(lowers):
        if word in KEYWORDS:
            return KEYWORDS[word]
    if len(words) == 1 and acronym(words[0].text):
        return "actor", None
    before = [t.lower for t in tokens[max(0, n - 3):n]
              if not re.search(r"[.!?;:]", text[t.end:words[0].start])]   # in the same sentence
    if before and before[-1].rstrip(".") in TITLES:
        return "actor", "person"
    after = tokens[n + len(words)].lower if n + len(words) < len(tokens) else ""
    if 2 <= len(words) <= 4 and after in _SAID and all(w.text[:1].isupper() for w in words):
        return "actor", "person"
    while before and before[-1] in ("the", "la", "le", "les", "l"):
        before.pop()   # "the town of the X", "la vallée de la Selna"
    if before and before[-1] in PLACE_CUES:
        return "place", None
    if before and before[-1] in ("capital", "capitale"):
        return "place", "city"   # "the capital, Elmora"
    if len(before) >= 2 and before[-1] in ("of", "de", "d") and before[-2] in _PLACE_NOUNS:
        return "place", _PLACE_NOUNS[before[-2]]   # "the town of Karvesh", "la ville de Tamsar"
    if after in _PLACE_NOUNS and tokens[n + len(words)].text.islower():
        return "place", _PLACE_NOUNS[after]        # "the Selna valley", "the Golden Ridge mine"
    return "unknown", None


def _french(text: str, tokens: list[segment.Token], calendar: set[str]) -> list[Found]:
    """Organisations named in French sentence case: a head word, then lowercase words and small words up to a
    verb, a preposition that no name holds, or punctuation ("Programme alimentaire mondial")."""
    found = []
    for i, tok in enumerate(tokens):
        particle = _PARTICLE.match(tok.text)   # "l'Union": the article is not part of the name
        cut = particle.end() if particle and tok.text[:1] in "lLdD" else 0
        head, lower = tok.text[cut:], tok.lower[cut:]
        if lower not in HEADS or not (head[:1].isupper() or lower in _LOWER_HEADS):
            continue
        if lower in _LOWER_HEADS and not _followed_by_name(text, tokens, i):
            continue
        j = i
        while j + 1 < len(tokens) and j - i < 8:
            nxt = tokens[j + 1]
            if not _SPACES.fullmatch(text, tokens[j].end, nxt.start) or nxt.text[:1].isdigit():
                break
            if nxt.lower in _FR_STOP and not (nxt.lower in CONNECTORS and _continues_fr(text, tokens, j + 1)):
                break
            if nxt.lower in calendar:
                break
            j += 1
        while j > i and (tokens[j].lower in CONNECTORS or tokens[j].lower in _FR_STOP):
            j -= 1
        if j > i:
            found.append(Found(tok.start + cut, tokens[j].end, "actor", HEADS[lower]))
    return found


def _followed_by_name(text: str, tokens: list[segment.Token], i: int) -> bool:
    """"ministère de l'Intérieur": a lowercase head is a name only when a capitalised word comes soon."""
    return any(_name_word(t) for t in tokens[i + 1:i + 4])


def _continues_fr(text: str, tokens: list[segment.Token], i: int) -> bool:
    """A small word inside a French name ("pour la libération", "de l'Ostra"): a word other than a stop follows."""
    j = i + 1
    while j < len(tokens) and tokens[j].lower in CONNECTORS:
        j += 1
    return j < len(tokens) and tokens[j].lower not in _FR_STOP and not tokens[j].text[:1].isdigit()


def _numbered(text: str, tokens: list[segment.Token]) -> list[Found]:
    """Units and roads named by a number: "Brigade 17", "Route 9", "4e division mécanisée"."""
    found = []
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if tok.lower in _NUMBERED and (tok.text[:1].isupper() or tok.lower in _ROADS) and nxt.text.isdigit() \
                and _SPACES.fullmatch(text, tok.end, nxt.start):
            found.append(Found(tok.start, nxt.end, *KEYWORDS.get(tok.lower, ("actor", "armed-forces"))))
        if re.fullmatch(r"\d{1,2}(?:e|ème|th|st|nd|rd)", tok.text) and nxt.lower in _NUMBERED:
            end = nxt.end
            k = i + 2
            while k < len(tokens) and _SPACES.fullmatch(text, tokens[k - 1].end, tokens[k].start) \
                    and tokens[k].text.islower() and tokens[k].lower not in _FR_STOP and k - i < 4:
                end = tokens[k].end
                k += 1
            found.append(Found(tok.start, end, "actor", "armed-forces"))
    return found
