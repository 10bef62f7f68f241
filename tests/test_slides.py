"""Slide decks: built from the notebooks, loading nothing from the network."""

import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "slides"))

import build_slides as slides  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "02_entropy.ipynb"


@pytest.fixture(scope="module")
def deck():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    html, _ = slides.exporter(check_vendor=False).from_notebook_node(slides.as_slides(nb))
    return nb, html


def test_headings_start_slides_and_the_setup_cell_is_skipped():
    nb = slides.as_slides(nbformat.read(NOTEBOOK, as_version=4))
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds[0] == "slide" and kinds[1] == "skip"
    for cell, kind in zip(nb.cells, kinds):
        first = cell.source.split("\n", 1)[0]
        if cell.cell_type == "markdown" and first.startswith(("# ", "## ")):
            assert kind == "slide"
        elif cell.cell_type == "markdown" and first.startswith("### "):
            assert kind == "subslide"
    assert not nb.cells[0].source.startswith("[![Open in Colab]")


def test_every_script_and_stylesheet_is_local(deck):
    _, html = deck
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert sources, "the deck loads reveal.js, jQuery, require.js and MathJax"
    assert all(not s.startswith(("http:", "https:", "//")) for s in sources), sources
    for vendor_file in ("reveal.js/dist/reveal.js", "jquery/dist/jquery.min.js",
                        "requirejs/require.js", "mathjax/MathJax.js"):
        assert f"node_modules/{vendor_file}" in html
    assert "mermaid" not in html.split("<body")[0].lower()
    assert "colab.research.google.com" not in html


def test_quiz_slides_show_the_question_not_the_code(deck):
    _, html = deck
    assert "Check yourself.</b> What is the entropy of a fair six-sided die" in html
    assert "NBVAL_IGNORE_OUTPUT" not in html


def test_package_json_pins_what_the_deck_loads():
    import json

    deps = json.loads((ROOT / "slides" / "package.json").read_text())["dependencies"]
    assert set(deps) == {"reveal.js", "jquery", "requirejs", "mathjax"}
    assert deps["reveal.js"].startswith("4.")  # nbconvert's reveal template is for reveal.js 4
    assert (ROOT / "slides" / "package-lock.json").exists()
