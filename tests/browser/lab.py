"""Helpers for driving notebooks and their widgets in a JupyterLab page (Playwright, sync API).

An *explorer* is the innermost ``.widget-vbox`` that holds a figure (``img``); a quiz is a
``.widget-vbox`` with a "Check" button and is never an explorer. Explorers send each new
frame into an ipywidgets ``Image``, which shows it under a new ``blob:`` URL, so "the figure
changed" means the ``src`` of the box's ``img`` changed.
"""

from __future__ import annotations

import base64
import io
import time

# The kernel-status indicator of the notebook on screen (hidden tabs have their own).
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle'] >> visible=true"

# Marks each explorer box with data-explorer="0", "1", ... in document order and returns
# how many there are. Innermost boxes only: a box that merely contains an explorer is skipped.
_MARK_EXPLORERS = """() => {
    const boxes = [...document.querySelectorAll('.jp-Notebook .widget-vbox')].filter(box =>
        box.querySelector('img')
        && ![...box.querySelectorAll('button')].some(b => b.textContent.trim() === 'Check')
        && ![...box.querySelectorAll('.widget-vbox')].some(inner => inner.querySelector('img')));
    boxes.forEach((box, i) => box.setAttribute('data-explorer', String(i)));
    return boxes.length;
}"""

# True once the figure of ``box`` is an image whose src differs from ``before``.
_FIGURE_CHANGED = """([box, before]) => {
    const img = box.querySelector('img');
    return img !== null && !!img.getAttribute('src') && img.getAttribute('src') !== before;
}"""


def wait_until_idle(page, timeout_s=60):
    """Wait until the kernel of the notebook on screen is idle."""
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)


# True when the status bar says a kernel is connected and idle ("Python 3 (ipykernel) | Idle").
# The notebook's execution indicator alone reads "idle" before any kernel has started.
_KERNEL_READY = """() => [...document.querySelectorAll('.jp-StatusBar-Item')].some(item => {
    const text = item.textContent.trim();
    return text.endsWith('| Idle') && !text.startsWith('No Kernel');
})"""

# Code cells whose prompt shows no execution count: "[*]" (queued or running) or "[ ]".
_NOT_RUN = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .filter(p => !/\\[\\d+\\]/.test(p.textContent)).length"""


def wait_for_kernel(page, timeout_s=90):
    """Wait until the notebook's kernel has started, accepting JupyterLab's kernel dialog.

    JupyterLab sometimes asks which kernel to start; its proposal is the venv's Python.
    """
    dialog_button = page.locator(".jp-Dialog .jp-mod-accept")
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(_KERNEL_READY):
        if dialog_button.is_visible():
            dialog_button.click()
        assert time.monotonic() < deadline, f"no kernel started within {timeout_s} s"
        page.wait_for_timeout(200)
    wait_until_idle(page)


def run_all(page, timeout_s=180):
    """Clear all outputs, run every cell of the notebook on screen and wait until all have run.

    Clearing first means every output on the page afterwards is fresh, and that a cell
    which never ran shows up as a prompt without a number.
    """
    wait_until_idle(page)
    page.click(".lm-MenuBar-itemLabel:text-is('Edit')", timeout=10_000)
    page.click("[data-command='editmenu:clear-all']", timeout=10_000)
    page.wait_for_function(
        "() => !document.querySelector('.jp-Notebook .jp-OutputArea-output')", timeout=10_000)
    page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=10_000)
    page.click("[data-command='runmenu:run-all']", timeout=10_000)
    # Run All queues every code cell and marks it [*]; each gets its number once it has run.
    # A cell that raises stops the run: the cells after it lose their [*] and stay unnumbered.
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]"
        ".some(p => p.textContent.includes('*'))", timeout=timeout_s * 1000, polling=250)
    wait_until_idle(page, timeout_s)
    not_run = page.evaluate(_NOT_RUN)
    assert not_run == 0, (f"{not_run} code cell(s) did not run; tracebacks: "
                          f"{tracebacks(page) or 'none'}")


def tracebacks(page_or_box):
    """Texts of the outputs (in the page or in one widget box) that show a traceback."""
    texts = page_or_box.locator(".jp-OutputArea-output").all_inner_texts()
    return [t for t in texts if "Traceback" in t]


def stderr_outputs(page_or_box):
    """Texts of the stderr and error outputs (warnings, exceptions) in the page or a box."""
    selector = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    return page_or_box.locator(selector).all_inner_texts()


def explorers(page):
    """Locators of every explorer box of the notebook on screen, in document order."""
    count = page.evaluate(_MARK_EXPLORERS)
    return [page.locator(f"[data-explorer='{i}']") for i in range(count)]


def figure_source(box):
    """The ``src`` of the explorer's figure: a ``blob:`` URL (a live explorer's
    ipywidgets Image), new for every frame, or a ``data:`` URI."""
    image = box.locator("img").first
    image.wait_for(timeout=30_000)
    return image.get_attribute("src")


def wait_for_new_figure(page, box, before, what, timeout_s=60):
    """Wait until the figure of ``box`` differs from ``before``, then until the kernel is idle.

    Returns the new ``src``. Fails with ``what`` (the change that was made) in the message.
    """
    try:
        page.wait_for_function(_FIGURE_CHANGED, arg=[box.element_handle(), before],
                               timeout=timeout_s * 1000, polling=100)
    except Exception as error:  # noqa: BLE001 - a Playwright timeout, reported plainly
        raise AssertionError(f"{what}: the figure was not redrawn within {timeout_s} s "
                             f"(errors shown: {tracebacks(box) or 'none'})") from error
    wait_until_idle(page)
    return figure_source(box)


def slider_label(slider):
    return slider.locator(".widget-label").first.inner_text().strip()


def slider_readout(slider):
    return slider.locator(".widget-readout").first.inner_text().strip()


def slider_disabled(slider):
    target = slider.locator(".noUi-target").first
    return target.get_attribute("disabled") is not None


def press_on_slider(page, slider, key):
    """Focus the slider's handle and press ``key`` (ArrowRight, Home, End, ...)."""
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    page.keyboard.press(key)


def slider_at_maximum(slider):
    handle = slider.locator(".noUi-handle").first
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    return now is not None and top is not None and float(now) >= float(top)


# The bytes of an image as base64, whatever its src: a data URI or the blob: URL that an
# ipywidgets Image (a live explorer's figure) shows.
_IMAGE_BYTES = """async (img) => {
    const response = await fetch(img.getAttribute('src'));
    const bytes = new Uint8Array(await response.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192)
        text += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return btoa(text);
}"""


def image_of(img):
    """The picture an ``img`` element shows (a locator), as a Pillow image."""
    from PIL import Image

    return Image.open(io.BytesIO(base64.b64decode(img.evaluate(_IMAGE_BYTES))))


def figure_image(box):
    """The picture of an explorer's figure, as a Pillow image."""
    return image_of(box.locator("img").first)


def decode_png(data_uri):
    """A ``data:image/png;base64,...`` URI as a Pillow image."""
    from PIL import Image

    head, _, payload = data_uri.partition(",")
    assert head.startswith("data:image/png"), f"not a PNG data URI: {head[:40]}"
    return Image.open(io.BytesIO(base64.b64decode(payload)))


class Stopwatch:
    """Named laps, printed by pytest for a test that fails or with ``-s``."""

    def __init__(self):
        self.start = self.last = time.monotonic()
        self.laps = []

    def lap(self, name):
        now = time.monotonic()
        self.laps.append((name, now - self.last))
        self.last = now
        print(f"  {now - self.start:6.1f} s  {name} ({self.laps[-1][1]:.1f} s)")
