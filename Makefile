# Loss & Metric Lab. Two commands matter:
#   make lab    set up .venv and open the course in JupyterLab
#   make test   set up .venv with the test tools and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
SANITIZE := tests/nbval_sanitize.cfg
PYTEST_ARGS ?=
# The tested PyTorch. On Linux x86-64 pin it (pip finds a local CPU build where one is
# provided); elsewhere let pip choose the right build for the platform.
ifeq ($(shell uname -sm),Linux x86_64)
TORCH_SPEC ?= torch==2.13.0
else
TORCH_SPEC ?= torch>=2.2
endif

.PHONY: lab test notebooks sync install clean slides bench

# Torch goes in first, pinned; a failed install removes the half-made venv.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) && $(PIP) install --quiet "$(TORCH_SPEC)" || { rm -rf $(VENV); exit 1; }

# Stamp files make re-runs instant until pyproject.toml changes.
$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --editable '.[lab]'
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet --editable '.[lab,test]'
	@touch $@ $(VENV)/.lab-installed

install: $(VENV)/.lab-installed

# JupyterLab refuses to run as root unless told; containers and CI often are root.
lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Progress bars are for people; stored and compared notebook outputs leave them out.
test notebooks: export LECTURELIB_PROGRESS = 0

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with $(SANITIZE) \
		lecturelib tests notebooks $(PYTEST_ARGS)

# Benchmarks against the budgets of COURSE.md section 5 (see benchmarks/README.md). Not
# tests: a missed time budget prints MISS; only an output that differs fails the target.
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_curves.py
	$(BIN)/python benchmarks/bench_thresholds.py

# Re-execute every notebook in place so the stored outputs are current.
notebooks: $(VENV)/.test-installed
	$(BIN)/python scripts/run_notebooks.py

# Slide decks (reveal.js) from the notebooks' stored outputs; they open offline, also from
# file://, because every script they load is installed locally from the npm registry.
slides: $(VENV)/.test-installed
	cd slides && npm ci --no-audit --no-fund
	$(BIN)/python slides/build_slides.py

# Rewrite Colab badges, setup cells and the README course map from lecturelib/course.py.
sync: $(BIN)/python
	$(BIN)/python scripts/sync_course.py

clean:
	rm -rf $(VENV) .hypothesis *.egg-info
