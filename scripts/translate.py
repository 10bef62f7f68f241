"""The Korean edition (한국어판): translation catalogs and the Korean notebooks built from them.

One source for everything but the words. The English notebooks are the source of the code
cells, outputs and slide marks; a translation is text in a gettext catalog, keyed by the
English it translates, in ``lecturelib/locale/ko/``:

- ``<notebook>.po`` for each course notebook and each homework student notebook: every
  paragraph-sized block of its markdown (a paragraph, a heading, a list, a table) and, for
  the course notebooks, the texts of its quizzes (read from the quizzes' stored outputs, so
  numbers a quiz computes are in its English text);
- ``lib-*.po``: lecturelib's own messages (quiz buttons, explorers' status lines and notes,
  homework checks), found in its source: the string given to ``_()``, ``N_()``, ``gettext()``
  or ``fail()``, a ``Mistake``'s message and a ``why=`` sentence.

Commands::

    python scripts/translate.py extract   # bring the catalogs up to date with the English
    python scripts/translate.py build     # write notebooks/ko/ from the English + catalogs
    python scripts/translate.py check     # list what is missing or out of step (exit 1)

``extract`` keeps every translation whose English is unchanged, adds new English text
untranslated, and marks an entry *fuzzy* when its English changed (the old English is kept
as ``#| msgid`` beside the old translation, for the translator to compare); a fuzzy or empty
entry is not used. ``build`` writes ``notebooks/ko/<notebook>.ipynb`` (and
``notebooks/ko/homework/``): the English notebook with each markdown block replaced by its
translation, the Korean Colab badge, links that still point where they did, and
``setup_notebook(..., language="ko")``, which makes lecturelib speak Korean. The course
notebooks are then executed (``make translate`` does all three). ``check`` is what the tests
run: a block without a usable translation (naming the notebook and cell), a translation
whose numbers differ from the English, a glossary term translated otherwise than the
glossary says, or a Korean notebook that is not the build of its English one.
"""

from __future__ import annotations

import argparse
import ast
import copy
import difflib
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lecturelib import _po  # noqa: E402
from lecturelib.course import SYLLABUS, colab_badge  # noqa: E402

LANGUAGE = "ko"
LOCALE = ROOT / "lecturelib" / "locale" / LANGUAGE
NOTEBOOKS = ROOT / "notebooks"
KOREAN = NOTEBOOKS / LANGUAGE
HEADER = ("Project-Id-Version: Loss & Metric Lab\n"
          "Language: ko\n"
          "MIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\n"
          "Content-Transfer-Encoding: 8bit\n")
BADGE = re.compile(r"^\[!\[Open in Colab\]\([^)]*\)\]\([^)]*\)\s*$")
SETUP_CALL = re.compile(r'(lecturelib\.setup_notebook\("[^"]*")\)')
HANGUL = re.compile(r"[\uac00-\ud7a3]")


# --------------------------------------------------------------------------- notebooks

def course_notebooks() -> list[Path]:
    return [ROOT / nb.path for nb in SYLLABUS if (ROOT / nb.path).exists()]


def homework_notebooks() -> list[Path]:
    return sorted((NOTEBOOKS / "homework").glob("*.ipynb"))


def english_notebooks() -> list[Path]:
    return course_notebooks() + homework_notebooks()


def korean_path(english: Path) -> Path:
    return KOREAN / english.relative_to(NOTEBOOKS)


def catalog_path(english: Path) -> Path:
    return LOCALE / f"{english.stem}.po"


# ----------------------------------------------------------------------- markdown blocks

@dataclass
class Block:
    text: str          # the block, without the blank lines around it
    after: str         # what follows it in the cell (blank lines), kept as is
    translatable: bool


def _is_heading(line: str) -> bool:
    return re.match(r"^#{1,6} ", line) is not None


def markdown_blocks(source: str) -> list[Block]:
    """Split a markdown cell into the blocks a translator sees one at a time.

    A block is a run of non-blank lines (a paragraph, a list, a table); a heading is a
    block of its own; a fenced code block or a display-maths block stays whole, blank lines
    and all, and is not translated (its text is code or maths). Joining every block's
    ``text`` and ``after`` gives the source back exactly (a cell never starts with a blank
    line: the blank lines and newlines between blocks are each block's ``after``).
    """
    lines = source.split("\n")
    spans: list[tuple[int, int, bool]] = []   # [start, end) lines, translatable
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        start = i
        if stripped.startswith(("```", "~~~")) or (stripped.startswith("$$") and not (
                len(stripped) > 2 and stripped.endswith("$$"))):
            fence = stripped[:3] if not stripped.startswith("$$") else "$$"
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence) and not (
                    fence == "$$" and lines[i].strip().endswith("$$")):
                i += 1
            i = min(i + 1, len(lines))
            spans.append((start, i, False))
            continue
        if _is_heading(lines[i]):
            spans.append((i, i + 1, True))
            i += 1
            continue
        while i < len(lines) and lines[i].strip() and not _is_heading(lines[i]):
            i += 1
        spans.append((start, i, True))
    blocks = []
    for n, (start, end, translatable) in enumerate(spans):
        text = "\n".join(lines[start:end])
        following = spans[n + 1][0] if n + 1 < len(spans) else len(lines)
        after = "".join("\n" + line for line in lines[end:following])
        if n + 1 < len(spans):
            after += "\n"
        words = re.search(r"[A-Za-z]", _without_maths(text)) is not None
        maths = text.strip().startswith("$$") and text.strip().endswith("$$")
        blocks.append(Block(text, after, translatable and words and not maths))
    prefix = "".join(line + "\n" for line in lines[:spans[0][0]]) if spans else source
    if blocks and prefix:
        blocks[0] = Block(prefix + blocks[0].text, blocks[0].after, blocks[0].translatable)
    return blocks


def _without_maths(text: str) -> str:
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    return re.sub(r"`[^`]*`", " ", text)


def _split_badge(source: str) -> tuple[str, str]:
    """(badge line, the rest) of a first cell; the badge line may be empty."""
    first, _, rest = source.partition("\n")
    if BADGE.match(first):
        return first, rest
    return "", source


def quiz_texts(cell) -> list[str]:
    """The English texts of the quizzes a code cell displays (from its stored outputs)."""
    texts = []
    for output in cell.get("outputs", []):
        quiz = output.get("metadata", {}).get("lecturelib", {}).get("quiz")
        if not quiz:
            continue
        texts.append(quiz["prompt"])
        texts += quiz.get("options", [])
        texts += [quiz.get("explanation", "")] + quiz.get("hints", []) + [quiz.get("unit", "")]
    return [t for t in texts if t.strip()]


def notebook_messages(path: Path) -> list[tuple[str, str]]:
    """(English text, where) for everything a translator must translate in a notebook."""
    nb = nbformat.read(path, as_version=4)
    found = []
    for index, cell in enumerate(nb.cells):
        where = f"{path.name}:{index}"
        if cell.cell_type == "markdown":
            source = _split_badge(cell.source)[1] if index == 0 else cell.source
            found += [(b.text, where) for b in markdown_blocks(source) if b.translatable]
        elif cell.cell_type == "code":
            found += [(text, where) for text in quiz_texts(cell)]
    return found


# -------------------------------------------------------------------- library messages

_MESSAGE_CALLS = {"_", "N_", "gettext", "fail"}


def _constant_text(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_messages(path: Path) -> list[tuple[str, int]]:
    """(English template, line) of every message a lecturelib module marks for translation."""
    source = path.read_text(encoding="utf-8")
    if not (re.search(r"^from \.+i18n import", source, flags=re.M)
            or re.search(r"^from \._checking import", source, flags=re.M)):
        return []  # a module that translates nothing (its `fail` or `_` are something else)
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else "")
        candidates = []
        if name in _MESSAGE_CALLS and node.args:
            candidates.append(node.args[0])
        if name == "Mistake":
            candidates += node.args[1:2] + [k.value for k in node.keywords if k.arg == "message"]
        candidates += [k.value for k in node.keywords if k.arg == "why"]
        for candidate in candidates:
            text = _constant_text(candidate)
            if text and text.strip():
                found.append((text, candidate.lineno))
    return found


def library_catalogs() -> dict[str, list[tuple[str, str]]]:
    """Catalog name -> (English template, where) of lecturelib's own messages."""
    package = ROOT / "lecturelib"
    groups: dict[str, list[tuple[str, str]]] = {}
    seen = set()
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith("homework/hw"):
            name = f"lib-homework-{path.stem}"
        elif relative.startswith("homework/"):
            name = "lib-homework"
        elif relative.startswith("explorers/"):
            name = "lib-explorers"
        else:
            name = "lib-course"
        for text, _line in source_messages(path):
            if text in seen:
                continue
            seen.add(text)
            # The module, not the line: a reference must not change when code above moves.
            groups.setdefault(name, []).append((text, f"lecturelib/{relative}"))
    # The course's titles, for the Korean README's map.
    course = groups.setdefault("lib-course", [])
    for nb in SYLLABUS:
        for text in (nb.title, nb.teaches):
            if text not in seen:
                seen.add(text)
                course.append((text, "lecturelib/course.py"))
    return groups


# ------------------------------------------------------------------------------ extract

def merge(old_entries: list[_po.Entry], messages: list[tuple[str, str]]) -> list[_po.Entry]:
    """The catalog for ``messages``: unchanged English keeps its translation; English that
    changed becomes a fuzzy entry holding the old translation and the old English."""
    old = {e.msgid: e for e in old_entries}
    order, references = [], {}
    for text, where in messages:
        if text not in references:
            order.append(text)
            references[text] = []
        if where not in references[text]:
            references[text].append(where)
    unused = [e for e in old_entries if e.msgid not in references and e.msgstr]
    merged = []
    for text in order:
        entry = old.get(text)
        if entry is None:
            entry = _po.Entry(text)
            # The English changed: offer the most similar translated entry of the same
            # places (or, failing that, any), marked fuzzy for a person to check.
            close = _most_similar(text, references[text], unused)
            if close is not None:
                entry.msgstr, entry.fuzzy = close.msgstr, True
                entry.previous_msgid = close.previous_msgid if close.fuzzy else close.msgid
                entry.comments = list(close.comments)
                unused.remove(close)
        else:
            entry = copy.deepcopy(entry)
        entry.references = references[text]
        merged.append(entry)
    return merged


def _most_similar(text, where, candidates):
    def score(entry):
        same_place = bool(set(entry.references) & set(where))
        ratio = difflib.SequenceMatcher(None, entry.previous_msgid or entry.msgid, text).ratio()
        return (ratio >= 0.5 and (same_place or ratio >= 0.8), same_place, ratio)

    best = max(candidates, key=score, default=None)
    return best if best is not None and score(best)[0] else None


def extract() -> list[Path]:
    LOCALE.mkdir(parents=True, exist_ok=True)
    wanted = {catalog_path(p): notebook_messages(p) for p in english_notebooks()}
    wanted |= {LOCALE / f"{name}.po": messages for name, messages in library_catalogs().items()}
    written = []
    for path, messages in wanted.items():
        old = _po.read(path)[1] if path.exists() else []
        entries = merge(old, messages)
        before = path.read_text(encoding="utf-8") if path.exists() else None
        _po.write(path, entries, HEADER)
        if path.read_text(encoding="utf-8") != before:
            written.append(path)
    for path in sorted(LOCALE.glob("*.po")):
        if path not in wanted:
            path.unlink()
            written.append(path)
    return written


# -------------------------------------------------------------------------------- build

def catalog(path: Path) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in _po.read(path)[1] if e.translated} if path.exists() else {}


def _link_target(target: str, english: Path, korean: Path) -> str:
    """Where a relative link of the English notebook points, seen from the Korean one."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
        return target
    path, hash_, anchor = target.partition("#")
    resolved = Path(posixpath.normpath((english.parent / path).as_posix()))
    inside = resolved.is_relative_to(NOTEBOOKS) and not resolved.is_relative_to(KOREAN)
    if inside and resolved.suffix == ".ipynb":
        resolved = korean_path(resolved)  # the Korean edition of the linked notebook
    new = posixpath.relpath(resolved.as_posix(), korean.parent.as_posix())
    return new + hash_ + anchor


def _relinked(text: str, english: Path, korean: Path) -> str:
    return re.sub(r"(\]\()([^)\s]+)(\))",
                  lambda m: m[1] + _link_target(m[2], english, korean) + m[3], text)


def translated_markdown(source: str, translations: dict, english: Path, korean: Path,
                        missing: list | None = None, where: str = "") -> str:
    parts = []
    for block in markdown_blocks(source):
        text = block.text
        if block.translatable:
            if text in translations:
                text = translations[text]
            elif missing is not None:
                missing.append((where, text))
        parts.append(_relinked(text, english, korean) + block.after)
    return "".join(parts)


def korean_notebook(english: Path, missing: list | None = None):
    """The Korean notebook built from ``english`` and its catalog (a new notebook)."""
    korean = korean_path(english)
    translations = catalog(catalog_path(english))
    nb = nbformat.read(english, as_version=4)
    nb = copy.deepcopy(nb)
    for index, cell in enumerate(nb.cells):
        where = f"{english.relative_to(ROOT).as_posix()} cell {index}"
        if cell.cell_type == "markdown":
            badge, body = _split_badge(cell.source) if index == 0 else ("", cell.source)
            body = translated_markdown(body, translations, english, korean, missing, where)
            if badge:
                body = colab_badge(korean.relative_to(ROOT).as_posix()) + "\n" + body
            cell.source = body
        elif cell.cell_type == "code" and SETUP_CALL.search(cell.source):
            cell.source = SETUP_CALL.sub(rf'\1, language="{LANGUAGE}")', cell.source)
    nb.metadata["lecturelib"] = {"language": LANGUAGE,
                                 "translated_from": english.relative_to(ROOT).as_posix()}
    return nb


def build(paths=None) -> list[Path]:
    written = []
    for english in paths or english_notebooks():
        nb = korean_notebook(english)
        target = korean_path(english)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            # Keep the stored outputs of an executed Korean notebook whose code is unchanged:
            # only the words are rebuilt here; executing it is `make translate`'s next step.
            old = nbformat.read(target, as_version=4)
            _keep_outputs(nb, old)
        text = nbformat.writes(nb) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


def _keep_outputs(nb, old):
    if len(old.cells) != len(nb.cells):
        return
    for new_cell, old_cell in zip(nb.cells, old.cells):
        if new_cell.cell_type == old_cell.cell_type == "code" and new_cell.source == old_cell.source:
            new_cell.outputs = old_cell.outputs
            new_cell.execution_count = old_cell.get("execution_count")


# -------------------------------------------------------------------------------- check

NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:\s?%)?")


def numbers(text: str) -> Counter:
    """The numbers written in a text (digits, with their decimal points and thousands
    separators), as a multiset; link targets and code are left out."""
    text = re.sub(r"\]\([^)]*\)", "]", text)       # link targets
    text = re.sub(r"<[^>]+>", " ", text)           # HTML tags
    return Counter(m.replace("−", "-").replace(" ", "") for m in NUMBER.findall(text))


def placeholders(text: str) -> Counter:
    return Counter(re.findall(r"\{[^{}]*\}", text))


def problems(glossary=None) -> list[str]:
    """Everything that keeps the Korean edition out of step with the English."""
    found = []
    for english in english_notebooks():
        rel = english.relative_to(ROOT).as_posix()
        entries = {e.msgid: e for e in _po.read(catalog_path(english))[1]} \
            if catalog_path(english).exists() else {}
        for text, where in notebook_messages(english):
            cell = where.split(":")[1]
            entry = entries.get(text)
            if entry is None or not entry.msgstr:
                found.append(f"{rel} cell {cell}: no translation yet for {_short(text)} "
                             f"(run `make translate`, then translate it in "
                             f"{catalog_path(english).relative_to(ROOT)})")
            elif entry.fuzzy:
                found.append(f"{rel} cell {cell}: the English changed since it was translated "
                             f"({_short(text)}); update the fuzzy entry in "
                             f"{catalog_path(english).relative_to(ROOT)}")
            else:
                found += _text_problems(f"{rel} cell {cell}", text, entry.msgstr, glossary,
                                        entry.comments)
        korean = korean_path(english)
        if not korean.exists():
            found.append(f"{korean.relative_to(ROOT)} is missing: run `make translate`")
        elif _words_of(korean) != _words_of_build(english):
            found.append(f"{korean.relative_to(ROOT)} is not the build of "
                         f"{rel} and its catalog: run `make translate`")
    for path in sorted(LOCALE.glob("lib-*.po")):
        for entry in _po.read(path)[1]:
            where = f"{path.relative_to(ROOT)} ({entry.references[0] if entry.references else '?'})"
            if not entry.translated:
                state = "fuzzy" if entry.fuzzy else "untranslated"
                found.append(f"{where}: {state}: {_short(entry.msgid)}")
            else:
                if placeholders(entry.msgid) != placeholders(entry.msgstr):
                    found.append(f"{where}: the translation's {{fields}} "
                                 f"{sorted(placeholders(entry.msgstr))} differ from the "
                                 f"English {sorted(placeholders(entry.msgid))}")
                found += _text_problems(where, entry.msgid, entry.msgstr, glossary,
                                        entry.comments)
    return found


def _text_problems(where, english, korean, glossary, comments=()):
    found = []
    # A translator may write a number otherwise, saying which and why (the English "three
    # quarters" is 4분의 3; "100 million won" is the unit 억): a comment
    # "numbers-ok: 3, 4 — why" on the entry lets those numbers differ, and only those.
    allowed = set()
    for comment in comments:
        if comment.startswith("numbers-ok:"):
            listed, _dash, why = comment[len("numbers-ok:"):].partition("—")
            if why.strip():
                allowed |= set(numbers(listed))
    lost = Counter({n: c for n, c in (numbers(english) - numbers(korean)).items()
                    if n not in allowed})
    extra = Counter({n: c for n, c in (numbers(korean) - numbers(english)).items()
                     if n not in allowed})
    if lost or extra:
        found.append(f"{where}: numbers differ from the English: "
                     f"missing {sorted(lost.elements())}, extra {sorted(extra.elements())}")
    if glossary is not None:
        for term, korean_terms in glossary.missing_terms(english, korean):
            found.append(f"{where}: the English uses the glossary term {term!r}; the "
                         f"translation should use {' or '.join(korean_terms)}")
    return found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) < 70 else text[:67] + "...")


def _words_of(path: Path):
    nb = nbformat.read(path, as_version=4)
    return [(c.cell_type, c.source) for c in nb.cells]


def _words_of_build(english: Path):
    nb = korean_notebook(english)
    return [(c.cell_type, c.source) for c in nb.cells]


# ----------------------------------------------------------------------------- glossary

class Glossary:
    """The course glossary's pairs of English and Korean terms (GLOSSARY.md).

    A term is checked where an English text uses it: its translation must use one of the
    glossary's Korean terms for it. Words too general to be held to one translation are
    listed in :attr:`GENERAL` and not checked.
    """

    #: English words of the glossary that also have everyday meanings, where a translator
    #: rightly uses other Korean words ("a positive number" is 양수, not 양성).
    GENERAL = {"model", "function", "parameter", "weight", "bias", "training", "positive",
               "negative", "actual", "predicted", "discount", "feature", "baseline",
               "confidence", "histogram", "outlier", "intercept", "relevance", "flatten",
               "uncertainty", "expectation", "expected value", "harmonic mean", "trade-off",
               "chatbot", "quality", "diversity", "retrieval", "threshold", "epoch",
               "optimization", "classification", "segmentation", "ranking", "regression",
               "summarisation", "resampling", "memorisation", "operating point", "microstate",
               "easy", "hard", "easy example", "hard example", "logit", "gradient",
               # "their mean AP over the IoU thresholds" is a mean of APs, not the mAP.
               "mean ap",
               # "every bit of extra confidence": the everyday word, not the unit.
               "bit"}

    def __init__(self, path: Path = ROOT / "GLOSSARY.md"):
        alternatives_of: dict[str, list[str]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or cells[0] in ("English", "") or set(cells[0]) <= set("-: "):
                continue
            english = [re.sub(r"\s*\([^)]*\)", "", e).strip() for e in cells[0].split(" / ")]
            korean = [k.strip() for k in cells[1].split(" / ")]
            if len(english) != len(korean):
                korean = [" / ".join(korean)] * len(english)
            for terms_en, terms_ko in zip(english, korean):
                alternatives = [a.strip() for a in re.split(r",|\(|\)", terms_ko) if a.strip()]
                for term in (t.strip() for t in terms_en.split(",")):
                    if term and term.lower() not in self.GENERAL and len(term) > 2:
                        # A term in several rows ("precision", "precision for generators")
                        # may be translated as any of them says.
                        known = alternatives_of.setdefault(term.lower(), [])
                        known += [a for a in alternatives if a not in known]
        self.pairs = [(term, alternatives) for term, alternatives in alternatives_of.items()]

    def missing_terms(self, english: str, korean: str):
        plain = re.sub(r"\{[^{}]*\}", " ", _without_maths(english))  # not a template's {fields}
        for term, alternatives in self.pairs:
            pattern = r"(?<![\w-])" + re.escape(term) + r"s?(?![\w-])"
            if re.search(pattern, plain, flags=re.I) and not any(a in korean
                                                                 for a in alternatives):
                yield term, alternatives


# --------------------------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "build", "check"])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="English notebooks to build (default: all)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        for path in extract():
            print(f"updated {path.relative_to(ROOT)}")
        return 0
    if args.command == "build":
        paths = [p.resolve() for p in args.notebooks] or None
        for path in build(paths):
            print(f"built {path.relative_to(ROOT)}")
        return 0
    found = problems(Glossary())
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
