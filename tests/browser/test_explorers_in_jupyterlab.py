"""Moving an explorer's slider in a real JupyterLab redraws its figure and its numbers."""

import pytest


def _errors(page):
    return [t for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Traceback" in t]


def _explorer(page, label):
    """The explorer widget whose sliders include the one described by ``label``."""
    box = page.locator(f".widget-vbox:has(.widget-label:has-text('{label}'))").last
    box.wait_for(timeout=30_000)
    return box


def _figure_source(box):
    image = box.locator("img").first
    image.wait_for(timeout=30_000)
    return image.get_attribute("src")


def _move_slider(page, box, label, presses):
    slider = box.locator(f".widget-slider:has(.widget-label:has-text('{label}'))")
    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    return slider.locator(".widget-readout").inner_text()


def _wait_for_change(page, read, before, timeout_ms=20_000):
    waited = 0
    while read() == before and waited < timeout_ms:
        page.wait_for_timeout(250)
        waited += 250
    return read()


@pytest.mark.parametrize("notebook, label, presses, status_words", [
    ("03_cross_entropy_and_focal_loss.ipynb", "γ (focusing)", 10, "easy example"),
    ("01_loss_vs_metric.ipynb", "learning rate", 6, "after"),
])
def test_moving_the_slider_redraws(lab_page, wait_until_idle, tmp_path, notebook, label, presses,
                                   status_words):
    page = lab_page(notebook)
    assert _errors(page) == []
    box = _explorer(page, label)
    figure_before = _figure_source(box)
    status = box.locator(".widget-html").first
    status_before = status.inner_text()
    assert status_words in status_before

    readout = _move_slider(page, box, label, presses)
    figure_after = _wait_for_change(page, lambda: _figure_source(box), figure_before)
    # Each key press is a change; let the kernel finish redrawing for the last one.
    wait_until_idle(page)

    assert figure_after != figure_before, f"moving '{label}' to {readout} did not redraw"
    assert status.inner_text() != status_before, "the explorer's numbers did not update"
    assert _errors(page) == []
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"{notebook}.png"))
