"""What the stored notebooks promise a reader: static twins, named sources, readable figures."""

import base64
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

import lecturelib.explorers

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

# Each explorer and the figure function that draws its static twin (the same figure at
# fixed settings, for GitHub, slides and readers without a kernel).
STATIC_TWIN = {
    "learning_rate_explorer": "gradient_descent_figure",
    "focal_loss_explorer": "focal_loss_figure",
    "class_separation_explorer": "class_separation_figure",
    "prevalence_explorer": "prevalence_figure",
    "threshold_explorer": "threshold_figure",
    "cross_entropy_explorer": "cross_entropy_figure",
    "binarisation_explorer": "binarisation_figure",
    "box_iou_explorer": "box_iou_figure",
    "ap_explorer": "ap_figure",
    "outlier_explorer": "outlier_figure",
    "ranking_explorer": "ranking_figure",
    "degradation_explorer": "degradation_figure",
    "mode_collapse_explorer": "mode_collapse_figure",
}


def _code(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def test_every_explorer_has_a_known_static_twin():
    explorers = {name for name in lecturelib.explorers.__all__ if name.endswith("_explorer")}
    assert explorers <= set(STATIC_TWIN), (
        f"add the static-twin figure of {sorted(explorers - set(STATIC_TWIN))} to STATIC_TWIN")
    for explorer in explorers:
        assert STATIC_TWIN[explorer] in lecturelib.explorers.__all__, STATIC_TWIN[explorer]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_explorer_call_has_its_static_twin_in_the_same_notebook(path):
    cells = _code(path)
    for explorer, figure in STATIC_TWIN.items():
        calls = [c for c in cells if re.search(rf"\b{explorer}\(", c.source)]
        if not calls:
            continue
        twins = [c for c in cells if re.search(rf"\b{figure}\(", c.source)
                 and not c.source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT")]
        assert twins, f"{path.name} calls {explorer} but never draws {figure} statically"
        assert any("image/png" in o.get("data", {}) for c in twins for o in c.outputs), (
            f"{path.name}: the static {figure} has no stored image")


@pytest.mark.parametrize("path", [*NOTEBOOKS, ROOT / "README.md", ROOT / "README.ko.md"],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_learners_never_meet_internal_seed_numbers(path):
    if path.suffix == ".md":
        texts = [path.read_text(encoding="utf-8")]
    else:
        nb = nbformat.read(path, as_version=4)
        texts = [c.source for c in nb.cells]
        texts += [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    for text in texts:
        assert not re.search(r"\bseeds?\s*0\d\d\b", text, re.I), text[:200]


def _stored_pngs(path):
    for cell in _code(path):
        for output in cell.outputs:
            data = output.get("data", {})
            if "image/png" in data:
                yield base64.b64decode(data["image/png"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_stored_figures_are_opaque_so_dark_themes_keep_them_readable(path):
    from PIL import Image

    for png in _stored_pngs(path):
        image = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))
        assert (image[..., 3] == 255).all(), f"{path.name}: a figure has transparent pixels"
        corners = image[[0, 0, -1, -1], [0, -1, 0, -1], :3]
        assert (corners >= 250).all(), f"{path.name}: a figure's background is not white"
