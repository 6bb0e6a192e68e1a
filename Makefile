# Two commands: `make site` and `make test`. Both set everything up in .venv first, as do the others.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test test-fast lint debian-packages install clean serve bench

# Pango (WeasyPrint's text layout, for the PDFs) from Debian first, when it is missing.
site: $(STAMP)
	@scripts/ensure-debian-packages pdf
	$(BIN)/briefing build

# The whole suite. What it needs from Debian (Chromium, npm, Pango) is installed first when missing, as root,
# or it stops at once saying how (scripts/ensure-debian-packages).
test: debian-packages $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest

# The loop to run after every change: everything but whole builds, PDFs, installs and the browser, on both
# cores (pytest-xdist: each test has its own copy of a dossier in tmp_path), the property tests with a fifth of
# their examples (the "fast" Hypothesis profile, tests/conftest.py).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser" -n 2 --hypothesis-profile=fast

# ruff (pyflakes, pycodestyle, isort, bugbear and more: pyproject.toml says which), then mypy over generator/,
# tests/ and scripts/. CI runs it before the tests.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

debian-packages:
	@scripts/ensure-debian-packages

# axe-core (accessibility checks injected into pages by the browser tests), from the npm registry.
node_modules/.installed: package.json package-lock.json | debian-packages
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed for the browser tests: install nodejs and npm"; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch node_modules/.installed

install: $(STAMP)

# pip at -qq shows errors only: a machine's pip.conf may name index folders that do not exist, and pip
# would warn about each package it looks up there, screens of it. The distribution was named `briefing` before
# 0.2 (a name that is another project's on the package index): an environment made then loses it first.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install python3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip uninstall -qq -y briefing 2>/dev/null || true
	rm -rf briefing.egg-info
	$(BIN)/python -m pip install -qq -e '.[test,lint]'
	touch $(STAMP)

clean:
	rm -rf site .build .site.old

serve: $(STAMP)
	$(BIN)/briefing serve

# Time and memory of synthetic dossiers (a measurement, not a test). `make bench` measures one small
# dossier (30 sources); `make bench SIZE=1000` measures 100, 300 and 1,000 sources to show how cost grows,
# and the shapes that once fell off a cliff (tests/bench/shapes.py) at 1,000 and 2,000.
bench: $(STAMP)
	$(BIN)/python tests/bench/bench.py $(if $(SIZE),--sources $$(( $(SIZE) / 10 )) --sources $$(( $(SIZE) * 3 / 10 )) --sources $(SIZE) --shapes $(SIZE),--sources 30)
