# Developer tasks of the Atelier des Territoires QGIS plugin; `make help` lists them.
# Made for Debian 12 with QGIS 3.22 from apt: `make test` or `make run` on a bare machine
# installs what they need first, and skips what is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN := bassee_atelier_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)

# Debian's Python, never a pyenv or conda one found on PATH: QGIS's bindings are built for it.
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PYTHON := $(VENV)/bin/python
REQUIREMENTS_STAMP := $(VENV)/.requirements-installed

APT_PACKAGES := python3-qgis qgis qgis-providers python3-venv python3-pip xvfb xauth imagemagick \
	poppler-utils qttools5-dev-tools pyqt5-dev-tools gdal-bin fonts-dejavu-core python3-segno \
	python3-psycopg2
# Only for `make test`: the phone page's tests drive Debian's Chromium, and the shared ateliers' tests
# start a throwaway PostgreSQL cluster with PostGIS; `make run` does without both.
# Debian's own PostgreSQL: 15 in Debian 12, 17 in Debian 13 (the QGIS 3.44 root).
POSTGRES_MAJOR := $(if $(filter 13,$(shell . /etc/os-release && echo $$VERSION_ID)),17,15)
TEST_APT_PACKAGES := chromium chromium-driver postgresql postgresql-$(POSTGRES_MAJOR)-postgis-3
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

BUILD := build
DIST := dist
STAGE := $(BUILD)/$(PLUGIN)
ZIP := $(DIST)/$(PLUGIN)-$(VERSION).zip

# PyQt6 from PyPI, beside the project's environment (the root's own in a QGIS root): the Qt
# names are checked against it (QGIS 4).
QT6_VENV = $(VENV)-qt6
QT6_STAMP := $(QT6_VENV)/.requirements-installed

PYTHON_SOURCES := $(shell find $(PLUGIN) -name '*.py' -not -path '*/__pycache__/*' | sort)
UI_FORMS := $(wildcard resources/ui/*.ui)
TRANSLATION_SOURCES := $(wildcard resources/i18n/*.ts)
COMPILED_TRANSLATIONS := $(TRANSLATION_SOURCES:.ts=.qm)
FRENCH_TRANSLATION := resources/i18n/$(PLUGIN)_fr.ts

# What `make run` opens and `make snapshot` renders: the sample atelier unless told otherwise.
SAMPLE_ATELIER := sample_data/bassee_montois_atelier.gpkg
ATELIER ?= $(SAMPLE_ATELIER)
SNAPSHOT ?= $(BUILD)/snapshot.png
SNAPSHOT_WIDTH ?= 1920
SNAPSHOT_HEIGHT ?= 1080

# A QGIS profile of its own, so that trying the plugin never touches the user's default one.
# QGIS keeps the profiles in a "profiles" folder under the --profiles-path it is given.
QGIS_PROFILES ?= $(BUILD)/qgis-profiles
QGIS_PROFILE ?= atelier
PROFILES_DIR := $(abspath $(QGIS_PROFILES))
PROFILE_DIR := $(PROFILES_DIR)/profiles/$(QGIS_PROFILE)
QGIS_ARGS ?=
PYTEST_ARGS ?=
# Another QGIS than the machine's own, for `make test` (see scripts/qgis_root.sh).
QGIS ?=
QGIS_ROOT_VENV := /opt/atelier-venv
# `make test` runs the tests in this many pytest-xdist workers (0: all in one process). Each worker
# is a process with its own QGIS, QGIS profile (.qgis-settings/gwN) and PostgreSQL cluster;
# worksteal hands a worker that is done early the tests another has not reached yet.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL = $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist worksteal,-p no:xdist)

# Checked before anything is installed: QGIS cannot start without a screen.
ifneq ($(filter run,$(MAKECMDGOALS)),)
ifeq ($(DISPLAY)$(WAYLAND_DISPLAY),)
$(error make run: no display ($$DISPLAY and $$WAYLAND_DISPLAY are empty); to start QGIS on a virtual screen: xvfb-run -a -s "-screen 0 1920x1080x24" make run)
endif
endif

.PHONY: help test run package snapshot lint format translations clean system-packages test-system-packages deps \
	qt6-env stage repository test-planner

help:
	@echo "make run           start QGIS with the plugin and the sample atelier, in its own profile"
	@echo "make test          install what is missing, then run the whole test suite (PYTEST_ARGS=..., PYTEST_WORKERS=2)"
	@echo "make test QGIS=3.44  the same on QGIS 3.44 (or 3.40), in an isolated Debian root made once"
	@echo "make test-planner  the ZIP in a fresh QGIS 3.44 profile as a planner installs it (minutes; needs root)"
	@echo "make run QGIS=3.44   QGIS 3.44 from that root, with the plugin and the sample atelier"
	@echo "make qt6-env       the PyQt6 environment that the test suite checks the Qt names against"
	@echo "make package       build $(ZIP) for QGIS's 'Install from ZIP'"
	@echo "make repository    a plugin repository in $(DIST)/repository: plugins.xml and the ZIP (REPOSITORY_URL=...)"
	@echo "make snapshot      render the sample atelier to $(SNAPSHOT)"
	@echo "make lint          ruff check, ruff format --check, and the architecture's import contracts"
	@echo "make format        ruff format and ruff check --fix"
	@echo "make translations  refresh $(FRENCH_TRANSLATION) from the sources"
	@echo "make clean         remove what the build made (not $(VENV))"

# -- what the tasks need ----------------------------------------------------------------

# Installs from apt the packages of $(1) that are not installed yet, and nothing when all are.
define install_missing_packages
	@missing=$$(for package in $(1); do \
		dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed' || echo $$package; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi
endef

system-packages:
	$(call install_missing_packages,$(APT_PACKAGES))

test-system-packages:
	$(call install_missing_packages,$(TEST_APT_PACKAGES))

# --system-site-packages: QGIS's bindings and Debian's GDAL come from apt, not from pip.
$(PYTHON): | system-packages
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)

$(REQUIREMENTS_STAMP): requirements-dev.txt | $(PYTHON)
	$(PYTHON) -m pip install --disable-pip-version-check -r requirements-dev.txt
	touch $@

deps: $(REQUIREMENTS_STAMP)

# Without --system-site-packages: PyQt5 and QGIS must not be found there.
$(QT6_STAMP): requirements-qt6.txt | system-packages
	rm -rf $(QT6_VENV)
	$(SYSTEM_PYTHON) -m venv $(QT6_VENV)
	$(QT6_VENV)/bin/python -m pip install --disable-pip-version-check -r requirements-qt6.txt
	touch $@

qt6-env: $(QT6_STAMP)

%.qm: %.ts | system-packages
	lrelease -silent $< -qm $@

# Committed; rebuilt only when missing (the script needs ../shared/territory).
$(SAMPLE_ATELIER): | deps
	$(PYTHON) sample_data/build_sample_data.py

# Libraries that no QGIS brings, shipped inside the ZIP (requirements-vendor.txt): PyPI's wheels,
# checked against their hashes, downloaded at build time and never committed.
VENDOR_WHEELS := $(BUILD)/vendor-wheels
VENDOR_STAMP := $(VENDOR_WHEELS)/.downloaded
SEGNO_VERSION := $(shell sed -n 's/^segno==\([^ ]*\).*/\1/p' requirements-vendor.txt)
SEGNO_UNPACKED := $(BUILD)/vendor-unpacked/segno

$(VENDOR_STAMP): requirements-vendor.txt | system-packages
	rm -rf $(VENDOR_WHEELS)
	$(SYSTEM_PYTHON) -m pip download --disable-pip-version-check --quiet --no-deps --only-binary=:all: \
		--require-hashes --requirement requirements-vendor.txt --dest $(VENDOR_WHEELS)
	touch $@

# The plugin folder as QGIS installs it: the package, with its resources, metadata and licence.
# metadata.txt gets the publisher's addresses (publishing.cfg) and the changelog (CHANGELOG.md).
# segno goes under vendor/, where only the plugin imports it (bassee_atelier_plugin.vendor.segno),
# with its licence; its command line (cli.py) would import a top-level segno: left out.
stage: $(COMPILED_TRANSLATIONS) $(VENDOR_STAMP)
	rm -rf $(STAGE) $(SEGNO_UNPACKED)
	mkdir -p $(STAGE)/vendor
	cp -r $(PLUGIN)/. $(STAGE)/
	cp -r resources $(STAGE)/resources
	cp LICENSE $(STAGE)/
	$(SYSTEM_PYTHON) scripts/stage_metadata.py metadata.txt publishing.cfg CHANGELOG.md -o $(STAGE)/metadata.txt
	$(SYSTEM_PYTHON) -m zipfile -e $(VENDOR_WHEELS)/segno-$(SEGNO_VERSION)-py3-none-any.whl $(SEGNO_UNPACKED)
	cp -r $(SEGNO_UNPACKED)/segno $(STAGE)/vendor/segno
	cp $(SEGNO_UNPACKED)/segno-$(SEGNO_VERSION).dist-info/licenses/LICENSE $(STAGE)/vendor/segno/LICENSE
	rm $(STAGE)/vendor/segno/cli.py
	echo '"""Libraries that no QGIS brings, shipped with their licences (requirements-vendor.txt)."""' \
		> $(STAGE)/vendor/__init__.py
	find $(STAGE) \( -name __pycache__ -o -name '*.py[co]' -o -name '*.ts' \) -prune -exec rm -rf {} +

# -- the tasks ----------------------------------------------------------------------------

# `make test QGIS=3.40` or `QGIS=3.44`: the same suite, run by this Makefile, in an isolated Debian
# root that holds that QGIS (made once by scripts/qgis_root.sh, then reused).
ifeq ($(QGIS),)
test: $(COMPILED_TRANSLATIONS) | deps lint test-system-packages qt6-env
	QT_QPA_PLATFORM=offscreen QT6_PYTHON=$(abspath $(QT6_VENV))/bin/python $(PYTHON) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)
else
test:
	scripts/qgis_root.sh $(QGIS) run make test VENV=$(QGIS_ROOT_VENV) PYTEST_ARGS='$(PYTEST_ARGS)' PYTEST_WORKERS=$(PYTEST_WORKERS)
endif

# The ZIP as a planner installs it (tests/planner, left out of `make test`): unzipped into a fresh
# profile of QGIS 3.44 (its root, scripts/qgis_root.sh planner) without the project's environment,
# first with only what a minimal OSGeo4W QGIS has, then with the standalone installer's libraries.
# This machine's pytest drives that QGIS; PostgreSQL comes from the test packages (push, pull).
test-planner: package | deps test-system-packages
	PLANNER_ZIP=$(abspath $(ZIP)) QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -p no:xdist tests/planner $(PYTEST_ARGS)

ifeq ($(QGIS),)
run: stage $(ATELIER) | deps
	rm -rf $(PROFILE_DIR)/python/plugins/$(PLUGIN)
	mkdir -p $(PROFILE_DIR)/python/plugins
	cp -r $(STAGE) $(PROFILE_DIR)/python/plugins/$(PLUGIN)
	$(PYTHON) scripts/prepare_qgis_profile.py $(PROFILE_DIR)/QGIS/QGIS3.ini
	qgis --profiles-path $(PROFILES_DIR) --profile $(QGIS_PROFILE) \
		--project "geopackage:$(abspath $(ATELIER))?projectName=atelier" $(QGIS_ARGS)
else
run:
	scripts/qgis_root.sh $(QGIS) run make run VENV=$(QGIS_ROOT_VENV) ATELIER='$(ATELIER)' QGIS_ARGS='$(QGIS_ARGS)' \
		QGIS_PROFILES=$(QGIS_PROFILES)-$(QGIS)
endif

# Python's zipfile rather than zip(1): one Debian package fewer.
package: stage
	mkdir -p $(DIST)
	rm -f $(ZIP)
	cd $(BUILD) && $(SYSTEM_PYTHON) -m zipfile -c $(abspath $(ZIP)) $(PLUGIN)
	@echo "Built $(ZIP)"

# A plugin repository for QGIS's Plugin Manager: plugins.xml beside the ZIP (named as the Plugin
# Manager and the QGIS Deployment Toolbelt expect) and its icon, a folder to copy as it is to a file
# share or a web server. REPOSITORY_URL is that folder's address as every QGIS reads it
# (file:////server/share/qgis-plugins or https://intranet.example/qgis-plugins; docs/deploiement.md).
REPOSITORY := $(DIST)/repository
REPOSITORY_URL ?= file://$(abspath $(REPOSITORY))
repository: package
	$(SYSTEM_PYTHON) scripts/plugin_repository.py $(ZIP) --url '$(REPOSITORY_URL)' -o $(REPOSITORY)
	@echo "Wrote $(REPOSITORY), the plugin repository that QGIS reads as $(REPOSITORY_URL)/plugins.xml"

snapshot: $(ATELIER) | deps
	mkdir -p $(dir $(SNAPSHOT))
	$(PYTHON) -m $(PLUGIN) snapshot $(ATELIER) -o $(SNAPSHOT) --width $(SNAPSHOT_WIDTH) --height $(SNAPSHOT_HEIGHT)

# ruff, the architecture's contracts (pyproject.toml, ARCHITECTURE.md), then plugins.qgis.org's
# security scan: bandit with the site's rules, from $(PLUGIN)/.bandit (its INFO lines, and its
# warning for a waiver that a second node of the same string did not need, are left out).
# `make test` runs it first.
lint: | deps
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit --quiet --recursive $(PLUGIN) 2> >(grep -v -e 'nosec encountered' -e INFO >&2)

format: | deps
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

# pylupdate5 files module-level tr("...") calls under "@default", the context toolbelt/i18n.py asks.
translations: | system-packages
	mkdir -p $(dir $(FRENCH_TRANSLATION))
	pylupdate5 -noobsolete $(PYTHON_SOURCES) $(UI_FORMS) -ts $(FRENCH_TRANSLATION)

clean:
	rm -rf $(BUILD) $(DIST) .pytest_cache .ruff_cache .qgis-settings tests/output
	rm -f $(COMPILED_TRANSLATIONS)
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
