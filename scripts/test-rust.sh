#!/usr/bin/env bash
# The Rust suite (npm run test:rust): proves the pmcp and rmcp fixture projects compile against the real pmcp and
# rmcp crates from crates.io, builds each as a stdio MCP server, and runs the node tests in test/rust/ against them.
# Safe to run again: cargo only redoes what changed. The build cache lives outside the repo, so a clean
# clone reuses it and `git status` stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."

fixture=test/fixtures/rust/pmcp
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcp-workflow-kit/cargo-target}"
binary="$CARGO_TARGET_DIR/debug/customer-insights-server"
rmcp_fixture=test/fixtures/rust/rmcp-server
rmcp_binary="$CARGO_TARGET_DIR/debug/customer-insights-rmcp"

if ! command -v cargo >/dev/null 2>&1; then
  echo "test-rust: cargo is not on PATH; install Rust (https://rustup.rs) to run this suite" >&2
  exit 1
fi

# Prints a phase's wall time, so a slow cold build is visible in CI logs.
phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "== test-rust: $name"
  "$@"
  echo "== test-rust: $name done in $((SECONDS - start)) s"
}

echo "== test-rust: $(cargo --version), target dir $CARGO_TARGET_DIR"
# --locked: the committed Cargo.lock is what we claim compiles; a drift must fail here, not pass silently.
phase "cargo check ($fixture)" cargo check --locked --manifest-path "$fixture/Cargo.toml"
phase "cargo build ($fixture)" cargo build --locked --manifest-path "$fixture/Cargo.toml"
phase "cargo build ($rmcp_fixture)" cargo build --locked --manifest-path "$rmcp_fixture/Cargo.toml"

phase "node dependencies" node scripts/ensure-deps.js
export MCPWK_PMCP_SERVER_BIN="$binary"
export MCPWK_RMCP_SERVER_BIN="$rmcp_binary"
phase "node tests against $binary and $rmcp_binary" node scripts/run-tests.mjs test/rust
phase "Rust snippets (cargo check of snippets/rust.json and rust-rmcp.json expanded)" bash scripts/test-snippets-rust.sh
