#!/usr/bin/env bash
# Expands every Rust snippet with its defaults and runs `cargo check` on it, in two crates: the pmcp ones
# (snippets/rust.json) into test/snippets/rust-check/src/generated/ against the real pmcp and handlebars crates, the
# rmcp ones (snippets/rust-rmcp.json) into test/snippets/rmcp-check/src/generated/ against the real rmcp crate.
# `test-snippets-rust.sh pmcp` or `... rmcp` checks one of them. Warnings fail the check (`#![deny(warnings)]` in
# each check crate, not RUSTFLAGS, so the shared build cache is not invalidated): a snippet that makes a user's build
# noisy is wrong. The build cache lives outside the repo so a second run takes seconds and `git status` stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcp-workflow-kit/cargo-target}"
which=${1:-all}
if [[ $which == all || $which == pmcp ]]; then
  node --import tsx test/snippets/write-rust-check.ts
  cargo check --quiet --locked --manifest-path test/snippets/rust-check/Cargo.toml
  echo "test-snippets-rust: cargo check passed for every pmcp snippet"
fi
if [[ $which == all || $which == rmcp ]]; then
  node --import tsx test/snippets/write-rmcp-check.ts
  cargo check --quiet --locked --manifest-path test/snippets/rmcp-check/Cargo.toml
  echo "test-snippets-rust: cargo check passed for every rmcp snippet"
fi
