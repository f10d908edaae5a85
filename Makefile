# tfsync's Make targets: one-line wrappers over the tfsync CLI, named as in the
# environment-sync design. They operate on the directory make runs in, so each of these works:
#
#   make sync-promote SYNC_SOURCE=englacial SYNC_TARGET=prod          # in this checkout
#   make -f path/to/tfsync/Makefile -C /some/infra sync-promote YES=1 # on another repository
#   include path/to/tfsync/Makefile                                   # in an infrastructure Makefile
#
# `make tfsync-help` (or `make help` when this is the top-level Makefile) lists the targets.

# Captured before any include: where this file, and so this checkout's mod.ts, lives.
TFSYNC_MAKEFILE := $(abspath $(lastword $(MAKEFILE_LIST)))
TFSYNC_DIR := $(patsubst %/,%,$(dir $(TFSYNC_MAKEFILE)))
_TFSYNC_TOP_LEVEL := $(if $(filter-out $(TFSYNC_MAKEFILE),$(abspath $(firstword $(MAKEFILE_LIST)))),,1)
_TFSYNC_PREVIOUS_GOAL := $(.DEFAULT_GOAL)

# A sub-make's report is the report alone: no "Entering directory" lines from it. (`make -C DIR`
# prints its own before it reads this file: OUTPUT=file below, or --no-print-directory on the
# command line, keeps that one out.)
MAKEFLAGS += --no-print-directory

SYNC_SOURCE ?= englacial
SYNC_TARGET ?= dev

# The command to run: ./bin/tfsync (see tfsync-install), else tfsync on PATH, else `deno run` of
# this checkout's mod.ts with the permissions the release binary has (tools/permissions.ts).
TFSYNC ?= $(or $(_TFSYNC_FOUND),tfsync)
_TFSYNC_FOUND = $(or $(wildcard ./bin/tfsync$(_TFSYNC_EXE)),$(shell command -v tfsync 2>/dev/null),$(_TFSYNC_DENO_RUN))
_TFSYNC_DENO_RUN = $(if $(wildcard $(TFSYNC_DIR)/mod.ts),deno run --config '$(TFSYNC_DIR)/deno.json' $(shell deno run --no-config --quiet '$(TFSYNC_DIR)/tools/permissions.ts') '$(TFSYNC_DIR)/mod.ts')
_TFSYNC_MISSING = tfsync not found: run 'make tfsync-install', put tfsync on PATH, or set TFSYNC
# TFSYNC_MAKE=1: tfsync's messages then name make's words (YES=1, DRY_RUN=1, make sync-…).
_TFSYNC_RUN = $(if $(filter tfsync,$(TFSYNC)),$(if $(_TFSYNC_FOUND),,$(error $(_TFSYNC_MISSING))))TFSYNC_MAKE=1 $(TFSYNC)

# Options every wrapper passes. YES=1 answers the confirmation; DRY_RUN=1 only prints the diff;
# TFSYNC_ARGS adds any other option (e.g. TFSYNC_ARGS='--no-backup --json').
_tfsync_true = $(filter-out 0 false no,$(1))
_TFSYNC_COMMON = --root '$(CURDIR)' $(if $(call _tfsync_true,$(YES)),--yes) $(if $(call _tfsync_true,$(DRY_RUN)),--dry-run) $(TFSYNC_ARGS)
_TFSYNC_PAIR = --from $(SYNC_SOURCE) --to $(SYNC_TARGET)
# OUTPUT=file: the report of sync-check or sync-matrix goes there (stdout stays free of make's
# own lines, such as the "Entering directory" that `make -C` prints before reading any Makefile).
_TFSYNC_OUTPUT = $(if $(OUTPUT),--output '$(OUTPUT)')
_tfsync_require = $(if $($(1)),,$(error $(2)))

.PHONY: tfsync-help sync-features-from sync-features-to sync-diff sync-promote sync-backport \
	sync-images sync-dask sync-timeouts sync-check sync-explain sync-matrix sync-init sync-restore \
	tfsync-install _tfsync-force

tfsync-help: ## List tfsync's targets and the command they run
	@echo 'tfsync targets (SYNC_SOURCE=$(SYNC_SOURCE) SYNC_TARGET=$(SYNC_TARGET)):'
	@awk '/^[a-z%-]+:.*## / { t = $$0; sub(/:.*/, "", t); h = $$0; sub(/.*## /, "", h); printf "  %-20s %s\n", t, h }' '$(TFSYNC_MAKEFILE)'
	@echo 'Variables: YES=1 DRY_RUN=1 TFSYNC_ARGS=... TFSYNC_VERSION=$(TFSYNC_VERSION)'
	@echo "Command: $(TFSYNC)$(if $(filter tfsync,$(TFSYNC)),$(if $(_TFSYNC_FOUND),, ($(_TFSYNC_MISSING))))"

sync-features-from: ## Extract the syncable features of SYNC_SOURCE into the shared file
	@$(_TFSYNC_RUN) extract --from $(SYNC_SOURCE) $(_TFSYNC_COMMON)

sync-features-to: ## Apply the shared file's features to SYNC_TARGET
	@$(_TFSYNC_RUN) apply --to $(SYNC_TARGET) $(_TFSYNC_COMMON)

sync-diff: ## Compare SYNC_SOURCE and SYNC_TARGET, layer by layer (EXIT_CODE=1: exit 1 on differences)
	@$(_TFSYNC_RUN) diff $(_TFSYNC_PAIR) $(if $(call _tfsync_true,$(EXIT_CODE)),--exit-code) $(_TFSYNC_COMMON)

sync-promote: ## Extract from SYNC_SOURCE, apply to SYNC_TARGET, show the changes
	@$(_TFSYNC_RUN) promote $(_TFSYNC_PAIR) $(_TFSYNC_COMMON)

sync-backport: ## The same, from a later environment back to an earlier one
	@$(_TFSYNC_RUN) backport $(_TFSYNC_PAIR) $(_TFSYNC_COMMON)

sync-images: ## Sync only the images group from SYNC_SOURCE to SYNC_TARGET
	@$(_TFSYNC_RUN) sync $(_TFSYNC_PAIR) --group images $(_TFSYNC_COMMON)

sync-dask: ## Sync only the dask group
	@$(_TFSYNC_RUN) sync $(_TFSYNC_PAIR) --group dask $(_TFSYNC_COMMON)

sync-timeouts: ## Sync only the timeouts group
	@$(_TFSYNC_RUN) sync $(_TFSYNC_PAIR) --group timeouts $(_TFSYNC_COMMON)

sync-check: ## Check every environment (ENV="a b": only those; STRICT=1; FORMAT=text|json|github|markdown; OUTPUT=file)
	@$(_TFSYNC_RUN) check $(foreach e,$(ENV),--env $(e)) $(if $(call _tfsync_true,$(STRICT)),--strict) $(if $(FORMAT),--format $(FORMAT)) $(_TFSYNC_OUTPUT) $(_TFSYNC_COMMON)

sync-explain: ## Show where VAR's value comes from, layer by layer (VAR=name, ENV=env optional)
	@$(_TFSYNC_RUN) explain $(call _tfsync_require,VAR,sync-explain needs VAR=<variable>)$(VAR) $(if $(ENV),--env $(ENV)) $(_TFSYNC_COMMON)

sync-matrix: ## Environments x syncable variables (GROUP="a b" optional; FORMAT=text|json|markdown|html; OUTPUT=file)
	@$(_TFSYNC_RUN) matrix $(foreach g,$(GROUP),--group $(g)) $(if $(FORMAT),--format $(FORMAT)) $(_TFSYNC_OUTPUT) $(_TFSYNC_COMMON)

sync-init: ## Write tfsync.hcl (FROM_MAKEFILE=path imports an old sync Makefile; FORCE=1)
	@$(_TFSYNC_RUN) init $(if $(FROM_MAKEFILE),--from-makefile $(FROM_MAKEFILE)) $(if $(call _tfsync_true,$(FORCE)),--force) $(_TFSYNC_COMMON)

sync-restore: ## Undo the last writing run, every file it changed (ENV=env: only ENV's .bak)
	@$(_TFSYNC_RUN) restore $(if $(ENV),--env $(ENV)) $(_TFSYNC_COMMON)

# Any other configured group: make sync-<group>. Explicit targets above take precedence; the
# phony prerequisite keeps a file named like the target from making it "up to date".
sync-%: _tfsync-force ## Sync only the group named after the dash
	@$(_TFSYNC_RUN) sync $(_TFSYNC_PAIR) --group $* $(_TFSYNC_COMMON)

_tfsync-force:

# --- tfsync-install: the release binary for this machine into ./bin, verified ---------------------

# Default: this checkout's version (deno.json); a copy of this file in another repository sets it.
TFSYNC_VERSION ?= $(if $(wildcard $(TFSYNC_DIR)/tools/permissions.ts),$(shell sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' '$(TFSYNC_DIR)/deno.json' 2>/dev/null))
# Placeholder: GitHub names cannot hold "_", so this never resolves to somebody else's releases.
TFSYNC_REPO ?= REPLACE_ME/tfsync
TFSYNC_RELEASE_URL ?= https://github.com/$(TFSYNC_REPO)/releases/download/v$(TFSYNC_VERSION)
# Optional: the binary's expected sha256, pinned in your repository (checked besides SHA256SUMS).
TFSYNC_SHA256 ?=
_TFSYNC_OS = $(shell uname -s 2>/dev/null)
_TFSYNC_ARCH = $(shell uname -m 2>/dev/null)
_TFSYNC_EXE = $(if $(filter MINGW% MSYS% CYGWIN% Windows_NT,$(_TFSYNC_OS) $(OS)),.exe)
TFSYNC_TARGET ?= $(strip \
	$(if $(filter x86_64 amd64 AMD64,$(_TFSYNC_ARCH)),x86_64,$(if $(filter aarch64 arm64,$(_TFSYNC_ARCH)),aarch64,$(_TFSYNC_ARCH)))-$(strip \
	$(if $(filter Linux,$(_TFSYNC_OS)),unknown-linux-gnu,$(if $(filter Darwin,$(_TFSYNC_OS)),apple-darwin,$(if $(_TFSYNC_EXE),pc-windows-msvc,$(_TFSYNC_OS))))))

_TFSYNC_HOW = set TFSYNC_REPO=<owner>/<repo> (where tfsync's releases are) and TFSYNC_VERSION=<version>, e.g. make tfsync-install TFSYNC_REPO=acme/tfsync TFSYNC_VERSION=0.1.0, or TFSYNC_RELEASE_URL to a mirror
# The placeholder owners of this file and of examples/ci: no release can be there.
_TFSYNC_PLACEHOLDER = $(if $(filter https://github.com/$(TFSYNC_REPO)/%,$(TFSYNC_RELEASE_URL)),$(filter REPLACE_ME owner your-org,$(firstword $(subst /, ,$(TFSYNC_REPO)))))

tfsync-install: ## Download the tfsync release binary for this machine into ./bin and verify it
	@set -e; \
	test -n '$(TFSYNC_VERSION)' || { echo "tfsync-install: TFSYNC_VERSION is not set: $(_TFSYNC_HOW)" >&2; exit 2; }; \
	$(if $(_TFSYNC_PLACEHOLDER),{ echo "tfsync-install: TFSYNC_REPO is the placeholder \"$(TFSYNC_REPO)\": $(_TFSYNC_HOW)" >&2; exit 2; };) \
	name='tfsync-$(TFSYNC_VERSION)-$(TFSYNC_TARGET)$(_TFSYNC_EXE)'; \
	tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/tfsync-install.XXXXXX"); \
	trap 'rm -rf "$$tmp"' EXIT; \
	echo "tfsync-install: $(TFSYNC_RELEASE_URL)/$$name"; \
	for f in "$$name" SHA256SUMS; do \
		curl -fsSL --retry 3 -o "$$tmp/$$f" '$(TFSYNC_RELEASE_URL)/'"$$f" || { \
			echo "tfsync-install: no release found: $(TFSYNC_RELEASE_URL)/$$f could not be downloaded: $(_TFSYNC_HOW)" >&2; exit 1; }; \
	done; \
	want=$$(awk -v f="$$name" '$$2 == f || $$2 == "*" f { print $$1 }' "$$tmp/SHA256SUMS"); \
	if command -v sha256sum >/dev/null 2>&1; then got=$$(sha256sum "$$tmp/$$name"); \
	else got=$$(shasum -a 256 "$$tmp/$$name"); fi; \
	got=$${got%% *}; \
	if [ -z "$$want" ] || [ "$$got" != "$$want" ] || { [ -n '$(TFSYNC_SHA256)' ] && [ "$$got" != '$(TFSYNC_SHA256)' ]; }; then \
		rm -f "$$tmp/$$name"; \
		echo "tfsync-install: checksum mismatch for $$name: got $$got, SHA256SUMS lists $${want:-nothing}$(if $(TFSYNC_SHA256), and TFSYNC_SHA256 is $(TFSYNC_SHA256)); deleted it" >&2; \
		exit 1; \
	fi; \
	chmod +x "$$tmp/$$name"; \
	mkdir -p bin; \
	cp -p "$$tmp/$$name" bin/.tfsync-install.new; \
	mv -f bin/.tfsync-install.new bin/tfsync$(_TFSYNC_EXE); \
	echo "tfsync-install: bin/tfsync$(_TFSYNC_EXE) ($$(bin/tfsync$(_TFSYNC_EXE) --version), sha256 $$got)"

# `make help` lists tfsync's targets, also when this file is included: a `help` target of the
# including Makefile keeps its recipe and gains this prerequisite. The default goal is `help`
# only when this is the top-level Makefile: an including Makefile keeps its own.
.PHONY: help
help: tfsync-help
ifeq ($(_TFSYNC_TOP_LEVEL),1)
.DEFAULT_GOAL := help
else
.DEFAULT_GOAL := $(_TFSYNC_PREVIOUS_GOAL)
endif
