"""Run every notebook as Google Colab would, then move every explorer's controls.

Usage (``make test-colab`` runs it with the Colab environment's Python)::

    python tests/colab/run_notebooks_as_colab.py [NOTEBOOK ...]

Each notebook (default: every ``*.ipynb`` under ``notebooks/``, sorted, checkpoints left
out) runs top to bottom in a kernel of the Python running this script. Before its first
cell the kernel gets a stand-in ``google.colab`` module and a ``%pip`` that checks the
setup cell's install line without installing anything (see ``colab_kernel.py``); after
its last cell every live explorer is driven: each slider to both ends, the middle and two
more values, each checkbox both ways, each option of a dropdown, checking that every change
runs without an error and redraws something different.

The notebooks are read, never written. Prints one line per notebook and a final
``N passed, M failed``; exits 1 if any notebook failed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
KERNEL_CODE = HERE / "colab_kernel.py"
REPORT_MARKER = "COLAB-HARNESS-REPORT "
# The slowest cell (an explorer drive) takes well under a minute. A cell past this limit
# has stalled: on a loaded machine, Colab's old kernel (ipykernel 6.17, no IOPub welcome
# message) can lose a reply, leaving kernel and client both idle. Such a notebook is run
# once more in a fresh kernel, and the retry is reported; a second stall is a failure.
CELL_TIMEOUT_S = 180


def notebook_paths(argv):
    if argv:
        return [Path(p).resolve() for p in argv]
    # The course notebooks; homework (notebooks/homework/, built by `make homework`, whose
    # Colab setup also installs otter-grader) is tested by tests/test_homework.py.
    notebooks = ROOT / "notebooks"
    return sorted(p for p in notebooks.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts
                  and "homework" not in p.relative_to(notebooks).parts)


def _prelude_source():
    return (
        "import importlib.util as _u, sys as _s\n"
        f"_spec = _u.spec_from_file_location('_colab_harness', {str(KERNEL_CODE)!r})\n"
        "_m = _u.module_from_spec(_spec); _s.modules['_colab_harness'] = _m\n"
        "_spec.loader.exec_module(_m)\n"
        f"_m.install_stand_in({sys.prefix!r})\n"
        "del _u, _s, _spec, _m\n")


DRIVE_SOURCE = "__import__('sys').modules['_colab_harness'].drive()\n"


def _stream_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def _error_text(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output['ename']}: {output['evalue']}"
    return None


def run_notebook(path):
    """Execute one notebook as Colab would; return (ok, summary, details)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(path, as_version=4)
    originals = list(nb.cells)
    prelude = nbformat.v4.new_code_cell(_prelude_source())
    drive = nbformat.v4.new_code_cell(DRIVE_SOURCE)
    nb.cells = [prelude, *originals, drive]
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    details = []
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next((c for c in nb.cells if _error_text(c)), None)
        where = "the harness's prelude" if failed is prelude else (
            "the explorer drive" if failed is drive else
            f"cell {originals.index(failed) + 1}" if failed in originals else "a cell")
        if failed in originals:
            where += f" (code cell [{failed.get('execution_count')}])"
        first_line = (failed.source.strip().splitlines() or [""])[0] if failed else ""
        details.append(f"error in {where}: {first_line[:70]!r}")
        details += ["    " + line for line in str(error).strip().splitlines()[-12:]]
        for note in _notes(originals):
            details.append(note)
        return False, "cell error", details
    except CellTimeoutError as error:
        details.append(f"{type(error).__name__}: {error}")
        return False, "stalled", details
    except Exception as error:  # the kernel died
        details.append(f"{type(error).__name__}: {error}")
        return False, "could not run", details

    lines = [ln for ln in _stream_text(drive).splitlines() if ln.startswith(REPORT_MARKER)]
    if not lines:
        return False, "no report from the explorer drive", [_stream_text(drive)[-2000:]]
    report = json.loads(lines[-1][len(REPORT_MARKER):])
    # Explorers are tagged with the execution count of the cell that made them.
    cell_of = {c.get("execution_count"): i for i, c in enumerate(originals, start=1)
               if c.cell_type == "code"}
    for note in report["notes"]:
        details.append(note)
    for d in report["defects"]:
        cell = cell_of.get(d["execution_count"])
        where = f"cell {cell}, " if cell else ""
        message = d["message"].rstrip().splitlines()
        details.append(f"DEFECT {where}{d['explorer']}, control {d['control']!r}, "
                       f"value {d['value']}: {message[0]}")
        details += ["    " + line for line in message[1:][-12:]]
    summary = (f"{len(report['explorers'])} explorers, {report['controls']} controls driven, "
               f"{report['changes']} changes checked")
    if report["defects"]:
        summary += f", {len(report['defects'])} defects"
    return not report["defects"], summary, details


def _notes(cells):
    return [ln for c in cells for ln in _stream_text(c).splitlines() if ln.startswith("TODO")]


def main(argv):
    # The kernel inherits this environment: no progress bars, and matplotlib's default
    # (inline) backend in the kernel, as in Colab.
    os.environ["LECTURELIB_PROGRESS"] = "0"
    os.environ.pop("MPLBACKEND", None)
    # ipykernel 6's debugger warns about frozen modules on every kernel start; only noise.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # A kernelspec whose command is a bare "python" must find this environment's Python.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
    passed = failed = 0
    for path in notebook_paths(argv):
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        start = time.perf_counter()
        ok, summary, details = run_notebook(path)
        if summary == "stalled":
            print(f"RETRY {rel}: no reply within {CELL_TIMEOUT_S} s; running it again in a "
                  "fresh kernel", flush=True)
            ok, summary, details = run_notebook(path)
        elapsed = time.perf_counter() - start
        print(f"{'PASS' if ok else 'FAIL'} {rel}: {summary} ({elapsed:.1f} s)", flush=True)
        for line in details:
            print("    " + line, flush=True)
        passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
