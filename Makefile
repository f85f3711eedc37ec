# The two commands of the README: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := cd backend && ../$(BIN)/python manage.py
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.json

.PHONY: run test lint pytest frontend-check api-types api-types-check e2e system-packages audit \
	install install-dev frontend budget

## run: set up, build the web app, migrate, seed the demo city once, serve on 127.0.0.1:$(PORT)
## with a worker of the task runner beside daphne
run: install frontend
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --if-empty
	@echo
	@echo "Talentbridge: http://127.0.0.1:$(PORT)/  (API docs: /api/docs/, admin site: /admin/)"
	@$(MANAGE) demo_logins
	@echo
	cd backend && exec ../$(BIN)/python manage.py serve --port $(PORT)

## test: lint and type-check both halves, then every test: Python, front end, real browser
test: lint frontend-check api-types-check budget pytest e2e

# Installing is redone only when what it installs from changes.
# The matcher (matching/) is a distribution of its own, which the project depends on.
$(VENV)/.installed-runtime: pyproject.toml matching/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ./matching -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml matching/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ./matching -e '.[dev]'
	touch $@ $(VENV)/.installed-runtime

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { echo "The web app needs Node.js 20 or newer (with npm)." >&2; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev
frontend: frontend/dist/index.html

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONPATH=backend $(BIN)/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run

# PYTEST_ARGS: what to run instead of every test path (CI's second run passes some).
pytest: install-dev system-packages
	$(BIN)/pytest $(PYTEST_ARGS)

frontend-check: frontend/node_modules/.installed
	cd frontend && npm run --silent lint && npm run --silent typecheck && npm run --silent test

## budget: what the sign-in and home pages download first stays under its budget (gzip)
budget: frontend
	cd frontend && node scripts/check-budget.mjs

## api-types: regenerate the front end's types: the API's from the OpenAPI description, the
## socket's frames from apps/core/frames.py
api-types: install-dev frontend/node_modules/.installed
	mkdir -p var
	$(MANAGE) spectacular --validate --fail-on-warn --file ../var/openapi.yaml
	cd frontend && npx openapi-typescript ../var/openapi.yaml --output src/lib/api/schema.d.ts
	$(MANAGE) frame_types ../frontend/src/lib/frames.d.ts

api-types-check: install-dev frontend/node_modules/.installed
	mkdir -p var
	$(MANAGE) spectacular --validate --fail-on-warn --file ../var/openapi.yaml
	cd frontend && npx openapi-typescript ../var/openapi.yaml --output ../var/schema.d.ts >/dev/null
	$(MANAGE) frame_types ../var/frames.d.ts
	@for generated in api/schema.d.ts frames.d.ts; do \
		diff -q frontend/src/lib/$$generated var/$$(basename $$generated) >/dev/null || { \
			echo "frontend/src/lib/$$generated is stale: run \`make api-types\` and commit it." >&2; \
			exit 1; }; done

## audit: known vulnerabilities in the Python and npm dependencies (needs the advisory databases)
audit: install-dev frontend/node_modules/.installed
	$(BIN)/python .ci/audit.py

## e2e: the real-browser tests, against daphne serving the built web app
e2e: install-dev frontend system-packages
	$(BIN)/pytest -m e2e tests/e2e

# What the tests need from the system: Chromium, a Chinese font so that screenshots of Chinese
# pages are readable, and nginx (the shipped proxy settings are tried in a real one).
SYSTEM_PACKAGES := chromium fonts-wqy-microhei nginx-light
system-packages:
	@{ test -x /usr/bin/chromium && fc-list :lang=zh | grep -q . && test -x /usr/sbin/nginx; } || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES); \
		else echo "The tests need: sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; fi; }
