"""The homework: built from one source each, and checks that provably catch wrong answers.

For every source in homework/source/ (found automatically), built once per session into a
temporary folder with scripts/build_homework.py:

(a) the solution passes every check, public and hidden;
(b) the blank student notebook fails every check of every code question, runs top to bottom
    without an error, and holds no solution text and no hidden test;
(c) every plausible wrong solution in tests/homework/wrong_hwN.py fails at least one check
    of its question, with feedback that contains the entry's ``message``;

and every failing check says what is wrong in words (an AssertionError with a message, never
a bare one or a stray TypeError). The notebooks run in this process (tests/homework/harness.py)
with otter's own test classes, which keeps the file fast; the grader test at the end runs the
real autograder (otter's runner, one process per submission) on a folder of submissions.
"""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml

# otter-grader is a lab/test dependency, not one of the Colab environment's test tools.
pytest.importorskip("otter")

from lecturelib import i18n  # noqa: E402
from tests.homework import harness  # noqa: E402

HANGUL = re.compile(r"[\uac00-\ud7a3]")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_homework  # noqa: E402

SOURCES = build_homework.sources()
NAMES = [source.stem for source in SOURCES]
WRONG_DIR = ROOT / "tests" / "homework"
MIN_WRONG_SOLUTIONS = 25
MIN_RIGHT_SOLUTIONS = 8
#: The four assignments of the course (README, "Homework"); the grader is exercised on the first.
ASSIGNMENTS = ("hw1_confusion_matrix", "hw2_cross_entropy_focal", "hw3_transfer_digits",
               "hw4_box_iou_ap")
GRADED_EXAMPLE = ASSIGNMENTS[0]


def _corpus_params(kind):
    find, load = ((harness.wrong_solutions_file, harness.load_wrong_solutions) if kind == "wrong"
                  else (harness.right_solutions_file, harness.load_right_solutions))
    params = []
    for name in NAMES:
        path = find(name, WRONG_DIR)
        if not path.is_file():
            continue
        for i, entry in enumerate(load(path)):
            params.append(pytest.param(name, entry, id=f"{path.stem}-{i:02d}-{entry['question']}"))
    return params


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    """Every source built once (two at a time), without otter's own run of the solution."""
    root = tmp_path_factory.mktemp("homework")

    def one(source):
        try:
            return source.stem, build_homework.build(source, root / "dist", root / "notebooks",
                                                     run_tests=False)
        except build_homework.BuildError as error:
            return source.stem, error

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, SOURCES))


@pytest.fixture
def built(builds, request):
    result = builds[request.param]
    if isinstance(result, Exception):
        pytest.fail(f"{request.param} does not build: {result}")
    return result


def _notebooks(built):
    return harness.read(built.student), harness.read(built.solution)


def _in_words(case) -> str | None:
    """Why a failed check's message is not good enough for a student (None if it is)."""
    last = case.message.strip().splitlines()[-1].strip() if case.message.strip() else ""
    if not last.startswith("AssertionError:"):
        return f"it ends in {last[:120]!r}, not an AssertionError with a message"
    if len(last.removeprefix("AssertionError:").split()) < 4:
        return f"its message {last!r} does not say what is wrong in words"
    return None


def _code_questions(student_nb):
    return sorted(set(harness.question_of_cells(student_nb).values()), key=_natural)


def _natural(text):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def test_every_assignment_exists_with_its_source():
    assert set(ASSIGNMENTS) <= set(NAMES), sorted(set(ASSIGNMENTS) - set(NAMES))


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_committed_student_notebook_is_the_build_of_its_source(built):
    committed = ROOT / "notebooks" / "homework" / f"{built.name}.ipynb"
    assert committed.is_file(), f"run `make homework`: {committed.relative_to(ROOT)} is missing"
    assert committed.read_bytes() == built.student.read_bytes(), (
        f"{committed.relative_to(ROOT)} is not the build of homework/source/{built.name}.ipynb: "
        "run `make homework` and commit the result")


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_student_notebook_has_no_solution_and_no_hidden_test(built):
    student, solution = _notebooks(built)
    text = built.student.read_text(encoding="utf-8")
    assert harness.SOLUTION_TAG not in text
    assert not re.search(r"#\s*(BEGIN|END) SOLUTION|#\s*SOLUTION\b", text)
    # Written questions: the model answer stays out.
    for answer in harness.solution_cells(solution, "markdown"):
        assert answer.strip() not in text, f"a model answer leaked: {answer[:80]!r}"
    # Code questions: no line that only the solution has (not the blank answer cell, not a
    # given cell) is in any cell but the checks cell (public tests may use any code).
    cell_lines = {line.strip() for c in student.cells
                  if harness.CHECKS_TAG not in c.metadata.get("tags", [])
                  for line in c.source.splitlines()}
    indices = harness.answer_cells(student)
    solutions = harness.solution_cells(solution)
    assert len(indices) == len(solutions)
    given = {line.strip() for i, cell in enumerate(student.cells) if i not in indices
             and harness.CHECKS_TAG not in cell.metadata.get("tags", [])
             for line in cell.source.splitlines()}
    for index, source in zip(indices, solutions):
        blank = {line.strip() for line in student.cells[index].source.splitlines()}
        for line in source.splitlines():
            line = line.strip()
            if len(line) > 8 and line not in blank and line not in given:
                assert line not in cell_lines, f"solution text in the student notebook: {line!r}"
    # Hidden tests: not one of their functions is in the notebook.
    from otter.test_files import create_test_file

    for path in sorted(built.tests.glob("*.py")):
        for case in create_test_file(str(path), None).test_cases:
            function = case.body.test_func.__name__
            if case.hidden:
                assert f"def {function}(" not in text, f"hidden test {function} is in the notebook"


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_notebook_carries_exactly_the_public_tests_and_the_course_setup(built):
    student, _ = _notebooks(built)
    checks = [c for c in student.cells if harness.CHECKS_TAG in c.metadata.get("tags", [])]
    assert len(checks) == 1
    tree = ast.parse(checks[0].source)
    embedded = next(ast.literal_eval(node.value) for node in tree.body
                    if isinstance(node, ast.Assign) and node.targets[0].id == "_CHECKS")
    public = {p.stem: p.read_text(encoding="utf-8") for p in built.public_tests.glob("*.py")}
    assert {q: "\n".join(lines) for q, lines in embedded.items()} == public
    assert set(public) == {p.stem for p in built.tests.glob("*.py")}, (
        "every autograded question needs a public test")
    code = [c for c in student.cells if c.cell_type == "code"]
    assert code[0].source == build_homework.sync_course.setup_cell_source()
    assert build_homework.setup_notebook_line() in code[1].source
    assert build_homework.COLAB_OTTER_INSTALL in code[1].source
    assert code[2] is checks[0]
    assert student.cells[0].source.startswith(
        build_homework.colab_badge(build_homework.badge_path(built.name)))


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_solution_passes_every_check(built, tmp_path):
    student, solution = _notebooks(built)
    run = harness.run_variant(harness.variant(student, solution), built.tests, tmp_path)
    assert run.errors == []
    assert set(run.questions) == {p.stem for p in built.tests.glob("*.py")}
    failed = {q: r.feedback for q, r in run.questions.items() if r.failed}
    assert failed == {}, f"the solution fails checks: {failed}"


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_blank_notebook_runs_and_fails_every_check_in_words(built, tmp_path):
    student, _ = _notebooks(built)
    run = harness.run_variant(student, built.tests, tmp_path)
    assert run.errors == [], (
        "the blank notebook raises when run top to bottom; code after an answer cell must not "
        f"need the answer: {run.errors}")
    code_questions = _code_questions(student)
    assert set(code_questions) <= set(run.questions)
    for question in code_questions:
        for case in run.questions[question].cases:
            assert not case.passed, (
                f"{question}: check {case.name!r} passes on the blank notebook, so it would "
                "pass code that does nothing")
            problem = _in_words(case)
            assert problem is None, f"{question}, check {case.name!r}: {problem}"


@pytest.mark.parametrize("built", NAMES, indirect=True)
def test_korean_homework_solution_passes_and_blank_fails_in_korean(built, tmp_path):
    """The Korean student notebook (notebooks/ko/homework/, the build of the English one and
    its catalog): solved, every check passes; blank, every check fails, in Korean."""
    korean = harness.read(ROOT / "notebooks" / "ko" / "homework" / f"{built.name}.ipynb")
    _, solution = _notebooks(built)
    i18n.untranslated()
    run = harness.run_variant(harness.variant(korean, solution), built.tests, tmp_path)
    assert run.language == "ko" and run.errors == []
    assert {q: r.feedback for q, r in run.questions.items() if r.failed} == {}
    run = harness.run_variant(korean, built.tests, tmp_path)
    assert run.errors == []
    for question in _code_questions(korean):
        korean_result = harness.checks_in("ko", run, question, built.tests)
        for case in korean_result.cases:
            assert not case.passed and HANGUL.search(case.message), (
                f"{question}, {case.name}: {case.message[-300:]}")
    assert not i18n.untranslated()


def test_each_homework_has_its_corpus_of_wrong_and_right_answers():
    for name in NAMES:
        for find, load, least, keys in (
                (harness.wrong_solutions_file, harness.load_wrong_solutions, MIN_WRONG_SOLUTIONS,
                 {"question", "mistake", "code", "message"}),
                (harness.right_solutions_file, harness.load_right_solutions, MIN_RIGHT_SOLUTIONS,
                 {"question", "way", "code"})):
            path = find(name, WRONG_DIR)
            assert path.is_file(), f"{name}: add {path.relative_to(ROOT)} (see homework/README.md)"
            entries = load(path)
            assert len(entries) >= least, f"{path.name}: {len(entries)} answers, at least {least} wanted"
            for entry in entries:
                assert keys <= set(entry), entry
                assert all(str(entry[k]).strip() for k in keys), entry


@pytest.mark.parametrize("built, entry", _corpus_params("wrong"), indirect=["built"])
def test_wrong_answer_loses_half_its_points_and_is_named(built, entry, tmp_path):
    student, solution = _notebooks(built)
    question = entry["question"]
    assert question in _code_questions(student), f"{question} is not a code question"
    nb = harness.variant(student, solution, {question: entry["code"]})
    run = harness.run_variant(nb, built.tests, tmp_path)
    result = run.questions[question]
    assert result.failed, f"no check of {question} catches: {entry['mistake']}"
    assert result.score < result.possible / 2 or result.score == 0, (
        f"{question}: {entry['mistake']!r} keeps {result.score} of {result.possible} points")
    assert entry["message"] in result.feedback, (
        f"{question} fails for {entry['mistake']!r}, but its feedback does not say "
        f"{entry['message']!r}:\n{result.feedback}")
    for case in result.failed:
        problem = _in_words(case)
        assert problem is None, f"{question}, check {case.name!r}: {problem}"
    # Charged once: the other questions, checked with the reference versions of this one's
    # functions, keep all their points.
    others = {q: r.feedback for q, r in run.questions.items() if q != question and r.failed}
    assert others == {}, f"{entry['mistake']!r} also costs points in {sorted(others)}: {others}"
    # The Korean edition's student reads the same verdict in Korean: every message the
    # answer meets has a translation.
    korean = harness.checks_in("ko", run, question, built.tests)
    assert [c.name for c in korean.failed] == [c.name for c in result.failed]
    for case in korean.failed:
        assert HANGUL.search(case.message), f"{question}: not in Korean: {case.message[-300:]}"
    missing = i18n.untranslated()
    assert not missing, f"{entry['mistake']!r}: untranslated messages {sorted(missing)}"


@pytest.mark.parametrize("built, entry", _corpus_params("right"), indirect=["built"])
def test_right_answer_written_another_way_gets_full_marks(built, entry, tmp_path):
    student, solution = _notebooks(built)
    question = entry["question"]
    nb = harness.variant(student, solution, {question: entry["code"]})
    run = harness.run_variant(nb, built.tests, tmp_path)
    assert run.errors == [], run.errors
    result = run.questions[question]
    assert not result.failed and result.score == result.possible, (
        f"{question}, a right answer ({entry['way']}) is rejected:\n{result.feedback}")


def test_otter_grader_is_pinned_where_the_build_expects_it():
    import otter

    assert otter.__version__ == build_homework.OTTER_VERSION
    pin = f"otter-grader=={build_homework.OTTER_VERSION}"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for extra in ("lab", "test"):
        assert pin in project["optional-dependencies"][extra], f"pyproject.toml [{extra}]"
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = [d for dep in env["dependencies"] if isinstance(dep, dict) for d in dep["pip"]]
    assert pin in env["dependencies"] + pip, "environment.yml"


def test_nbval_leaves_the_homework_notebooks_out():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "--nbval", "--nbval-current-env", "notebooks"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert collected, "nbval collected no notebook at all"
    assert not [line for line in collected if "homework" in line]


@pytest.mark.parametrize("built", [GRADED_EXAMPLE], indirect=True)
def test_grader_grades_a_folder_with_every_kind_of_submission(built, tmp_path):
    """The solution, the blank notebook, one that raises, one that never ends, a damaged
    notebook and a file that is not a notebook: one clear row each, and the run finishes.

    No result depends on the machine's speed: the submissions that end are graded with a
    time limit far above their run time, and the one that never ends hits any limit."""
    student, solution = _notebooks(built)
    folder, looping = tmp_path / "submissions", tmp_path / "looping"
    folder.mkdir()
    looping.mkdir()
    solved = harness.variant(student, solution)
    nbformat.write(solved, folder / "bea.ipynb")
    nbformat.write(student, folder / "cho.ipynb")
    after_first_check = next(i for i, c in enumerate(solved.cells)
                             if harness.CHECK_CELL.match(c.source)) + 1
    raises = harness.variant(student, solution)
    raises.cells.insert(after_first_check, nbformat.v4.new_code_cell("print(undefined_name)"))
    nbformat.write(raises, folder / "dan.ipynb")
    loops = harness.variant(student, solution)
    loops.cells.insert(after_first_check, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(loops, looping / "aaron.ipynb")
    (folder / "eun.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "fay.pdf").write_bytes(b"%PDF-1.4 not a notebook")

    def grade(submissions, out, timeout):
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "grade_homework.py"), str(submissions),
             "--out", str(out), "--timeout", str(timeout), "--jobs", "2",
             "--dist", str(built.dist.parent)],
            capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        with open(out / "grades.csv", newline="", encoding="utf-8") as f:
            header = next(csv.reader(f))
        with open(out / "grades.csv", newline="", encoding="utf-8") as f:
            rows = {row["file"]: row for row in csv.DictReader(f)}
        feedback = {p.name: p.read_text(encoding="utf-8") for p in (out / "feedback").iterdir()}
        return header, rows, feedback

    header, rows, feedback = grade(folder, tmp_path / "grading", 1800)
    questions = sorted((p.stem for p in built.tests.glob("*.py")), key=_natural)
    assert header == ["file", *questions, "total", "possible", "status"]
    assert set(rows) == {"bea.ipynb", "cho.ipynb", "dan.ipynb", "eun.ipynb", "fay.pdf"}
    possible = rows["bea.ipynb"]["possible"]
    assert rows["bea.ipynb"]["total"] == possible and rows["bea.ipynb"]["status"] == "graded"
    assert rows["cho.ipynb"]["total"] == "0" and rows["cho.ipynb"]["status"] == "graded"
    assert rows["dan.ipynb"]["status"].startswith("graded; a cell raised NameError")
    assert rows["dan.ipynb"]["total"] == possible  # the other cells still ran
    assert rows["eun.ipynb"]["status"].startswith("not a notebook: invalid JSON")
    assert rows["fay.pdf"]["status"].startswith("not a notebook")
    assert set(feedback) == {"bea.txt", "cho.txt", "dan.txt", "eun.txt", "fay.txt"}
    assert "every check passed" in feedback["bea.txt"]
    assert "Written answers (graded by hand, with the rubric)" in feedback["bea.txt"]
    assert "**Rubric (2 points).**" in feedback["bea.txt"]
    assert "needs a `return` line" in feedback["cho.txt"]
    assert "NameError" in feedback["dan.txt"]
    assert "invalid JSON" in feedback["eun.txt"]

    _, rows, feedback = grade(looping, tmp_path / "grading-looping", 5)
    assert rows["aaron.ipynb"]["status"].startswith("time limit")
    assert rows["aaron.ipynb"]["total"] == "0"
    assert "time limit" in feedback["aaron.txt"]


def test_a_written_question_needs_a_rubric_worth_its_points(tmp_path):
    source = ROOT / "homework" / "source" / f"{GRADED_EXAMPLE}.ipynb"
    nb = nbformat.read(source, as_version=4)
    written = build_homework.written_questions(source)
    assert [w["question"] for w in written] == ["q7"] and written[0]["points"] == 2
    assert written[0]["rubric"].startswith("**Rubric (2 points).**")
    rubric_cell = next(c for c in nb.cells if c.cell_type == "markdown"
                       and "**Rubric (2 points).**" in c.source)
    for broken, match in ((rubric_cell.source.split("**Rubric")[0], "has no rubric"),
                          (rubric_cell.source.replace("(1 point)", "(2 points)"), "lists 3,")):
        rubric_cell.source = broken
        path = tmp_path / source.name
        nbformat.write(nb, path)
        with pytest.raises(build_homework.BuildError, match=match):
            build_homework.written_questions(path)
