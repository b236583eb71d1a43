# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each target installs what it needs first and skips what is already there.
# The work is done by `python -m study_wiki <command>` (study_wiki/cli/), the same
# on macOS, Windows and Linux; these targets are short names for it.
# The Debian packages of the browser tests need root: `sudo make system-deps`
# installs them once; `make test` installs them itself only when run as root.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN := $(PYTHON) -m study_wiki
# The tests' environment (requirements-test.lock and every npm package), made or
# brought up to date by study_wiki/cli/install.py; it skips what is already there.
PY_STAMP := install-test
JS_STAMP := install-test
LINTED := study_wiki scripts snippets tests benchmarks

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve serve-full build test check lint system-deps bench lock clean install-test

# --dirty re-renders only what changed: a save shows up in about 1.2 s at 200 notes
# and 3 s at 1,000 (docs/performance.md). study_wiki/serve/ re-renders everything when
# pages are added or removed, and list views and generated pages when what they show
# changed. serve-full rebuilds everything on every save.
serve:
	$(RUN) serve

serve-full:
	$(RUN) serve --full

build:
	$(RUN) build

# Both cores: tests of one module share a worker (and the module's fixtures).
# Compiled modules are kept (in __pycache__, which git, the builds' inputs and project
# copies leave out) even where the environment turns that off: otherwise each worker
# compiles the package and rewrites the tests' asserts again on every run.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto --dist loadscope

test: lint $(JS_STAMP) system-deps
	$(PYTEST)

# The edit loop: lint, formatting, types and the tests that build no site.
check: lint
	$(PYTEST) -m "not builds and not browser"

lint: $(PY_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

bench: $(PY_STAMP)
	$(BIN)/python scripts/bench_build.py

install-test:
	$(RUN) install test

# Checks with dpkg each time (no stamp: a root-owned stamp would lock the user out).
system-deps:
	@scripts/install_system_deps.sh

# Re-resolve the locks after editing pyproject.toml or package.json, keeping today's
# pins where they still fit; `make lock UPGRADE=1` takes the newest releases instead.
# One lock for every supported Python and system (markers pick what each needs), and
# one version of each package for all of them, so every laptop builds the same site.
# What only an editor or a debugger uses is left out ([tool.uv] in pyproject.toml).
LOCK_ENV := .cache/lock-env
UV_COMPILE := $(LOCK_ENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--fork-strategy fewest --generate-hashes --custom-compile-command "make lock" --quiet \
	$(if $(UPGRADE),--upgrade)
lock:
	$(PYTHON) -m venv $(LOCK_ENV)
	$(LOCK_ENV)/bin/pip install --quiet uv
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra test --constraints requirements.lock -o requirements-test.lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .wiki-cache
