"""The check-yourself quizzes of notebook 00 work in a real JupyterLab, in a real browser."""

import json
import re
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def _quiz_cells(name):
    """How many code cells of the committed notebook make a quiz."""
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    return sum(1 for cell in cells if cell["cell_type"] == "code"
               and re.search(r"^\s*(\w+\s*=\s*)?(MultipleChoice|Numeric)\(",
                             "".join(cell["source"]), re.MULTILINE))


def _errors(page):
    """Tracebacks shown in any output area."""
    return [t for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Traceback" in t]


def test_start_here_runs_and_its_quizzes_answer(lab_page, tmp_path):
    page = lab_page("00_start_here.ipynb")
    assert _errors(page) == []

    quizzes = page.locator(".widget-vbox:has(button:has-text('Check'))")
    expected = _quiz_cells("00_start_here.ipynb")
    assert expected >= 2
    assert quizzes.count() == expected, f"{expected} live quizzes rendered as widgets"

    # The opening quiz: a wrong answer first, then the right one.
    opening = quizzes.nth(0)
    opening.locator("label:has-text('Yes: ')").first.click()
    opening.locator("button:has-text('Check')").click()
    feedback = opening.locator(".widget-html").last
    feedback.locator("text=Not quite").wait_for(timeout=10_000)
    assert "finds nobody" in feedback.inner_text()

    opening.locator("label:has-text('Not yet')").click()
    opening.locator("button:has-text('Check')").click()
    feedback.locator("text=Correct").wait_for(timeout=10_000)
    assert "IoU and Dice" in feedback.inner_text()

    # The numeric quiz: the empty mask's pixel accuracy is printed a few cells further down.
    printed = page.locator(".jp-OutputArea-output:has-text('finds nobody:')").inner_text()
    lazy = re.search(r"finds nobody:\s+([\d.]+)%", printed).group(1)
    numeric = quizzes.nth(1)
    numeric.locator("input[type='text']").fill("50")
    numeric.locator("input[type='text']").press("Enter")
    numeric.locator("button:has-text('Check')").click()
    numeric.locator("text=Too low").wait_for(timeout=10_000)
    numeric.locator("input[type='text']").fill(lazy)
    numeric.locator("input[type='text']").press("Enter")
    numeric.locator("button:has-text('Check')").click()
    numeric.locator("text=Correct").wait_for(timeout=10_000)
    # Kept with pytest's temporary files, for a person to look at after a failure.
    numeric.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "quiz.png"))
