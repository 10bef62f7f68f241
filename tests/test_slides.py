"""Slide decks: every notebook is marked for slides, and its deck shows what a leader presents.

These tests need no browser: they build each deck's HTML without the bundled scripts.
tests/browser/test_slide_decks.py opens the real, bundled decks in Chromium.
"""

import copy
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "slides"))

import build_slides as slides  # noqa: E402

NOTEBOOKS = slides.course_notebooks()
QUIZ_CALL = re.compile(r"\b(MultipleChoice|Numeric)\(")
EXPLORER_CALL = re.compile(r"\b\w+_explorer\(")


def _read(path):
    return nbformat.read(path, as_version=4)


def _widget_cells(nb, pattern):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and c.source.startswith(slides.IGNORE_MARKER) and pattern.search(c.source)]


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=slides.deck_name)
def marked(request):
    nb = _read(request.param)
    html, count = slides.deck_html(nb, slides.notebook_title(nb, request.param.stem),
                                   request.param.name, bundle=False)
    return request.param, nb, html, count


def test_every_course_notebook_gets_a_deck():
    names = [p.stem for p in NOTEBOOKS]
    assert names[0].startswith("00_") and len(names) >= 9, names


def test_every_cell_is_marked_and_the_deck_has_slides(marked):
    path, nb, _, count = marked
    slides.check_marks(nb, path.name)
    assert count >= 8, f"{path.name}: only {count} slides"


def test_setup_and_imports_never_reach_a_slide(marked):
    path, nb, html, _ = marked
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code[:2]:  # the Colab install and lecturelib.setup_notebook
        assert slides.slide_type(cell) == "skip", f"{path.name}: setup cell on a slide"
    for cell in code:
        if re.match(r"^(import|from) \w", cell.source) and slides.slide_type(cell) != "skip":
            assert slides.TAG_CODE not in cell.metadata.get("tags", []), (
                f"{path.name}: an import cell shows its code on a slide")
    for text in ("setup_notebook(", "%pip install", slides.IGNORE_MARKER,
                 "colab.research.google.com", "Traceback (most recent call last)"):
        assert text not in html, f"{path.name}: the deck shows {text!r}"


def test_code_is_shown_only_where_it_is_marked_as_the_lesson(marked):
    path, nb, html, _ = marked
    shown = sum(slides.TAG_CODE in c.metadata.get("tags", []) and slides.slide_type(c) != "skip"
                for c in nb.cells)
    assert html.count('<div class="code">') == shown, path.name


def test_every_section_heading_starts_a_slide(marked):
    path, nb, _, _ = marked
    for i, cell in enumerate(nb.cells):
        first = slides._without_badge(cell.source).lstrip().split("\n", 1)[0]
        if cell.cell_type == "markdown" and first.startswith(("# ", "## ")):
            assert slides.slide_type(cell) in ("slide", "subslide"), (
                f"{path.name} cell {i} ({first!r}) is a section heading: mark it 'slide'")


def test_each_quiz_is_a_slide_for_the_room(marked):
    path, nb, html, _ = marked
    quizzes = _widget_cells(nb, QUIZ_CALL)
    assert quizzes, f"{path.name} has no quiz"
    for i, cell in quizzes:
        assert slides.slide_type(cell) == "slide", f"{path.name} cell {i}: a quiz gets a slide"
    assert html.count("lecturelib-quiz") >= len(quizzes)


def test_explorers_stay_on_slides_for_the_live_session(marked):
    path, nb, _, _ = marked
    for i, cell in _widget_cells(nb, EXPLORER_CALL):
        assert slides.slide_type(cell) != "skip", (
            f"{path.name} cell {i}: RISE shows explorers live, so they are never skipped")


def _takeaways_marker(nb) -> str:
    """"**Takeaways.**", or its translation in a notebook of another language."""
    language = slides.notebook_language(nb)
    if language == "en":
        return "**Takeaways.**"
    from lecturelib import i18n

    return i18n.catalog(language).get("**Takeaways.**", "**Takeaways.**")


def test_sections_carry_takeaways(marked):
    path, nb, html, _ = marked
    marker = _takeaways_marker(nb)
    takeaways = [c for c in nb.cells if c.cell_type == "markdown"
                 and c.source.startswith(marker)]
    numbered = [c for c in nb.cells if c.cell_type == "markdown"
                and re.match(r"## \d+\.", slides._without_badge(c.source).lstrip())]
    assert len(takeaways) >= min(len(numbered), 1), f"{path.name}: no takeaways"
    for cell in takeaways:
        assert slides.slide_type(cell) not in ("skip", "notes"), (
            f"{path.name}: takeaways are for the slide, not hidden")
        points = [line for line in cell.source.splitlines() if line.startswith("* ")]
        assert 1 <= len(points) <= 3, f"{path.name}: takeaways need 1 to 3 points:\n{cell.source}"
    assert html.count(marker.strip("*")) == len(takeaways)


def test_source_decks_are_named_never_numbered(marked):
    path, _, html, _ = marked
    assert not re.search(r"\bseed[ _-]?\d{3}\b", html, re.I), path.name


def test_figures_are_embedded_and_nothing_is_loaded_from_outside():
    nb = _read(NOTEBOOKS[2])
    html, _ = slides.deck_html(nb, "t", bundle=False)
    assert "<img" in html
    assert not re.search(r'<img[^>]+src="(?!data:)', html)
    assert not re.search(r'<(?:script|iframe)[^>]+src=', html)
    assert not re.search(r'<link[^>]+href=', html)


def test_marks_are_required():
    nb = copy.deepcopy(_read(NOTEBOOKS[2]))
    del nb.cells[3].metadata["slideshow"]
    with pytest.raises(slides.SlideMarkError, match=r"cells \[3\] have no slideshow.slide_type"):
        slides.check_marks(nb, "x.ipynb")
    nb.cells[3].metadata["slideshow"] = {"slide_type": "sub-slide"}
    with pytest.raises(slides.SlideMarkError, match="unknown slide types"):
        slides.check_marks(nb, "x.ipynb")


def test_an_error_output_stops_the_build():
    nb = copy.deepcopy(_read(NOTEBOOKS[2]))
    cell = next(c for c in nb.cells if c.cell_type == "code" and slides.slide_type(c) != "skip"
                and c.outputs)
    cell.outputs.append(nbformat.v4.new_output("error", ename="ValueError", evalue="x",
                                               traceback=[]))
    with pytest.raises(slides.SlideMarkError, match="never shows a traceback"):
        slides.slides_of(nb, "x.ipynb")


def test_heading_tag_moves_the_prose_to_speaker_notes():
    cell = nbformat.v4.new_markdown_cell("## 3. A title\n\nA long paragraph of prose.",
                                         metadata={"tags": [slides.TAG_HEADING]})
    shown, notes = slides.cell_html(cell, 0)
    assert "A title" in shown and "paragraph" not in shown and "paragraph" in notes
    assert "anchor-link" not in shown


def test_command_line_builds_decks(tmp_path, capsys):
    if not (slides.VENDOR / slides.VENDOR_FILES["reveal_js"]).exists():
        message = "slides/node_modules is missing: `npm ci` in slides/ (make test does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert slides.main(["--out", str(tmp_path), str(NOTEBOOKS[2])]) == 0
    deck = tmp_path / f"{NOTEBOOKS[2].stem}.slides.html"
    assert deck.stat().st_size > 1_000_000  # reveal.js and MathJax are inside
    assert "slides" in capsys.readouterr().out


def test_package_json_pins_what_the_decks_bundle():
    deps = json.loads((ROOT / "slides" / "package.json").read_text())["dependencies"]
    assert set(deps) == {"reveal.js", "mathjax"}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in deps.values()), deps
    lock = json.loads((ROOT / "slides" / "package-lock.json").read_text())
    for name, version in deps.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_live_slides_use_a_theme_that_needs_no_network(marked):
    """RISE's themes other than white, black and serif fetch web fonts; a projector may be offline."""
    path, nb, _, _ = marked
    rise = nb.metadata.get("rise", {})
    assert rise.get("theme") in ("white", "black", "serif"), (
        f"{path.name}: set notebook metadata rise.theme to 'white' (got {rise.get('theme')!r})")
    assert rise.get("scroll") is True, f"{path.name}: rise.scroll lets a tall live slide scroll"
