"""Notebook 04 in a real JupyterLab: the threshold slider moves the confusion matrix and metrics."""

import re


def _errors(page):
    return [t for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Traceback" in t]


def _counts(status):
    return {name: int(n) for n, name in re.findall(
        r"(\d+) (true positives|false positives|false negatives|true negatives)", status)}


def test_threshold_slider_updates_matrix_and_metrics(lab_page, wait_until_idle, tmp_path):
    page = lab_page("04_confusion_matrix.ipynb")
    assert _errors(page) == []

    slider = page.locator(".widget-slider:has(.widget-label:text-is('threshold'))").first
    explorer = page.locator(".widget-vbox:has(.widget-label:text-is('threshold'))").last
    status = explorer.locator(".widget-html").first
    image = explorer.locator("img").first
    image.wait_for(timeout=30_000)
    status_before, image_before = status.inner_text(), image.get_attribute("src")
    counts_before = _counts(status_before)
    assert status_before.startswith("Threshold 0.5")

    handle = slider.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    # Home jumps to the lowest threshold: every tumour is called malignant.
    page.keyboard.press("Home")
    wait_until_idle(page)
    page.wait_for_timeout(500)
    wait_until_idle(page)

    status_after = status.inner_text()
    assert status_after != status_before, "the metrics did not change"
    counts_after = _counts(status_after)
    # A lower threshold calls more tumours malignant: more true and false positives.
    assert counts_after["true positives"] >= counts_before["true positives"]
    assert counts_after["false positives"] > counts_before["false positives"]
    assert sum(counts_after.values()) == sum(counts_before.values())
    assert image.get_attribute("src") != image_before, "the confusion matrix was not redrawn"
    assert not status_after.startswith("Threshold 0.5:")
    assert _errors(page) == []
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "threshold.png"))
