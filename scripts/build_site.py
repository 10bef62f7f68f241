"""Build the course website: every notebook, the homework, the glossary and how to run the
course, in English and Korean, as static pages that work offline from ``file://``.

    python scripts/build_site.py [--out build/site] [--work build/site-work] [--no-zip]

Nothing is executed: the pages show the notebooks' stored outputs. For each language this
writes a Jupyter Book source tree (Sphinx with myst-nb and the book theme) into ``--work`` (the notebooks without their setup cells
and test markers, each explorer as its kernel-free version, pages made from the README and
GLOSSARY.md, MathJax from the npm package the slide decks pin, the JS and CSS of the
kernel-free explorers), builds it with Jupyter Book 1's Sphinx from ``.venv-site``
(warnings are errors, nitpicky), then assembles ``build/site/`` (``index.html`` to choose a
language, ``en/``, ``ko/``) and ``build/site.zip``. ``make site`` runs it.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SITE_SRC = ROOT / "site_src"
sys.path.insert(0, str(ROOT / "slides"))

import build_slides  # noqa: E402  (the decks' own reading of a notebook's explorers)

SPHINX_BUILD = ROOT / ".venv-site" / "bin" / "sphinx-build"
MATHJAX = ROOT / "slides" / "node_modules" / "mathjax" / "es5" / "tex-svg.js"
LANGUAGES = ("en", "ko")
#: The markdown of a Colab badge, as scripts/sync_course.py writes it.
BADGE = re.compile(r"\[!\[Open in Colab\]\((?P<image>[^)]+)\)\]\((?P<url>[^)]+)\)")
#: Lines only tests read (nbval's markers) come off every code cell.
NBVAL_LINE = re.compile(r"^\s*# NBVAL_\w+\s*$")
#: Setup plumbing: the Colab install cells, and the lines that check the release.
COLAB_INSTALL = re.compile(r'"google\.colab" in sys\.modules')
SETUP_LINE = re.compile(r"^(import lecturelib\s*|lecturelib\.setup_notebook\(.*\).*)$")
HOMEWORK_CHECKS_TAG = "homework-checks"

TEXT = {
    "en": {
        "title": "Loss & Metric Lab",
        "course": "Course", "homework": "Homework", "reference": "Reference",
        "download": "Download the notebook (.ipynb)",
        "readme": "README.md",
        # The README's sections for the "how to run the course" page, in order.
        "sections": ["Two commands", "Course map", "Sources"],
        "about_title": "How to run the course, and its sources",
    },
    "ko": {
        "title": "Loss & Metric Lab (한국어판)",
        "course": "강좌", "homework": "숙제", "reference": "참고 자료",
        "download": "노트북 내려받기 (.ipynb)",
        "readme": "README.ko.md",
        "sections": ["명령 두 개", "강좌 지도", "출처"],
        "about_title": "강좌 실행 방법과 출처",
    },
}


# --- notebooks ---------------------------------------------------------------------------


def course_notebooks(language: str) -> list[Path]:
    folder = ROOT / "notebooks" / ("ko" if language == "ko" else "")
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def homework_notebooks(language: str) -> list[Path]:
    """The student versions (``make homework`` writes them; the Korean ones come from the
    English and the translation catalogs)."""
    folder = ROOT / "notebooks" / ("ko" if language == "ko" else "") / "homework"
    return sorted(folder.glob("hw*.ipynb"))


def page_name(path: Path) -> str:
    """The site page of a notebook: notebook 00 is the start page, ``index``."""
    return "index" if path.stem == "00_start_here" else path.stem


def colab_url(nb, name: str) -> str:
    """The notebook's own Colab link: the badge in its first markdown cell."""
    first = next(cell for cell in nb.cells if cell.cell_type == "markdown")
    found = BADGE.search(first.source)
    if not found:
        raise ValueError(f"{name}: the first markdown cell has no Open in Colab badge")
    return found["url"]


def _is_explorer(cell) -> bool:
    return (cell.cell_type == "code" and cell.source.startswith(build_slides.IGNORE_MARKER)
            and bool(build_slides.EXPLORER_CALL.search(cell.source)))


def launch_bar(url: str, download: str, label: str, badge: str) -> str:
    return (f'<div class="lml-launch"><a class="lml-colab" href="{url}">'
            f'<img src="{badge}" alt="Open in Colab" width="117" height="20"></a>'
            f'<a class="lml-download" href="{download}" download>{label}</a></div>')


def site_notebook(nb, name: str, language: str, *, download: str, badge: str,
                  links=lambda markdown: markdown):
    """A copy of ``nb`` for the website.

    Setup cells (the Colab installs, the release check, a homework's hidden checks) and
    ``# NBVAL_`` lines are removed; the badge becomes a launch bar (Colab, download); each
    explorer whose kernel-free frames exist shows them, as a ``text/html`` output, with
    its static twin (the next cell) as it is. Returns the notebook and how many explorers
    are kernel-free.
    """
    from lecturelib.explorers._frames import kernel_free_html

    nb = copy.deepcopy(nb)
    url = colab_url(nb, name)
    frames = iter(build_slides.explorer_frames(nb, name))
    cells, kernel_free = [], 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            if COLAB_INSTALL.search(cell.source) or HOMEWORK_CHECKS_TAG in cell.metadata.get(
                    "tags", []):
                continue
            # The decks' frames are one per explorer cell on a slide, in order.
            if _is_explorer(cell) and build_slides.slide_type(cell) != "skip":
                bundle = next(frames, None)
                if bundle is not None:
                    kernel_free += 1
                    cell.outputs = [nbformat.v4.new_output(
                        "display_data", data={"text/html": kernel_free_html(bundle, language)})]
            lines = [line for line in cell.source.splitlines() if not NBVAL_LINE.match(line)]
            if any(SETUP_LINE.match(line) for line in lines):
                lines = [line for line in lines if not SETUP_LINE.match(line)]
                cell.outputs = []
            source = "\n".join(lines).strip("\n")
            if not source:
                continue
            cell.source = source
        else:
            cell.source = links(cell.source)
        cells.append(cell)
    first = next(cell for cell in cells if cell.cell_type == "markdown")
    text = BADGE.sub("", first.source, count=1).lstrip("\n")
    bar = launch_bar(url, download, TEXT[language]["download"], badge)
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1) + 1
    first.source = "\n".join(lines[:at] + ["", bar, ""] + lines[at:])
    nb.cells = cells
    if next(frames, None) is not None:
        raise ValueError(f"{name}: more kernel-free frames than explorer cells")
    return nb, kernel_free


# --- pages from the README and the glossary -----------------------------------------------


def github_base(colab: str) -> str:
    """``https://github.com/<owner>/<repo>/blob/<ref>/`` from a notebook's Colab URL."""
    found = re.match(r"https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/([^/]+)/",
                     colab)
    if not found:
        raise ValueError(f"not a Colab link to GitHub: {colab}")
    return f"https://github.com/{found[1]}/blob/{found[2]}/"


def readme_sections(text: str, titles: list[str]) -> dict[str, str]:
    """The body of each ``## title`` section of a README."""
    parts = re.split(r"(?m)^## (.+)$", text)
    bodies = {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}
    missing = [t for t in titles if t not in bodies]
    if missing:
        raise ValueError(f"README sections not found: {missing}")
    return {t: bodies[t].strip("\n") for t in titles}


def site_links(markdown: str, source: str, page: str, pages: dict[str, str], github: str,
               badge: str) -> str:
    """Links of a repository file (``source``, its path in the repository) made right for
    the site page ``page`` (its path in the site): files that are pages of the site (``pages``:
    repository path to site path) link to them, the Colab badge image is the bundled one,
    other repository files link to GitHub."""
    source_dir = posixpath.dirname(source)
    page_dir = posixpath.dirname(page)

    def link(match):
        text, target = match["text"], match["target"]
        if re.match(r"[a-z]+:|#", target):
            if target.startswith("https://colab.research.google.com/assets/colab-badge"):
                return f"{text}({badge})"
            return match[0]
        path, _, anchor = target.partition("#")
        repo_path = posixpath.normpath(posixpath.join(source_dir, path))
        if repo_path in pages:
            relative = posixpath.relpath(pages[repo_path], page_dir or ".")
            return f"{text}({relative}{'#' + anchor if anchor else ''})"
        return f"{text}({github}{repo_path}{'#' + anchor if anchor else ''})"

    return re.sub(r"(?P<text>!?\[[^\]]*\])\((?P<target>[^)\s]+)\)", link, markdown)


def about_page(language: str, pages: dict[str, str], github: str) -> str:
    """How to run the course (two commands, Colab), the course map and the Sources table:
    the README's own sections, so the page never drifts from it."""
    text = TEXT[language]
    readme = (ROOT / text["readme"]).read_text(encoding="utf-8")
    sections = readme_sections(readme, text["sections"])
    out = [f"# {text['about_title']}", ""]
    for title, body in sections.items():
        body = re.sub(r"<!--.*?-->\n?", "", body)
        out += [f"## {title}", "",
                site_links(body, text["readme"], "about.md", pages, github,
                           "_static/colab-badge.svg"), ""]
    return "\n".join(out)


# --- the Jupyter Book tree -----------------------------------------------------------------


def sphinx_conf(language: str) -> str:
    """conf.py of one language. Sphinx is configured directly (not through Jupyter Book's
    _config.yml, which repeats list settings and loads MathJax twice) with only the
    extensions the pages need: no thebe, no comments, nothing that loads from the web."""
    config = {
        "project": TEXT[language]["title"],
        "html_title": TEXT[language]["title"],
        "author": "Loss & Metric Lab",
        "copyright": "",
        "language": language,
        "extensions": ["myst_nb", "sphinx_external_toc", "sphinx_copybutton",
                       "sphinx_book_theme", "lml_site"],
        "external_toc_path": "_toc.yml",
        "external_toc_exclude_missing": False,
        "exclude_patterns": ["_build", "_extra", "**.ipynb_checkpoints"],
        "nb_execution_mode": "off",
        # The notebooks' own HTML fallback (quiz answers, the explorer note), not the
        # empty view of a widget that needs a kernel.
        "nb_mime_priority_overrides": [
            ["html", "application/vnd.jupyter.widget-view+json", None]],
        "myst_enable_extensions": ["dollarmath", "colon_fence"],
        "myst_heading_anchors": 3,
        "html_theme": "sphinx_book_theme",
        "html_theme_options": {
            "article_header_end": ["lang-switch.html", "article-header-buttons.html"],
            "use_download_button": False,
            "use_fullscreen_button": False,
            "home_page_in_toc": True,
            # Search lives in the sidebar; no second search button in a header bar.
            "navbar_persistent": [],
        },
        # Light or dark as the reader's system is, until they press the theme button.
        "html_context": {"default_mode": "auto"},
        "html_static_path": ["_static"],
        "html_extra_path": ["_extra"],
        "html_css_files": ["site.css", "kernel-free.css"],
        "html_js_files": ["kernel-free.js"],
        "templates_path": ["_templates"],
        # Search summaries fetch() each hit's page, which file:// forbids.
        "html_show_search_summary": False,
        # The notebooks are offered for download as they are (the launch bar).
        "html_copy_source": False,
        "html_show_sourcelink": False,
        # MathJax from the npm package the slide decks pin, copied into _static.
        "mathjax_path": "mathjax/tex-svg.js",
        "suppress_warnings": ["mystnb.unknown_mime_type"],
    }
    lines = ["# Written by scripts/build_site.py: edit that, not this.", "import sys",
             "from pathlib import Path", "sys.path.insert(0, str(Path(__file__).parent))"]
    lines += [f"{key} = {value!r}" for key, value in config.items()]
    return "\n".join(lines) + "\n"


def book_toc(language: str, course: list[str], homework: list[str]) -> str:
    text = TEXT[language]
    lines = ["format: jb-book", f"root: {course[0]}", "parts:",
             f'- caption: "{text["course"]}"', "  chapters:"]
    lines += [f"  - file: {name}" for name in course[1:]]
    lines += [f'- caption: "{text["homework"]}"', "  chapters:"]
    lines += [f"  - file: homework/{name}" for name in homework]
    lines += [f'- caption: "{text["reference"]}"', "  chapters:",
              "  - file: glossary", "  - file: about"]
    return "\n".join(lines) + "\n"


def write_source(language: str, src: Path) -> dict:
    """The Jupyter Book source tree of one language; returns what went in."""
    from lecturelib.explorers._frames import SCRIPT, STYLE

    if src.exists():
        shutil.rmtree(src)
    (src / "_static" / "mathjax").mkdir(parents=True)
    (src / "homework").mkdir()
    shutil.copy(MATHJAX, src / "_static" / "mathjax" / "tex-svg.js")
    shutil.copy(SITE_SRC / "site.css", src / "_static" / "site.css")
    shutil.copy(SITE_SRC / "colab-badge.svg", src / "_static" / "colab-badge.svg")
    (src / "_static" / "kernel-free.js").write_text(SCRIPT, encoding="utf-8")
    (src / "_static" / "kernel-free.css").write_text(STYLE, encoding="utf-8")
    shutil.copytree(SITE_SRC / "_templates", src / "_templates")
    shutil.copy(SITE_SRC / "lml_site.py", src / "lml_site.py")

    info = {"pages": [], "kernel_free": 0, "colab": {}}
    groups = {"": course_notebooks(language), "homework/": homework_notebooks(language)}
    # Repository path -> site path of every file that is a page of the site.
    pages = {path.relative_to(ROOT).as_posix(): f"{folder}{page_name(path)}.ipynb"
             for folder, paths in groups.items() for path in paths}
    pages["GLOSSARY.md"] = "glossary.md"
    first = nbformat.read(groups[""][0], as_version=4)
    github = github_base(colab_url(first, groups[""][0].name))
    for folder, paths in groups.items():
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            source = path.relative_to(ROOT).as_posix()
            up = "../" * folder.count("/")
            page, kernel_free = site_notebook(
                nb, path.name, language, download=f"{up}notebooks/{folder}{path.name}",
                badge=f"{up}_static/colab-badge.svg",
                links=lambda md, source=source: site_links(md, source, pages[source], pages,
                                                            github, "_static/colab-badge.svg"))
            nbformat.write(page, src / pages[source])
            extra = src / "_extra" / "notebooks" / folder / path.name
            extra.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, extra)
            info["kernel_free"] += kernel_free
            info["colab"][f"{folder}{page_name(path)}"] = colab_url(nb, path.name)
            info["pages"].append(f"{folder}{page_name(path)}")
    glossary = (ROOT / "GLOSSARY.md").read_text(encoding="utf-8")
    (src / "glossary.md").write_text(
        site_links(glossary, "GLOSSARY.md", "glossary.md", pages, github,
                   "_static/colab-badge.svg"), encoding="utf-8")
    (src / "about.md").write_text(about_page(language, pages, github), encoding="utf-8")
    info["pages"] += ["glossary", "about"]
    (src / "conf.py").write_text(sphinx_conf(language), encoding="utf-8")
    names = {folder: [page_name(path) for path in paths] for folder, paths in groups.items()}
    (src / "_toc.yml").write_text(book_toc(language, names[""], names["homework/"]),
                                  encoding="utf-8")
    return info


def build_book(src: Path, out: Path, nitpicky: bool = True) -> None:
    """Sphinx (Jupyter Book 1's own engine, from .venv-site), warnings as errors."""
    if not SPHINX_BUILD.exists():
        raise SystemExit("Jupyter Book is not installed: run `make site` (it creates .venv-site)")
    if out.exists():
        shutil.rmtree(out)
    command = [str(SPHINX_BUILD), "-b", "html", "-W", "--keep-going", "-q", "-E",
               "-d", str(out.parent / f"{out.name}.doctrees"), str(src), str(out)]
    if nitpicky:
        command.insert(3, "-n")
    # The book's own environment: .venv's packages (markdown-it-py 4) must not leak in.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-20000:] + result.stderr[-20000:])
        raise SystemExit(f"the site's build failed for {src.name} (exit {result.returncode})")


def build(out: Path, work: Path, make_zip: bool = True) -> dict:
    start = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    report = {"languages": {}}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for language in LANGUAGES:
        src = work / "src" / language
        info = write_source(language, src)
        build_book(src, work / "out" / language)
        shutil.copytree(work / "out" / language, out / language)
        report["languages"][language] = info
    shutil.copy(SITE_SRC / "index.html", out / "index.html")
    (out / "site.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    report["seconds"] = time.perf_counter() - start
    report["bytes"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if make_zip:
        archive = out.with_suffix(".zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(out.rglob("*")):
                z.write(path, Path(out.name) / path.relative_to(out))
        report["zip_bytes"] = archive.stat().st_size
    report["seconds_total"] = time.perf_counter() - start
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # Under build/ (ignored by git and by the tests that read the repository's files).
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site",
                        help="the site folder (its zip goes next to it)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "site-work",
                        help="where the Jupyter Book sources and builds go")
    parser.add_argument("--no-zip", action="store_true", help="do not write <out>.zip")
    args = parser.parse_args(argv)
    report = build(args.out.resolve(), args.work.resolve(), not args.no_zip)
    for language, info in report["languages"].items():
        print(f"{language}: {len(info['pages'])} pages, {info['kernel_free']} kernel-free "
              "explorers")
    print(f"site: {report['bytes'] / 1e6:.1f} MB in {args.out}", end="")
    if "zip_bytes" in report:
        print(f", zip {report['zip_bytes'] / 1e6:.1f} MB", end="")
    print(f"; built in {report['seconds_total']:.1f} s (both languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
