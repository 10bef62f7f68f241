"""A student's loop in JupyterLab: answer a homework question wrongly, check, fix it, check.

HW1 is opened and run top to bottom (the setup cells, the checks cell, the blank answers and
their checks); then question 1's answer cell gets a plausible wrong recall, which its check
must explain in words, and then the right one, which its check must pass.
"""

from .lab import run_all, tracebacks, wait_until_idle

NOTEBOOK = "homework/hw1_confusion_matrix.ipynb"

PRECISION = '''def precision(tp, fp, fn, tn):
    return tp / (tp + fp) if tp + fp > 0 else 0.0
'''
WRONG = PRECISION + '''

def recall(tp, fp, fn, tn):
    return tp / (tp + fp) if tp + fp > 0 else 0.0
'''
RIGHT = PRECISION + '''

def recall(tp, fp, fn, tn):
    return tp / (tp + fn) if tp + fn > 0 else 0.0
'''


def _code_cell(page, starts_with):
    """The code cell whose editor text starts with ``starts_with`` (its index, its locator)."""
    index = page.evaluate("""(start) => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
        .findIndex(cell => (cell.querySelector('.cm-content')?.innerText || '').trim()
                           .startsWith(start))""", starts_with)
    assert index >= 0, f"no code cell starts with {starts_with!r}"
    return index, page.locator(".jp-Notebook .jp-CodeCell").nth(index)


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def _type_and_run(page, cell, code):
    """Replace the cell's code with ``code`` and run it (Shift+Enter, as a student does)."""
    editor = cell.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    # insert_text puts the text in as it is, without the editor's auto-indent and brackets.
    page.keyboard.insert_text(code)
    # (The editor's text shows each empty line twice; compare the lines with code.)
    assert _lines(editor.inner_text()) == _lines(code)
    page.keyboard.press("Shift+Enter")
    wait_until_idle(page)


def _run_check(page, check, expect):
    """Run the check cell and return its output once it contains ``expect``."""
    check.locator(".jp-InputArea").click()
    page.keyboard.press("Escape")          # command mode: Shift+Enter runs the cell
    page.keyboard.press("Shift+Enter")
    output = check.locator(".jp-OutputArea-output").filter(has_text=expect)
    output.first.wait_for(timeout=60_000)
    wait_until_idle(page)
    return check.locator(".jp-OutputArea").inner_text()


def test_a_wrong_answer_is_explained_and_the_right_one_passes(lab_page, tmp_path):
    page = lab_page(NOTEBOOK, run=False)
    # The checks cell opens collapsed; expanded, its prompt shows its number like any cell's,
    # which is how run_all tells that every cell has run.
    assert page.locator(".jp-Notebook .jp-InputPlaceholder").count() == 1
    page.click(".lm-MenuBar-itemLabel:text-is('View')", timeout=10_000)
    page.click("[data-command='notebook:show-all-cell-code']", timeout=10_000)
    run_all(page)                           # every cell runs; the blank answers only fail checks
    assert tracebacks(page) == []

    index, answer = _code_cell(page, "def precision(tp, fp, fn, tn):")
    _, check = _code_cell(page, 'grader.check("q1")')
    assert page.evaluate("""(i) => {
        const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
        return (cells[i + 1].querySelector('.cm-content')?.innerText || '').trim();
    }""", index) == 'grader.check("q1")', "question 1's check cell follows its answer cell"
    blank = check.locator(".jp-OutputArea").inner_text()
    assert "returned None" in blank, blank

    _type_and_run(page, answer, WRONG)
    feedback = _run_check(page, check, "predicted positives")
    assert "divides by the predicted positives, which is precision" in feedback, feedback
    assert "Recall divides by the actual positives" in feedback

    _type_and_run(page, answer, RIGHT)
    feedback = _run_check(page, check, "passed")
    assert "q1 passed" in feedback, feedback
    assert tracebacks(page) == []
    check.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "homework_check.png"))
