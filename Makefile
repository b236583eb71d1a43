# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each target installs what it needs first and skips what is already there.
# The Debian packages of the browser tests need root: `sudo make system-deps`
# installs them once; `make test` installs them itself only when run as root.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
JS_STAMP := node_modules/.installed
LINTED := study_wiki scripts snippets tests

export NO_MKDOCS_2_WARNING := 1
# The machine-wide pip configuration may add local indexes and constraints;
# the lock file is the only source of truth here.
export PIP_CONFIG_FILE := /dev/null
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve serve-full build test check lint system-deps bench lock clean

# --dirty re-renders only what changed: a save shows up in about 1.2 s at 200 notes
# and 3 s at 1,000 (docs/performance.md). study_wiki/serve/ re-renders everything when
# pages are added or removed, and list views and generated pages when what they show
# changed. serve-full rebuilds everything on every save.
serve: $(PY_STAMP) $(JS_STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

serve-full: $(PY_STAMP) $(JS_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(PY_STAMP) $(JS_STAMP)
	scripts/build_site.sh

# Both cores: tests of one module share a worker (and the module's fixtures).
PYTEST := $(BIN)/python -m pytest -n auto --dist loadscope

test: lint $(JS_STAMP) system-deps
	$(PYTEST)

# The edit loop: lint, formatting, types and the tests that build no site.
check: lint
	$(PYTEST) -m "not builds and not browser"

lint: $(PY_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

bench: $(PY_STAMP) $(JS_STAMP)
	$(BIN)/python -m study_wiki bench

$(PY_STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --editable .
	@touch $@

$(JS_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Checks with dpkg each time (no stamp: a root-owned stamp would lock the user out).
system-deps:
	@scripts/install_system_deps.sh

# Re-resolve pinned versions after editing pyproject.toml or package.json.
lock:
	$(PYTHON) -m venv .cache/lock-env
	.cache/lock-env/bin/pip install --quiet uv
	.cache/lock-env/bin/uv pip compile pyproject.toml --extra test \
		--python-version 3.11 --generate-hashes --no-header -o requirements.lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .wiki-cache
