#!/usr/bin/env bash
# The Go suite (npm run test:go): builds the Go fixtures against the Go module proxy (mark3labs/mcp-go v1.2.1 and the
# official go-sdk v1.8.0, as test/fixtures/go/go.mod and go.sum pin them), vets them, builds the Go snippets
# expanded, then runs the node tests in test/go/ against the go-sdk customer-analysis server as a real stdio process.
# Module and build caches, and the binaries, live under ~/.cache/mcp-workflow-kit/, so `git status` stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${MCPWK_GO_CACHE:-$HOME/.cache/mcp-workflow-kit}"
export GOMODCACHE="${GOMODCACHE:-$cache/go-mod}"
export GOCACHE="${GOCACHE:-$cache/go-build}"
export GOFLAGS=-mod=mod
export GOTOOLCHAIN=local
bin="$cache/go-bin"

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "== test-go: $name"
  "$@"
  echo "== test-go: $name done in $((SECONDS - start)) s"
}

if ! command -v go >/dev/null 2>&1; then
  echo "test-go: go is not on PATH; install Go 1.25 or later to run this suite" >&2
  exit 1
fi

build_fixtures() {
  mkdir -p "$bin"
  (cd test/fixtures/go && go build -o "$bin/gosdk-customer-server" ./gosdk && go build -o "$bin/mcpgo-notes-server" ./mcpgo && go build -o "$bin/gosdk-package-server" ./gosdk-package && go build -o "$bin/resources-mcpgo-server" ./resources/mcpgo && go build -o "$bin/resources-gosdk-server" ./resources/gosdk && go build ./defects/... && go build ./instructions/... && go vet ./...)
}

echo "== test-go: $(go version), caches under $cache"
phase "go build and go vet of test/fixtures/go" build_fixtures
phase "node dependencies" node scripts/ensure-deps.js
phase "build (the CLI the tests run)" npm run --silent build
export MCPWK_GO_SERVER="$bin/gosdk-customer-server"
export MCPWK_GO_MCPGO_SERVER="$bin/mcpgo-notes-server"
export MCPWK_GO_PACKAGE_SERVER="$bin/gosdk-package-server"
export MCPWK_GO_RESOURCES_MCPGO="$bin/resources-mcpgo-server"
export MCPWK_GO_RESOURCES_GOSDK="$bin/resources-gosdk-server"
phase "node tests against the Go servers" node scripts/run-tests.mjs test/go
git status --porcelain -- test/fixtures/go | grep . && { echo "test-go: the build changed test/fixtures/go" >&2; exit 1; } || true
