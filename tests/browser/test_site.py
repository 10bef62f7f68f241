"""The course website as a learner opens it: every page of both languages from ``file://``
in headless Chromium, offline, with every request recorded and any that leaves the site
aborted. On each page: no request left the site, no console error, every formula typeset
(no ``$...$`` left, no MathJax error), every slider of every kernel-free explorer moved and
the figure changed, every quiz revealed, the launch link equal to the notebook's Colab URL.
Search finds an English and a Korean term; dark mode keeps figures on white. One screenshot
per page is kept in ``$TEST_ARTIFACTS/site/`` (default ``test-artifacts/site/``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_site import build_once

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts")) / "site"
VIEWPORT = {"width": 1280, "height": 900}
#: Terms the search must find, one per language (the glossary and the notebooks use them).
SEARCH = {"en": "precision", "ko": "재현율"}

#: TeX left untypeset in the page's text ($...$, \(...\), \[...\]), code and scripts aside.
LEFTOVER_TEX = r"""() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('main') || document.body,
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest('pre, code, script, style, mjx-container, .highlight')) continue;
    const t = node.textContent;
    if (/\$[^$\s][^$]*\$/.test(t) || /\\\(|\\\[/.test(t)) found.push(t.trim().slice(0, 80));
  }
  return found;
}"""

#: Every slider of every kernel-free explorer, moved to its other end with the keyboard.
MOVE_SLIDERS = """async () => {
  const results = [];
  const explorers = [...document.querySelectorAll('.lecturelib-kernel-free')];
  for (const [n, root] of explorers.entries()) {
    const img = root.querySelector('img');
    for (const [k, input] of [...root.querySelectorAll('input[type=range]')].entries()) {
      const before = img.getAttribute('src'), value = +input.value;
      input.value = value < +input.max ? input.max : input.min;
      input.dispatchEvent(new Event('input', {bubbles: true}));
      await img.decode().catch(() => null);
      results.push({explorer: n, slider: k, from: value, to: +input.value,
                    changed: img.getAttribute('src') !== before,
                    drawn: img.naturalWidth > 0});
    }
  }
  return results;
}"""

#: Every quiz's answer opened: returns per quiz whether its answer is now on screen.
REVEAL_QUIZZES = """() => [...document.querySelectorAll('.lecturelib-quiz details')].map((d) => {
  d.querySelector('summary').click();
  const answer = d.querySelector('summary').nextElementSibling;
  return d.open && answer !== null && answer.getBoundingClientRect().height > 0
    && answer.textContent.trim().length > 0;
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_once(tmp_path_factory)


class Offline:
    """A browser context that loads files of the site only, recording everything else."""

    def __init__(self, browser, out: Path):
        self.root = out.resolve().as_uri() + "/"
        self.context = browser.new_context(viewport=VIEWPORT, offline=True)
        self.outside, self.errors = [], []
        self.context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.root):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str):
        page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(f"{url}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"{url}: {e}"))
        page.goto(url)
        page.wait_for_load_state("load")
        # MathJax (loaded on pages with maths) has typeset everything once this settles.
        page.evaluate("""() => (window.MathJax && MathJax.startup && MathJax.startup.promise)
                         ? MathJax.startup.promise.then(() => true) : true""")
        return page


def _pages(out: Path, report: dict, language: str) -> list[str]:
    return [f"{language}/{p}.html" for p in report["languages"][language]["pages"]]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_page_works_offline(site, browser, language):
    out, report = site
    offline = Offline(browser, out)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems, moved, revealed, formulas = [], 0, 0, 0
    try:
        for name in _pages(out, report, language):
            page = offline.open((out / name).resolve().as_uri())
            formulas += page.evaluate("document.querySelectorAll('mjx-container').length")
            errors = page.evaluate("[...document.querySelectorAll('mjx-merror, [data-mjx-error]')]"
                                   ".map((e) => e.getAttribute('data-mjx-error') || e.textContent)")
            if errors:
                problems.append(f"{name}: MathJax errors {errors[:3]}")
            leftover = page.evaluate(LEFTOVER_TEX)
            if leftover:
                problems.append(f"{name}: TeX not typeset {leftover[:3]}")
            sliders = page.evaluate(MOVE_SLIDERS)
            stuck = [s for s in sliders if not (s["changed"] and s["drawn"])]
            if stuck:
                problems.append(f"{name}: sliders that did not change the figure {stuck}")
            moved += len(sliders)
            quizzes = page.evaluate(REVEAL_QUIZZES)
            if not all(quizzes):
                problems.append(f"{name}: quizzes not revealed {quizzes}")
            revealed += len(quizzes)
            page_key = name.split("/", 1)[1][:-len(".html")]
            colab = report["languages"][language]["colab"].get(page_key)
            if colab is not None:
                link = page.get_attribute("a.lml-colab", "href")
                if link != colab:
                    problems.append(f"{name}: launch link {link!r}, notebook's {colab!r}")
            # The picture a person looks at: the first explorer if any, else the top.
            if sliders:
                page.locator(".lecturelib-kernel-free").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{name.replace('/', '-')[:-5]}.png"))
            page.close()
    finally:
        offline.context.close()
    print(f"\n{language}: {len(_pages(out, report, language))} pages, {formulas} formulas, "
          f"{moved} sliders moved, {revealed} quizzes revealed, "
          f"{len(offline.outside)} requests outside the site, "
          f"{len(offline.errors)} console errors")
    assert not offline.outside, offline.outside[:10]
    assert not offline.errors, offline.errors[:10]
    assert not problems, "\n".join(problems)
    kernel_free = report["languages"][language]["kernel_free"]
    assert moved >= kernel_free > 0 and revealed > 0 and formulas > 0


@pytest.mark.parametrize("language", ["en", "ko"])
def test_search_finds_the_term_offline(site, browser, language):
    out, _ = site
    offline = Offline(browser, out)
    try:
        url = (out / language / "search.html").resolve().as_uri() + f"?q={SEARCH[language]}"
        page = offline.open(url)
        # Sphinx lists the hits one by one, then writes the summary: wait for all of them.
        page.wait_for_function(
            "/\\d/.test((document.querySelector('#search-results .search-summary') || {})"
            ".textContent || '')",
            timeout=30_000)
        hits = page.evaluate("[...document.querySelectorAll('#search-results ul.search li a')]"
                             ".map((a) => a.getAttribute('href'))")
        page.screenshot(path=str(ARTIFACTS / f"search-{language}.png"))
        print(f"\nsearch {SEARCH[language]!r}: {len(hits)} hits, e.g. {hits[:3]}")
        assert hits, f"no hits for {SEARCH[language]!r}"
        assert any("glossary" in h for h in hits)
        assert any(h.split("?")[0].split("#")[0] in ("04_confusion_matrix.html",
                                                        "05_roc_pr.html") for h in hits)
    finally:
        offline.context.close()
    assert not offline.outside and not offline.errors, (offline.outside, offline.errors)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_dark_mode_keeps_figures_on_white(site, browser, language):
    out, _ = site
    offline = Offline(browser, out)
    try:
        page = offline.open((out / language / "04_confusion_matrix.html").resolve().as_uri())
        for _ in range(3):  # the button cycles auto -> light -> dark (from the system's mode)
            if page.evaluate("document.documentElement.dataset.theme") == "dark":
                break
            page.click(".theme-switch-button")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        backgrounds = page.evaluate(
            "[...document.querySelectorAll('.cell_output img, .lecturelib-kernel-free img')]"
            ".map((img) => getComputedStyle(img).backgroundColor)")
        assert backgrounds and set(backgrounds) == {"rgb(255, 255, 255)"}, set(backgrounds)
        page.locator(".lecturelib-kernel-free").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"dark-{language}-04_confusion_matrix.png"))
    finally:
        offline.context.close()
    assert not offline.outside and not offline.errors, (offline.outside, offline.errors)


def test_language_chooser_leads_to_both_editions(site, browser):
    out, _ = site
    offline = Offline(browser, out)
    try:
        page = offline.open((out / "index.html").resolve().as_uri())
        for language in ("ko", "en"):
            page.click(f"a.language[hreflang={language}]")
            page.wait_for_load_state("load")
            assert page.url.endswith(f"/{language}/index.html")
            assert page.evaluate("document.documentElement.lang") == language
            other = page.get_attribute("a.lml-language", "href")
            assert other.endswith(f"/{'en' if language == 'ko' else 'ko'}/index.html")
            page.go_back()
    finally:
        offline.context.close()
    assert not offline.outside and not offline.errors, (offline.outside, offline.errors)
