#!/usr/bin/env bash
# The Python suite (npm run test:python): installs FastMCP from PyPI into a virtual environment outside the repo,
# proves every Python fixture compiles (py_compile) and that those written for the installed SDK import, then runs
# the node tests in test/python/ against the FastMCP customer-analysis fixture as a real stdio server.
# Safe to run again: the venv is kept (keyed by the FastMCP version) and pip only installs what is missing, so a
# clean clone reuses it and `git status` stays clean. CI keeps ~/.cache/mcp-workflow-kit/ as it does for cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

fastmcp_version=4.2.3
venv="${MCPWK_PYTHON_VENV:-$HOME/.cache/mcp-workflow-kit/python-venv-fastmcp-$fastmcp_version}"
python="${PYTHON:-python3}"
# Byte-code goes beside the venv, not into the fixtures' folders.
export PYTHONPYCACHEPREFIX="${PYTHONPYCACHEPREFIX:-$HOME/.cache/mcp-workflow-kit/python-pycache}"

phase() {
  local name=$1
  shift
  local start=$SECONDS
  echo "== test-python: $name"
  "$@"
  echo "== test-python: $name done in $((SECONDS - start)) s"
}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "test-python: $python is not on PATH; install Python 3.11 or later to run this suite" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "test-python: FastMCP $fastmcp_version needs Python 3.11 or later; $python is $("$python" --version 2>&1)" >&2
  exit 1
fi

make_venv() {
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('fastmcp') != '$fastmcp_version')" 2>/dev/null; then
    "$venv/bin/pip" install --disable-pip-version-check -q "fastmcp==$fastmcp_version"
  fi
}

# Every fixture compiles; those written for the installed SDK (mcp 2.x, which FastMCP 4 brings) also import. The
# mcp 1.x ones (`mcp.server.fastmcp`, `@server.list_tools()`) are compiled only.
check_fixtures() {
  find test/fixtures/python -name '*.py' -print0 | xargs -0 "$venv/bin/python" -m py_compile
  "$venv/bin/python" - <<'PY'
import importlib.util, pathlib
for path in ["fastmcp/customer_server.py", "defects/server.py", "lowlevel/server_v2.py", "shapes/versioned.py", "shapes/story_oauth/server_lowlevel.py", "shapes/story_bearer/server_lowlevel.py", "instructions/library_server.py", "instructions/lowlevel_server.py"]:
    spec = importlib.util.spec_from_file_location(pathlib.Path(path).stem, f"test/fixtures/python/{path}")
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    print(f"imported {path}")
PY
}

echo "== test-python: $("$python" --version), venv $venv"
phase "venv with fastmcp==$fastmcp_version" make_venv
phase "py_compile and import of test/fixtures/python" check_fixtures
phase "node dependencies" node scripts/ensure-deps.js
phase "build (the CLI the tests run)" npm run --silent build
export MCPWK_PYTHON="$venv/bin/python"
phase "node tests against the FastMCP server" node scripts/run-tests.mjs test/python
