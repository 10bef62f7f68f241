"""Under JupyterLab's dark theme the figures keep an opaque, white background.

Matplotlib draws dark text and lines; on a transparent figure they would vanish into a
dark page. The notebook is run in the dark theme, every figure (stored as a PNG data URI)
is decoded and checked, and a screenshot checks what a learner sees: a light figure on a
dark notebook.
"""

import json

import numpy as np
import pytest
from PIL import Image

from .lab import explorers, figure_image, figure_source, image_of, press_on_slider, tracebacks
from .lab import wait_for_new_figure

NOTEBOOK = "04_confusion_matrix.ipynb"
THEME_SETTINGS = ("@jupyterlab", "apputils-extension", "themes.jupyterlab-settings")


@pytest.fixture
def dark_theme(jupyterlab):
    """JupyterLab Dark for the pages loaded during one test (read at page load)."""
    path = jupyterlab.settings.joinpath(*THEME_SETTINGS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"theme": "JupyterLab Dark"}))
    yield
    path.unlink(missing_ok=True)


def _check_opaque_and_white(image, what):
    rgba = image.convert("RGBA")
    alpha_low, alpha_high = rgba.getchannel("A").getextrema()
    assert alpha_low == 255, f"{what} has transparent pixels (alpha down to {alpha_low})"
    corner = rgba.getpixel((0, 0))[:3]
    assert min(corner) >= 250, f"{what}: the corner pixel is {corner}, not white"


def _visible_box(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    left, top = max(box["x"], 0), max(box["y"], 0)
    right = min(box["x"] + box["width"], viewport["width"])
    bottom = min(box["y"] + box["height"], viewport["height"])
    assert right > left and bottom > top, "not on screen"
    return int(left), int(top), int(right), int(bottom)


def test_figures_stay_light_in_the_dark_theme(dark_theme, lab_page, tmp_path):
    page = lab_page(NOTEBOOK)
    assert tracebacks(page) == []
    assert page.evaluate("document.body.dataset.jpThemeName") == "JupyterLab Dark"
    assert page.evaluate("document.body.dataset.jpThemeLight") == "false"

    # Every figure of the notebook, the explorer's included, as the kernel just drew it.
    images = page.locator(".jp-Notebook .jp-OutputArea-output img")
    shown = [img for img in images.all() if img.get_attribute("src")]
    assert shown, "no figures rendered"
    for i, img in enumerate(shown):
        source = img.get_attribute("src")
        assert source.startswith(("data:image/png", "blob:")), f"figure {i + 1}: {source[:40]}"
        _check_opaque_and_white(image_of(img), f"figure {i + 1} of {len(shown)}")

    # What a learner sees: the first figure light, the notebook around it dark.
    first = images.first
    first.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # no hover highlight over the cells
    page.wait_for_timeout(300)
    shot_path = tmp_path / "dark_theme.png"
    page.screenshot(path=str(shot_path))
    shot = np.asarray(Image.open(shot_path).convert("L"))
    left, top, right, bottom = _visible_box(page, first)
    figure = shot[top + 2:bottom - 2, left + 2:right - 2]  # 2 px in: no page pixels
    share_light = (figure >= 128).mean()
    assert share_light > 0.8, f"only {share_light:.0%} of the first figure is light"
    frame = np.concatenate([figure[:4].ravel(), figure[-4:].ravel(),
                            figure[:, :4].ravel(), figure[:, -4:].ravel()])
    share_white = (frame >= 240).mean()
    assert share_white > 0.9, f"the first figure's edge is only {share_white:.0%} white"

    # The notebook panel with every image on screen cut out: mostly dark.
    p_left, p_top, p_right, p_bottom = _visible_box(page, page.locator(".jp-Notebook").first)
    around = np.zeros(shot.shape, dtype=bool)
    around[p_top:p_bottom, p_left:p_right] = True
    for img in images.all():
        box = img.bounding_box()
        if box:
            x0, y0 = max(int(box["x"]) - 2, 0), max(int(box["y"]) - 2, 0)
            around[y0:int(box["y"] + box["height"]) + 3, x0:int(box["x"] + box["width"]) + 3] = False
    share_dark = (shot[around] < 80).mean()
    assert share_dark > 0.8, f"only {share_dark:.0%} of the notebook around the figures is dark"
    # One pixel of the notebook's background, right of the cells' contents.
    pixel = shot[(p_top + p_bottom) // 2, p_right - 8]
    assert pixel < 80, f"the notebook background is not dark (luminance {pixel})"

    # A figure the explorer redraws under the dark theme is opaque and white as well.
    (box,) = explorers(page)
    before = figure_source(box)
    press_on_slider(page, box.locator(".widget-slider").first, "Home")
    wait_for_new_figure(page, box, before, "threshold slider Home")
    _check_opaque_and_white(figure_image(box), "the redrawn threshold figure")
    assert tracebacks(page) == []
