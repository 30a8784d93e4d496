# yorozu — the front door. Every target works on a fresh clone.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
# The interpreter .python-version selects (pyenv when present, else pythonX.Y on PATH).
BASE_PYTHON := $(shell (command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null) || command -v python$(PYTHON_VERSION) || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# DEBUG is off unless set (yorozu/settings.py). Every target here is development, so it is set
# here explicitly; production sets DEBUG=0 and the variables in docs/deploy.md itself.
export DEBUG ?= 1

.PHONY: install run serve worker test test-postgres lint format typecheck bench e2e train eval-trust demo demo-reset clean messages demo-code

$(STAMP): pyproject.toml
	@test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# Links in e-mails (notifications, sent by the web process and the task worker) point at the
# server as it runs: SITE_URL follows HOST and PORT unless set.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo ""
	@echo "  yorozu is starting at http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password: yorozu-demo):"
	@echo "    client@example.com  — a client with open jobs and contracts"
	@echo "    worker@example.com  — a worker with proposals and contracts"
	@echo "    staff@example.com   — the secretariat (admin at /admin/); asks for a TOTP code:"
	@echo "                          make demo-code prints the current one (demo secret in README)"
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker & \
	  $(MANAGE) run_scheduler & \
	  $(MANAGE) runserver $(HOST):$(PORT)

# The demo marketplace on the configured database: built once, kept on later runs.
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	$(MANAGE) load_demo_data --if-empty
	$(MANAGE) evaluate_certifications

# Throw the database's rows away (every table, not the schema) and build the demo again.
demo-reset: install
	$(MANAGE) migrate --noinput
	$(MANAGE) flush --noinput
	$(MANAGE) load_content
	$(MANAGE) load_demo_data
	$(MANAGE) evaluate_certifications

worker: install
	$(MANAGE) db_worker

# What production runs, on one machine (docs/deploy.md): migrate and collect static files, then
# gunicorn with WEB_WORKERS processes, TASK_WORKERS task workers and one scheduler, against
# DATABASE_URL and REDIS_URL, DEBUG off. SECRET_KEY must be set; Ctrl-C stops them all.
WEB_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 + 1 )))
TASK_WORKERS ?= 2
serve: install
	@test -n "$$SECRET_KEY" || (echo "make serve runs with DEBUG off: set SECRET_KEY (docs/deploy.md)" >&2; exit 1)
	@test -n "$$DATABASE_URL" || echo "warning: DATABASE_URL is unset, serving the SQLite file in var/" >&2
	@test -n "$$REDIS_URL" || echo "warning: REDIS_URL is unset, the cache and counters live in the database" >&2
	DEBUG=0 $(MANAGE) migrate --noinput
	DEBUG=0 $(MANAGE) collectstatic --noinput --verbosity 0
	@trap 'kill 0' EXIT INT TERM; export DEBUG=0; \
	  for i in $$(seq 1 $(TASK_WORKERS)); do $(MANAGE) db_worker --no-reload & done; \
	  $(MANAGE) run_scheduler & \
	  $(VENV)/bin/gunicorn yorozu.wsgi --bind $(HOST):$(PORT) --workers $(WEB_WORKERS) \
	    --access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

test: install
	$(PY) -m pytest -n 2 -q

test-postgres: install
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL must point at PostgreSQL" >&2; exit 1)
	$(PY) -m pytest -n 2 -q

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck: install
	$(PY) -m mypy yorozu

bench: install
	@set -e; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b; done

e2e: install
	$(PY) -m pytest e2e -q -p no:xdist

train: install
	$(PY) scripts/train_trust_model.py

# The trust engine's figures: the labelled corpus (development figures, by generation, kind,
# language and category), the cross-validated figures stored by `make train`, and the share of
# the real benign sets in ../shared/datasets that is flagged.
eval-trust: install
	$(PY) -m yorozu.trust.engine.evaluate

demo-code: install
	@$(MANAGE) demo_totp_code

messages: install
	$(MANAGE) compilemessages --ignore=".venv" --ignore="var"

clean:
	rm -rf $(VENV) var staticfiles
