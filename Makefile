# The two commands of README.md: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test test-fast serve check lint chromium clean

site: $(INSTALLED)
	$(PY) -m builder build

check: $(INSTALLED)
	$(PY) -m builder check

serve: $(INSTALLED)
	$(PY) -m builder serve

# Everything: lint, then every test (the browser ones in Debian's Chromium). CI runs this.
test: lint chromium $(AXE)
	$(PY) -m pytest

# The edit-test loop: every test but those that drive a browser or make an extra whole
# build or a live server, with fewer generated archives, on both cores; no Chromium needed.
test-fast: $(INSTALLED)
	HYPOTHESIS_PROFILE=fast $(PY) -m pytest -m "not browser and not slow" -q -n 2

lint: $(INSTALLED)
	$(PY) -m ruff check builder tests benchmarks
	$(PY) -m ruff format --check builder tests benchmarks
	$(PY) -m mypy

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

# axe-core, injected into pages by the accessibility tests (from the npm registry).
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright); the
# Nu Html Checker of the accessibility audit runs on Java.
chromium:
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@command -v java >/dev/null || ($(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless)

clean:
	rm -rf site build .pytest_cache .ruff_cache
