# Two commands on a fresh machine: `make demo` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
SITROOM := $(VENV)/bin/sitroom
STAMP   := $(VENV)/.installed
DEMO_DB := sitroom-demo.db
OUT     := out

.PHONY: demo test eval lint bench clean assets chromium

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP) assets
	rm -f $(DEMO_DB)  # the demo database is rebuilt: a kept one holds an older version's mentions
	$(SITROOM) demo --db $(DEMO_DB) --out $(OUT)

test: $(STAMP) assets chromium
	$(PY) -m pytest -q

# Dashboard libraries from npm, copied into the package (git-ignored) for offline use.
assets: $(STAMP)
	npm ci --no-audit --no-fund
	$(PY) scripts/vendor_assets.py

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	command -v chromium >/dev/null || ( \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	  else sudo apt-get update && sudo apt-get install -y chromium; fi )

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts

eval: $(STAMP)
	$(SITROOM) eval all --heldout tests/fixtures/heldout --heldout tests/fixtures/heldout2 \
		--heldout tests/fixtures/heldout3 --heldout tests/fixtures/heldout4 \
		--heldout tests/fixtures/heldout5 --heldout tests/fixtures/heldout6 \
		--seeds ../shared/corpus/seeds --write docs/evaluation.md

bench: $(STAMP)
	$(PY) benchmarks/bench_pipeline.py
	$(PY) benchmarks/bench_fusion.py
	$(PY) benchmarks/bench_incremental.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(OUT) .pytest_cache
