# The Geneva 2021 notebooks: the two commands are `make reproduce` and `make test`.
# Both create .venv from requirements.txt when it is missing (or older than requirements.txt);
# after that install they need no network.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?=
OUT    ?=

.PHONY: reproduce test report lab validate bench clean-build help

help:
	@echo "make reproduce   run every notebook in order, writing results/ and figures/"
	@echo "                 (another corpus: make reproduce CORPUS=path/to/corpus OUT=path/to/output)"
	@echo "make test        run the tests (unit tests, bad input, notebooks reproduce the committed outputs)"
	@echo "make report      build the offline site (site/index.html) and the write-up as PDF from the executed notebooks"
	@echo "make lab         open JupyterLab on the notebooks"
	@echo "make validate    check the corpus folder (checksums, encoding, metadata)"
	@echo "make bench       time the pipeline, tagger, scoring and notebooks; writes benchmarks/ (a few minutes)"

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@# make the repository importable from any folder (python -m lib, JupyterLab kernels)
	$(BIN)/python -c "import site, sys; open(site.getsitepackages()[0] + '/geneva2021.pth', 'w').write(sys.argv[1] + '\n')" "$(CURDIR)"
	@touch $@

reproduce: $(STAMP)
	$(BIN)/python -m lib run $(if $(CORPUS),--corpus $(CORPUS)) $(if $(OUT),--out $(OUT))

test: $(STAMP)
	$(BIN)/python -m pytest

# The site is built from build/notebooks/ (executed copies): run the series first when it is missing;
# `python -m lib report` itself reruns any notebook newer than its executed copy.
report: $(STAMP)
	@test -d $(or $(OUT),.)/build/notebooks || $(BIN)/python -m lib run $(if $(CORPUS),--corpus $(CORPUS)) $(if $(OUT),--out $(OUT))
	$(if $(CORPUS),GENEVA_CORPUS=$(abspath $(CORPUS))) $(if $(OUT),GENEVA_OUT=$(abspath $(OUT))) $(BIN)/python -m lib report

lab: $(STAMP)
	PYTHONPATH=$(CURDIR) $(BIN)/jupyter lab notebooks/

validate: $(STAMP)
	$(BIN)/python -m lib validate $(CORPUS)

bench: $(STAMP)
	$(BIN)/python -m lib bench

clean-build:
	rm -rf build
