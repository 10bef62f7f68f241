"""The project's own promises: one environment, one repository address, notebook conventions."""

import json
import re
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import sync_course  # noqa: E402
from lecturelib.course import REPOSITORY, SYLLABUS, colab_badge  # noqa: E402

# conda-forge names that differ from PyPI's.
CONDA_TO_PYPI = {"pytorch": "torch"}
CONDA_ONLY = {"python", "pip"}
NOTEBOOKS = sync_course.notebook_paths()
# The lessons. notebooks/homework/ holds assignments, handed out blank (no outputs, no quiz):
# tests/test_homework.py checks them.
COURSE_NOTEBOOKS = [p for p in NOTEBOOKS if "homework" not in p.relative_to(ROOT).parts]


def _name(requirement: str) -> str:
    name = re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _pyproject_requirements():
    project = _pyproject()["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    return requirements


def _pyproject_packages():
    return {_name(r) for r in _pyproject_requirements()}


def _conda_requirements():
    """environment.yml's packages as {PyPI name: version specifier text}: the conda ones,
    and those of its pip section (packages conda-forge lacks), leaving out pip's options."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name = _name(dep)
            spec = dep.split("#")[0].strip()[len(name):].strip()
            found[CONDA_TO_PYPI.get(name, name)] = spec
        else:
            for pip_dep in dep.get("pip", []):
                if not pip_dep.startswith("-"):
                    requirement = Requirement(pip_dep)
                    found[_name(requirement.name)] = str(requirement.specifier)
    return found


def _conda_packages():
    return {name for name in _conda_requirements() if name not in CONDA_ONLY}


def _lower_bound(specifier):
    """The version of the one ``>=`` clause of a specifier (None if there is none)."""
    bounds = [Version(s.version) for s in SpecifierSet(specifier) if s.operator == ">="]
    assert len(bounds) <= 1, specifier
    return bounds[0] if bounds else None


def _colab_pins():
    """constraints/colab.txt as {name: pinned Version}."""
    pins = {}
    for line in (ROOT / "constraints" / "colab.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[_name(requirement.name)] = Version(spec.version)
    return pins


def _colab_python():
    """The Python version the Makefile builds the Colab environment with."""
    match = re.search(r"^COLAB_PYTHON \?= python(\d+\.\d+)$",
                      (ROOT / "Makefile").read_text(), re.M)
    assert match, "Makefile sets COLAB_PYTHON ?= pythonX.Y"
    return Version(match.group(1))


def test_environment_yml_names_the_same_packages_as_pyproject():
    pyproject, conda = _pyproject_packages(), _conda_packages()
    assert pyproject == conda, (
        f"only in pyproject.toml: {sorted(pyproject - conda)}; "
        f"only in environment.yml: {sorted(conda - pyproject)}")


def test_environment_yml_has_the_same_lower_bounds_as_pyproject():
    pyproject = {_name(r): _lower_bound(str(Requirement(r).specifier))
                 for r in _pyproject_requirements()}
    pyproject["python"] = _lower_bound(_pyproject()["project"]["requires-python"])
    conda = {name: _lower_bound(spec) for name, spec in _conda_requirements().items()
             if name != "pip"}
    assert pyproject == conda


def test_lower_bounds_are_the_colab_versions_that_make_test_colab_tests():
    """Every runtime dependency's lower bound (and any other pinned one, e.g. scipy) is
    the version pinned in constraints/colab.txt, the oldest versions anything runs with."""
    pins = _colab_pins()
    runtime = {_name(r) for r in _pyproject()["project"]["dependencies"]}
    assert runtime <= set(pins), f"not pinned in constraints/colab.txt: {runtime - set(pins)}"
    for requirement in map(Requirement, _pyproject_requirements()):
        name = _name(requirement.name)
        if name in pins:
            assert _lower_bound(str(requirement.specifier)) == pins[name], (
                f"pyproject.toml says {requirement}, constraints/colab.txt pins "
                f"{name}=={pins[name]}")
    requires_python = _lower_bound(_pyproject()["project"]["requires-python"])
    assert requires_python == _colab_python(), "requires-python vs the Makefile's COLAB_PYTHON"


def test_version_is_written_only_in_lecturelib_init():
    pyproject = _pyproject()
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    attr = pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "lecturelib.__version__"


def test_environment_yml_installs_lecturelib_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert any("--editable ." in section for section in pip_sections)


def test_badges_setup_cells_and_course_map_are_in_sync():
    assert sync_course.main(["--check"]) == 0, "run `make sync` (scripts/sync_course.py)"


def test_repository_address_is_written_only_in_course_py():
    address = REPOSITORY.removeprefix("https://")
    allowed = {ROOT / "lecturelib" / "course.py", ROOT / "README.md"} | set(NOTEBOOKS)
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        # Virtualenvs (.venv, .venv-colab) and build/ hold installed copies of course.py.
        if (path.is_file() and not parts[0].startswith(".venv") and parts[0] != "build"
                and ".git" not in parts
                and path.suffix in {".py", ".md", ".ipynb", ".yml", ".toml", ".cfg"}
                and path not in allowed):
            assert address not in path.read_text(encoding="utf-8", errors="ignore"), path
    # README and notebooks hold it only inside generated badges and setup cells.
    readme = (ROOT / "README.md").read_text()
    start, end = readme.index(sync_course.MAP_START), readme.index(sync_course.MAP_END)
    assert address not in readme[:start] + readme[end:]


def test_syllabus_files_are_unique_and_ordered():
    paths = [nb.path for nb in SYLLABUS]
    assert paths == sorted(set(paths))
    assert all(Path(p).name[:2].isdigit() for p in paths)


@pytest.mark.parametrize("path", COURSE_NOTEBOOKS,
                         ids=lambda p: p.relative_to(ROOT / "notebooks").as_posix())
class TestNotebookConventions:
    def test_starts_with_badge_and_title(self, path):
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0].source.split("\n")
        assert first[0] == colab_badge(path.relative_to(ROOT).as_posix())
        assert first[1].startswith("# "), "the title follows the badge"

    def test_first_code_cell_is_the_colab_setup(self, path):
        nb = nbformat.read(path, as_version=4)
        setup = next(c for c in nb.cells if c.cell_type == "code")
        assert setup.source == sync_course.setup_cell_source()
        assert "--no-deps" in setup.source and "google.colab" in setup.source

    def test_has_goals_quiz_summary_and_korean_terms(self, path):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        if nb.metadata.get("lecturelib", {}).get("language") == "ko":  # the Korean edition
            goals, summary, terms = ("이 노트북에서 할 일",), "## 요약", "이 노트북의 용어"
        else:
            goals, summary, terms = ("In this notebook you will", "Learning goals"), \
                "## Summary", "Korean terms"
        assert any(g in text for g in goals)
        assert summary in text
        assert terms in text
        assert "MultipleChoice(" in text or "Numeric(" in text

    def test_widget_cells_ignore_output_and_others_are_compared(self, path):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            shows_widget = any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                               for o in cell.outputs)
            ignored = cell.source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT")
            assert shows_widget == ignored, cell.source[:80]

    def test_stored_outputs_are_complete_and_in_order(self, path):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        counts = [c.execution_count for c in code]
        assert counts == list(range(1, len(code) + 1)), "run `make notebooks`"
        assert not any(o.output_type == "error" for c in code for o in c.outputs)

    def test_file_is_lean(self, path):
        assert path.stat().st_size < 2_000_000
        assert "widgets" not in json.loads(path.read_text())["metadata"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
