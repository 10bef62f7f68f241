"""Run a homework notebook's code and its otter checks in this process, fast.

A *variant* is the student notebook with some answer cells filled in: with the solution, with
nothing (the blank notebook as handed out) or with a wrong solution from
``tests/homework/wrong_hwN.py``. :func:`run_variant` executes its code cells in order in a
fresh namespace (IPython syntax such as ``%pip`` is translated first, as in a kernel) and,
at each ``grader.check("qN")`` cell, runs *all* of qN's tests, public and hidden, with
otter's own test-file classes against the namespace, as the autograder does. The checks cell
is skipped (the harness brings the tests itself); everything else runs, including the setup
cells. A cell that raises is recorded and the next cells run, as in grading.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import linecache
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from lecturelib import i18n

ANSWER_TAG = "otter_answer_cell"
SOLUTION_TAG = "otter_assign_solution_cell"
CHECKS_TAG = "homework-checks"
CHECK_CELL = re.compile(r'^\s*grader\.check\(\s*["\'](?P<question>[^"\']+)["\']\s*\)\s*$')


@dataclass
class CaseResult:
    name: str
    hidden: bool
    passed: bool
    message: str


@dataclass
class QuestionResult:
    question: str
    cases: list[CaseResult]
    score: float = 0.0      # points earned, as otter's autograder counts them
    possible: float = 0.0

    @property
    def failed(self):
        return [case for case in self.cases if not case.passed]

    @property
    def feedback(self) -> str:
        return "\n".join(case.message for case in self.failed)


@dataclass
class Run:
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)   # "cell N: SomeError: message"
    stdout: str = ""
    language: str = "en"                               # what the notebook set lecturelib to
    namespace: dict = field(default_factory=dict, repr=False)


def question_of_cells(nb) -> dict[int, str]:
    """Map each code answer cell's index to its question (the next check cell's)."""
    found, pending = {}, []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        match = CHECK_CELL.match(cell.source)
        if match:
            for i in pending:
                found[i] = match["question"]
            pending = []
        elif ANSWER_TAG in cell.metadata.get("tags", []):
            pending.append(index)
    return found


def solution_cells(solution_nb, cell_type="code") -> list[str]:
    """Sources of the solution notebook's solution cells of one type, in order."""
    return [cell.source for cell in solution_nb.cells
            if cell.cell_type == cell_type and SOLUTION_TAG in cell.metadata.get("tags", [])]


def answer_cells(nb, cell_type="code") -> list[int]:
    """Indices of the answer cells of one type, in order."""
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == cell_type and ANSWER_TAG in cell.metadata.get("tags", [])]


def variant(student_nb, solution_nb=None, replace: dict[str, str] | None = None):
    """The student notebook with answers filled in (a new notebook).

    ``solution_nb`` given: every answer cell gets its solution (code, and the model answer
    of a written question). ``replace`` maps a question to code for its *first* answer cell
    (a wrong solution); the question's other answer cells keep the solution (or stay blank
    without one).
    """
    nb = copy.deepcopy(student_nb)
    questions = question_of_cells(nb)
    answers = sorted(questions)
    if solution_nb is not None:
        for cell_type in ("code", "markdown"):
            indices, solutions = answer_cells(nb, cell_type), solution_cells(solution_nb, cell_type)
            assert len(solutions) == len(indices), (
                f"{len(indices)} {cell_type} answer cells but {len(solutions)} solution cells")
            for index, source in zip(indices, solutions):
                nb.cells[index].source = source
    for question, code in (replace or {}).items():
        first = next((i for i in answers if questions[i] == question), None)
        assert first is not None, f"no code answer cell for question {question!r}"
        nb.cells[first].source = code
    return nb


def load_tests(tests_dir: Path) -> dict[str, Path]:
    return {path.stem: path for path in sorted(Path(tests_dir).resolve().glob("*.py"))}


def run_checks(test_path: Path, namespace: dict) -> QuestionResult:
    from otter.test_files import create_test_file

    test_file = create_test_file(str(test_path), None)
    test_file.run(namespace)
    return QuestionResult(test_file.name, [
        CaseResult(r.test_case.name, bool(r.test_case.hidden), bool(r.passed), r.message or "")
        for r in test_file.test_case_results], float(test_file.score), float(test_file.possible))


def run_variant(nb, tests_dir: Path, workdir: Path) -> Run:
    """Execute ``nb``'s code cells in order in ``workdir``; run each question's tests at its
    check cell. Questions whose check cell is missing are checked at the end."""
    from IPython.core.inputtransformer2 import TransformerManager
    from IPython.display import display

    tests = load_tests(tests_dir)
    transformer = TransformerManager()
    namespace = {"__name__": "__main__", "display": display}
    run = Run()
    out = io.StringIO()
    previous = os.getcwd()
    os.chdir(workdir)
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or CHECKS_TAG in cell.metadata.get("tags", []):
                    continue
                match = CHECK_CELL.match(cell.source)
                if match:
                    question = match["question"]
                    if question in tests:
                        run.questions[question] = run_checks(tests[question], namespace)
                    continue
                try:
                    source = transformer.transform_cell(cell.source)
                    # Registered as IPython registers a cell, so that inspect.getsource (which
                    # the checks use to read the student's code) finds it.
                    filename = f"<homework cell {index}>"
                    linecache.cache[filename] = (len(source), None,
                                                 source.splitlines(keepends=True), filename)
                    exec(compile(source, filename, "exec"), namespace)
                except Exception as error:  # noqa: BLE001 - recorded, as a kernel would show it
                    run.errors.append(f"cell {index}: {type(error).__name__}: {error}")
            for question, path in tests.items():
                if question not in run.questions:
                    run.questions[question] = run_checks(path, namespace)
    finally:
        os.chdir(previous)
        import matplotlib.pyplot as plt

        plt.close("all")
        # A Korean notebook's setup cell made lecturelib speak Korean; the tests speak English.
        run.language = i18n.get_language()
        i18n.set_language("en")
    run.namespace = namespace
    run.stdout = out.getvalue()
    return run


def checks_in(language: str, run: Run, question: str, tests_dir: Path) -> QuestionResult:
    """The checks of ``question`` again, on the namespace a run left, with lecturelib
    speaking ``language``: what a student of that edition reads for the same answer."""
    i18n.set_language(language)
    i18n.untranslated()  # start afresh
    try:
        return run_checks(load_tests(tests_dir)[question], run.namespace)
    finally:
        i18n.set_language("en")


def wrong_solutions_file(name: str, folder: Path) -> Path:
    """``hw1_confusion_matrix`` -> ``folder/wrong_hw1.py``."""
    return folder / f"wrong_{name.split('_')[0]}.py"


def right_solutions_file(name: str, folder: Path) -> Path:
    """``hw1_confusion_matrix`` -> ``folder/right_hw1.py``."""
    return folder / f"right_{name.split('_')[0]}.py"


def _load(path: Path, attribute: str) -> list[dict]:
    spec = importlib.util.spec_from_file_location(f"_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(getattr(module, attribute))


def load_wrong_solutions(path: Path) -> list[dict]:
    return _load(path, "WRONG_SOLUTIONS")


def load_right_solutions(path: Path) -> list[dict]:
    return _load(path, "RIGHT_SOLUTIONS")


def read(path: Path):
    return nbformat.read(path, as_version=4)
