"""Every deck opens as it would on a projector laptop: from file://, with no network.

Each deck `make slides` builds is opened in headless Chromium at 1280x720 with every network
request blocked and recorded. No request may be attempted (the deck is one self-contained
file), the maths must render (MathJax leaves no $...$ behind and reports no error), and no
slide may run past the screen or draw its figure too small to read. Every explorer the
notebook creates is on its slide as a kernel-free explorer (the frames `make notebooks`
recorded, swapped by a range input): dragging its slider with the mouse must change the figure
and the status line at once, still offline. A deck stays under 8 MB. One screenshot per deck
(its first slide with a figure) is kept for a person to look at, in
``$TEST_ARTIFACTS/slides/`` (default ``test-artifacts/slides/``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .decks import inspect_deck, problems

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "slides"))

import build_slides as slides  # noqa: E402

ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts")) / "slides"
NOTEBOOKS = slides.course_notebooks()
DECK_BUDGET_BYTES = 8_000_000
@pytest.fixture(scope="session")
def decks(tmp_path_factory):
    if not (slides.VENDOR / slides.VENDOR_FILES["reveal_js"]).exists():
        message = "slides/node_modules is missing: run `npm ci` in slides/ (make test does)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("decks")
    return {deck["name"]: deck for deck in slides.build(NOTEBOOKS, out)}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=slides.deck_name)
def test_deck_opens_offline_and_every_slide_fits_the_screen(decks, browser, notebook, capsys):
    deck = decks[slides.deck_name(notebook)]
    shot = ARTIFACTS / f"{slides.deck_name(notebook)}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    report = inspect_deck(browser, deck["path"], screenshot=shot)

    assert report["requests"] == [], (
        f"{deck['path'].name} tried to load {report['requests']}: a deck must be one "
        "self-contained file")
    assert report["console_errors"] == [], report["console_errors"]
    assert len(report["slides"]) == deck["slides"]
    assert report["math_errors"] == [], f"TeX errors: {report['math_errors']}"
    assert report["leftover_tex"] == [], f"TeX MathJax did not render: {report['leftover_tex']}"
    has_maths = "$" in "".join(c.source for c in slides.nbformat.read(
        notebook, as_version=4).cells if c.cell_type == "markdown")
    if has_maths:
        assert report["math"] > 0, "the notebook has maths but no formula was rendered"
    assert problems(report) == [], "\n".join(problems(report))

    recorded = slides.explorer_frames(slides.nbformat.read(notebook, as_version=4), notebook)
    assert len(report["kernel_free"]) == len(recorded), (
        f"{len(recorded)} explorers recorded, {len(report['kernel_free'])} kernel-free "
        "explorers in the deck")
    for explorer in report["kernel_free"]:
        where = f"kernel-free explorer on slide {explorer['h'] + 1}.{explorer['v'] + 1}"
        assert explorer["inputs"] >= 2, f"{where}: the drag moved its slider only " \
                                         f"{explorer['inputs']} times"
        # Every value the slider passed through showed its own figure.
        assert explorer["figures"] == explorer["inputs"], (where, explorer)
        assert explorer["statuses"] >= 1, f"{where}: the status line never changed"
    with capsys.disabled():  # measured, not asserted: a value's figure is painted at once
        for e in report["kernel_free"]:
            print(f"\n  {deck['path'].name} kernel-free explorer on slide {e['h'] + 1}."
                  f"{e['v'] + 1}: {e['inputs']} values dragged through, {e['figures']} "
                  f"figures, slowest value-to-screen {e['slowest_ms']:.0f} ms", end="")
    assert deck["path"].stat().st_size <= DECK_BUDGET_BYTES, (
        f"{deck['path'].name} is {deck['path'].stat().st_size / 1e6:.1f} MB, over "
        f"{DECK_BUDGET_BYTES / 1e6:.0f} MB")
    assert shot.exists() and shot.stat().st_size > 10_000

