"""nbval over the notebooks again, under float code paths other than this CPU's default.

Usage (``make test-cpus``)::

    python scripts/cpu_matrix.py [PYTEST_ARG ...]

A stored number must not depend on which CPU ran the notebook. MKL (inside PyTorch)
and ATen pick their kernels by CPU, and different kernels may round differently; these
environment variables make them take another path on this machine:

* ``MKL_CBWR=AVX2``: MKL's AVX2 code path (needs a CPU with AVX2);
* ``MKL_CBWR=AVX512``: MKL's AVX-512 code path (skipped where the CPU lacks avx512f);
* ``MKL_CBWR=COMPATIBLE ATEN_CPU_CAPABILITY=default``, the oldest code path: MKL's
  generic kernels and ATen's non-vectorised ones. On every x86 CPU this really changes
  PyTorch's float path (matrix products round differently), unlike AVX2 on a CPU whose
  default is already AVX2.

Each mode runs the same nbval command as ``make test`` (strict, sanitized) over
``notebooks``. Prints which modes run and which are skipped, and why; exits 1 if any run
fails.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with",
         "tests/nbval_sanitize.cfg", "notebooks"]
X86 = {"x86_64", "amd64", "i386", "i686", "x86"}


def cpu_flags():
    """The CPU's feature flags, or None where /proc/cpuinfo does not exist (not Linux)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def skip_reason(needs):
    """Why a mode needing CPU flag ``needs`` cannot run here (None if it can)."""
    if needs is None:
        return None
    if platform.machine().lower() not in X86:
        return f"not an x86 CPU ({platform.machine()}): MKL's {needs} path does not exist"
    flags = cpu_flags()
    if flags is None:
        return (f"cannot tell whether the CPU has {needs}: no /proc/cpuinfo "
                f"({platform.system()}, not Linux)")
    if needs not in flags:
        return f"this CPU lacks {needs}"
    return None


MODES = [
    # (label, environment, CPU flag the mode needs)
    ("MKL_CBWR=AVX2", {"MKL_CBWR": "AVX2"}, "avx2"),
    ("MKL_CBWR=AVX512", {"MKL_CBWR": "AVX512"}, "avx512f"),
    ("oldest code path: MKL_CBWR=COMPATIBLE ATEN_CPU_CAPABILITY=default",
     {"MKL_CBWR": "COMPATIBLE", "ATEN_CPU_CAPABILITY": "default"}, None),
]


def main(argv):
    results = []
    for label, env_vars, needs in MODES:
        reason = skip_reason(needs)
        if reason:
            print(f"== {label}: SKIPPED ({reason})", flush=True)
            results.append((label, "skipped", reason))
            continue
        print(f"== {label}: running nbval over notebooks", flush=True)
        env = {**os.environ, **env_vars, "LECTURELIB_PROGRESS": "0"}
        start = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", "pytest", *NBVAL, *argv],
                               cwd=ROOT, env=env)
        elapsed = time.perf_counter() - start
        results.append((label, "passed" if code == 0 else f"FAILED (exit {code})",
                        f"{elapsed:.0f} s"))
    print("\nCPU matrix:")
    for label, outcome, detail in results:
        print(f"  {label}: {outcome} ({detail})")
    failed = [r for r in results if r[1].startswith("FAILED")]
    print(f"{len(results) - len(failed)} modes passed or skipped, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
