"""Build one reveal.js slide deck per notebook, viewable offline (also from file://).

Usage: ``python slides/build_slides.py [NOTEBOOK ...]`` after ``npm ci`` in slides/ (``make slides``
does both). Decks are written next to this file as ``<notebook>.slides.html``.

Slides follow the notebook's headings: the title and each ``##`` section start a new slide,
each ``###`` a sub-slide below it; everything else continues the current slide, which
scrolls when long. The Colab setup cell is left out. Stored outputs are used as they are
(run ``make notebooks`` first), including the static versions of quizzes and explorers.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENDOR = "node_modules"  # relative to the decks, so they open from file:// too
VENDOR_FILES = ("reveal.js/dist/reveal.js", "jquery/dist/jquery.min.js",
                "requirejs/require.js", "mathjax/MathJax.js")
REMOVE_INPUT = "slides-remove-input"


def slide_type(cell):
    if cell.cell_type == "markdown":
        first = cell.source.lstrip().split("\n", 1)[0]
        if first.startswith("# ") or first.startswith("## "):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def as_slides(nb):
    nb = copy.deepcopy(nb)
    setup = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    # The Colab badge is a link to an online image: a projector does not need it.
    first = nb.cells[0]
    if first.source.startswith("[![Open in Colab]"):
        first.source = first.source.split("\n", 1)[1].lstrip("\n")
    for i, cell in enumerate(nb.cells):
        kind = "skip" if i == setup else slide_type(cell)
        cell.metadata["slideshow"] = {"slide_type": kind}
        if cell.cell_type == "code" and cell.source.startswith("# NBVAL_IGNORE_OUTPUT"):
            # Quizzes and explorers: on a slide the question matters, not the call.
            cell.metadata.setdefault("tags", []).append(REMOVE_INPUT)
    return nb


def exporter(*, check_vendor=True):
    """nbconvert's SlidesExporter, pointed at the local copies of every script it loads."""
    missing = [p for p in VENDOR_FILES if not (HERE / VENDOR / p).exists()]
    if check_vendor and missing:
        raise SystemExit(f"slides/{VENDOR} lacks {missing}: run `npm ci` in slides/ "
                         "(or `make slides`).")
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {REMOVE_INPUT}
    slides = SlidesExporter(config=config, template_name="template",
                            extra_template_basedirs=[str(HERE)])
    slides.reveal_url_prefix = f"{VENDOR}/reveal.js"
    slides.reveal_theme = "white"  # the default theme fetches web fonts
    slides.reveal_scroll = True
    slides.jquery_url = f"{VENDOR}/jquery/dist/jquery.min.js"
    slides.require_js_url = f"{VENDOR}/requirejs/require.js"
    slides.mathjax_url = f"{VENDOR}/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
    slides.exclude_input_prompt = True
    slides.exclude_output_prompt = True
    return slides


def main(argv) -> int:
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    slides = exporter()
    for path in paths:
        body, _ = slides.from_notebook_node(as_slides(nbformat.read(path, as_version=4)))
        out = HERE / f"{path.stem}.slides.html"
        out.write_text(body, encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(body) / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
