# Loss & Metric Lab. Two commands matter:
#   make lab    set up .venv and open the course in JupyterLab
#   make test   set up .venv with the test tools and run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The course website's own environment (see `site` below), set here: `test` needs it.
SITE_VENV ?= .venv-site
SITE_PINS := constraints/site.txt
PIP := $(BIN)/python -m pip
SANITIZE := tests/nbval_sanitize.cfg
PYTEST_ARGS ?=
# reveal.js and MathJax for the slide decks (slides/package-lock.json), from the npm registry.
SLIDES_VENDOR := slides/node_modules/.package-lock.json
# The tested PyTorch. On Linux x86-64 pin it (pip finds a local CPU build where one is
# provided); elsewhere let pip choose the right build for the platform.
ifeq ($(shell uname -sm),Linux x86_64)
TORCH_SPEC ?= torch==2.13.0
else
TORCH_SPEC ?= torch>=2.13
endif

.PHONY: lab test test-cpus test-colab notebooks sync install clean slides bench homework grade \
	homework-feedback translate site

# Torch goes in first, pinned; a failed install removes the half-made venv.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV) && $(PIP) install --quiet "$(TORCH_SPEC)" || { rm -rf $(VENV); exit 1; }

# Stamp files make re-runs instant until pyproject.toml changes. live_slides/ holds a tiny
# prebuilt JupyterLab extension that keeps the explorers live on RISE's slides (see its
# README); pip does not install it, so it is copied into the environment here.
LIVE_SLIDES := live_slides/labextension/package.json
$(VENV)/.lab-installed: pyproject.toml $(LIVE_SLIDES) | $(BIN)/python
	$(PIP) install --quiet --editable '.[lab]'
	$(BIN)/python live_slides/install.py
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(LIVE_SLIDES) | $(BIN)/python
	$(PIP) install --quiet --editable '.[lab,test]'
	$(BIN)/python live_slides/install.py
	@touch $@ $(VENV)/.lab-installed

install: $(VENV)/.lab-installed

# JupyterLab refuses to run as root unless told; containers and CI often are root.
lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Progress bars are for people; stored and compared notebook outputs leave them out.
test test-cpus test-colab notebooks: export LECTURELIB_PROGRESS = 0

test: $(VENV)/.test-installed $(SLIDES_VENDOR) $(SITE_VENV)/.site-installed
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-sanitize-with $(SANITIZE) \
		lecturelib tests notebooks $(PYTEST_ARGS)

# A stored number must not depend on the CPU that ran the notebook: nbval again (same
# flags as `make test`, notebooks only) with MKL and ATen forced onto other float code
# paths (AVX2, AVX-512 where the CPU has it, and the oldest, generic one).
test-cpus: $(VENV)/.test-installed
	$(BIN)/python scripts/cpu_matrix.py $(PYTEST_ARGS)

# Google Colab's versions (constraints/colab.txt, the one file to update), which are also
# the course's minimum versions. Colab installs lecturelib with --no-deps on top of its own
# packages, so a separate environment holds exactly those pins plus the test tools, and
# lecturelib goes in as the notebooks' setup cell installs it: `pip install --no-deps`, not
# editable. It is rebuilt from scratch when the pins or pyproject.toml change (a failed
# install removes it, so a rerun starts clean); lecturelib is reinstalled when its code
# changes (its in-tree build/ directory is removed: a stale copy there would be packaged).
COLAB_PYTHON ?= python3.11
COLAB_VENV ?= .venv-colab
COLAB_BIN := $(COLAB_VENV)/bin
COLAB_PIP := $(COLAB_BIN)/python -m pip
COLAB_PINS := constraints/colab.txt
COLAB_TEST_TOOLS := pytest hypothesis nbformat nbclient pyyaml markdown-it-py
LECTURELIB_SOURCES := $(shell find lecturelib -name __pycache__ -prune -o \( -type d -o -name '*.py' \) -print)

$(COLAB_VENV)/.colab-installed: $(COLAB_PINS) pyproject.toml
	rm -rf $(COLAB_VENV)
	$(COLAB_PYTHON) -m venv $(COLAB_VENV) \
		&& $(COLAB_PIP) install --quiet --constraint $(COLAB_PINS) torch \
		&& $(COLAB_PIP) install --quiet --requirement $(COLAB_PINS) \
			--constraint $(COLAB_PINS) $(COLAB_TEST_TOOLS) \
		|| { rm -rf $(COLAB_VENV); exit 1; }
	@touch $@

$(COLAB_VENV)/.lecturelib-installed: $(COLAB_VENV)/.colab-installed $(LECTURELIB_SOURCES)
	rm -rf build
	$(COLAB_PIP) install --quiet --no-deps --force-reinstall . || { rm -rf build; exit 1; }
	rm -rf build
	@touch $@

# (a) the unit tests and lecturelib's doctests, leaving out what needs JupyterLab,
# Playwright or nbconvert (not part of Colab); (b) every notebook top to bottom in a kernel
# of that environment, taking its Colab branch, then every explorer's controls moved
# (tests/colab/). Both run even if the first fails; either failing fails the target.
test-colab: $(COLAB_VENV)/.lecturelib-installed
	@status=0; \
	$(COLAB_BIN)/python -m pytest lecturelib tests --ignore=tests/browser \
		--ignore=tests/test_slides.py $(PYTEST_ARGS) || status=1; \
	$(COLAB_BIN)/python tests/colab/run_notebooks_as_colab.py || status=1; \
	exit $$status

# Benchmarks against the budgets of COURSE.md section 5 (see benchmarks/README.md). Not
# tests: a missed time budget prints MISS; only an output that differs fails the target.
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_curves.py
	$(BIN)/python benchmarks/bench_thresholds.py
	$(BIN)/python benchmarks/bench_coco.py
	$(BIN)/python benchmarks/bench_explorers.py

# Re-execute every notebook in place so the stored outputs are current: the English ones,
# then the Korean edition rebuilt from them and executed.
notebooks: $(VENV)/.test-installed
	$(BIN)/python scripts/run_notebooks.py

# The Korean edition (scripts/translate.py): bring the catalogs in lecturelib/locale/ko/ up to
# date with the English (new text untranslated, changed text marked fuzzy), rebuild
# notebooks/ko/ from the English notebooks and the catalogs, and execute the Korean course
# notebooks. `python scripts/translate.py check` lists what is left to translate.
translate: $(VENV)/.test-installed
	$(BIN)/python scripts/translate.py extract
	$(BIN)/python scripts/translate.py build
	$(BIN)/python scripts/run_notebooks.py --korean

# Slide decks from the notebooks' slide marks and stored outputs (README, "Slides"): one
# self-contained HTML file per notebook, slides/<notebook>.slides.html, which opens offline
# from file://. reveal.js and MathJax come from the npm registry (slides/package-lock.json)
# and are bundled into each deck. The browser tests of `make test` open every deck.
$(SLIDES_VENDOR): slides/package.json slides/package-lock.json
	cd slides && npm ci --no-audit --no-fund

slides: $(VENV)/.lab-installed $(SLIDES_VENDOR)
	$(BIN)/python slides/build_slides.py

# The course website (README, "Course website"): scripts/build_site.py builds both languages
# from the notebooks' stored outputs (nothing runs) with Jupyter Book 1, into build/site/
# and build/site.zip; every page opens offline from file://. Jupyter Book has its own environment,
# .venv-site, pinned by constraints/site.txt: it needs markdown-it-py 3, .venv has 4.
$(SITE_VENV)/.site-installed: $(SITE_PINS)
	rm -rf $(SITE_VENV)
	$(PYTHON) -m venv $(SITE_VENV) \
		&& $(SITE_VENV)/bin/python -m pip install --quiet --constraint $(SITE_PINS) jupyter-book \
		|| { rm -rf $(SITE_VENV); exit 1; }
	@touch $@

site: $(VENV)/.lab-installed $(SLIDES_VENDOR) $(SITE_VENV)/.site-installed
	LECTURELIB_PROGRESS=0 $(BIN)/python scripts/build_site.py

# Homework (homework/README.md): from each homework/source/*.ipynb, `otter assign` builds the
# autograder into homework/dist/ and the student notebook into notebooks/homework/.
# `make grade` rebuilds only when a source (or the build script) changed since.
HOMEWORK_SOURCES := $(wildcard homework/source/*.ipynb)
homework: $(VENV)/.lab-installed
	$(BIN)/python scripts/build_homework.py
	$(BIN)/python scripts/translate.py build notebooks/homework/*.ipynb
	@touch homework/dist/.built

homework/dist/.built: $(HOMEWORK_SOURCES) scripts/build_homework.py | $(VENV)/.lab-installed
	$(BIN)/python scripts/build_homework.py
	@touch $@

# Every answer of the homework corpus (tests/homework/wrong_hwN.py, right_hwN.py) with the
# feedback and points the checks give it, for a person to read them all at once.
homework-feedback: $(VENV)/.test-installed
	$(BIN)/python -m tests.homework.print_feedback $(HOMEWORK)

# Grade every file in SUBMISSIONS offline with the autograder (otter run, one process per
# submission, TIMEOUT seconds each): OUT/grades.csv and OUT/feedback/<student>.txt.
SUBMISSIONS ?=
HOMEWORK ?=
OUT ?= grading
TIMEOUT ?= 300
JOBS ?= 1
grade: homework/dist/.built
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder [HOMEWORK=name] [OUT=grading] [TIMEOUT=300] [JOBS=1]"; exit 2; }
	$(BIN)/python scripts/grade_homework.py "$(SUBMISSIONS)" --out "$(OUT)" --timeout $(TIMEOUT) \
		--jobs $(JOBS) $(if $(HOMEWORK),--homework $(HOMEWORK))

# Rewrite Colab badges, setup cells and the README course map from lecturelib/course.py.
sync: $(BIN)/python
	$(BIN)/python scripts/sync_course.py

clean:
	rm -rf $(VENV) $(COLAB_VENV) $(SITE_VENV) .hypothesis *.egg-info build
