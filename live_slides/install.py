"""Install the prebuilt loss-metric-lab-rise-widgets JupyterLab extension into this Python.

Copies live_slides/labextension/ to <sys.prefix>/share/jupyter/labextensions/
loss-metric-lab-rise-widgets/, where JupyterLab and RISE's slideshow page find prebuilt
(federated) extensions. Run it with the environment's Python:

    python live_slides/install.py

Idempotent: the target is replaced by an exact copy; nothing is done when it already is one.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

NAME = "loss-metric-lab-rise-widgets"
SOURCE = Path(__file__).resolve().parent / "labextension"


def _same_tree(a: Path, b: Path) -> bool:
    if not b.is_dir():
        return False
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    return not mismatch and not errors and all(
        _same_tree(a / d, b / d) for d in cmp.common_dirs)


def main() -> int:
    if not (SOURCE / "package.json").is_file():
        print(f"{SOURCE} has no package.json: build the extension first (see "
              "live_slides/README.md)", file=sys.stderr)
        return 1
    target = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / NAME
    if _same_tree(SOURCE, target):
        print(f"{NAME}: already installed in {target}")
        return 0
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SOURCE, target)
    print(f"{NAME}: installed {SOURCE} -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
