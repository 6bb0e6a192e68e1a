"""Measured, not asserted by example: extract's figures, names and places against labelled corpora of
passages in English, French, Arabic and Urdu (tests/corpus.py says how each is scored).

- in-sample (tests/fixtures/corpus/, tests/fixtures/dev/): written for this project and tuned on;
- held-out (tests/fixtures/heldout/, tests/fixtures/heldout2/): written by others who had not seen the
  extractor, about real events, frozen by their hashes below before any tuning on them; nobody reads their
  passages to tune. The first one's aggregate scores were seen while issue 23 was worked on; the second was
  written at its end and scored once: its scores are the README's "held-out" column. A change to those files
  fails here: a new held-out corpus is a new measurement.

Each test prints what it measured and fails when a score falls below the level reached.
"""
from __future__ import annotations

import hashlib

import pytest
from corpus import CORPUS, DEV, HELDOUT, HELDOUT2, Scores, score

# The second, written at the end of the work on issue 23 by others who had not seen the extractor, and scored
# once with the code as it then stood (README, "Extraction measured"): the honest figure; the first held-out
# corpus's aggregate scores were seen during that work.
HELDOUT2_SHA256 = {
    "ar": "a33e38320c29946ad676f17662de2739db981d18290e639a2d633c5bd4810c04",
    "en": "17091ae7d67c07c9bf853437e2b2f440a2e9bd0aae97b30909b9ebd5f99c956c",
    "fr": "4daa8298b3d1b020c1790080bfbe69c5c95be81100d4b0a5fd8cd931afdc6c72",
    "ur": "cbabca4a0ed70bec30afb413ff033e88af59196e6516679df6ec72f4ad95e838",
}
HELDOUT_SHA256 = {
    "ar": "cdb8f47b857bb1f4ed7079e1cb283fa80a8d77b9c93a0379e7a8555984252945",
    "en": "d7d5e4489ad26f3f60d35c996dc83d0870d59ebf71dd0ac3ff6e73763cb14513",
    "fr": "f782547ea13184ce0da57373489f2b9b92196d2b19dce246b9a423f19fffe54e",
    "ur": "b1f972638e321fdf188f06f9b2e8e624b7f2e60b11154def888c933b23e90be1",
}

# The levels reached (README, "Extraction measured"); a change that lowers one fails here.
# language: (names precision, names recall, places recall, places located, figures recall, figures clean)
IN_SAMPLE = {
    "en": (0.97, 0.98, 0.73, 0.00, 0.98, 0.99),
    "fr": (0.97, 0.97, 0.77, 0.00, 0.98, 0.99),
    "ar": (0.99, 0.96, 0.95, 0.00, 0.99, 0.99),
    "ur": (0.97, 0.88, 0.79, 0.00, 0.99, 0.98),
}
# The development corpus (tests/fixtures/dev/, written blind, then tuned on): figures recall and clean share.
DEV_FIGURES = {"en": (0.99, 0.99), "fr": (0.99, 0.96), "ar": (0.99, 0.97), "ur": (0.98, 0.98)}
HELD_OUT = {
    "en": (0.94, 0.97, 0.94, 0.93, 0.97, 0.95),
    "fr": (0.95, 0.96, 0.87, 0.85, 0.97, 0.92),
    "ar": (0.94, 0.82, 0.83, 0.79, 0.95, 0.98),
    "ur": (0.93, 0.78, 0.71, 0.90, 0.92, 0.92),
}
HELD_OUT2 = {
    "en": (0.95, 0.99, 0.85, 0.72, 0.96, 0.96),
    "fr": (0.98, 0.96, 0.94, 0.81, 0.98, 0.86),
    "ar": (0.97, 0.87, 0.87, 0.81, 0.95, 0.90),
    "ur": (0.93, 0.77, 0.75, 0.80, 0.91, 0.85),
}


def _check(scores: Scores, floors: tuple[float, ...], figures: int = 60) -> None:
    measured = (scores.names.precision, scores.names.recall, scores.places.recall, scores.places.located_share,
                scores.figures.recall, scores.clean_share)
    print("names P/R, places R/located, figures R/clean:", " ".join(f"{m:.1%}" for m in measured))
    assert scores.figures.labels >= figures and scores.names.labels >= 40   # the corpus is not emptied to pass
    assert all(m >= f for m, f in zip(measured, floors, strict=True)), (measured, floors)


@pytest.mark.parametrize("language", sorted(IN_SAMPLE))
def test_in_sample_scores_hold(language: str) -> None:
    _check(score(language, CORPUS), IN_SAMPLE[language])


@pytest.mark.parametrize("language", sorted(DEV_FIGURES))
def test_dev_figure_scores_hold(language: str) -> None:
    scores = score(language, DEV)
    measured = (scores.figures.recall, scores.clean_share)
    print("figures R/clean:", " ".join(f"{m:.1%}" for m in measured))
    assert all(m >= f for m, f in zip(measured, DEV_FIGURES[language], strict=True)), (measured, DEV_FIGURES[language])


def test_the_held_out_corpora_are_the_ones_frozen_before_tuning() -> None:
    for folder, digests in ((HELDOUT, HELDOUT_SHA256), (HELDOUT2, HELDOUT2_SHA256)):
        for language, digest in digests.items():
            assert hashlib.sha256((folder / f"{language}.yaml").read_bytes()).hexdigest() == digest, language


@pytest.mark.parametrize("language", sorted(HELD_OUT))
def test_held_out_scores_hold(language: str) -> None:
    _check(score(language, HELDOUT), HELD_OUT[language])


@pytest.mark.parametrize("language", sorted(HELD_OUT2))
def test_second_held_out_scores_hold(language: str) -> None:
    _check(score(language, HELDOUT2), HELD_OUT2[language], figures=50)   # its brief asked for 50 a language
