# Two commands for a newcomer: `make run` (chat with the assistant) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python

# Ports, database and secrets are settings (bot/settings.py, .env.example): the
# environment, then a .env file, then the defaults there.
export RASA_TELEMETRY_ENABLED := false
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1

.PHONY: help setup setup-dev catalogue train run cluster shell review test test-fast lint bench lock clean

help:
	@echo "make run     set up, train if needed, start the assistant and print where to chat"
	@echo "make test    set up, train if needed, run every test"
	@echo "make test-fast  the fast loop for contributors: no training, no servers (pytest -m \"$(FAST)\")"
	@echo "make lint    ruff check and ruff format --check (CI runs it before make test)"
	@echo "make setup   create .venv and install requirements.lock (idempotent)"
	@echo "make setup-dev  also install requirements-dev.lock (tests, bench, catalogue build)"
	@echo "make train   train the Rasa model if data, config, domain, Rasa or requirements.lock changed"
	@echo "make cluster REPLICAS (2) Rasa replicas behind nginx on PostgreSQL, Redis and RabbitMQ"
	@echo "make shell   chat with the assistant in the terminal"
	@echo "make review  the counselor review web app (accounts: .venv/bin/python -m review add-counselor NAME)"
	@echo "make bench   speed and accuracy figures (docs/benchmarks.md)"
	@echo "make catalogue  rebuild data/catalogue from ../shared/data"

setup:
	@bash scripts/setup.sh

# The running assistant needs requirements.lock only; tests, benchmarks and the catalogue
# build also need requirements-dev.lock.
setup-dev:
	@bash scripts/setup.sh dev

catalogue: setup-dev
	$(PY) -m bot.catalogue build --source ../shared/data --out data/catalogue
	$(PY) -m bot.catalogue embed --out data/catalogue
	$(PY) scripts/nlu_descriptions.py

train: setup
	@bash scripts/model.sh >/dev/null

run: setup
	@bash scripts/run.sh

cluster: setup
	@bash scripts/cluster.sh

shell: setup
	@bash scripts/shell.sh

review: setup
	$(PY) -m review serve

test: setup-dev
	@bash scripts/test.sh

# The fast loop: engine, actions, NLU components, review store and web app. Never trains
# and never starts Rasa; tests that need running servers or chromium are marked (pytest.ini).
FAST := not e2e and not browser and not slow
lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test-fast: setup-dev
	$(PY) -m pytest -m "$(FAST)"

bench: setup-dev
	@bash scripts/bench.sh

lock:
	@bash scripts/lock.sh

clean:
	rm -rf models var results .pytest_cache
