#!/usr/bin/env bash
# Installs what the real-editor suite (test/editor) needs on a fresh Debian machine that reaches only the npm
# registry and Debian's packages: Chromium, ripgrep and libkrb5-dev from apt, and code-server 4.100.3 (VS Code
# 1.100.3, the last release that runs on Node 20) into a cache outside the repo.
#
# The steps follow ../shared/real-vscode.md: a plain `npm install code-server` fails here because its postinstall
# downloads ripgrep from GitHub and refuses to run as root, so scripts are skipped and the native modules are
# rebuilt one by one. A marker file records a finished install, so a second run only checks and returns.
#
# Usage: bash scripts/setup-editor.sh        (prints the code-server entry point on its last line)
# Env:   MCPWK_EDITOR_CACHE  cache folder (default ~/.cache/mcp-workflow-kit)
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
CACHE="${MCPWK_EDITOR_CACHE:-$HOME/.cache/mcp-workflow-kit}"
TOOLS="$CACHE/code-server"
MARKER="$TOOLS/.installed-$CODE_SERVER_VERSION"
ENTRY="$TOOLS/node_modules/code-server/out/node/entry.js"
VSCODE_DIR="$TOOLS/node_modules/code-server/lib/vscode"
START=$SECONDS

step() { printf '[setup-editor %3ds] %s\n' "$((SECONDS - START))" "$*" >&2; }
fail() { printf '[setup-editor] FAILED: %s\n' "$*" >&2; exit 1; }

# Runs a command quietly, keeping its output in a log that is printed only when it fails, so the failing step
# is named together with the real error instead of being buried in pages of npm output.
run() {
  local what="$1"; shift
  local log; log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    fail "$what (command: $*)"
  fi
  rm -f "$log"
}

install_apt_packages() {
  local missing=()
  for pkg in chromium ripgrep libkrb5-dev; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    step "apt packages already installed (chromium, ripgrep, libkrb5-dev)"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "need root or sudo to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  step "apt-get update"
  run "apt-get update" "${sudo[@]}" apt-get update
  step "apt-get install ${missing[*]} (about a minute)"
  run "apt-get install ${missing[*]}" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
[ "$node_major" = 20 ] || fail "code-server $CODE_SERVER_VERSION needs Node 20, found: $node_major"

# Two runs at once (a developer's and a suite's) would install over each other; the second waits.
mkdir -p "$CACHE"
exec 9>"$CACHE/setup-editor.lock"
flock 9

install_apt_packages
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after apt-get install chromium"

if [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  step "code-server $CODE_SERVER_VERSION already installed in $TOOLS"
  echo "$ENTRY"
  exit 0
fi

step "installing code-server $CODE_SERVER_VERSION into $TOOLS"
rm -rf "$TOOLS"
mkdir -p "$TOOLS"
cd "$TOOLS"
printf '{ "name": "mcpwk-editor-tools", "private": true }\n' > package.json
export npm_config_unsafe_perm=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

step "npm install --ignore-scripts code-server@$CODE_SERVER_VERSION"
run "npm install code-server" npm install --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION"

cd "$VSCODE_DIR"
step "npm install --omit=dev in lib/vscode"
run "npm install in lib/vscode" npm install --omit=dev --ignore-scripts
step "rebuilding native modules of lib/vscode (about 40 s)"
run "npm rebuild of VS Code's native modules" \
  npm rebuild @parcel/watcher @vscode/spdlog kerberos @vscode/deviceid native-watchdog
# node-pty serves only the integrated terminal; its rebuild asks an `npx node-gyp` question that `yes` answers.
run "npm rebuild node-pty" env npm_config_yes=true npm rebuild node-pty
ln -sfn node_modules node_modules.asar
mkdir -p node_modules/@vscode/ripgrep/bin
cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg

step "linking remote-cli and browser helpers, installing built-in extensions' dependencies"
ln -sfn code-linux.sh "$VSCODE_DIR/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSCODE_DIR/bin/helpers/browser.sh"
(cd "$VSCODE_DIR/extensions" && run "npm install in lib/vscode/extensions" npm install --omit=dev --ignore-scripts)

# argon2 is hoisted into the tools folder, not inside node_modules/code-server.
cd "$TOOLS"
step "npm rebuild argon2"
run "npm rebuild argon2" npm rebuild argon2

# code-server writes a default config into $HOME on every start, so the check runs with a throwaway HOME.
step "checking: code-server --version"
check_home="$(mktemp -d)"
version_out="$(HOME="$check_home" node "$ENTRY" --config "$check_home/config.yaml" --version 2>&1)" \
  || { rm -rf "$check_home"; echo "$version_out" >&2; fail "code-server --version"; }
rm -rf "$check_home"
version_line="$(printf '%s\n' "$version_out" | grep -F "$CODE_SERVER_VERSION" | head -n 1)" \
  || { echo "$version_out" >&2; fail "code-server --version did not report $CODE_SERVER_VERSION"; }
step "code-server ok: $version_line"
date -u +%FT%TZ > "$MARKER"
step "done"
echo "$ENTRY"
