# iamsh — the two commands in the README:
#   make run    build and open the shell on the bundled demo organization
#   make test   run every test (unit, golden end-to-end, and end-to-end against a local AWS mock)
# Both install what is missing first (Debian: libedit-dev, libsqlite3-dev; PyPI: moto, awscli).

SWIFT ?= swift
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
MOTO_VERSION ?= 5.2.1
AWSCLI_VERSION ?= 1.45.11

.PHONY: run test build release deps deps-system deps-mock bench clean

run: deps-system build
	.build/debug/iamsh $(ARGS)

test: deps-system deps-mock
	$(SWIFT) build
	$(SWIFT) test

build: deps-system
	$(SWIFT) build

release: deps-system
	$(SWIFT) build -c release

# Both benchmarks of docs/performance.md, or iamsh-bench with ARGS.
bench: deps-system
	$(SWIFT) build -c release --product iamsh-bench
ifeq ($(strip $(ARGS)),)
	.build/release/iamsh-bench
	.build/release/iamsh-bench --paths 1000,10000
else
	.build/release/iamsh-bench $(ARGS)
endif

deps: deps-system deps-mock

# C libraries the SQLite and libedit shims link against.
deps-system:
	@if ! dpkg -s libedit-dev >/dev/null 2>&1 || ! dpkg -s libsqlite3-dev >/dev/null 2>&1; then \
		echo "installing libedit-dev and libsqlite3-dev"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libedit-dev libsqlite3-dev >/dev/null; \
	fi

# The local AWS mock and the real AWS CLI, for the end-to-end tests.
deps-mock:
	@if ! command -v moto_server >/dev/null 2>&1 || ! $(PYTHON) -c "import moto, flask, boto3" >/dev/null 2>&1; then \
		echo "installing moto[server]==$(MOTO_VERSION)"; \
		$(PYTHON) -m pip install -q "moto[server]==$(MOTO_VERSION)"; \
	fi
	@if ! command -v aws >/dev/null 2>&1; then \
		echo "installing awscli==$(AWSCLI_VERSION)"; \
		$(PYTHON) -m pip install -q "awscli==$(AWSCLI_VERSION)"; \
	fi

clean:
	rm -rf .build
