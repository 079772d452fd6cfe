# Every target creates the virtual environment it needs: a fresh machine needs only Python >= 3.11 and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-project

.DEFAULT_GOAL := help

$(BIN)/portfolio: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

.PHONY: install
install: $(BIN)/portfolio ## Create .venv and install portfolio with its test dependencies

.PHONY: demo
demo: $(BIN)/portfolio ## Scaffold a sample classification project into ./demo-project (offline, no token)
	rm -rf $(DEMO_DIR)
	$(BIN)/portfolio new classification $(DEMO_DIR) --defaults --author "Demo Learner <demo@example.com>"
	cd $(DEMO_DIR) && PYTHONPATH=src ../$(BIN)/python -m $$(sed -n 's/^package_name: //p' .copier-answers.yml).train
	$(BIN)/portfolio sync $(DEMO_DIR)
	@echo "Done: see $(DEMO_DIR)/README.md and $(DEMO_DIR)/reports/"

.PHONY: test
test: $(BIN)/portfolio ## Run the whole test suite
	$(BIN)/python -m pytest

.PHONY: lint
lint: $(BIN)/portfolio ## Run ruff over the package, tests and benchmarks
	$(BIN)/ruff check generator tests benchmarks

.PHONY: bench
bench: $(BIN)/portfolio ## Run the benchmarks (prints ratios against copier/cookiecutter)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done
