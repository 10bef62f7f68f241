"""Build one presentable slide deck per notebook: a single HTML file that opens offline.

Usage: ``python slides/build_slides.py [--out DIR] [NOTEBOOK ...]`` after ``npm ci`` in slides/
(``make slides`` does both). Each deck is written as ``<notebook>.slides.html`` (next to this
file unless ``--out`` is given) and needs nothing beside it: reveal.js, its speaker-notes
plugin, MathJax (TeX to SVG, so no font files) and every figure are inside the file.

What goes on a slide is marked in the notebook itself, with Jupyter's own cell metadata
``slideshow.slide_type`` (JupyterLab: the property inspector's "Slide Type"), which RISE
reads too, so the live slides and the decks follow the same marks. Every cell carries one:

``slide``     starts a new slide          ``subslide``  starts a slide below the current one
``fragment``  appears on the next click   ``-``         continues the current slide
``notes``     speaker notes (press S)     ``skip``      not on a slide (setup, plumbing, long prose)

Three cell tags refine what a deck shows (RISE ignores them):

``slide-heading``     a markdown cell shows only its first line (its heading) on the slide;
                      the rest of the cell becomes the slide's speaker notes.
``slide-code``        a code cell shows its code. Without the tag a deck shows only a code
                      cell's outputs: code is on a slide only where the code is the lesson.
``slide-per-output``  a code cell with several outputs (say, one figure per threshold) puts
                      each output after the first on a slide of its own, below the current one.

A slide is laid out at 1280x720 (reveal.js scales it to the screen): text at its size, a
figure shrunk to the room left, printed output in a smaller font where a line is long.
tests/browser/test_slide_decks.py checks that every slide of every deck fits.

The stored outputs are used as they are (run ``make notebooks`` first). A widget's stored
fallback stands in for the widget (a quiz shows its question; an explorer says where its
sliders are live). A deck never shows a traceback: an error output stops the build.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENDOR = HERE / "node_modules"
VENDOR_FILES = {
    "reveal_css": "reveal.js/dist/reveal.css",
    "reveal_js": "reveal.js/dist/reveal.js",
    "notes_js": "reveal.js/plugin/notes/notes.js",
    "mathjax_js": "mathjax/es5/tex-svg-full.js",
}
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "notes", "skip")
TAG_HEADING = "slide-heading"
TAG_CODE = "slide-code"
TAG_PER_OUTPUT = "slide-per-output"
#: The size every slide is laid out for (reveal.js scales it to the screen).
WIDTH, HEIGHT = 1280, 720
COURSE = "Loss & Metric Lab"
WIDGET = "application/vnd.jupyter.widget-view+json"
IGNORE_MARKER = "# NBVAL_IGNORE_OUTPUT"


class SlideMarkError(ValueError):
    """A notebook whose cells are not all marked for slides, or marked wrongly."""


@dataclass
class Slide:
    parts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def slide_type(cell) -> str | None:
    return cell.metadata.get("slideshow", {}).get("slide_type")


def check_marks(nb, name: str = "notebook") -> None:
    """Raise :class:`SlideMarkError` unless every cell has a valid slide mark.

    The first cell (the title) must start a slide and at least one more slide must follow.
    """
    unmarked = [i for i, cell in enumerate(nb.cells) if slide_type(cell) is None]
    wrong = [(i, slide_type(cell)) for i, cell in enumerate(nb.cells)
             if slide_type(cell) is not None and slide_type(cell) not in SLIDE_TYPES]
    problems = []
    if unmarked:
        problems.append(f"cells {unmarked} have no slideshow.slide_type")
    if wrong:
        problems.append("unknown slide types " + ", ".join(f"cell {i}: {t!r}" for i, t in wrong))
    if nb.cells and slide_type(nb.cells[0]) != "slide":
        problems.append("the first cell (the title) must be marked 'slide'")
    if sum(slide_type(cell) == "slide" for cell in nb.cells) < 2:
        problems.append("a deck needs the title slide and at least one more 'slide'")
    for i, cell in enumerate(nb.cells):
        tags = cell.metadata.get("tags", [])
        if TAG_HEADING in tags and (cell.cell_type != "markdown"
                                    or not _without_badge(cell.source).lstrip().startswith("#")):
            problems.append(f"cell {i}: {TAG_HEADING!r} needs a markdown cell that starts "
                            "with a heading")
        for tag in (TAG_CODE, TAG_PER_OUTPUT):
            if tag in tags and cell.cell_type != "code":
                problems.append(f"cell {i}: {tag!r} is for code cells")
    if problems:
        raise SlideMarkError(f"{name}: " + "; ".join(problems)
                             + ". Mark every cell (README, 'Slides: how to mark a notebook').")


# --- rendering cells ---------------------------------------------------------------------

ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>')


def markdown_html(source: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    # nbconvert's renderer protects the maths for MathJax; the heading anchors ("¶") are
    # for web pages, not slides.
    return ANCHOR_LINK.sub("", markdown2html_mistune(source))


def _without_badge(source: str) -> str:
    # The Colab badge is a link to an online image; a projector does not need it.
    if source.startswith("[![Open in Colab]"):
        return source.split("\n", 1)[1].lstrip("\n") if "\n" in source else ""
    return source


#: Printed output and code keep their line breaks (columns line up) and are never cut off:
#: a block whose longest line would not fit the slide's width is set in a smaller font, down
#: to MIN_MONO_PX, and wraps beyond that. Monospace glyphs are about 0.6 em wide.
MONO_PX, MIN_MONO_PX, MONO_EM_WIDTH = 20, 14, 0.61
TEXT_WIDTH = WIDTH - 2 * 56 - 2 * 16  # the slide's padding and the block's own


def _columns(line: str) -> int:
    """How many monospace cells a line takes: a Korean (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.expandtabs())


def _mono_style(text: str) -> str:
    longest = max((_columns(line) for line in text.splitlines()), default=0)
    if longest * MONO_EM_WIDTH * MONO_PX <= TEXT_WIDTH:
        return ""
    size = max(MIN_MONO_PX, int(TEXT_WIDTH / (longest * MONO_EM_WIDTH)))
    wrap = "; white-space: pre-wrap" if longest * MONO_EM_WIDTH * size > TEXT_WIDTH else ""
    return f' style="font-size: {size}px{wrap}"'


def _pre(text: str) -> str:
    return f'<pre class="output"{_mono_style(text)}>{html.escape(text)}</pre>'


def _code_html(source: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    lines = source.splitlines()
    if lines and lines[0].strip() == IGNORE_MARKER:
        lines = lines[1:]
    code = "\n".join(lines)
    return highlight(code, PythonLexer(), HtmlFormatter(cssclass="code")).replace(
        "<pre>", f"<pre{_mono_style(code)}>", 1)


def _figure(img: str) -> str:
    return f'<div class="figure">{img}</div>'


def output_html(output, where: str) -> str:
    """One stored output as slide HTML."""
    kind = output.get("output_type")
    if kind == "error":
        raise SlideMarkError(f"{where} has an error output ({output.get('ename')}); "
                             "a slide never shows a traceback: fix the notebook or skip the cell")
    if kind == "stream":
        if output.get("name") == "stderr":
            return ""  # warnings and progress are plumbing, not content
        return _pre(output.get("text", ""))
    data = output.get("data", {})
    if WIDGET in data:
        # The widget needs a kernel; its stored fallback stands in (a quiz's question, an
        # explorer's pointer to its live version and static twin).
        fallback = data.get("text/html") or html.escape(data.get("text/plain", ""))
        css = "explorer" if "lecturelib-explorer" in fallback else "widget"
        return f'<div class="{css}">{fallback}</div>'
    if "image/png" in data:
        return _figure(f'<img alt="figure" src="data:image/png;base64,{data["image/png"].strip()}">')
    if "image/svg+xml" in data:
        return _figure(data["image/svg+xml"])
    if "text/html" in data:
        return f'<div class="html-output">{data["text/html"]}</div>'
    if "text/markdown" in data:
        return markdown_html(data["text/markdown"])
    if "text/latex" in data:
        return f'<div class="latex">{html.escape(data["text/latex"])}</div>'
    if "text/plain" in data:
        return _pre(data["text/plain"])
    return ""


def cell_parts(cell, index: int) -> tuple[list[str], str]:
    """(the pieces a slide shows, the speaker notes) for one cell.

    A markdown cell is one piece; a code cell gives its code (with ``slide-code``) and then
    one piece per output that shows something.
    """
    tags = cell.metadata.get("tags", [])
    if cell.cell_type == "markdown":
        source = _without_badge(cell.source)
        if TAG_HEADING in tags:
            heading, _, rest = source.lstrip().partition("\n")
            return [markdown_html(heading)], markdown_html(rest.strip()) if rest.strip() else ""
        return [markdown_html(source)], ""
    if cell.cell_type == "code":
        parts = [_code_html(cell.source)] if TAG_CODE in tags else []
        parts += [output_html(o, f"cell {index}") for o in cell.get("outputs", [])]
        return [p for p in parts if p], ""
    return [], ""  # raw cells are for tools, not for slides


def cell_html(cell, index: int) -> tuple[str, str]:
    """(what the slide shows, what goes to the speaker notes) for one cell."""
    parts, notes = cell_parts(cell, index)
    return "\n".join(parts), notes


EXPLORER_CALL = re.compile(r"\b\w+_explorer\(")
# Kernel-free explorers: the frames each explorer of a notebook wrote when `make notebooks`
# executed it (lecturelib/explorers/_frames.py), frames/<English notebook>/<n>.json.
FRAMES = ROOT / "frames"


def explorer_frames(nb, name: str) -> list[dict]:
    """The kernel-free explorers of a notebook, in the order its cells create them (a
    Korean notebook uses its English original's frames, which carry both languages)."""
    source = nb.metadata.get("lecturelib", {}).get("translated_from")
    stem = Path(source).stem if source else Path(name).stem
    folder = FRAMES / stem
    paths = sorted(folder.glob("*.json"), key=lambda p: int(p.stem)) if folder.is_dir() else []
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def slides_of(nb, name: str = "notebook") -> list[list[Slide]]:
    """The deck's structure: horizontal slides, each a list of vertical slides.

    An explorer's cell shows its kernel-free version (a slider that swaps the explorer's
    frames, no kernel needed) where ``make notebooks`` recorded one.
    """
    from lecturelib.explorers._frames import kernel_free_html

    check_marks(nb, name)
    frames = iter(explorer_frames(nb, name))
    language = notebook_language(nb)
    stacks: list[list[Slide]] = []
    for index, cell in enumerate(nb.cells):
        kind = slide_type(cell)
        if kind == "skip":
            continue
        if kind == "slide":
            stacks.append([Slide()])
        elif kind == "subslide":
            stacks[-1].append(Slide())
        slide = stacks[-1][-1]
        parts, notes = cell_parts(cell, index)
        if (cell.cell_type == "code" and cell.source.startswith(IGNORE_MARKER)
                and EXPLORER_CALL.search(cell.source)):
            bundle = next(frames, None)
            if bundle is not None:
                parts = [kernel_free_html(bundle, language)]
        if kind == "notes":
            slide.notes.append("\n".join(parts))
            continue
        css = "cell fragment" if kind == "fragment" else "cell"
        if TAG_PER_OUTPUT in cell.metadata.get("tags", []) and len(parts) > 1:
            code = TAG_CODE in cell.metadata.get("tags", [])
            groups = [parts[:2]] + [[p] for p in parts[2:]] if code else [[p] for p in parts]
        else:
            groups = [parts] if parts else []
        for number, group in enumerate(groups):
            if number:
                stacks[-1].append(Slide())
                slide = stacks[-1][-1]
            slide.parts.append(f'<div class="{css}">{"".join(group)}</div>')
        if notes:
            slide.notes.append(notes)
    for number, stack in enumerate(stacks, 1):
        for slide in stack:
            if not slide.parts:
                raise SlideMarkError(f"{name}: slide {number} is empty (its cells have no "
                                     "content a deck can show): mark them '-' or 'skip'")
    return stacks


# --- the deck ----------------------------------------------------------------------------

STYLE = """
/* Korean wraps between words (어절), never inside one. */
html[lang="ko"] .reveal { word-break: keep-all; overflow-wrap: anywhere; }
.reveal { font-family: "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Liberation Sans",
  "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", NanumGothic, sans-serif;
  font-size: 26px; color: #1f2328; }
.reveal-viewport { background: #fff; }
.reveal .slides { text-align: left; }
.reveal .slides section { padding: 0; }
.reveal .slide-body { box-sizing: border-box; width: %(width)dpx; height: %(height)dpx;
  padding: 34px 56px 40px; display: flex; flex-direction: column; gap: 10px; overflow: hidden; }
.reveal .slide-body > .cell { flex: 0 0 auto; min-height: 0; }
.reveal .slide-body > .cell.has-figure { flex: 1 1 0; display: flex; flex-direction: column; }
.reveal h1, .reveal h2, .reveal h3, .reveal h4 { font-weight: 650; line-height: 1.15;
  margin: 0 0 6px; color: #0b3d91; letter-spacing: -0.01em; }
.reveal h1 { font-size: 50px; } .reveal h2 { font-size: 38px; } .reveal h3 { font-size: 32px; }
.reveal h4 { font-size: 28px; }
.reveal p { margin: 0 0 10px; line-height: 1.35; }
.reveal ul, .reveal ol { margin: 0 0 8px 1.1em; padding: 0; }
.reveal li { margin: 0 0 6px; line-height: 1.3; }
.reveal strong, .reveal b { color: #0b3d91; }
.reveal code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em;
  background: #f2f4f7; padding: 0 4px; border-radius: 3px; }
.reveal blockquote { margin: 0 0 10px; padding: 8px 18px; border-left: 6px solid #0b3d91;
  background: #f3f6fc; font-style: normal; width: auto; box-shadow: none; }
.reveal table { border-collapse: collapse; font-size: 21px; margin: 4px 0 10px; }
.reveal th, .reveal td { border-bottom: 1px solid #d0d7de; padding: 4px 12px; text-align: left; }
.reveal th { background: #f3f6fc; }
.reveal pre.output { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 20px;
  line-height: 1.3; margin: 0; padding: 8px 14px; background: #f6f8fa; border-radius: 6px;
  white-space: pre; width: auto; box-shadow: none; overflow: hidden; }
.reveal .code pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 19px;
  line-height: 1.3; margin: 0; padding: 10px 14px; background: #fbfcfe; border: 1px solid #d0d7de;
  border-radius: 6px; white-space: pre; width: auto; box-shadow: none; }
.reveal .figure { flex: 1 1 0; min-height: 0; display: flex; justify-content: center;
  align-items: center; }
.reveal .figure img, .reveal .figure svg { width: 100%%; height: 100%%; object-fit: contain;
  margin: 0; border: 0; box-shadow: none; }
.reveal .widget .lecturelib-quiz { font-size: 28px; padding: 16px 22px; border-radius: 10px;
  background: #fff8e6; border: 2px solid #f0b429; }
.reveal .widget details { margin-top: 10px; font-size: 24px; }
.reveal .explorer { font-size: 20px; color: #57606a; border-top: 1px dashed #d0d7de; padding-top: 4px; }
.reveal .explorer p { margin: 0; }
.reveal .title-slide .slide-body { justify-content: center; }
/* A slide that is only a heading divides the deck ("Check yourself", "Summary"): centred.
   A quiz for the room: centred and larger. */
.reveal .slide-body:has(> .cell:only-child > h2:only-child) { justify-content: center; }
.reveal .slide-body:has(> .cell:only-child > h2:only-child) h2 { font-size: 50px; }
.reveal .slide-body:has(.lecturelib-quiz) { justify-content: center; }
.reveal .widget .lecturelib-quiz { font-size: 30px; }
.reveal .title-slide .slide-body::before { content: "%(course)s"; font-size: 24px; color: #57606a;
  letter-spacing: 0.08em; text-transform: uppercase; }
.reveal .title-slide h1 { font-size: 58px; }
.reveal .slide-number { font-size: 14px; background: rgba(11, 61, 145, 0.75); }
.reveal .slide-number a { text-decoration: none; }
"""


def _deck_body(stacks: list[list[Slide]]) -> str:
    def section(slide: Slide, css: str = "") -> str:
        parts = [p.replace('<div class="cell', '<div class="cell has-figure', 1)
                 if re.search(r'class="figure[ "]', p) else p for p in slide.parts]
        notes = "".join(slide.notes)
        aside = f'<aside class="notes">{notes}</aside>' if notes else ""
        klass = f' class="{css}"' if css else ""
        return f'<section{klass}><div class="slide-body">{"".join(parts)}</div>{aside}</section>'

    out = []
    for number, stack in enumerate(stacks):
        css = "title-slide" if number == 0 else ""
        if len(stack) == 1:
            out.append(section(stack[0], css))
        else:
            out.append("<section>" + "".join(section(s, css if i == 0 else "")
                                             for i, s in enumerate(stack)) + "</section>")
    return "\n".join(out)


def _vendor_file(key: str) -> str:
    path = VENDOR / VENDOR_FILES[key]
    if not path.exists():
        raise SystemExit(f"slides/node_modules lacks {VENDOR_FILES[key]}: run `npm ci` in "
                         "slides/ (or `make slides`).")
    text = path.read_text(encoding="utf-8")
    # Inline scripts end at the first "</script"; keep any in the library's strings harmless.
    return text.replace("</script", "<\\/script") if key.endswith("_js") else text


def _pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".reveal .code")


MATHJAX_CONFIG = r"""
window.MathJax = {
  tex: { inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
         processEscapes: true },
  svg: { fontCache: 'global' },
  options: { enableMenu: false,
             skipHtmlTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code'] },
  startup: { typeset: true }
};
"""

START = """
Reveal.initialize({
  width: %(width)d, height: %(height)d, margin: 0.02, center: false, hash: true,
  slideNumber: 'c/t', controls: false, progress: true, transition: 'none', backgroundTransition: 'none', plugins: [RevealNotes]
}).then(function () {
  return window.MathJax.startup.promise;
}).then(function () {
  Reveal.layout();
  document.documentElement.dataset.deckReady = 'true';
});
"""


def deck_html(nb, title: str, name: str = "notebook", *, bundle: bool = True) -> tuple[str, int]:

    """The deck for one notebook as one self-contained HTML string, and its slide count.

    ``bundle=False`` leaves out reveal.js and MathJax (for tests of the slides' content,
    which need no browser).
    """
    from lecturelib.explorers._frames import SCRIPT as KERNEL_FREE_SCRIPT
    from lecturelib.explorers._frames import STYLE as KERNEL_FREE_STYLE

    stacks = slides_of(nb, name)
    sizes = {"width": WIDTH, "height": HEIGHT, "course": COURSE}

    def _vendor(key):
        return _vendor_file(key) if bundle else ""
    page = f"""<!DOCTYPE html>
<html lang="{notebook_language(nb)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · {COURSE}</title>
<style>{_vendor("reveal_css")}</style>
<style>{STYLE % sizes}</style>
<style>{_pygments_css()}</style>
<style>{KERNEL_FREE_STYLE}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{_deck_body(stacks)}
</div></div>
<script>{_vendor("reveal_js")}</script>
<script>{_vendor("notes_js")}</script>
<script>{MATHJAX_CONFIG}</script>
<script>{_vendor("mathjax_js")}</script>
<script>{START % sizes}</script>
<script>{KERNEL_FREE_SCRIPT}</script>
</body>
</html>
"""
    return page, sum(len(stack) for stack in stacks)


def notebook_title(nb, fallback: str) -> str:
    for line in _without_badge(nb.cells[0].source).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def course_notebooks() -> list[Path]:
    """The English course notebooks, then their Korean edition (notebooks/ko/)."""
    notebooks = ROOT / "notebooks"
    return (sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))
            + sorted((notebooks / "ko").glob("[0-9][0-9]_*.ipynb")))


def notebook_language(nb) -> str:
    return nb.metadata.get("lecturelib", {}).get("language", "en")


def deck_name(path: Path) -> str:
    """``06_iou_dice_map`` for an English notebook, ``ko/06_iou_dice_map`` for its Korean
    edition: where its deck goes under ``slides/``, without the suffix."""
    path = Path(path)
    return f"{path.parent.name}/{path.stem}" if path.parent.name == "ko" else path.stem


def build(paths, out_dir: Path = HERE) -> list[dict]:
    """Write one deck per notebook into ``out_dir`` (Korean ones into ``out_dir/ko``);
    return name, path, slides and bytes."""
    built = []
    for path in map(Path, paths):
        nb = nbformat.read(path, as_version=4)
        page, count = deck_html(nb, notebook_title(nb, path.stem), path.name)
        out = out_dir / f"{deck_name(path)}.slides.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
        built.append({"name": deck_name(path), "path": out, "slides": count,
                      "bytes": out.stat().st_size})
    return built


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to build (default: every course notebook)")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the decks")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        decks = build(args.notebooks or course_notebooks(), args.out)
    except SlideMarkError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for deck in decks:
        where = deck["path"].resolve()
        shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
        print(f"{shown}: {deck['slides']} slides, {deck['bytes'] / 1e6:.1f} MB")
    print(f"{len(decks)} decks in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
