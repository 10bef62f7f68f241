"""The kernel-free explorers (frames/<notebook>/<n>.json) are there, complete and small.

`make notebooks` executes each English course notebook with LECTURELIB_FRAMES set, and each
explorer it creates writes the frames of its kernel-free version (lecturelib/explorers/
_frames.py). The slide decks (and the course pages) show them where the notebook's explorer
cell is. Checked without a browser: one frames file per explorer cell, in order; every file
within the budget of 1.5 MB; a frame for every point of the grid, with its status line in
every language of the course; the first frame the one of the controls' starting values.
The browser test (tests/browser/test_slide_decks.py) drags them in every deck.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

import nbformat
import pytest

from lecturelib import i18n
from lecturelib.explorers import _frames

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "slides"))

import build_slides as slides  # noqa: E402

ENGLISH = [p for p in slides.course_notebooks() if p.parent.name == "notebooks"]


def _explorer_cells(nb):
    return [cell for cell in nb.cells
            if cell.cell_type == "code" and cell.source.startswith(slides.IGNORE_MARKER)
            and slides.EXPLORER_CALL.search(cell.source)
            and slides.slide_type(cell) != "skip"]


def _grid_size(bundle):
    sizes = [len(control["values"]) for control in bundle["controls"]]
    if bundle.get("one_at_a_time"):
        return 1 + sum(size - 1 for size in sizes)
    total = 1
    for size in sizes:
        total *= size
    return total


@pytest.mark.parametrize("notebook", ENGLISH, ids=lambda p: p.stem)
def test_every_explorer_cell_has_its_kernel_free_frames(notebook):
    nb = nbformat.read(notebook, as_version=4)
    files = sorted((slides.FRAMES / notebook.stem).glob("*.json"), key=lambda p: int(p.stem))
    assert len(files) == len(_explorer_cells(nb)), (
        f"{notebook.name}: {len(_explorer_cells(nb))} explorer cells, {len(files)} frames "
        "files: run `make notebooks`")
    for path in files:
        size = path.stat().st_size
        assert size <= _frames.BUDGET_BYTES, (
            f"{path.relative_to(ROOT)} is {size / 1e6:.2f} MB, over the budget of "
            f"{_frames.BUDGET_BYTES / 1e6:.1f} MB")
        bundle = json.loads(path.read_text(encoding="utf-8"))
        count = _grid_size(bundle)
        assert len(bundle["frames"]) == count, path
        assert set(bundle["messages"]) == set(i18n.LANGUAGES), path
        for language, messages in bundle["messages"].items():
            assert len(messages) == count and all(messages), (path, language)
        for control in bundle["controls"]:
            assert set(control["labels"]) == set(i18n.LANGUAGES), path
            assert len(control["readout"]) == len(control["values"])
            assert 0 <= control["initial"] < len(control["values"])


@pytest.mark.parametrize("notebook", ENGLISH, ids=lambda p: p.stem)
def test_frames_are_images_of_the_stated_size(notebook):
    from PIL import Image

    for path in sorted((slides.FRAMES / notebook.stem).glob("*.json")):
        bundle = json.loads(path.read_text(encoding="utf-8"))
        for frame in (bundle["frames"][0], bundle["frames"][-1]):
            image = Image.open(io.BytesIO(base64.b64decode(frame)))
            assert image.format == "WEBP"
            assert image.size == (bundle["width"], bundle["height"]), path


def test_the_korean_status_lines_are_korean():
    hangul = 0
    for notebook in ENGLISH:
        for path in (slides.FRAMES / notebook.stem).glob("*.json"):
            messages = json.loads(path.read_text(encoding="utf-8"))["messages"]["ko"]
            hangul += any("\uac00" <= ch <= "\ud7a3" for ch in messages[0])
    assert hangul == sum(len(list((slides.FRAMES / nb.stem).glob("*.json")))
                         for nb in ENGLISH)


def test_controls_are_labelled_in_the_notebooks_language():
    from lecturelib.explorers import threshold_explorer
    from lecturelib.explorers._frames import kernel_free_html

    y, score = [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]
    try:
        i18n.set_language("ko")
        assert threshold_explorer(y, score).controls["threshold"].description == "임계값"
    finally:
        i18n.set_language("en")
    assert threshold_explorer(y, score).controls["threshold"].description == "threshold"
    # A kernel-free explorer shows the label of the page's language.
    path = next((slides.FRAMES / "04_confusion_matrix").glob("*.json"))
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert bundle["controls"][0]["labels"] == {"en": "threshold", "ko": "임계값"}
    assert "임계값 <input" in kernel_free_html(bundle, "ko")
    assert "threshold <input" in kernel_free_html(bundle, "en")
