# Netra: `make test` runs every test against a throwaway PostgreSQL it starts itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-12)

.PHONY: demo demo-stop bench-pipeline bench-scale bench-rules venv test lock db-start db-stop sample clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

# SOURCE=api collects through the platform connectors from fake APIs the demo starts itself.
# UNPAUSE=1 leaves netra_pipeline's daily schedule on afterwards (it stays paused otherwise).
# EXECUTOR=celery runs the tasks on a Celery worker, with Debian's redis-server as broker.
SOURCE ?= landing
UNPAUSE ?=
EXECUTOR ?= local

demo: $(STAMP)
	$(BIN)/netra demo run --source $(SOURCE) --executor $(EXECUTOR)$(if $(UNPAUSE), --unpause)

demo-stop:
	@if [ -x $(BIN)/netra ]; then $(BIN)/netra demo stop; else echo "nothing to stop"; fi

# Needs the sample (make demo, or make sample); uses the embedded cluster.
bench-pipeline: $(STAMP)
	$(BIN)/netra bench pipeline

# A province's day (about a million posts, generated once under .netra/scale) as one window: first, an
# unchanged rerun (which skips), and a rerun with every step re-deriving.
bench-scale: $(STAMP)
	$(BIN)/netra bench scale

bench-rules: $(STAMP)
	$(BIN)/netra bench rules

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/pytest

lock: $(STAMP)
	$(BIN)/uv pip compile requirements.in --python-version 3.11 --no-header --quiet -o requirements.txt
	sed -i '1i # Compiled from requirements.in by `make lock` (uv pip compile); every package pinned exactly.' requirements.txt

db-start: $(STAMP)
	$(BIN)/netra db start

db-stop: $(STAMP)
	$(BIN)/netra db stop

sample: $(STAMP)
	$(BIN)/netra sample generate --seed 7

# Stops every demo process, deletes the demo's cluster wherever its data lives and the data killed
# test sessions left in /var/tmp, then .netra and the venv.
# Without the venv, the cluster is stopped with the server binaries it recorded (pg_ctl as its user).
clean:
	-@if [ -x $(BIN)/netra ]; then $(BIN)/netra demo clean; \
	elif [ -f .netra/pg/cluster.json ]; then $(PYTHON) -c 'import json, subprocess; m = json.load(open(".netra/pg/cluster.json")); \
	    cmd = [m["bindir"] + "/pg_ctl", "-D", m["data_dir"], "-m", "fast", "-w", "stop"]; \
	    subprocess.run((["runuser", "-u", m["os_user"], "--"] if m.get("os_user") else []) + cmd); \
	    import pathlib, shutil; d = pathlib.Path(m["data_dir"]).parent; \
	    d.name.startswith("netra-pg-") and shutil.rmtree(d, ignore_errors=True)'; fi
	rm -rf .netra $(VENV)
