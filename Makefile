# The two commands of the README's Quick start are `make report` and `make test`.
# Each one sets up what it needs first (scripts/setup.sh: Debian packages, .venv, Jupyter kernel).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: help setup lock report report-national test lint notebooks lab bench build clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

setup: ## install Debian packages, .venv and the "netzero" kernel (fast when present)
	@bash scripts/setup.sh

lock: ## refresh uv.lock on purpose (newest versions pyproject.toml allows), then environment.yml; review and commit both
	@bash scripts/setup.sh --uv-only
	UV_PROJECT_ENVIRONMENT=$(VENV) UV_SYSTEM_CERTS=1 $(VENV)/.uv/bin/uv lock --upgrade
	$(PY) scripts/environment_yml.py
	@echo "lock: now run 'make test', then commit uv.lock and environment.yml"

report: setup ## run the main job on the shipped data; outputs go to data/processed/ and reports/
	$(PY) -m analysis build
	$(PY) -m analysis pathways --province BRVT --out reports/pathways/ba-ria-vung-tau_iamc.csv
	$(PY) -m analysis pathways --province BRVT --out reports/pathways/ba-ria-vung-tau_iamc.xlsx --draws 10000
	$(PY) -m analysis batch config/batches/default.yaml

report-national: setup ## every notebook for the 34 units of 2025, vi+en, into reports/national/; resumes
	$(PY) -m analysis build
	$(PY) -m analysis batch config/batches/national.yaml --resume

test: setup ## run the whole test suite
	$(PY) -m pytest

lint: setup ## ruff: format check, then errors, imports, bug patterns, complexity (`ruff format .; ruff check --fix .` fix most)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

notebooks: setup ## rebuild each notebooks/*.ipynb from its jupytext twin notebooks/*.py (outputs stay empty)
	$(VENV)/bin/jupytext --update --to ipynb notebooks/*.py

lab: setup ## start JupyterLab on the notebooks
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. --ServerApp.default_url=/lab/tree/notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: setup ## run the benchmarks; results in benchmarks/results/latest.json
	$(PY) -m benchmarks

build: setup ## validate data/raw and rebuild data/processed
	$(PY) -m analysis build

clean: ## remove generated outputs (keeps .venv)
	rm -rf data/processed/*.csv data/processed/*.parquet data/processed/cache reports/*/ .pytest_cache
