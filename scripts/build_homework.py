"""Build the homework: a student notebook and an autograder from each assignment's one source.

Each ``homework/source/<name>.ipynb`` is an otter-grader assignment (``otter assign``'s
notebook format: solutions and tests in one notebook; see ``homework/README.md``). For each:

1. ``otter assign`` writes ``homework/dist/<name>/``: ``autograder/`` (the solution notebook
   and every test, public and hidden), ``student/`` (the blank notebook and its public tests)
   and the autograder zip, renamed ``<name>-autograder.zip`` (no timestamp) for
   ``make grade``. ``otter assign`` also grades the solution notebook with the autograder and
   fails unless it scores full marks.
2. The student notebook is finished for the course and written to
   ``notebooks/homework/<name>.ipynb``: the Colab badge goes on the title cell, and three
   cells follow it: the course's setup cell (the one ``scripts/sync_course.py`` keeps in
   every notebook), a homework setup cell (in Colab it installs otter-grader; everywhere it
   calls ``lecturelib.setup_notebook``) and a checks cell that holds the *public* tests and
   sets up ``grader``, so the notebook works alone, in Colab as in JupyterLab, with no
   network. Hidden tests never reach it. Cell ids are fixed and outputs empty, so building
   twice gives the same file.

Usage::

    python scripts/build_homework.py [SOURCE ...]     # default: every homework/source/*.ipynb

Fails (exit status 1, with otter's output) if any source does not build.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import sync_course  # noqa: E402  (also puts the repository root on sys.path)
from lecturelib.course import colab_badge, setup_notebook_line  # noqa: E402

SOURCE_DIR = ROOT / "homework" / "source"
DIST_DIR = ROOT / "homework" / "dist"
STUDENT_DIR = ROOT / "notebooks" / "homework"

# The otter-grader release the checks are written for; pyproject.toml and environment.yml
# pin the same (a test keeps them equal).
OTTER_VERSION = "7.0.0"
# Colab has no otter-grader. Installed normally it would upgrade Colab's ipywidgets (otter
# asks for 8.x, Colab ships 7.7.1), so it goes in with --no-deps, plus the small packages
# it imports that Colab lacks (dill and wrapt are only installed where missing).
COLAB_OTTER_INSTALL = (f"%pip install --quiet --no-deps otter-grader=={OTTER_VERSION} "
                       "fica==0.4.1 ipylab==1.1.0 python-frontmatter==1.3.0 dill wrapt")

# The written questions of a build, with their model answers and rubrics, for `make grade`.
WRITTEN_FILE = "written.json"

# The checks cell the build adds (tests/homework/harness.py finds it by this tag).
CHECKS_TAG = "homework-checks"
CHECKS_TITLE = "# @title Checks of this homework: run this cell, no need to read it"


class BuildError(RuntimeError):
    """A source that does not build; the message says why."""


@dataclass(frozen=True)
class Built:
    name: str
    dist: Path            # homework/dist/<name>/
    autograder_zip: Path  # <dist>/<name>-autograder.zip
    solution: Path        # <dist>/autograder/<name>.ipynb
    tests: Path           # <dist>/autograder/tests/, every test (public and hidden)
    public_tests: Path    # <dist>/student/tests/, the public tests only
    student: Path         # notebooks/homework/<name>.ipynb (or the --notebooks folder)


def sources() -> list[Path]:
    return sorted(SOURCE_DIR.glob("*.ipynb"))


def badge_path(name: str) -> str:
    """Where the student notebook is published, relative to the repository root."""
    return f"notebooks/homework/{name}.ipynb"


def homework_setup_source() -> str:
    return "\n".join([
        "# Homework setup. In Google Colab this also installs otter-grader, which runs this",
        "# homework's checks (--no-deps, plus the small packages it needs that Colab lacks, so",
        "# Colab's own packages stay as they are). Anywhere else `make lab` has installed it.",
        "import sys",
        "",
        'if "google.colab" in sys.modules:',
        f"    {COLAB_OTTER_INSTALL}",
        "",
        "import lecturelib",
        "",
        f"{setup_notebook_line()}  # the release this homework was made with",
    ])


def checks_source(name: str, public_tests: dict[str, str]) -> str:
    """The checks cell: the public tests as text, written to a temporary folder for otter."""
    lines = [
        CHECKS_TITLE,
        "# The public checks of each question. A question's `grader.check(...)` cell runs them",
        "# with otter-grader and says in words what is right and what is wrong. The grader that",
        "# scores your homework runs these and more (hidden) checks on other inputs.",
        "import pathlib as _pathlib",
        "import tempfile as _tempfile",
        "",
        "import otter",
        "",
        "_CHECKS = {",
    ]
    for question, text in public_tests.items():
        lines.append(f"    {question!r}: [")
        lines += [f"        {line!r}," for line in text.split("\n")]
        lines.append("    ],")
    lines += [
        "}",
        f"_checks_folder = _pathlib.Path(_tempfile.mkdtemp(prefix={name + '-checks-'!r}))",
        "for _question, _lines in _CHECKS.items():",
        '    (_checks_folder / f"{_question}.py").write_text("\\n".join(_lines), encoding="utf-8")',
        "grader = otter.Notebook(tests_dir=str(_checks_folder))",
    ]
    return "\n".join(lines)


def _assignment_name(nb) -> str | None:
    return nb.metadata.get("otter", {}).get("assignment_name")


def student_notebook(blank, name: str, public_tests: dict[str, str]):
    """The course's student notebook made from otter's blank one (a new notebook)."""
    nb = copy.deepcopy(blank)
    title = nb.cells[0] if nb.cells else None
    if title is None or title.cell_type != "markdown" or not title.source.startswith("# "):
        raise BuildError(f"{name}: the first cell after the ASSIGNMENT CONFIG must be markdown "
                         "starting with the title ('# Homework N · ...').")
    title.source = colab_badge(badge_path(name)) + "\n" + title.source
    checks = nbformat.v4.new_code_cell(checks_source(name, public_tests), metadata={
        "cellView": "form",                 # Colab shows the title and hides the code
        "jupyter": {"source_hidden": True},  # JupyterLab collapses the code
        "editable": False, "deletable": False, "tags": [CHECKS_TAG]})
    nb.cells[1:1] = [nbformat.v4.new_code_cell(sync_course.setup_cell_source()),
                     nbformat.v4.new_code_cell(homework_setup_source()), checks]
    for index, cell in enumerate(nb.cells):
        cell["id"] = hashlib.sha1(f"{name}/{index}".encode()).hexdigest()[:8]
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


def _check_source(path: Path):
    name = path.stem
    nb = nbformat.read(path, as_version=4)
    config = next((c for c in nb.cells if c.cell_type == "raw"
                   and c.source.lstrip().upper().startswith("# ASSIGNMENT CONFIG")), None)
    if config is None:
        raise BuildError(f"{path.name}: no raw '# ASSIGNMENT CONFIG' cell.")
    if f"name: {name}" not in config.source.splitlines():
        raise BuildError(f"{path.name}: the ASSIGNMENT CONFIG must say `name: {name}` (the file "
                         "name), which the grader uses to recognise submissions.")
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            raise BuildError(f"{path.name}: clear the outputs of the source before building.")


RUBRIC_HEADING = re.compile(r"^\*\*Rubric \((?P<points>[\d.]+) points?\)\.\*\*", re.M)
RUBRIC_ITEM = re.compile(r"^\s*[-*]\s*\((?P<points>[\d.]+) points?\)", re.M)


def written_questions(source) -> list[dict]:
    """The written (manually graded) questions of a source, in order: name, points, prompt,
    model answer and rubric, for the instructor's feedback (``make grade``).

    A written question's solution is a markdown cell: the model answer, then a rubric that
    starts ``**Rubric (N points).**`` and lists criteria as ``- (k points) ...``, whose points
    add up to the question's. A written question without one does not build.
    """
    nb = nbformat.read(source, as_version=4)
    found, config, stage = [], None, None
    for cell in nb.cells:
        text = cell.source.strip()
        if cell.cell_type == "raw" and text.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.split("\n", 1)[1]) or {}
            stage = "prompt" if config.get("manual") else None
            if stage:
                found.append({"question": str(config["name"]),
                              "points": float(config.get("points", 0)), "prompt": ""})
        elif stage == "prompt" and cell.cell_type == "markdown":
            found[-1]["prompt"], stage = text, "solution"
        elif stage == "solution" and cell.cell_type == "markdown":
            heading = RUBRIC_HEADING.search(text)
            question = found[-1]
            if heading is None:
                raise BuildError(f"{source.name}: written question {question['question']} has "
                                 "no rubric: end its model answer with '**Rubric (N points).**' "
                                 "and the criteria as '- (k points) ...'.")
            question["model_answer"] = text[:heading.start()].strip()
            question["rubric"] = text[heading.start():].strip()
            listed = sum(float(m["points"]) for m in RUBRIC_ITEM.finditer(question["rubric"]))
            if not (float(heading["points"]) == question["points"] == listed):
                raise BuildError(
                    f"{source.name}: the rubric of {question['question']} is worth "
                    f"{heading['points']} points and lists {listed:g}, but the question is "
                    f"worth {question['points']:g}.")
            stage = None
        elif cell.cell_type == "raw" and text.startswith("# END QUESTION"):
            if stage is not None:
                raise BuildError(f"{source.name}: written question {found[-1]['question']} has "
                                 "no model answer and rubric.")
            stage = None
    return found


def _otter_assign(source: Path, out: Path, run_tests: bool = True):
    env = dict(os.environ, LECTURELIB_PROGRESS="0", PYDEVD_DISABLE_FILE_VALIDATION="1")
    options = ["--no-pdfs"] + ([] if run_tests else ["--no-run-tests"])
    result = subprocess.run(
        [sys.executable, "-m", "otter", "assign", *options, str(source), str(out)],
        cwd=out.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise BuildError(f"otter assign failed on {source.name} (exit {result.returncode}):\n"
                         + "\n".join("    " + line for line in output[-40:]))


def build(source: Path, dist_root: Path = DIST_DIR, student_dir: Path = STUDENT_DIR,
          run_tests: bool = True) -> Built:
    """Build one source; replace its dist folder and student notebook only on success.

    ``run_tests=False`` skips otter's grading of the solution (the tests check it faster).
    """
    source = Path(source).resolve()
    name = source.stem
    _check_source(source)
    written = written_questions(source)
    dist_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=dist_root))
    try:
        out = work / name
        _otter_assign(source, out, run_tests)
        zips = sorted((out / "autograder").glob(f"{name}-autograder_*.zip"))
        if len(zips) != 1:
            raise BuildError(f"{name}: expected one autograder zip, found {len(zips)}.")
        zips[0].replace(out / f"{name}-autograder.zip")
        blank = nbformat.read(out / "student" / f"{name}.ipynb", as_version=4)
        if _assignment_name(blank) != name:
            raise BuildError(f"{name}: otter wrote assignment name {_assignment_name(blank)!r}.")
        all_tests = sorted(p.stem for p in (out / "autograder" / "tests").glob("*.py"))
        public = {p.stem: p.read_text(encoding="utf-8")
                  for p in sorted((out / "student" / "tests").glob("*.py"))}
        no_public = [q for q in all_tests if q not in public]
        if no_public:
            raise BuildError(f"{name}: question(s) {', '.join(no_public)} have only hidden "
                             "tests; give each question at least one public test, so that "
                             "students can check it.")
        student = student_notebook(blank, name, public)
        (out / WRITTEN_FILE).write_text(json.dumps(written, indent=1, ensure_ascii=False),
                                        encoding="utf-8")
        final = dist_root / name
        if final.exists():
            shutil.rmtree(final)
        out.replace(final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    student_dir.mkdir(parents=True, exist_ok=True)
    student_path = student_dir / f"{name}.ipynb"
    nbformat.write(student, student_path)
    return Built(name=name, dist=final, autograder_zip=final / f"{name}-autograder.zip",
                 solution=final / "autograder" / f"{name}.ipynb",
                 tests=final / "autograder" / "tests",
                 public_tests=final / "student" / "tests", student=student_path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", type=Path,
                        help="source notebooks (default: every homework/source/*.ipynb)")
    parser.add_argument("--dist", type=Path, default=DIST_DIR,
                        help="where the autograders go (default: homework/dist)")
    parser.add_argument("--notebooks", type=Path, default=STUDENT_DIR,
                        help="where the student notebooks go (default: notebooks/homework)")
    args = parser.parse_args(argv)
    paths = args.sources or sources()
    if not paths:
        print(f"no sources in {SOURCE_DIR.relative_to(ROOT)}", file=sys.stderr)
        return 1
    failed = 0
    for path in paths:
        try:
            built = build(path, args.dist.resolve(), args.notebooks.resolve())
        except BuildError as error:
            print(f"FAILED {path}: {error}", file=sys.stderr, flush=True)
            failed += 1
            continue
        print(f"built {built.name}: {_show(built.student)}, {_show(built.autograder_zip)}",
              flush=True)
    return 1 if failed else 0


def _show(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
