"""The course website (`make site`, scripts/build_site.py): built once per session into a
temporary folder, with warnings as errors, then its tree checked. The pages themselves are
opened offline in Chromium by tests/browser/test_site.py."""

from __future__ import annotations

import json
import os
import re
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_site  # noqa: E402

#: COURSE.md section 5: `make site`, both languages.
BUDGET_S = 60
_BUILT: dict = {}


def build_once(tmp_path_factory):
    """The site, built once per test session (shared with the browser tests)."""
    if "site" not in _BUILT:
        if not build_site.SPHINX_BUILD.exists():
            message = ("the website's environment .venv-site is missing: `make test` creates "
                       "it (or `make site`)")
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        base = tmp_path_factory.mktemp("site")
        report = build_site.build(base / "site", base / "work")
        _BUILT["site"] = (base / "site", report)
    return _BUILT["site"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_once(tmp_path_factory)


def _expected_pages(language):
    pages = [build_site.page_name(p) for p in build_site.course_notebooks(language)]
    pages += [f"homework/{p.stem}" for p in build_site.homework_notebooks(language)]
    return pages + ["glossary", "about"]


def test_both_languages_build_and_zip(site, capsys):
    out, report = site
    with capsys.disabled():  # measured, not asserted (COURSE.md: speed is not a test)
        print(f"\n  site built in {report['seconds_total']:.1f} s (budget {BUDGET_S} s)", end="")
    assert (out / "index.html").exists()
    for language in build_site.LANGUAGES:
        pages = _expected_pages(language)
        assert len(pages) == 9 + 4 + 2
        assert report["languages"][language]["pages"] == pages
        for page in pages:
            assert (out / language / f"{page}.html").exists(), f"{language}/{page}.html"
        assert (out / language / "search.html").exists()
        assert (out / language / "searchindex.js").exists()
    with zipfile.ZipFile(out.with_suffix(".zip")) as archive:
        names = set(archive.namelist())
    files = {f"site/{p.relative_to(out).as_posix()}" for p in out.rglob("*") if p.is_file()}
    assert files <= names and "site/en/index.html" in names and "site/ko/index.html" in names


def _html_pages(out):
    return [p for p in out.rglob("*.html")
            if "_static" not in p.parts and p.parent.name != "notebooks"]


def test_no_test_markers_or_setup_plumbing_on_the_pages(site):
    out, _ = site
    for page in _html_pages(out):
        text = page.read_text(encoding="utf-8")
        for bad in ("NBVAL", "setup_notebook", "%pip install", "google.colab",
                    "Checks of this homework"):
            assert bad not in text, f"{page.relative_to(out)} shows {bad!r}"


def test_nothing_is_loaded_from_the_web(site):
    """Scripts, styles, images and fonts are all files of the site (links are fine)."""
    out, _ = site
    external = re.compile(r"""<(?:script|img|link|iframe|source)\b[^>]*?\b(?:src|href)=["']"""
                          r"""(?:https?:)?//""", re.I)
    for page in _html_pages(out):
        text = page.read_text(encoding="utf-8")
        found = [m[0] for m in external.finditer(text)
                 if not re.search(r"rel=[\"'](?:next|prev|canonical)", m[0])]
        assert not found, f"{page.relative_to(out)}: {found[:3]}"
    for css in out.rglob("*.css"):
        assert not re.search(r"url\([\"']?(?:https?:)?//", css.read_text(encoding="utf-8")), css
    for language in build_site.LANGUAGES:
        assert (out / language / "_static" / "mathjax" / "tex-svg.js").exists()
        assert (out / language / "_static" / "colab-badge.svg").exists()


def test_every_explorer_on_a_slide_is_kernel_free_and_keeps_its_static_twin(site):
    out, report = site
    frames = len(list((ROOT / "frames").glob("*/*.json")))
    for language in build_site.LANGUAGES:
        assert report["languages"][language]["kernel_free"] == frames
        shown = sum(p.read_text(encoding="utf-8").count('class="lecturelib-kernel-free"')
                    for p in _html_pages(out / language))
        assert shown == frames, language
        for stem in {p.parent.name for p in (ROOT / "frames").glob("*/*.json")}:
            page = (out / language / f"{stem}.html").read_text(encoding="utf-8")
            count = len(list((ROOT / "frames" / stem).glob("*.json")))
            assert page.count('class="lecturelib-kernel-free"') == count, (language, stem)
            assert f'data-language="{language}"' in page


def test_launch_bar_links_the_notebooks_own_colab_url_and_download(site):
    out, report = site
    for language in build_site.LANGUAGES:
        paths = build_site.course_notebooks(language) + build_site.homework_notebooks(language)
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            badge = build_site.BADGE.search(nb.cells[0].source)["url"]
            folder = "homework/" if path.parent.name == "homework" else ""
            page = out / language / f"{folder}{build_site.page_name(path)}.html"
            text = page.read_text(encoding="utf-8")
            colab = re.search(r'<a class="lml-colab" href="([^"]+)"', text)
            assert colab and colab[1] == badge, page
            download = re.search(r'<a class="lml-download" href="([^"]+)"', text)[1]
            assert (page.parent / download).resolve().read_bytes() == path.read_bytes()
            assert report["languages"][language]["colab"][
                f"{folder}{build_site.page_name(path)}"] == badge


def test_every_page_links_the_same_page_in_the_other_language(site):
    out, _ = site
    for page in _html_pages(out):
        relative = page.relative_to(out)
        if len(relative.parts) < 2:
            continue  # the language chooser
        text = page.read_text(encoding="utf-8")
        switch = re.search(r'class="btn btn-sm lml-language" href="([^"]+)"', text)
        assert switch, relative
        other = (page.parent / switch[1]).resolve()
        assert other.exists() and other.relative_to(out).parts[1:] == relative.parts[1:]


def test_about_page_carries_the_readme_sections(site):
    out, _ = site
    for language, readme in (("en", "README.md"), ("ko", "README.ko.md")):
        sections = build_site.readme_sections((ROOT / readme).read_text(encoding="utf-8"),
                                              build_site.TEXT[language]["sections"])
        page = re.sub(r"<[^>]+>", "", (out / language / "about.html").read_text(encoding="utf-8"))
        assert "make lab" in page and "make test" in page and "Colab" in page
        sources = sections[build_site.TEXT[language]["sections"][-1]]
        for name in re.findall(r"^\| \*\*(.+?)\*\*", sources, re.M):
            assert name in page, (language, name)
        assert json.loads((out / "site.json").read_text(encoding="utf-8"))
