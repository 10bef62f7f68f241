"""Re-execute notebooks in place, top to bottom, so their stored outputs are current.

Usage: ``python scripts/run_notebooks.py [NOTEBOOK ... | --korean]`` (default: every course
notebook, English first, then the Korean edition rebuilt from them by
``scripts/translate.py``; ``--korean``: the Korean course notebooks only).
Prints each notebook's execution time and file size; the course's budget is 30 s per
notebook and well under 2 MB per file.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import translate  # noqa: E402
from sync_course import main as sync_course  # noqa: E402

TIME_BUDGET_S = 30
SIZE_BUDGET_BYTES = 2_000_000


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        # Execution timestamps change on every run and would make every re-run a diff.
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


# Kernel-free explorers (lecturelib/explorers/_frames.py): while an English course notebook
# is executed, each explorer it creates writes its frames to frames/<notebook>/<n>.json. The
# Korean edition shares them (the frames carry the status lines in both languages).
FRAMES = ROOT / "frames"


def _run(path: Path, over: list) -> None:
    frames = None
    if path.parent == ROOT / "notebooks":
        frames = FRAMES / path.stem
        shutil.rmtree(frames, ignore_errors=True)
        os.environ["LECTURELIB_FRAMES"] = str(frames)
    try:
        elapsed = execute(path)
    finally:
        os.environ.pop("LECTURELIB_FRAMES", None)
    size = path.stat().st_size
    rel = path.relative_to(ROOT)
    print(f"{rel}: {elapsed:5.1f} s, {size / 1e6:.2f} MB")
    if elapsed > TIME_BUDGET_S or size > SIZE_BUDGET_BYTES:
        over.append(str(rel))


def main(argv) -> int:
    # Progress bars would be stored as outputs; the kernel inherits this and hides them.
    os.environ["LECTURELIB_PROGRESS"] = "0"
    sync_course([])
    over = []
    if argv == ["--korean"]:
        for path in translate.course_notebooks():
            _run(translate.korean_path(path), over)
    elif argv:
        for path in argv:
            _run(Path(path).resolve(), over)
    else:
        # The English course notebooks, then the Korean edition rebuilt from them (its words
        # from the catalogs, its code theirs) and executed in turn. Homework notebooks are
        # built by `make homework`, without outputs: not re-executed here.
        for path in translate.course_notebooks():
            _run(path, over)
        translate.build()
        for path in translate.course_notebooks():
            _run(translate.korean_path(path), over)
    if over:
        print("over budget (30 s or 2 MB):", ", ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
