"""Live slides: a notebook presented with RISE keeps its explorers live on the slides.

A lecturer opens the notebook in JupyterLab and runs it, then opens it as a slideshow with
RISE (the command "Open as Reveal Slideshow": a new browser tab at ``/rise/<notebook>``,
full screen on a 1280x720 projector). RISE builds the slides from the cells' slide marks
(``metadata.slideshow.slide_type``) and joins the notebook's kernel session, so the slides
show the outputs just computed and the explorers talk to the same kernel. The lecturer
pages forward with Space (as a presenter's clicker does) until the slide with the
explorer, drags one of its sliders with the mouse (on a slide, the arrow keys, Home and End
change slides), and the figure redraws: on the slide, and in the notebook tab behind it.

Checked on the way: RISE joins the notebook's kernel session (no second kernel), the
slideshow asks nothing of the network (RISE is served by the Jupyter server; the notebook's
own links, such as the Colab badge, are the only other addresses allowed), the explorer
fits on the slide at no less than 3/4 of its drawn size, and no output on the slide shows a
traceback or stderr.

On its own, RISE 0.43.1 cannot load ipywidgets 8's widget manager in its slideshow page
(its page is built with JupyterLab 4.3 and does not share @jupyterlab/console, which the
manager asks for; jupyterlab-contrib/rise issue 119), and the explorer's slide shows the
explorer's static text. The course's small JupyterLab extension loss-metric-lab-rise-widgets
(live_slides/, installed by live_slides/install.py) shares a stand-in @jupyterlab/console on
that page, so the widgets load: the test fails, naming the extension, if they do not.
"""

import importlib.util
import json
import os
import re
import urllib.request

import pytest

from .lab import (
    Stopwatch,
    figure_image,
    explorers,
    figure_source,
    slider_label,
    slider_readout,
    stderr_outputs,
    tracebacks,
    wait_until_idle,
)

# One explorer per notebook is presented; every explorer's controls are covered in
# JupyterLab by test_explorers_in_jupyterlab.py.
NOTEBOOKS = ["02_entropy.ipynb", "04_confusion_matrix.ipynb"]

# A projector, as tests/browser/decks.py measures the static decks.
PROJECTOR = {"width": 1280, "height": 720}

# The innermost slide on screen: a slide with subslides is a stack of sections.
PRESENT = ".reveal .slides section.present:not(.stack)"

# True when the slide on screen holds a code cell that calls an explorer.
_EXPLORER_ON_SLIDE = r"""() => {
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
    return !!slide && [...slide.querySelectorAll('.jp-CodeCell .jp-InputArea')]
        .some(input => /\b\w+_explorer\(/.test(input.textContent));
}"""

# On the explorer's slide: "live" once a slider is drawn, "static" when the explorer's
# output is drawn from its text fallback (no widget manager in the page), else null.
_EXPLORER_STATE = r"""() => {
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
    if (slide.querySelector('.widget-slider .noUi-handle')) return 'live';
    const cell = [...slide.querySelectorAll('.jp-CodeCell')].find(c =>
        /\b\w+_explorer\(/.test(c.querySelector('.jp-InputArea').textContent));
    const first = cell && cell.querySelector('.jp-OutputArea-output');
    const mime = first && first.getAttribute('data-mime-type');
    return mime === 'text/html' || mime === 'text/plain' ? 'static' : null;
}"""

# Where the slideshow is: the slide (reveal.js keeps it in the address) and how many
# fragments are shown. Space moves to the next fragment, subslide or slide.
_POSITION = """() => location.hash + ' ' +
    document.querySelectorAll('.reveal .slides .fragment.visible').length"""

# True once the slide on screen has stopped moving (reveal.js animates each change of
# slide): its position is the same on two polls in a row and it is fully opaque.
_SLIDE_SETTLED = """() => {
    const slide = document.querySelector('.reveal .slides section.present:not(.stack)');
    const r = slide.getBoundingClientRect();
    const now = [r.x, r.y, r.width, r.height].join();
    const settled = now === window.__slideAt && getComputedStyle(slide).opacity === '1';
    window.__slideAt = now;
    return settled;
}"""

_FIGURE_CHANGED = """([box, before]) => {
    const img = box.querySelector('img');
    return img !== null && !!img.getAttribute('src') && img.getAttribute('src') !== before;
}"""

# What RISE 0.43.1 logs when it cannot load ipywidgets 8's widget manager: its page is
# built with JupyterLab 4.3 and does not share @jupyterlab/console, which the manager needs
# (jupyterlab-contrib/rise issue 119). The loss-metric-lab-rise-widgets extension shares it.
_NO_WIDGET_MANAGER = "Shared module @jupyterlab/console doesn't exist"
_EXTENSION = "loss-metric-lab-rise-widgets"


def _notebook_links(jupyterlab, notebook):
    """The addresses a notebook's markdown links to (its Colab badge): fetched by any view."""
    with urllib.request.urlopen(f"{jupyterlab.base}/api/contents/{notebook}"
                                f"?token={jupyterlab.token}", timeout=30) as reply:
        cells = json.load(reply)["content"]["cells"]
    text = "\n".join(cell["source"] for cell in cells if cell["cell_type"] == "markdown")
    return set(re.findall(r"https?://[^\s)\"'<>]+", text))


def _sessions(jupyterlab, notebook):
    with urllib.request.urlopen(f"{jupyterlab.base}/api/sessions?token={jupyterlab.token}",
                                timeout=30) as reply:
        return [s for s in json.load(reply) if s["path"] == notebook]


def _open_slideshow(page):
    """From the first cell, run "Open as Reveal Slideshow" and return the slideshow's tab.

    RISE starts at the slide of the selected cell. The first cell is selected by its prompt
    area (its middle may be a link, such as the Colab badge)."""
    page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")
    page.locator(".lm-CommandPalette-input").fill("Open as Reveal Slideshow")
    with page.context.expect_page(timeout=30_000) as opened:
        page.locator(".lm-CommandPalette-item[data-command='RISE:slideshow']").click()
    rise = opened.value
    rise.set_viewport_size(PROJECTOR)
    rise.wait_for_selector(".reveal.ready .slides section.present", timeout=90_000)
    return rise


def _page_to_explorer(rise):
    """Press Space until the slide on screen holds an explorer; the number of presses."""
    presses = 0
    while not rise.evaluate(_EXPLORER_ON_SLIDE):
        before = rise.evaluate(_POSITION)
        rise.keyboard.press("Space")
        presses += 1
        try:
            rise.wait_for_function(f"before => ({_POSITION})() !== before", arg=before,
                                   timeout=20_000)
        except Exception as error:  # noqa: BLE001 - a Playwright timeout, reported plainly
            raise AssertionError(f"no slide after {before} ({presses} presses of Space), "
                                 "and no explorer on any slide") from error
    rise.wait_for_function(_SLIDE_SETTLED, timeout=30_000, polling=200)
    return presses


def _drag_slider(rise, slider):
    """Drag the slider's handle with the mouse to the far quarter of its track."""
    handle = slider.locator(".noUi-handle").first
    track = slider.locator(".noUi-target").first.bounding_box()
    grip = handle.bounding_box()
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    left_half = x < track["x"] + track["width"] / 2
    target = track["x"] + track["width"] * (0.9 if left_half else 0.1)
    rise.mouse.move(x, y)
    rise.mouse.down()
    rise.mouse.move(target, y, steps=10)
    rise.mouse.up()


def _check_fits(rise, box, what):
    """The explorer's first slider and its figure lie on the slide, drawn at a legible size."""
    width, height = PROJECTOR["width"], PROJECTOR["height"]
    for name, part in (("slider", box.locator(".widget-slider").first),
                       ("figure", box.locator("img").first)):
        r = part.bounding_box()
        on_slide = (r is not None and r["x"] >= 0 and r["y"] >= 0
                    and r["x"] + r["width"] <= width + 1 and r["y"] + r["height"] <= height + 1)
        assert on_slide, (f"{what}: the explorer's {name} is not on the {width}x{height} "
                          f"slide (drawn at {r}); give it a slide of its own, or put less "
                          "above it")
    drawn, natural = box.locator("img").first.evaluate(
        "img => [img.getBoundingClientRect().width, img.naturalWidth]")
    assert drawn >= 0.75 * natural, (
        f"{what}: the explorer's figure is drawn {drawn:.0f} px wide of its {natural} px")


def _require_rise():
    """RISE comes with the `lab` extra (`make test` installs it); skip where it is missing."""
    if importlib.util.find_spec("jupyterlab_rise") is None:
        message = "jupyterlab-rise is not installed (pip install -e '.[lab]')."
        if os.environ.get("CI"):
            pytest.fail(message + " CI installs the lab extra: see the Makefile.")
        pytest.skip(message + " The live-slides test needs it.")


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_explorer_stays_live_on_a_rise_slide(jupyterlab, lab_page, tmp_path, notebook):
    _require_rise()
    clock = Stopwatch()
    page = lab_page(notebook)
    clock.lap("open and run all in JupyterLab")
    lab_boxes = explorers(page)
    assert lab_boxes, f"{notebook}: no explorer after running the notebook"

    # Every request of the slideshow's tab is recorded; any that leaves the server is
    # refused, as on a projector laptop without a network.
    allowed, outside, console = _notebook_links(jupyterlab, notebook), [], []

    def only_the_server(route):
        if route.request.url.startswith((jupyterlab.base, "data:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_the_server)
    page.context.on("console", lambda m: console.append(m.text)
                    if m.page is not page and m.type in ("error", "warning") else None)
    rise = _open_slideshow(page)
    clock.lap("open the slideshow")
    sessions = _sessions(jupyterlab, notebook)
    assert len(sessions) == 1, (
        f"{notebook}: RISE started its own kernel instead of joining the notebook's: {sessions}")

    presses = _page_to_explorer(rise)
    slide = rise.locator(PRESENT)
    where = rise.evaluate("location.hash")
    what = f"{notebook}, the explorer's slide ({where}, after {presses} × Space)"
    clock.lap(f"page to the explorer ({presses} slides or fragments)")
    refused = sorted({url for url in outside if not any(url.startswith(a) for a in allowed)})
    assert not refused, (f"{notebook}: the slideshow asked the network for {refused} (a "
                         "reveal.js theme other than white, black or serif loads web fonts: "
                         'set the notebook\'s metadata "rise": {"theme": "white"})')

    try:
        rise.wait_for_function(_EXPLORER_STATE, timeout=90_000, polling=250)
    except Exception as error:  # noqa: BLE001 - a Playwright timeout, reported plainly
        rise.screenshot(path=str(tmp_path / f"rise_{notebook[:2]}_no_widget.png"))
        raise AssertionError(f"{what}: no live explorer and no static one within 90 s; "
                             f"console: {console}") from error
    if rise.evaluate(_EXPLORER_STATE) == "static":
        rise.screenshot(path=str(tmp_path / f"rise_{notebook[:2]}_static.png"))
        if any(_NO_WIDGET_MANAGER in text for text in console):
            pytest.fail(f"{what}: the explorer is drawn from its static fallback: RISE's page "
                        "could not load ipywidgets 8's widget manager for want of "
                        "@jupyterlab/console (jupyterlab-contrib/rise issue 119), which the "
                        f"{_EXTENSION} JupyterLab extension provides. Is it installed (python "
                        "live_slides/install.py) and enabled (jupyter labextension list)?")
        pytest.fail(f"{what}: the explorer is drawn from its static fallback, not live; "
                    f"console: {console}")

    boxes = [box for box in explorers(rise)
             if box.evaluate("b => !!b.closest('section.present')")]
    assert boxes, f"{what}: a slider but no explorer box (a widget box with a figure)"
    box = boxes[0]
    slider = box.locator(".widget-slider").first
    label, readout = slider_label(slider), slider_readout(slider)
    figure = figure_source(box)
    assert figure.startswith(("data:image/png;base64,", "blob:")), f"{what}: no figure"
    assert tracebacks(slide) == [] and stderr_outputs(slide) == [], (
        f"{what}: errors on the slide: {tracebacks(slide) + stderr_outputs(slide)}")
    # Kept with pytest's temporary files, for a person to look at.
    rise.screenshot(path=str(tmp_path / f"rise_{notebook[:2]}_before.png"))
    _check_fits(rise, box, what)

    slide_before = rise.evaluate("location.hash")
    _drag_slider(rise, slider)
    moved = f"{what}: slider '{label}' dragged from {readout}"
    assert rise.evaluate("location.hash") == slide_before, f"{moved}: the slide changed"
    try:
        rise.wait_for_function(_FIGURE_CHANGED, arg=[box.element_handle(), figure],
                               timeout=60_000, polling=100)
    except Exception as error:  # noqa: BLE001 - a Playwright timeout, reported plainly
        message = (f"{moved} to {slider_readout(slider)}: the figure was not redrawn within "
                   f"60 s (errors: {tracebacks(slide) or 'none'})")
        raise AssertionError(message) from error
    wait_until_idle(page)
    clock.lap(f"drag '{label}' and redraw")
    after = slider_readout(slider)
    assert after != readout, f"{moved}: the slider did not move"
    figure_image(box).load()  # a whole picture, not a partial redraw
    assert tracebacks(slide) == [] and stderr_outputs(slide) == [], (
        f"{moved} to {after}: errors on the slide: {tracebacks(slide) + stderr_outputs(slide)}")
    rise.screenshot(path=str(tmp_path / f"rise_{notebook[:2]}_after.png"))

    # The same kernel and widget: the notebook tab behind the slideshow follows.
    lab_slider = next((s for b in lab_boxes for s in b.locator(".widget-slider").all()
                       if slider_label(s) == label), None)
    assert lab_slider is not None, f"{notebook}: no slider '{label}' in JupyterLab"
    page.wait_for_function("([el, want]) => el.textContent.trim() === want",
                           arg=[lab_slider.locator(".widget-readout").first.element_handle(),
                                after], timeout=30_000)
    rise.close()
