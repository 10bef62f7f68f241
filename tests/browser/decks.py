"""Open a slide deck as a projector laptop would and measure every slide.

:func:`inspect_deck` opens a deck from ``file://`` in headless Chromium at 1280x720 with
every network request blocked and recorded, waits for reveal.js and MathJax, then visits
each slide and measures how far its content runs past the slide and how large its figures
are drawn. Used by tests/browser/test_slide_decks.py; also a command for authors marking a
notebook: ``python -m tests.browser.decks [--shots DIR] DECK.html ...`` prints every slide's
measurements and the slides that do not fit (``--shots``: a PNG of every slide into DIR).
"""

from __future__ import annotations

import sys
from pathlib import Path

VIEWPORT = {"width": 1280, "height": 720}
#: A figure drawn smaller than this (in slide pixels, of 720) is too small to read on a projector.
MIN_FIGURE_HEIGHT = 260
#: A figure as wide as the slide's text (1280 less the margins) cannot be drawn larger.
FULL_WIDTH = 1140

MEASURE = """() => {
  const scale = Reveal.getScale();
  return Reveal.getSlides().map((slide) => {
    const indices = Reveal.getIndices(slide);
    indices.v = indices.v || 0;
    Reveal.slide(indices.h, indices.v, 0);
    const body = slide.querySelector('.slide-body');
    const box = body.getBoundingClientRect();
    let bottom = 0, right = 0;
    for (const el of body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      bottom = Math.max(bottom, (r.bottom - box.top) / scale);
      right = Math.max(right, (r.right - box.left) / scale);
    }
    // A block that scrolls or clips its own content (a long printed line, a wide table).
    for (const el of body.querySelectorAll('pre, table, .html-output, .figure')) {
      right = Math.max(right, body.clientWidth + el.scrollWidth - el.clientWidth);
      bottom = Math.max(bottom, body.clientHeight + el.scrollHeight - el.clientHeight);
    }
    const heading = slide.querySelector('h1, h2, h3, h4');
    // An image is drawn scaled to fit its box (object-fit: contain): its drawn height is
    // the box's height or, for a wide image, the box's width times its aspect ratio.
    const figures = [...body.querySelectorAll('.figure img, .figure svg')].map((img) => {
      const r = img.getBoundingClientRect();
      const ratio = img.naturalWidth ? img.naturalHeight / img.naturalWidth : r.height / r.width;
      const height = Math.min(r.height, r.width * ratio);
      return [Math.round(height / scale), Math.round(height / ratio / scale)];
    });
    return {
      h: indices.h, v: indices.v,
      title: heading ? heading.textContent.trim().slice(0, 70) : body.textContent.trim().slice(0, 70),
      overflow_y: Math.round(Math.max(body.scrollHeight - body.clientHeight,
                                      bottom - body.clientHeight)),
      overflow_x: Math.round(Math.max(body.scrollWidth - body.clientWidth,
                                      right - body.clientWidth)),
      figures: figures,
    };
  });
}"""


#: TeX that MathJax did not typeset: $...$ left in the text of a slide (code is not maths).
LEFTOVER_TEX = r"""() => {
  const found = [];
  const text = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent).join(' ');
  for (const el of document.querySelectorAll('.slide-body *:not(pre):not(code):not(script)')) {
    const t = text(el);
    if (/\$[^$\s][^$]*\$/.test(t)) found.push(t.trim().slice(0, 80));
  }
  return found;
}"""


#: Where each kernel-free explorer of the deck is: its slide and the box of its first slider.
KERNEL_FREE = """() => [...document.querySelectorAll('.lecturelib-kernel-free')].map((root, n) => {
  root.dataset.number = n;
  const slide = root.closest('section');
  const indices = Reveal.getIndices(slide);
  const input = root.querySelector('input[type=range]');
  return {number: n, h: indices.h, v: indices.v || 0, controls: root.querySelectorAll(
    'input[type=range]').length, value: +input.value, max: +input.max};
})"""

#: Starts recording one kernel-free explorer: each new figure and status line, with the clock.
_RECORD_KERNEL_FREE = """(n) => {
  const root = document.querySelector(`.lecturelib-kernel-free[data-number="${n}"]`);
  const img = root.querySelector('img'), status = root.querySelector('.lecturelib-status');
  const input = root.querySelector('input[type=range]');
  const log = {inputs: [], figures: [], statuses: new Set([status.textContent]),
               first: img.getAttribute('src')};
  // Capture on the explorer's box: runs before the page's own handler on the slider.
  root.addEventListener('input', () => log.inputs.push(performance.now()), true);
  new MutationObserver(() => {
    // On screen: the new image decoded, then the next frame the page paints.
    const entry = [performance.now(), null];
    log.figures.push(entry);
    log.statuses.add(status.textContent);
    img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
      entry[1] = performance.now();
    }));
  }).observe(img, {attributes: true, attributeFilter: ['src']});
  window.__kernelFreeLog = log;
  const r = input.getBoundingClientRect();
  return {x: r.x, y: r.y, width: r.width, height: r.height};
}"""


def drag_kernel_free(page, explorer, steps: int = 30) -> dict:
    """Drag the first slider of one kernel-free explorer with the mouse across its track.

    Returns how many values the slider passed (``inputs``), how many new figures and
    status lines were shown, and the longest wait in ms from a value to its figure painted.
    """
    page.evaluate(f"Reveal.slide({explorer['h']}, {explorer['v']}, 0)")
    page.evaluate("new Promise((done) => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")
    box = page.evaluate(_RECORD_KERNEL_FREE, explorer["number"])
    thumb = 8  # half of Chromium's range thumb, in CSS pixels
    fraction = explorer["value"] / max(explorer["max"], 1)
    start = box["x"] + thumb + (box["width"] - 2 * thumb) * fraction
    end = box["x"] + (box["width"] - thumb if fraction < 0.5 else thumb)
    y = box["y"] + box["height"] / 2
    page.mouse.move(start, y)
    page.mouse.down()
    for step in range(1, steps + 1):
        page.mouse.move(start + (end - start) * step / steps, y)
        page.wait_for_timeout(20)
    page.mouse.up()
    page.wait_for_timeout(300)
    log = page.evaluate("""() => {
      const log = window.__kernelFreeLog;
      return {inputs: log.inputs, figures: log.figures, statuses: log.statuses.size - 1};
    }""")
    # From each value to its figure on screen (a figure replaced before it was painted
    # waits for the next one).
    waits = []
    for value_at in log["inputs"]:
        painted = [p for t, p in log["figures"] if t >= value_at and p is not None]
        waits.append(min(painted, default=float("inf")) - value_at)
    return {"inputs": len(log["inputs"]), "figures": len(log["figures"]),
            "statuses": log["statuses"], "slowest_ms": max(waits, default=float("nan"))}


def inspect_deck(browser, path: Path, screenshot: Path | None = None, timeout_s: float = 60,
                 every_slide: Path | None = None):
    """Open ``path`` offline and measure it.

    Returns a dict: ``requests`` (every URL the page tried to load besides the deck itself),
    ``slides`` (per slide: indices, title, overflow in slide pixels, figure heights),
    ``math`` (number of rendered formulas), ``math_errors`` (their TeX error messages),
    ``leftover_tex`` (text with $...$ MathJax did not typeset), ``kernel_free`` (per
    kernel-free explorer: its slide and what dragging its first slider showed, from
    :func:`drag_kernel_free`) and ``console_errors``. Saves a screenshot of the first slide with a figure to ``screenshot``.
    """
    deck_url = Path(path).resolve().as_uri()
    context = browser.new_context(viewport=VIEWPORT, offline=True)
    page = context.new_page()
    requests, console_errors = [], []

    def record(request):
        if request.url != deck_url and not request.url.startswith("data:"):
            requests.append(request.url)

    def block(route):
        if route.request.url == deck_url:
            route.continue_()
        else:
            route.abort()

    page.on("request", record)
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    context.route("**/*", block)
    try:
        page.goto(deck_url)
        page.wait_for_function("document.documentElement.dataset.deckReady === 'true'",
                               timeout=timeout_s * 1000)
        slides = page.evaluate(MEASURE)
        math = page.evaluate("document.querySelectorAll('mjx-container').length")
        math_errors = page.evaluate(
            "[...document.querySelectorAll('mjx-merror, [data-mjx-error]')]"
            ".map((e) => e.getAttribute('data-mjx-error') || e.textContent)")
        leftover_tex = page.evaluate(LEFTOVER_TEX)
        if screenshot is not None:
            first = next((s for s in slides if s["figures"]), slides[min(1, len(slides) - 1)])
            page.evaluate(f"Reveal.slide({first['h']}, {first['v']}, 0)")
            page.evaluate("new Promise((done) => requestAnimationFrame(() => "
                          "requestAnimationFrame(done)))")
            Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        if every_slide is not None:
            Path(every_slide).mkdir(parents=True, exist_ok=True)
            for n, s in enumerate(slides, 1):
                page.evaluate(f"Reveal.slide({s['h']}, {s['v']}, 0)")
                page.evaluate("new Promise((done) => requestAnimationFrame(() => "
                              "requestAnimationFrame(done)))")
                page.screenshot(path=str(Path(every_slide) / f"{Path(path).stem}-{n:02d}.png"))
        kernel_free = [dict(explorer, **drag_kernel_free(page, explorer))
                       for explorer in page.evaluate(KERNEL_FREE)]
    finally:
        context.close()
    return {"requests": requests, "slides": slides, "math": math, "math_errors": math_errors,
            "leftover_tex": leftover_tex, "kernel_free": kernel_free,
            "console_errors": console_errors}


def problems(report) -> list[str]:
    """Every slide that does not fit 1280x720 or has a figure too small to read."""
    found = []
    for s in report["slides"]:
        where = f"slide {s['h'] + 1}.{s['v'] + 1} ({s['title']!r})"
        if s["overflow_y"] > 1:
            found.append(f"{where} runs {s['overflow_y']} px below the slide")
        if s["overflow_x"] > 1:
            found.append(f"{where} runs {s['overflow_x']} px past the right edge")
        # A wide figure drawn across the slide's whole width is as large as it can be.
        small = [h for h, w in s["figures"] if h < MIN_FIGURE_HEIGHT and w < FULL_WIDTH]
        if small:
            found.append(f"{where} draws a figure only {min(small)} px high "
                         f"(at least {MIN_FIGURE_HEIGHT} of 720, or the slide's full width)")
    return found


def main(argv) -> int:
    from playwright.sync_api import sync_playwright

    from .conftest import CHROMIUM_ARGS, _chromium_path

    every_slide = None
    if argv[:1] == ["--shots"]:  # --shots DIR: also a screenshot of every slide into DIR
        every_slide, argv = Path(argv[1]), argv[2:]
    status = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        for deck in map(Path, argv):
            shot = deck.with_suffix(".png")
            report = inspect_deck(browser, deck, screenshot=shot, every_slide=every_slide)
            issues = problems(report)
            issues += [f"requested {url}" for url in report["requests"]]
            issues += [f"TeX error: {e}" for e in report["math_errors"]]
            issues += [f"TeX left unrendered: {e}" for e in report["leftover_tex"]]
            issues += [f"console: {e}" for e in report["console_errors"]]
            print(f"{deck.name}: {len(report['slides'])} slides, {report['math']} formulas, "
                  f"screenshot {shot}")
            for s in report["slides"]:
                figures = " ".join(f"{h}x{w}" for h, w in s["figures"]) or "-"
                print(f"  {s['h'] + 1}.{s['v'] + 1} overflow y {s['overflow_y']} x "
                      f"{s['overflow_x']}, figures (h x w px) {figures}: {s['title']!r}")
            for e in report["kernel_free"]:
                print(f"  kernel-free explorer on slide {e['h'] + 1}.{e['v'] + 1}: dragged "
                      f"across {e['inputs']} values, {e['figures']} new figures, slowest "
                      f"{e['slowest_ms']:.0f} ms")
                if not e["figures"]:
                    issues.append(f"kernel-free explorer on slide {e['h'] + 1}.{e['v'] + 1} "
                                  "did not change its figure when dragged")
            for issue in issues:
                print("  PROBLEM:", issue)
            status |= bool(issues)
        browser.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
