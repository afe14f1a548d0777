# povgen set-up and checks. `make demo` and `make test` are all a fresh machine needs.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint bench clean-outputs

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,ray]'
	@touch $(STAMP)

demo: install
	$(BIN)/povgen generate scenes/demo.yaml --out outputs/demo

test: install
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q

# everything but the tests that start Blender (marked `render`): under a minute
test-fast: install
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q -m "not render"

lint: install
	$(BIN)/ruff check generator tests benchmarks

bench: install
	$(BIN)/python benchmarks/pipeline.py
	$(BIN)/python benchmarks/workers.py
	$(BIN)/python benchmarks/longrun.py
	$(BIN)/python benchmarks/ray_vs_local.py
