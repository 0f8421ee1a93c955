#!/usr/bin/env bash
# Expands every Rust snippet (snippets/rust.json) with its defaults into test/snippets/rust-check/src/generated/ and
# runs `cargo check` there against the real pmcp and handlebars crates. Warnings fail the check (`#![deny(warnings)]`
# in the check crate, not RUSTFLAGS, so the shared build cache is not invalidated): a snippet that
# makes a user's build noisy is wrong. The build cache lives outside the repo so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mcp-workflow-kit/cargo-target}"
node --import tsx test/snippets/write-rust-check.ts
cargo check --quiet --locked --manifest-path test/snippets/rust-check/Cargo.toml
echo "test-snippets-rust: cargo check passed for every Rust snippet"
