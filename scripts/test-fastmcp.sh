#!/usr/bin/env bash
# The fastmcp suite (npm run test:fastmcp): installs the `fastmcp` npm framework, pinned, into a cache folder outside
# the repo (so the extension's own dependencies and lock file stay as they are), then runs the node tests in
# test/fastmcp/ against the fixture server test/fixtures/ts/fastmcp-server/server.ts, started with that folder on
# NODE_PATH. Safe to run again: npm only installs when the pinned version is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.20.16
deps="${MCPWK_FASTMCP_DEPS:-$HOME/.cache/mcp-workflow-kit/node-fastmcp-$version}"

if [ ! -f "$deps/node_modules/fastmcp/package.json" ] || ! grep -q "\"version\": \"$version\"" "$deps/node_modules/fastmcp/package.json"; then
  echo "== test-fastmcp: installing fastmcp@$version into $deps"
  mkdir -p "$deps"
  echo '{ "name": "mcp-workflow-kit-fastmcp-deps", "private": true }' > "$deps/package.json"
  npm install --prefix "$deps" --no-audit --no-fund --save-exact "fastmcp@$version"
fi

node scripts/ensure-deps.js
export MCPWK_FASTMCP_NODE_PATH="$deps/node_modules"
echo "== test-fastmcp: node $(node --version), fastmcp $version from $deps"
node scripts/run-tests.mjs test/fastmcp
