"""Measured, not asserted by example: extract's figures and candidate names against a labelled corpus
of short passages in English, French, Arabic and Urdu (tests/fixtures/corpus/, written for this project:
the figures and names each passage contains, and the look-alikes it does not). The test prints
precision and recall per language and fails when one falls below the level reached."""
from __future__ import annotations

import pytest
from corpus import score

# The levels reached (README, "Extraction measured"); a change that lowers one fails here.
FLOORS = {
    # language: (figures precision, figures recall, names precision, names recall)
    "en": (0.99, 0.98, 0.96, 0.63),
    "fr": (0.99, 0.98, 0.95, 0.25),
    "ar": (0.98, 0.99, 0.99, 0.89),
    "ur": (0.97, 0.99, 0.99, 0.82),
}


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_precision_and_recall_hold_in_every_language(language: str) -> None:
    figures, names = score(language)
    print(f"{language}: figures P {figures.precision:.1%} R {figures.recall:.1%}; "
          f"names P {names.precision:.1%} R {names.recall:.1%}")
    fp, fr, np_, nr = FLOORS[language]
    assert figures.labels >= 60 and names.labels >= 40   # the corpus is not emptied to pass
    assert figures.precision >= fp and figures.recall >= fr, (figures.precision, figures.recall)
    assert names.precision >= np_ and names.recall >= nr, (names.precision, names.recall)
