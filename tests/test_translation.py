"""The Korean edition (한국어판) is kept in step with the English by these tests.

- every markdown block and quiz text of every English notebook has a translation in its
  catalog (``lecturelib/locale/ko/``), made from today's English: a changed English block
  becomes a fuzzy entry, and the failure names the notebook and the cell;
- a translation writes the same numbers as its English, and the glossary's Korean term where
  the English uses a glossary term;
- lecturelib's own messages (quiz buttons, explorers, homework checks) are all translated,
  with the same ``{fields}``;
- each Korean notebook is the build of its English one (``make translate``): the same code
  cells and, but for what lecturelib writes in the chosen language, the same outputs;
- the Korean homework: the solution passes every check, the blank notebook fails every check
  in Korean (tests/test_homework.py runs the wrong answers of the corpus in Korean too).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat
import pytest

from lecturelib import _po, i18n

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import translate  # noqa: E402

HANGUL = translate.HANGUL


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    i18n.set_language("en")


# ------------------------------------------------------------------------ in step

def test_every_english_text_has_a_current_translation():
    found = translate.problems(translate.Glossary())
    shown = "\n".join(found[:40]) + (f"\n... and {len(found) - 40} more" if len(found) > 40 else "")
    assert found == [], f"{len(found)} problem(s) in the Korean edition:\n{shown}"


def test_catalogs_hold_exactly_what_extract_would_write(tmp_path, monkeypatch):
    monkeypatch.setattr(translate, "LOCALE", tmp_path)
    for path in sorted((ROOT / "lecturelib" / "locale" / "ko").glob("*.po")):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    changed = [p.name for p in translate.extract()]
    assert changed == [], (f"run `make translate`: the catalogs {changed} are not up to date "
                           "with the English notebooks and lecturelib's messages")


def test_a_changed_english_block_is_fuzzy_and_keeps_the_old_translation():
    old = [_po.Entry("The model scores IoU 0.690.", "모델의 IoU는 0.690입니다.",
                     references=["06.ipynb:24"])]
    merged = translate.merge(old, [("The model scores IoU 0.691.", "06.ipynb:24"),
                                   ("A new sentence.", "06.ipynb:25")])
    changed, new = merged
    assert changed.fuzzy and changed.msgstr == "모델의 IoU는 0.690입니다."
    assert changed.previous_msgid == "The model scores IoU 0.690." and not changed.translated
    assert new.msgstr == "" and not new.fuzzy
    # Unchanged English keeps its translation as it is.
    assert translate.merge(old, [("The model scores IoU 0.690.", "06.ipynb:24")])[0].translated


def test_problems_name_the_notebook_and_the_cell(tmp_path, monkeypatch):
    english = tmp_path / "notebooks" / "09_example.ipynb"
    english.parent.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 09 · Example"),
        nbformat.v4.new_markdown_cell("Precision is 0.75 here.\n\nRecall is 0.60.")])
    nbformat.write(nb, english)
    monkeypatch.setattr(translate, "ROOT", tmp_path)
    monkeypatch.setattr(translate, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setattr(translate, "KOREAN", tmp_path / "notebooks" / "ko")
    monkeypatch.setattr(translate, "LOCALE", tmp_path / "locale")
    monkeypatch.setattr(translate, "english_notebooks", lambda: [english])
    (tmp_path / "locale").mkdir()
    _po.write(tmp_path / "locale" / "09_example.po", [
        _po.Entry("# 09 · Example", "# 09 · 예시"),
        _po.Entry("Precision is 0.75 here.", "여기서 정밀도는 0.57입니다."),
        _po.Entry("Recall is 0.60.", "재현율은 0.60입니다.", fuzzy=True)])
    found = translate.problems(translate.Glossary())
    assert any(p.startswith("notebooks/09_example.ipynb cell 1: numbers differ") and "0.75" in p
               for p in found), found
    assert any(p.startswith("notebooks/09_example.ipynb cell 1: the English changed")
               for p in found), found
    assert any("notebooks/ko/09_example.ipynb is missing" in p for p in found), found


@pytest.mark.parametrize("english, korean, differ", [
    ("AP50 0.838 → 0.728 at 5,000 images (3%).", "5,000장에서 AP50은 0.838 → 0.728 (3%).", False),
    ("IoU −14.0 %, Dice −8.8 %", "IoU는 −14.0 %, Dice는 −8.8 % 변합니다", False),
    ("3 of 5 boxes", "상자 5개 중 3개", False),
    ("3 of 5 boxes", "상자 5개 중 4개", True),
    ("See [notebook 05](05_roc_pr.ipynb).", "[노트북 05](05_roc_pr.ipynb)를 보세요.", False),
])
def test_numbers_must_match(english, korean, differ):
    assert (translate.numbers(english) != translate.numbers(korean)) == differ


def test_glossary_terms_must_be_translated_as_the_glossary_says():
    glossary = translate.Glossary()
    missing = dict(glossary.missing_terms("Precision and recall trade off.",
                                          "정밀도와 리콜은 서로 맞바꿉니다."))
    assert "recall" in {t.lower() for t in missing} and "precision" not in {
        t.lower() for t in missing}
    assert not list(glossary.missing_terms("Precision and recall.", "정밀도와 재현율."))


def test_markdown_blocks_put_a_cell_back_together_exactly():
    for path in translate.english_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                blocks = translate.markdown_blocks(cell.source)
                assert "".join(b.text + b.after for b in blocks) == cell.source


# ------------------------------------------------------------------- library messages

HOMEWORK_MODULES = sorted((ROOT / "lecturelib" / "homework").glob("*.py"))


@pytest.mark.parametrize("path", HOMEWORK_MODULES + [ROOT / "lecturelib" / "quiz.py"],
                         ids=lambda p: p.name)
def test_every_sentence_a_learner_reads_is_marked_for_translation(path):
    """A message that is not an argument of _(), N_(), fail(), Mistake(...) or why= would
    reach a Korean learner in English: sentences (four words or more) outside docstrings
    and ValueErrors must be marked."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked = {text for text, _line in translate.source_messages(path)}
    skip = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Raise) and node.exc is not None and isinstance(
                node.exc, ast.Call) and getattr(node.exc.func, "id", "") == "ValueError":
            skip |= {id(n) for n in ast.walk(node.exc)}  # for the programmer, in English
        if isinstance(node, ast.Assign) and any(
                getattr(t, "id", "").endswith("_SIGNS") for t in node.targets):
            # Pieces of a library's own error messages, matched and never shown.
            skip |= {id(n) for n in ast.walk(node.value)}
    unmarked = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in skip:
            words = " ".join(v.value for v in node.values
                             if isinstance(v, ast.Constant) and isinstance(v.value, str))
            words = re.sub(r"<[^>]*>|<\w+[^>]*$|^[^<]*>", " ", words)  # markup is not prose
            if len(words.split()) >= 4:
                unmarked.append((node.lineno, "f-string: " + words[:60]))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skip and len(node.value.split()) >= 4
              and node.value not in marked):
            unmarked.append((node.lineno, node.value[:60]))
    assert unmarked == [], (f"{path.name}: sentences not marked for translation (wrap them in "
                            f"_() or N_(), or build the message with a template): {unmarked}")


def test_quizzes_and_library_messages_speak_korean():
    from lecturelib.quiz import MultipleChoice, Numeric

    i18n.set_language("ko")
    q = Numeric("What is 2 + 2?", 4)
    assert q.check(5).message == f"{i18n.gettext('Too high.')} {i18n.gettext('Try again.')}"
    assert HANGUL.search(q.check(5).message)
    choice = MultipleChoice("Which?", ["a", "b"], answer=0)
    bundle, metadata = choice._repr_mimebundle_()
    assert HANGUL.search(bundle["text/html"]) and "Which?" in bundle["text/html"]
    assert metadata["lecturelib"]["quiz"]["prompt"] == "Which?"  # the English key


# ------------------------------------------------------------------- Korean notebooks

PAIRS = [(p, translate.korean_path(p)) for p in translate.course_notebooks()]
LOCALIZED = re.compile(r"\b(MultipleChoice|Numeric)\(|_explorer\(|\[[\"']message[\"']\]|\.message\b")


@pytest.mark.parametrize("english, korean", PAIRS, ids=[p.stem for p, _k in PAIRS])
def test_korean_code_and_outputs_are_the_englishs(english, korean):
    en, ko = (nbformat.read(p, as_version=4) for p in (english, korean))
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in ko.cells]
    for index, (a, b) in enumerate(zip(en.cells, ko.cells)):
        if a.cell_type != "code":
            continue
        expected = translate.SETUP_CALL.sub(r'\1, language="ko")', a.source)
        assert b.source == expected, f"{korean.name} cell {index}: its code is not the English"
        assert a.metadata.get("slideshow") == b.metadata.get("slideshow"), (
            f"{korean.name} cell {index}: slide marks differ")
        texts_en, texts_ko = _texts(a), _texts(b)
        if texts_en != texts_ko:
            assert LOCALIZED.search(a.source) and any(HANGUL.search(t) for t in texts_ko), (
                f"{korean.name} cell {index}: its output differs from the English, and not "
                "because lecturelib speaks Korean there: run `make notebooks`")
    assert ko.metadata["lecturelib"]["language"] == "ko"


def _texts(cell) -> list[str]:
    """A cell's outputs as text, consecutive printouts joined (a run may split one print
    into several stream outputs)."""
    texts, streaming = [], False
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and streaming:
            texts[-1] += _text(output)
        else:
            texts.append(_text(output))
        streaming = output.get("output_type") == "stream"
    return texts


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return "".join(output.get("text", ""))
    data = output.get("data", {})
    return "".join(data.get("text/plain", "")) if "image/png" not in data else "<image>"


@pytest.mark.parametrize("english, korean", PAIRS, ids=[p.stem for p, _k in PAIRS])
def test_korean_notebook_reads_korean(english, korean):
    ko = nbformat.read(korean, as_version=4)
    first = ko.cells[0].source.split("\n", 1)[0]
    assert first == translate.colab_badge(korean.relative_to(ROOT).as_posix())
    prose = " ".join(c.source for c in ko.cells if c.cell_type == "markdown")
    assert len(HANGUL.findall(prose)) > 0.3 * len(re.findall(r"[A-Za-z]", prose)), (
        f"{korean.name} is mostly not Korean")


@pytest.mark.parametrize("korean", [k for _e, k in PAIRS] + [
    translate.korean_path(p) for p in translate.homework_notebooks()], ids=lambda p: p.name)
def test_korean_emphasis_renders(korean):
    """A Korean particle right after emphasis that ends in punctuation (`**정밀도(precision)**를`)
    leaves the asterisks unrendered (CommonMark's flanking rule): no `**` may survive."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    for index, cell in enumerate(nbformat.read(korean, as_version=4).cells):
        if cell.cell_type != "markdown":
            continue
        # JupyterLab sets maths aside as @@n@@ before the markdown is parsed: so do we
        text = re.sub(r"\$\$.*?\$\$|\$[^$\n]*\$", "@@0@@", cell.source, flags=re.S)
        html = md.render(text)
        html = re.sub(r"<code>.*?</code>|<pre>.*?</pre>", " ", html, flags=re.S)
        assert "**" not in re.sub(r"<[^>]+>", " ", html), (
            f"{korean.name} cell {index}: emphasis left unrendered (put the particle outside "
            f"the asterisks, e.g. **정밀도**(precision)를): {cell.source[:200]!r}")
