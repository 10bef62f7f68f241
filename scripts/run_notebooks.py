"""Re-execute notebooks in place, top to bottom, so their stored outputs are current.

Usage: ``python scripts/run_notebooks.py [NOTEBOOK ...]`` (default: all of them).
Prints each notebook's execution time and file size; the course's budget is 30 s per
notebook and well under 2 MB per file.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sync_course import main as sync_course, notebook_paths  # noqa: E402

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


def main(argv) -> int:
    # Progress bars would be stored as outputs; the kernel inherits this and hides them.
    os.environ["LECTURELIB_PROGRESS"] = "0"
    sync_course([])
    # Homework notebooks are built by `make homework`, without outputs: not re-executed here.
    paths = [Path(p).resolve() for p in argv] or [
        p for p in notebook_paths() if "homework" not in p.relative_to(ROOT / "notebooks").parts]
    over = []
    for path in paths:
        elapsed = execute(path)
        size = path.stat().st_size
        rel = path.relative_to(ROOT)
        print(f"{rel}: {elapsed:5.1f} s, {size / 1e6:.2f} MB")
        if elapsed > TIME_BUDGET_S or size > SIZE_BUDGET_BYTES:
            over.append(str(rel))
    if over:
        print("over budget (30 s or 2 MB):", ", ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
