"""Every control of every explorer, in a real JupyterLab, redraws the explorer's figure.

Each notebook is opened and run once; then every explorer box in it (a widget box with a
figure, quizzes excluded) is found and each of its controls is changed in turn: every
slider with the keyboard (End, then Home, or the other way round when it starts at its
maximum), every dropdown to each of its other options, every checkbox off and on again.
After each change the explorer's figure (the ``src`` of its ``img``, a PNG data URI) must
differ from before, and no output may show a traceback.

The threshold explorers' numbers are checked as well: at its lowest threshold the
classification explorer counts more true and false positives than at 0.5, out of the same
cases, and the binarisation explorer (notebook 06) predicts more pixels as object.

``EXPECTED`` names the controls each notebook's explorers must have, so an explorer that
fails to render, or loses a control, fails here; controls not listed are still exercised.
Last, every slider's track must be wide enough to drag with the mouse.
"""

import re

import pytest

from .lab import (
    Stopwatch,
    explorers,
    figure_source,
    press_on_slider,
    slider_at_maximum,
    slider_disabled,
    slider_label,
    slider_readout,
    stderr_outputs,
    tracebacks,
    wait_for_new_figure,
)

# notebook -> one entry per explorer, in page order: the start of each control's label
# (sliders first, then dropdowns and checkboxes).
EXPECTED = {
    "01_loss_vs_metric.ipynb": [["learning rate α", "steps"]],
    "02_entropy.ipynb": [["score None", "score Offensive", "score Hate", "target"]],
    "03_cross_entropy_and_focal_loss.ipynb": [["γ (focusing)", "α (weight of objects)"]],
    "04_confusion_matrix.ipynb": [["threshold"]],
    "05_roc_pr.ipynb": [["separation d"], ["prevalence"], ["threshold"]],
    "06_iou_dice_map.ipynb": [["threshold"],
                              ["shift x", "shift y", "width ×", "height ×", "IoU threshold"],
                              ["IoU threshold"]],
    "07_regression_and_ranking.ipynb": [["outlier y", "which point", "residuals of"],
                                        ["k", "order", "grade: IoU, Dice and mAP"]],
    "08_generative_evaluation.ipynb": [["noise (std)", "blur (px)", "shift (px)"],
                                       ["classes dropped"]],
}

# The shortest slider track (pixels) a learner can still drag with some precision.
MIN_TRACK_PX = 60


def _confusion_counts(status):
    return {name: int(n) for n, name in re.findall(
        r"(\d+) (true positives|false positives|false negatives|true negatives)", status)}


def _check_threshold_numbers(before, after):
    """The threshold explorer's numbers, from its start (0.5) to its lowest threshold."""
    assert before.startswith("Threshold 0.5"), before
    counts_before, counts_after = _confusion_counts(before), _confusion_counts(after)
    assert len(counts_before) == len(counts_after) == 4, (before, after)
    # A lower threshold calls more cases positive: more true and false positives.
    assert counts_after["true positives"] >= counts_before["true positives"]
    assert counts_after["false positives"] > counts_before["false positives"]
    assert sum(counts_after.values()) == sum(counts_before.values())


def _controls(box):
    """(kind, label, locator) of every slider, dropdown and checkbox in an explorer box."""
    found = []
    for kind, selector in (("slider", ".widget-slider"), ("dropdown", ".widget-dropdown"),
                           ("checkbox", ".widget-checkbox")):
        for control in box.locator(selector).all():
            texts = [t.strip() for t in control.locator("label").all_inner_texts()]
            label = next((t for t in texts if t), "") or control.inner_text().strip()
            found.append((kind, label, control))
    return found


def _move_slider(page, box, label, slider):
    assert not slider_disabled(slider), f"slider '{label}' is disabled"
    keys = ("Home", "End") if slider_at_maximum(slider) else ("End", "Home")
    for key in keys:
        figure, readout = figure_source(box), slider_readout(slider)
        press_on_slider(page, slider, key)
        what = f"slider '{label}' {key} ({readout} -> {slider_readout(slider)})"
        assert slider_readout(slider) != readout, f"{what}: the slider did not move"
        wait_for_new_figure(page, box, figure, what)


def _change_dropdown(page, box, label, dropdown):
    select = dropdown.locator("select")
    assert select.is_enabled(), f"dropdown '{label}' is disabled"
    current = select.evaluate("s => s.options[s.selectedIndex].text")
    others = [o for o in select.locator("option").all_inner_texts() if o != current]
    assert others, f"dropdown '{label}' offers only '{current}'"
    for option in others:
        figure = figure_source(box)
        select.scroll_into_view_if_needed()
        select.select_option(label=option)
        wait_for_new_figure(page, box, figure, f"dropdown '{label}' -> '{option}'")


def _toggle_checkbox(page, box, label, checkbox):
    tick = checkbox.locator("input[type='checkbox']")
    assert tick.is_enabled(), f"checkbox '{label}' is disabled"
    for _ in range(2):
        figure, was = figure_source(box), tick.is_checked()
        tick.scroll_into_view_if_needed()
        tick.click()
        wait_for_new_figure(page, box, figure, f"checkbox '{label}' {was} -> {not was}")


def _check_mask_numbers(before, after):
    """The binarisation explorer's numbers, from its start (0.5) to threshold 0."""
    assert before.startswith("Threshold 0.50"), before
    assert after.startswith("Threshold 0.00"), after
    predicted = [int(re.search(r"([\d,]+) pixels predicted object", text).group(1).replace(",", ""))
                 for text in (before, after)]
    # At threshold 0 every pixel is called object: the mask can only grow.
    assert predicted[1] > predicted[0], (before, after)


@pytest.mark.parametrize("notebook", list(EXPECTED))
def test_every_explorer_control_redraws_the_figure(lab_page, tmp_path, notebook):
    clock = Stopwatch()
    page = lab_page(notebook)
    clock.lap("open and run all")
    assert tracebacks(page) == []

    boxes = explorers(page)
    found = [[label for _, label, _ in _controls(box)] for box in boxes]
    expected = EXPECTED[notebook]
    assert len(found) == len(expected), (
        f"{notebook}: expected {len(expected)} live explorer(s), found {found}")
    for want, have in zip(expected, found):
        for label in want:
            assert any(h.startswith(label) for h in have), (
                f"{notebook}: no control '{label}' in the explorer with {have}")

    for box, labels in zip(boxes, found):
        figure_before = figure_source(box)
        assert figure_before.startswith(("data:image/png;base64,", "blob:"))
        status = box.locator(".widget-html").first
        status_before = status.inner_text()
        for kind, label, control in _controls(box):
            if kind == "slider":
                _move_slider(page, box, label, control)
            elif kind == "dropdown":
                _change_dropdown(page, box, label, control)
            else:
                _toggle_checkbox(page, box, label, control)
            clock.lap(f"{kind} '{label}'")
            assert tracebacks(box) == [], f"{kind} '{label}' raised in the explorer"
            assert stderr_outputs(box) == [], f"{kind} '{label}' wrote to stderr"
        if labels == ["threshold"]:
            # The slider went from 0.5 to its maximum (End), then its minimum (Home).
            check = (_check_mask_numbers if notebook.startswith("06_")
                     else _check_threshold_numbers)
            check(status_before, status.inner_text())
        # Kept with pytest's temporary files, for a person to look at after a failure.
        box.scroll_into_view_if_needed()
        index = box.get_attribute("data-explorer")
        page.screenshot(path=str(tmp_path / f"{notebook[:2]}_explorer{index}.png"))

    assert tracebacks(page) == []

    # A learner drags sliders with the mouse: each track must be long enough to aim at.
    # (A long description with description_width "initial" can squeeze it to nothing.)
    narrow = {}
    for box in boxes:
        for slider in box.locator(".widget-slider").all():
            width = slider.locator(".noUi-target").first.bounding_box()["width"]
            if width < MIN_TRACK_PX:
                narrow[slider_label(slider)] = round(width)
    assert not narrow, f"slider tracks narrower than {MIN_TRACK_PX} px: {narrow}"
