"""Print the feedback every wrong answer of the corpus gets, so a person can read them all.

Usage (from the repository root; ``make homework-feedback`` runs it)::

    python -m tests.homework.print_feedback [hw1 hw2 ...]

For each assignment (default: all), builds the homework into a temporary folder, runs each
wrong answer of ``tests/homework/wrong_hwN.py`` in the otherwise solved notebook with every
check, public and hidden, and prints the points its question keeps and each failed check's
message, as the student (public checks) and the instructor (all checks) read them. Then the
right answers of ``right_hwN.py``, with their points.
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
from pathlib import Path

from tests.homework import harness

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import build_homework  # noqa: E402
from grade_homework import check_explanation  # noqa: E402


def report(source: Path, work: Path) -> None:
    built = build_homework.build(source, work / "dist", work / "notebooks", run_tests=False)
    student, solution = harness.read(built.student), harness.read(built.solution)
    folder = ROOT / "tests" / "homework"
    print(f"=== {built.name}")
    for kind, find, load in (("wrong", harness.wrong_solutions_file, harness.load_wrong_solutions),
                             ("right", harness.right_solutions_file, harness.load_right_solutions)):
        path = find(built.name, folder)
        if not path.is_file():
            continue
        print(f"--- {kind} answers ({path.relative_to(ROOT)})")
        for i, entry in enumerate(load(path)):
            question = entry["question"]
            nb = harness.variant(student, solution, {question: entry["code"]})
            run = harness.run_variant(nb, built.tests, work)
            result = run.questions[question]
            label = entry.get("mistake") or entry.get("way")
            print(f"[{i:02d}] {question}: {label}  -> {result.score:g} of {result.possible:g} points")
            for case in result.failed:
                where = "hidden" if case.hidden else "public"
                text = check_explanation({"message": case.message})
                print(textwrap.fill(text, width=100, initial_indent=f"    {where}: ",
                                    subsequent_indent=" " * 12))
            others = [q for q, r in run.questions.items() if q != question and r.failed]
            if others:
                print(f"    also failed: {', '.join(others)}")
        print()


def main(argv) -> int:
    wanted = set(argv)
    sources = [s for s in build_homework.sources()
               if not wanted or s.stem.split("_")[0] in wanted or s.stem in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            report(source, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
