# Two commands on a fresh machine: `make demo` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
SITROOM := $(VENV)/bin/sitroom
STAMP   := $(VENV)/.installed
DEMO_DB := sitroom-demo.db
OUT     := out

.PHONY: demo test eval lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(SITROOM) demo --db $(DEMO_DB) --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts

eval: $(STAMP)
	$(SITROOM) eval all --write docs/evaluation.md

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(OUT) .pytest_cache
