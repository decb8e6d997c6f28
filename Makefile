# pulumi-aws-identity build.
#
# Every tool this project needs is built or installed by this Makefile into the
# git-ignored folder .tools/, keyed by version, with a stable symlink in
# .tools/bin/. All tool and binary targets are real file targets: a second
# `make tools` or `make provider` with nothing changed does nothing.
#
#   make tools      Pulumi CLI, YAML language host, moto, the AWS CLI (into .tools/)
#   make provider   bin/pulumi-resource-aws-identity
#   make test       everything the tests need (two at a time), then every test (what .ci/run calls)
#   make demo       YAML program against a local moto, through the real engine
#   make help       all targets

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

# The release version: the VERSION file, unless given (the release workflow
# gives the git tag's, and `make version-check` holds the two equal).
VERSION ?= $(shell cat $(CURDIR)/VERSION)

# Tool versions. The Pulumi CLI's and the YAML host's come from the go.mod of
# their tools module, tools/pulumi (change them there, with `go mod tidy`);
# the others are set here and only here.
gomod_version = $(shell awk '{for (i = 1; i < NF; i++) if ($$i == "$(2)") {print $$(i+1); exit}}' $(1))
PULUMI_VERSION        := $(call gomod_version,tools/pulumi/go.mod,github.com/pulumi/pulumi/pkg/v3)
YAML_VERSION          := $(call gomod_version,tools/pulumi/go.mod,github.com/pulumi/pulumi-yaml)
MOTO_VERSION          := 5.2.5
AWSCLI_VERSION        := 1.46.2
ifeq ($(PULUMI_VERSION),)
$(error cannot read the Pulumi version from tools/pulumi/go.mod)
endif
ifeq ($(YAML_VERSION),)
$(error cannot read the pulumi-yaml version from tools/pulumi/go.mod)
endif
GOLANGCI_LINT_VERSION := v2.15.0

MODULE      := github.com/seed-83d379c3/pulumi-aws-identity
PROVIDER    := pulumi-resource-aws-identity
PROVIDER_BIN := bin/$(PROVIDER)

TOOLS     := $(CURDIR)/.tools
TOOLS_BIN := $(TOOLS)/bin

PULUMI        := $(TOOLS)/pulumi-$(PULUMI_VERSION)/bin/pulumi
YAML_HOST     := $(TOOLS)/pulumi-language-yaml-$(YAML_VERSION)/bin/pulumi-language-yaml
MOTO_VENV     := $(TOOLS)/moto-$(MOTO_VERSION)/venv
MOTO_SERVER   := $(MOTO_VENV)/bin/moto_server
AWSCLI_VENV   := $(TOOLS)/awscli-$(AWSCLI_VERSION)/venv
AWSCLI        := $(AWSCLI_VENV)/bin/aws
GOLANGCI_LINT := $(TOOLS)/golangci-lint-$(GOLANGCI_LINT_VERSION)/bin/golangci-lint
# The release path's tools (goreleaser also builds make test's dist-host).
GORELEASER_VERSION := $(call gomod_version,tools/goreleaser/go.mod,github.com/goreleaser/goreleaser/v2)
ACTIONLINT_VERSION := $(call gomod_version,tools/actionlint/go.mod,github.com/rhysd/actionlint)
GORELEASER := $(TOOLS)/goreleaser-$(GORELEASER_VERSION)/bin/goreleaser
ACTIONLINT := $(TOOLS)/actionlint-$(ACTIONLINT_VERSION)/bin/actionlint

TOOL_LINKS := $(TOOLS_BIN)/pulumi $(TOOLS_BIN)/pulumi-language-yaml $(TOOLS_BIN)/moto_server $(TOOLS_BIN)/aws

# One Go build configuration for every build here (the tools, the provider,
# go vet, go test, goreleaser's archive for this machine): the release's,
# CGO_ENABLED=0, -trimpath and the tag grpcnotrace (.goreleaser.yml: grpc
# without golang.org/x/net/trace, 0.3 MB less). Go's build cache is keyed by
# it, so with one configuration a package the Pulumi CLI, the provider or
# goreleaser has compiled is not compiled again by the others. Only the race
# run, which needs cgo, has one of its own.
export CGO_ENABLED := 0
export GOFLAGS := $(strip $(filter-out -trimpath -tags=grpcnotrace,$(shell go env GOFLAGS)) -trimpath -tags=grpcnotrace)

# Each long step says when it started and how long it took (make test runs
# them two at a time, so their lines interleave).
TIMED := $(CURDIR)/scripts/timed.sh

# The provider binary is rebuilt when any non-test Go file under provider/
# (or the module's requirements) changes.
PROVIDER_SRC := $(shell find provider -name '*.go' ! -name '*_test.go' 2>/dev/null) go.mod go.sum VERSION version.go

# Environment for everything that runs tests or programs: our binaries first on
# PATH (the engine finds pulumi-resource-aws-identity and pulumi-language-yaml
# there), no update checks, and no AWS SDK probe of the EC2 metadata address
# (tests and demos talk to 127.0.0.1 only).
TEST_ENV := PATH="$(CURDIR)/bin:$(TOOLS_BIN):$$PATH" \
	PULUMI_SKIP_UPDATE_CHECK=1 \
	AWS_EC2_METADATA_DISABLED=true

# -count=1: the end-to-end tests depend on binaries and servers outside Go's
# test cache key, so a cached pass would be a test that did not run.
GO_TEST_FLAGS ?= -timeout 30m -count=1
BENCH         ?= .
BENCH_FLAGS   ?= -benchmem -count 1
FUZZTIME      ?= 30s
TEST_FUZZTIME ?= 20s

.PHONY: all help tools provider schema sdks sdk-deps sdk-deps-nodejs sdk-deps-python sdk-deps-java test-sdkgen \
	test test-all test-run test-prereqs test-checks test-compile fuzz-compile race-compile test-fuzz tool-modules test-sdkgen-go test-sdkgen-jvm release-go-deps test-go demo bench bench-go fuzz vet lint golangci-lint clean distclean

all: tools provider ## tools and the provider binary

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

# ---------------------------------------------------------------- tools

# The YAML host also sits beside the CLI, where the CLI looks for the language
# hosts it bundles, so a run that ignores plugins on PATH still finds it.
BUNDLED_YAML := $(dir $(PULUMI))pulumi-language-yaml

tools: $(TOOL_LINKS) $(BUNDLED_YAML) ## Pulumi CLI, pulumi-language-yaml, moto and the AWS CLI into .tools/

# The Pulumi CLI, built from source (no prebuilt download is reachable). The
# version must be stamped or the Automation API refuses the CLI.
$(PULUMI): tools/pulumi/go.mod tools/pulumi/go.sum
	@echo "building pulumi $(PULUMI_VERSION) (first build takes several minutes)"
	@mkdir -p $(@D)
	$(TIMED) pulumi go -C tools/pulumi build -o $@.tmp \
		-ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$(PULUMI_VERSION)" \
		github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
	mv -f $@.tmp $@

# The YAML language host, from the CLI's tools module: it compiles against the
# same pulumi/pkg, so after the CLI only its own packages are compiled. Built
# after the CLI, not beside it, or both would compile the shared ones.
$(YAML_HOST): tools/pulumi/go.mod tools/pulumi/go.sum | $(PULUMI)
	@echo "building pulumi-language-yaml $(YAML_VERSION)"
	@mkdir -p $(@D)
	$(TIMED) pulumi-language-yaml go -C tools/pulumi build -o $@.tmp \
		github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
	mv -f $@.tmp $@

# moto in a Python virtual environment of its own.
$(MOTO_SERVER): scripts/install-moto.sh
	$(TIMED) moto scripts/install-moto.sh $(MOTO_VERSION) $(MOTO_VENV)

# The AWS CLI, the tests' oracle where a claim is "as the AWS CLI does" (its
# credential cache for role profiles with mfa_serial), in a venv of its own.
$(AWSCLI): scripts/install-awscli.sh
	$(TIMED) awscli scripts/install-awscli.sh $(AWSCLI_VERSION) $(AWSCLI_VENV)

# Stable names. Relative links, so the checkout can move. make follows a link
# to its target's time stamp, so a link is remade only when its tool is.
$(TOOLS_BIN)/pulumi: $(PULUMI)
$(TOOLS_BIN)/pulumi-language-yaml: $(YAML_HOST)
$(TOOLS_BIN)/moto_server: $(MOTO_SERVER)
$(TOOLS_BIN)/aws: $(AWSCLI)
$(TOOL_LINKS):
	@mkdir -p $(@D)
	ln -sfn $(patsubst $(TOOLS)/%,../%,$<) $@

$(BUNDLED_YAML): $(YAML_HOST) $(PULUMI)
	ln -sfn ../../$(patsubst $(TOOLS)/%,%,$<) $@

# ---------------------------------------------------------------- provider

provider: $(PROVIDER_BIN) ## bin/pulumi-resource-aws-identity

$(PROVIDER_BIN): $(PROVIDER_SRC)
	@mkdir -p $(@D)
	$(TIMED) provider go build -o $@ \
		-ldflags "-X $(MODULE)/provider/version.Version=$(VERSION)" \
		./provider/cmd/$(PROVIDER)

schema: ## regenerate schema.json from the provider
	go run ./provider/cmd/schemagen schema.json

sdks: schema ## regenerate schema.json, then the SDKs under sdk/ from it
	cd tools/sdkgen && go run . -schema ../../schema.json -out ../../sdk
	cd tools/sdkgen-jvm && GONOSUMDB=github.com/pulumi go run . -schema ../../schema.json -out ../../sdk

test-sdkgen: test-sdkgen-go test-sdkgen-jvm ## the SDK generators' drift tests (committed SDKs == generated)
test-sdkgen-go:
	$(TIMED) sdkgen-drift go -C tools/sdkgen test -count=1 ./...
test-sdkgen-jvm:
	GONOSUMDB=github.com/pulumi $(TIMED) sdkgen-jvm-drift go -C tools/sdkgen-jvm test -count=1 ./...

# ---------------------------------------------------------------- tests

# What the tests use, each built once: the tools, the provider, the SDKs'
# dependencies, dist/ for this machine only (dist-host) and the Go module
# graph of the release's Go install test; with them go vet, the SDK drift
# tests and the test binaries of the fuzz and race runs. The release path's
# own (actionlint, the five other archives) are not built.
#
# Three at a time (TEST_JOBS) on two cores: one job mostly waits on
# downloads (moto, the AWS CLI, the SDKs' dependencies, Go modules), so two compile.
# tools/pulumi (the CLI and the YAML host), tools/sdkgen, tools/goreleaser
# and this module select the same version of every module they share, so
# Go's build cache compiles a shared package once; in make test the builds
# that share the CLI's packages start after it rather than beside it, where
# both would compile them.
TEST_JOBS ?= 3
TEST_PREREQS := $(PULUMI) $(MOTO_SERVER) $(AWSCLI) tool-modules sdk-deps-nodejs fuzz-compile sdk-deps-python \
	sdk-deps-java race-compile test-sdkgen-jvm $(YAML_HOST) $(PROVIDER_BIN) $(GORELEASER) vet test-sdkgen-go \
	dist-host release-go-deps tools
test-prereqs: $(TEST_PREREQS)
ifneq ($(filter test-prereqs test-all,$(MAKECMDGOALS)),)
$(PROVIDER_BIN) $(GORELEASER) test-sdkgen-go: | $(PULUMI)
vet: | $(PROVIDER_BIN)
endif

# The modules of goreleaser and of the JVM SDK generator, fetched while the
# CLI compiles: downloads, not CPU.
tool-modules:
	$(TIMED) tool-modules sh -c 'go -C tools/goreleaser list -deps github.com/goreleaser/goreleaser/v2 >/dev/null && \
		GONOSUMDB=github.com/pulumi go -C tools/sdkgen-jvm list -deps -test ./... >/dev/null'

# The instrumented test binaries of the fuzz and race runs, compiled into Go's
# build cache here, beside the downloads, instead of after every other step;
# two targets, so that the fuzz run need not wait for the race build.
test-compile: fuzz-compile race-compile
fuzz-compile:
	$(TIMED) fuzz-compile scripts/fuzz.sh -c
race-compile:
	CGO_ENABLED=1 $(TIMED) race-compile go test -race -c -o /dev/null ./provider/

# A short run of every fuzz target, beside the builds and the tests (it needs
# none of them): TEST_FUZZTIME each, on one worker, so it takes one core of
# two for about four minutes, when its binaries are compiled.
test-fuzz: fuzz-compile
	$(TEST_ENV) FUZZTIME=$(TEST_FUZZTIME) FUZZMINIMIZETIME=0 FUZZPARALLEL=1 $(TIMED) fuzz scripts/fuzz.sh

# The race run and go test ./..., once everything they use is built; the
# fuzz run goes on beside them if it has not ended yet (a warm machine).
test-run: test-prereqs
	@echo "=== race detector: 200 concurrent invokes, and the bad-input table"
	@$(TEST_ENV) CGO_ENABLED=1 $(TIMED) race go test -race -count=1 -v -run 'Concurrency|^TestBadInputs$$' ./provider/ >$(TOOLS)/race-test.log 2>&1 || \
		{ cat $(TOOLS)/race-test.log; exit 1; }
	@grep -E '^(=== race|bad inputs tried|ok)' $(TOOLS)/race-test.log
	$(TEST_ENV) $(TIMED) go-test go test $(GO_TEST_FLAGS) ./...

test-all: test-fuzz test-run

test: ## build what the tests use (three at a time), then every test
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) test-all

sdk-deps: sdk-deps-nodejs sdk-deps-python sdk-deps-java ## what the SDK tests need: node_modules, the built Node.js SDK, a Python venv, Maven's repository

sdk-deps-nodejs:
	$(TIMED) sdk-deps-nodejs scripts/install-sdk-deps.sh nodejs
sdk-deps-python:
	$(TIMED) sdk-deps-python scripts/install-sdk-deps.sh python
sdk-deps-java:
	$(TIMED) sdk-deps-java scripts/install-java-deps.sh

test-go: ## go test ./... with the tools on PATH (installs nothing)
	$(TEST_ENV) go test $(GO_TEST_FLAGS) ./...

demo: tools provider ## run examples/yaml/demo against a local moto
	$(TEST_ENV) scripts/demo.sh

bench: tools provider ## the performance table: every measurement against its baseline, in one run
	$(TEST_ENV) go test -v ./bench -run '^TestTable$$' -count=1 -timeout 20m -args -table

bench-go: tools provider ## Go's benchmark harness over all packages (BENCH=regexp), for benchstat and pprof
	$(TEST_ENV) go test -run '^$$' -bench '$(BENCH)' $(BENCH_FLAGS) ./...

fuzz: ## run every Fuzz target for FUZZTIME (default 30s) each
	$(TEST_ENV) FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

# ---------------------------------------------------------------- lint

GO_FILES = $(shell find . -name '*.go' -not -path './.tools/*' -not -path '*/node_modules/*' -not -path './.git/*')

vet: ## go vet and gofmt (part of make test)
	$(TIMED) vet go vet ./...
	@out="$$(gofmt -l $(GO_FILES))"; \
	if [ -n "$$out" ]; then echo "gofmt -l reports unformatted files:"; echo "$$out"; exit 1; fi

lint: vet $(GOLANGCI_LINT) ## go vet, gofmt and golangci-lint
	$(GOLANGCI_LINT) run ./...

golangci-lint: $(GOLANGCI_LINT) ## install golangci-lint into .tools/

$(GOLANGCI_LINT):
	@mkdir -p $(@D)
	GOBIN=$(@D) go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

# ---------------------------------------------------------------- release
#
# make dist writes dist/ (see scripts/dist.sh): the provider's release
# archives and checksums.txt, built by goreleaser in snapshot mode, and the
# SDK packages. make test builds the same with dist-host, whose only archive
# is this machine's (from the same .goreleaser.yml, narrowed to it), and
# tests/release checks it and installs from it as a user would. make
# release-check is what .github/workflows/release.yml runs before it uploads
# anything: make test, then the six archives (built twice, the same bytes)
# with tests/release run again against them, and actionlint.


.PHONY: dist dist-host version-check actionlint dist-reproducible release-check

# The SDKs are committed with the version of the VERSION file, so a release
# (or a dist) of any other version would publish SDKs that disagree with it.
version-check: ## VERSION (the git tag's in CI) equals the VERSION file
	@[ "$(VERSION)" = "$$(cat VERSION)" ] || { echo "VERSION=$(VERSION) but the VERSION file says $$(cat VERSION):" \
		"write the new version into VERSION, run make sdks, commit, then tag v$(VERSION)"; exit 1; }

dist: version-check $(GORELEASER) sdk-deps ## dist/: provider archives, checksums.txt and the SDK packages
	$(TIMED) dist scripts/dist.sh $(GORELEASER) $(VERSION) all

dist-host: version-check $(GORELEASER) sdk-deps ## dist/ with this machine's archive only (what make test uses)
	$(TIMED) dist-host scripts/dist.sh $(GORELEASER) $(VERSION) host

# The Go install test of tests/release runs with no network: the modules of
# its program's graph, but ours, are fetched here first.
release-go-deps: dist-host
	$(TIMED) release-go-deps scripts/release-go-deps.sh

# Two builds of the same commit give the same archives.
dist-reproducible: dist ## build dist twice and compare the archives' checksums
	cp dist/checksums.txt $(TOOLS)/checksums.first.txt
	$(TIMED) dist-again scripts/dist.sh $(GORELEASER) $(VERSION) all
	diff -u $(TOOLS)/checksums.first.txt dist/checksums.txt && echo "dist: the second build gave the same bytes"

# The workflows pass actionlint, and the release workflow's test that
# actionlint catches a fault in it (tests/release/actionlint_test.go, built
# with -tags actionlint: make test builds neither the tool nor the test).
actionlint: $(ACTIONLINT) ## check .github/workflows with actionlint
	$(ACTIONLINT) -no-color
	go test -count=1 -tags actionlint -run '^TestReleaseWorkflowPassesActionlint$$' ./tests/release

# In order (each step rewrites dist/): make test with dist-host, then the six
# archives twice, and tests/release again against all of them
# (RELEASE_DIST=all: every archive checked, the host's installed).
release-check: ## everything the release workflow runs, except the uploads
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory dist-reproducible
	$(TEST_ENV) RELEASE_DIST=all $(TIMED) release-tests go test $(GO_TEST_FLAGS) ./tests/release
	@$(MAKE) --no-print-directory actionlint

$(GORELEASER): tools/goreleaser/go.mod tools/goreleaser/go.sum
	@echo "building goreleaser $(GORELEASER_VERSION) (first build takes several minutes)"
	@mkdir -p $(@D)
	$(TIMED) goreleaser go -C tools/goreleaser build -o $@.tmp github.com/goreleaser/goreleaser/v2
	mv -f $@.tmp $@

$(ACTIONLINT): tools/actionlint/go.mod tools/actionlint/go.sum
	@mkdir -p $(@D)
	$(TIMED) actionlint go -C tools/actionlint build -o $@.tmp github.com/rhysd/actionlint/cmd/actionlint
	mv -f $@.tmp $@

# ---------------------------------------------------------------- clean

clean: ## remove bin/ and build outputs (keeps .tools/)
	rm -rf bin/ dist/ sdk/java/target examples/java/who-am-i/target tests/java/runner/target tests/java/target
	find . \( -path ./.tools -o -path ./.git -o -name node_modules \) -prune -o \( -name '*.test' -o -name '*.out' -o -name '*.prof' \) -type f -print -exec rm -f {} +

distclean: clean ## clean, and remove every installed tool (.tools/) and node_modules
	rm -rf .tools/ tests/nodejs/node_modules examples/nodejs/*/node_modules
