# calculus-anim: thin named targets over render.py. `make help` lists them.
PY            := .venv/bin/python
QUALITY       ?= 1080p
LECTURE_LANG  ?= zh
JOBS          ?= 0
WIDTH         ?= 640
OUT           ?= build
ARGS          ?=
CONFIG        ?=
RENDER        := $(PY) render.py
# given on the command line (or in the environment): passed on; else render.py's default, or the
# lecture file's (CONFIG=FILE.toml) own quality and language
given          = $(filter command line environment,$(origin $(1)))
QUALITY_ARG    = $(if $(call given,QUALITY),--quality $(call sq,$(QUALITY)))
CONFIG_ARG     = $(if $(CONFIG),--config $(call sq,$(CONFIG)))
LANG_ARG       = $(if $(call given,LECTURE_LANG),--lang $(call sq,$(LECTURE_LANG)))
# GIFs and decks: both languages unless LECTURE_LANG or the lecture file says otherwise
LANG_ALL_ARG   = $(if $(call given,LECTURE_LANG),--lang $(call sq,$(LECTURE_LANG)),$(if $(CONFIG),,--lang all))
# a variable as one shell word: 'my dir' stays one argument (a ' inside becomes '\'')
sq             = '$(subst ','\'',$(1))'

.PHONY: help setup render lecture scenes section gifs slides test test-fast bench clean
.DEFAULT_GOAL := help

help: ## this list
	@echo "calculus-anim — make targets (variables: QUALITY=$(QUALITY) LECTURE_LANG=$(LECTURE_LANG) JOBS=$(JOBS) WIDTH=$(WIDTH) OUT=$(OUT))"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "  QUALITY: test, preview (480p15), 720p, 1080p (default), 1440p, 2160p or l/m/h/p/k; LECTURE_LANG: zh, en or all; CONFIG: a lecture file (examples/lecture.toml)"

setup: ## install what is missing (system libraries, CJK font, .venv, Chromium, reveal.js)
	@bash tools/setup.sh system
	@bash tools/setup.sh python
	@bash tools/setup.sh deck

render: setup ## every section's video, then the whole lecture -> build/lecture/ (CONFIG=FILE.toml: your own lecture)
	$(RENDER) lecture $(CONFIG_ARG) $(QUALITY_ARG) $(LANG_ARG) --jobs $(call sq,$(JOBS)) --out $(call sq,$(OUT)) $(ARGS)

lecture: render ## same as render

scenes: setup ## every section's video -> build/videos/LANG/QUALITY/ (CONFIG=FILE.toml: its sections)
	$(RENDER) scenes $(CONFIG_ARG) $(QUALITY_ARG) $(LANG_ARG) --jobs $(call sq,$(JOBS)) --out $(call sq,$(OUT)) $(ARGS)

section: setup ## one section: make section S=3 (number or name)
	@test -n "$(S)" || { echo "error: name the section, e.g. make section S=3" >&2; exit 2; }
	$(RENDER) scenes $(S) $(QUALITY_ARG) $(LANG_ARG) --out $(call sq,$(OUT)) $(ARGS)

gifs: setup ## every slide GIF (+ MP4) in zh and en -> build/gifs/LANG/ (CONFIG=FILE.toml: its sections)
	$(RENDER) gifs $(CONFIG_ARG) $(LANG_ALL_ARG) --width $(call sq,$(WIDTH)) --jobs $(call sq,$(JOBS)) --out $(call sq,$(OUT)) $(ARGS)

slides: setup ## the decks (offline reveal.js HTML, PPTX, GIFs PPTX) in zh and en -> build/slides/LANG/
	$(RENDER) slides $(CONFIG_ARG) $(QUALITY_ARG) $(LANG_ALL_ARG) --width $(call sq,$(WIDTH)) --jobs $(call sq,$(JOBS)) --out $(call sq,$(OUT)) $(ARGS)

test: setup ## the test suite (math, renders at test size, CLI)
	$(PY) -m pytest -q $(ARGS)

test-fast: setup ## the tests that render nothing (pytest -m "not render")
	$(PY) -m pytest -q -m "not render" $(ARGS)

bench: setup ## benchmarks, each against a baseline measured in the same run
	$(PY) bench/run.py $(ARGS)

clean: ## remove build/ (rendered files and caches)
	rm -rf build
