"""Grade a folder of homework submissions offline with the autograder `make homework` built.

Usage (``make grade SUBMISSIONS=dir`` runs it)::

    python scripts/grade_homework.py SUBMISSIONS [--homework NAME] [--out DIR]
                                     [--timeout SECONDS] [--jobs N]

Every file in SUBMISSIONS (not its subfolders; hidden files such as ``.DS_Store`` are left
out) gets one row of ``OUT/grades.csv`` and a ``OUT/feedback/<student>.txt``, where
``<student>`` is the file name without its extension. A notebook (``.ipynb``, or an otter
export ``.zip`` holding one) is graded by otter-grader's non-containerised runner, the
equivalent of ``otter run -a homework/dist/<name>/<name>-autograder.zip``, in a separate
process with a time limit, so a submission that raises, loops or kills its kernel becomes a
row that says so and the run goes on. Anything else (a PDF, a file that is not JSON, JSON
that is not a notebook, a notebook of another assignment) gets a row with score 0 and the
reason.

The CSV columns: ``file``, one per autograded question (``q1`` ... ``qN``: points earned),
``total``, ``possible`` and ``status`` (``graded``, ``graded; a cell raised ...``,
``time limit ...``, ``not a notebook: ...``, ``wrong assignment: ...`` or
``grader error: ...``). Written answers (manually graded questions) are not scored here;
each feedback file quotes them for the instructor.

The assignment is ``--homework`` or, by default, the one named in the submissions' notebook
metadata (otter's ``assignment_name``, which is the source's file name). Grading runs the
students' code: do it in a throwaway account or container if you do not trust it.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST_DIR = ROOT / "homework" / "dist"
DEFAULT_TIMEOUT_S = 300
ANSWER_TAG = "otter_answer_cell"
# Cells otter adds to the notebook it runs (its grading set-up and results export).
_OTTER_CELL_STARTS = ("from otter import Notebook as", "from otter.execute import Checker",
                      "import sys\nsys.path.append(")


@dataclass
class Row:
    file: str
    student: str
    scores: dict = field(default_factory=dict)     # question -> points earned
    status: str = ""
    feedback: list = field(default_factory=list)   # lines of the feedback file


@dataclass(frozen=True)
class Homework:
    name: str
    autograder: Path
    questions: dict                                 # question -> points possible
    written: list = field(default_factory=list)     # written questions: prompt, rubric, ...


# ------------------------------------------------------------------ the assignment

def load_homework(name: str, dist: Path = DIST_DIR) -> Homework:
    from otter.test_files import create_test_file

    folder = dist / name
    autograder = folder / f"{name}-autograder.zip"
    tests = folder / "autograder" / "tests"
    if not autograder.is_file() or not tests.is_dir():
        raise SystemExit(f"No autograder for {name!r} in {folder}: run `make homework` first.")
    questions = {}
    for path in sorted(tests.glob("*.py"), key=lambda p: _natural(p.stem)):
        questions[path.stem] = create_test_file(str(path), None).possible
    written_file = folder / "written.json"  # scripts/build_homework.py's WRITTEN_FILE
    written = json.loads(written_file.read_text(encoding="utf-8")) if written_file.is_file() else []
    return Homework(name, autograder, questions, written)


def built_homework(dist: Path = DIST_DIR) -> list[str]:
    return sorted(p.parent.name for p in dist.glob("*/*-autograder.zip"))


def _natural(text):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


# ------------------------------------------------------------------ reading submissions

@dataclass
class Submission:
    path: Path
    notebook: object = None          # nbformat.NotebookNode when the file is a notebook
    problem: str = ""                # why it is not a notebook

    @property
    def assignment(self):
        if self.notebook is None:
            return None
        return self.notebook.metadata.get("otter", {}).get("assignment_name")


def read_submission(path: Path) -> Submission:
    import nbformat

    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                inside = [n for n in archive.namelist()
                          if n.endswith(".ipynb") and not n.startswith("__MACOSX")
                          and ".ipynb_checkpoints" not in n]
                if len(inside) != 1:
                    return Submission(path, problem=(
                        f"not a notebook: a zip file with {len(inside)} notebooks in it "
                        "(expected exactly one .ipynb)"))
                data = archive.read(inside[0])
        except zipfile.BadZipFile:
            return Submission(path, problem="not a notebook: a .zip file that cannot be opened")
    elif suffix == ".ipynb":
        data = path.read_bytes()
    else:
        kind = f"a {suffix} file" if suffix else "a file without extension"
        return Submission(path, problem=f"not a notebook: {kind}; hand in the .ipynb file")
    try:
        text = data.decode("utf-8")
        json.loads(text)
    except UnicodeDecodeError:
        return Submission(path, problem="not a notebook: not a text file (binary content)")
    except json.JSONDecodeError as error:
        return Submission(path, problem=(
            f"not a notebook: invalid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno}); the file is damaged or was not saved as .ipynb"))
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 - any way of not being a notebook
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return Submission(path, problem=f"not a notebook: JSON, but not a Jupyter notebook "
                                        f"({first[:120]})")
    return Submission(path, notebook=notebook)


def written_answers(notebook) -> list[str]:
    """The text of the markdown answer cells (written answers, graded by hand)."""
    return [cell.source.strip() for cell in notebook.cells
            if cell.cell_type == "markdown" and ANSWER_TAG in cell.metadata.get("tags", [])]


# ------------------------------------------------------------------ grading one notebook

def _kill_tree(process: subprocess.Popen):
    """Kill the worker and everything it started (the kernel runs in its own session)."""
    try:
        import psutil

        children = psutil.Process(process.pid).children(recursive=True)
    except Exception:  # noqa: BLE001 - psutil missing or the process already gone
        children = []
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for child in children:
        try:
            child.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass
    process.wait()


def grade_notebook(submission: Submission, homework: Homework, timeout_s: float) -> dict:
    """Run the autograder on one notebook in a worker process; return its JSON report.

    The report is {"questions": {q: {"score", "possible", "cases": [...]}}, "errors": [...]}
    or {"failure": "..."} when the time limit was hit or the grader itself failed.
    """
    import nbformat

    work = Path(tempfile.mkdtemp(prefix="grade-"))
    try:
        notebook = submission.notebook
        # Colab and other editors may drop otter's notebook metadata; the autograder checks it.
        notebook.metadata.setdefault("otter", {})["assignment_name"] = homework.name
        path = work / "submission" / (re.sub(r"[^\w.-]", "_", submission.path.stem) + ".ipynb")
        path.parent.mkdir()
        nbformat.write(notebook, path)
        report, log = work / "report.json", work / "worker.log"
        env = dict(os.environ, LECTURELIB_PROGRESS="0", PYDEVD_DISABLE_FILE_VALIDATION="1")
        with open(log, "w") as out:
            process = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--worker", str(path),
                 str(homework.autograder), str(report)],
                cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                _kill_tree(process)
                return {"failure": f"time limit: grading stopped after {timeout_s:g} s (a cell "
                                   "that never ends, such as an endless loop?); no points"}
        if process.returncode != 0 or not report.is_file():
            tail = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
            reason = tail[-1] if tail else f"exit status {process.returncode}"
            return {"failure": f"grader error: {reason[:300]}"}
        return json.loads(report.read_text())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _worker(submission: str, autograder: str, report: str) -> int:
    """Inside the worker process: otter's runner on one notebook, results as JSON."""
    import contextlib
    import io

    import otter.run

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        results = otter.run.main(submission, autograder=autograder, output_dir=None,
                                 no_logo=True)
    questions = {}
    for name, test_file in results.results.items():
        questions[name] = {
            "score": float(test_file.score), "possible": float(test_file.possible),
            "cases": [{"name": r.test_case.name, "hidden": bool(r.test_case.hidden),
                       "passed": bool(r.passed), "message": r.message or ""}
                      for r in test_file.test_case_results]}
    errors = []
    notebook = getattr(results, "notebook", None)
    for cell in (notebook.cells if notebook is not None else []):
        if cell.cell_type != "code" or cell.source.startswith(_OTTER_CELL_STARTS):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = next((line for line in cell.source.splitlines() if line.strip()), "")
                errors.append({"ename": output.get("ename", ""),
                               "evalue": str(output.get("evalue", ""))[:200],
                               "cell": first[:80]})
    Path(report).write_text(json.dumps({"questions": questions, "errors": errors}))
    return 0


# ------------------------------------------------------------------ rows and feedback

def _fmt(points) -> str:
    return f"{points:g}"


def check_explanation(case) -> str:
    """A failed check's explanation without otter's framing and without the test's code.

    Otter words a failure as "❌ Test case failed", "Error at line N in test qN:", the
    test's line (indented), then "SomeError: message"; only the last part is kept.
    """
    lines = [line for line in case["message"].splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if line.startswith("Error at line")), None)
    if start is not None:
        lines = lines[start + 1:]
        while lines and lines[0][:1].isspace():
            lines = lines[1:]
    text = " ".join(line.strip() for line in lines if not line.startswith("❌"))
    return re.sub(r"^AssertionError:\s*", "", text)


def graded_row(row: Row, report: dict, homework: Homework, answers: list[str]) -> Row:
    if "failure" in report:
        row.status = report["failure"]
        row.scores = {q: 0 for q in homework.questions}
        row.feedback += [f"Not graded: {report['failure']}.", ""]
        return row
    errors = report["errors"]
    row.status = "graded"
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        row.status = (f"graded; a cell raised {first['ename']}: {first['evalue']}"
                      f" (cell starting {first['cell']!r}){more}")
    total = sum(q["score"] for q in report["questions"].values())
    possible = sum(homework.questions.values())
    row.feedback += [f"Score: {_fmt(total)} / {_fmt(possible)} (the automatically checked "
                     "questions).", ""]
    for question, points in homework.questions.items():
        result = report["questions"].get(question)
        if result is None:
            row.scores[question] = 0
            row.feedback.append(f"{question}: 0 / {_fmt(points)}  (not graded)")
            continue
        row.scores[question] = result["score"]
        failed = [c for c in result["cases"] if not c["passed"]]
        verdict = "every check passed" if not failed else (
            f"{len(failed)} of {len(result['cases'])} checks failed")
        row.feedback.append(f"{question}: {_fmt(result['score'])} / {_fmt(points)}  ({verdict})")
        for case in failed:
            kind = "hidden check" if case["hidden"] else "check"
            row.feedback.append(f"  - {kind}: {check_explanation(case)}")
    if errors:
        row.feedback += ["", "Errors while running your notebook (later cells ran anyway):"]
        row.feedback += [f"  - {e['ename']}: {e['evalue']} (in the cell starting {e['cell']!r})"
                         for e in errors]
    if answers or homework.written:
        row.feedback += ["", "Written answers (graded by hand, with the rubric):"]
        for index, question in enumerate(homework.written or [{}] * len(answers)):
            answer = answers[index] if index < len(answers) else "(no answer cell found)"
            if question:
                row.feedback += ["", f"{question['question']} ({_fmt(question['points'])} points, "
                                 "written): the student's answer"]
            row.feedback += ["", *("  " + line for line in answer.splitlines())]
            if question:
                row.feedback += ["", *("  | " + line for line in question["rubric"].splitlines()),
                                 "", *("  | " + line for line in
                                       ("Model answer: " + question["model_answer"]).splitlines())]
    row.feedback.append("")
    return row


def write_outputs(rows: list[Row], homework: Homework, out: Path):
    feedback = out / "feedback"
    feedback.mkdir(parents=True, exist_ok=True)
    possible = sum(homework.questions.values())
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", *homework.questions, "total", "possible", "status"])
        for row in rows:
            scores = [_fmt(row.scores.get(q, 0)) for q in homework.questions]
            total = sum(row.scores.get(q, 0) for q in homework.questions)
            writer.writerow([row.file, *scores, _fmt(total), _fmt(possible), row.status])
    used = set()
    for row in rows:
        name = row.student if row.student not in used else row.file
        used.add(name)
        header = [f"{homework.name}: feedback on {row.file}", ""]
        (feedback / f"{name}.txt").write_text("\n".join(header + row.feedback), encoding="utf-8")


# ------------------------------------------------------------------ main

def choose_homework(submissions: list[Submission], requested, dist: Path) -> str:
    built = built_homework(dist)
    if requested:
        if requested not in built:
            raise SystemExit(f"No autograder for {requested!r}; built: {', '.join(built) or 'none'}"
                             " (run `make homework`).")
        return requested
    named = collections.Counter(s.assignment for s in submissions if s.assignment in built)
    if named:
        return named.most_common(1)[0][0]
    if len(built) == 1:
        return built[0]
    raise SystemExit("Cannot tell which homework these submissions are: pass --homework NAME "
                     f"(make grade ... HOMEWORK=NAME); built: {', '.join(built) or 'none'}.")


def grade_folder(folder: Path, out: Path, homework_name=None, timeout_s=DEFAULT_TIMEOUT_S,
                 jobs=1, dist: Path = DIST_DIR) -> list[Row]:
    folder, out = folder.resolve(), out.resolve()
    files = sorted((p for p in folder.iterdir()
                    if p.is_file() and not p.name.startswith(".")), key=lambda p: p.name)
    submissions = [read_submission(p) for p in files]
    homework = load_homework(choose_homework(submissions, homework_name, dist), dist)
    print(f"Grading {len(files)} file(s) in {folder} as {homework.name} "
          f"({len(homework.questions)} autograded questions, time limit {timeout_s:g} s each)",
          flush=True)
    lock = threading.Lock()

    def one(submission: Submission) -> Row:
        try:
            row = grade_one(submission)
        except Exception as error:  # noqa: BLE001 - one submission never stops the run
            row = Row(file=submission.path.name, student=submission.path.stem,
                      scores={q: 0 for q in homework.questions},
                      status=f"grader error: {type(error).__name__}: {error}")
            row.feedback += [f"Not graded: {row.status}.", ""]
        total = sum(row.scores.values())
        with lock:
            print(f"  {row.file}: {_fmt(total)} / {_fmt(sum(homework.questions.values()))}, "
                  f"{row.status}", flush=True)
        return row

    def grade_one(submission: Submission) -> Row:
        row = Row(file=submission.path.name, student=submission.path.stem)
        if submission.notebook is None:
            row.status = submission.problem
            row.scores = {q: 0 for q in homework.questions}
            row.feedback += [f"Not graded: {submission.problem}.", ""]
        elif submission.assignment not in (None, homework.name):
            row.status = (f"wrong assignment: this notebook is {submission.assignment!r}, "
                          f"graded here as {homework.name!r}; no points")
            row.scores = {q: 0 for q in homework.questions}
            row.feedback += [f"Not graded: {row.status}.", ""]
        else:
            report = grade_notebook(submission, homework, timeout_s)
            graded_row(row, report, homework, written_answers(submission.notebook))
        return row

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        rows = list(pool.map(one, submissions))
    write_outputs(rows, homework, out)
    return rows


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return _worker(*argv[1:4])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder of submitted files")
    parser.add_argument("--homework", help="assignment name (default: from the notebooks)")
    parser.add_argument("--out", type=Path, default=ROOT / "grading",
                        help="where grades.csv and feedback/ go (default: grading/)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help=f"seconds per submission (default {DEFAULT_TIMEOUT_S})")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--dist", type=Path, default=DIST_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        parser.error(f"{args.submissions} is not a folder")
    rows = grade_folder(args.submissions, args.out, args.homework, args.timeout, args.jobs,
                        args.dist.resolve())
    graded = sum(row.status.startswith("graded") for row in rows)
    print(f"{graded} graded, {len(rows) - graded} not graded: {args.out / 'grades.csv'}, "
          f"{args.out / 'feedback'}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
