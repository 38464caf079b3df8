#!/usr/bin/env bash
# The one test command (README, docs/development.md, `npm test`, .ci/run). On a fresh clone it installs what it needs
# (Debian chromium, Node 24, code-server, playwright-core, npm ci), builds, then runs every suite:
# type check, lint, unit tests (mocha, plain Node), then packages the production .vsix and runs the
# integration suite inside a real VS Code extension host and the UI tests in a real browser on each host
# of scripts/host/hosts.json (VS Code 1.96.4, the oldest engines.vscode allows, and the current 1.139.1),
# against the packaged extension. Counts are labelled per host (integration@1.96.4 ...); RELAY_HOSTS="current"
# narrows the hosts. Last, the README's first command itself (test/e2e/first-command.mjs: scripts/start.sh in a
# plain shell's environment, one streamed answer in a real browser, Ctrl+C). Ends with one line "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
LOGS=$ROOT/test-results
mkdir -p "$LOGS"
passed=0; failed=0; broken=(); counts=()

phase() { echo; echo "== $* ($(( SECONDS - T0 )) s)"; }
# Adds the counts a suite printed: mocha's "N passing / N failing", or our runners' "N passed, N failed".
run_suite() {
  local name=$1; shift
  phase "$name"
  local log=$LOGS/$name.log p f
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  p=$(grep -aoE '^\s*[0-9]+ (passing|passed)' "$log" | grep -oE '[0-9]+' | tail -1)
  f=$(grep -aoE '^\s*[0-9]+ failing|[0-9]+ failed' "$log" | grep -oE '[0-9]+' | tail -1)
  p=${p:-0}; f=${f:-0}
  # A suite that exits non-zero without reporting a failure (crash, timeout) counts as one.
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  [ "$rc" != 0 ] && broken+=("$name (exit $rc)")
  passed=$(( passed + p )); failed=$(( failed + f ))
  counts+=("$(printf '  %-20s %3s passed / %s failed' "$name" "$p" "$f")")
}

phase "setup"
bash scripts/setup-tools.sh || { echo "setup-tools failed"; echo "0 passed, 1 failed"; exit 1; }
. scripts/env.sh
# npm ci when the lock file changed since the last install (always on a clean clone). Never over a
# node_modules that is a symlink (a checkout sharing another's install): npm ci would empty its target.
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ -L node_modules ]; then
  echo "node_modules links to $(readlink node_modules): using that install as it is (no npm ci)"
elif [ "$(cat node_modules/.relay-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
  echo "$lock_hash" > node_modules/.relay-lock-hash
fi

phase "build, type check, lint"
if ! { node esbuild.js && npx tsc --noEmit -p . && npx eslint src test bench && npx tsc -p tsconfig.test.json; }; then
  broken+=("build/typecheck/lint"); failed=$(( failed + 1 ))
  echo "0 passed, $failed failed"
  exit 1
fi

run_suite unit npx mocha

# What ships, built once: the suites load its extension folder as the extension under development (so
# the integration tests still run in ExtensionMode.Test) and vsix.e2e installs the .vsix itself.
# Unpacked outside the repo, where no node_modules can stand in for something the package lacks.
phase "package"
PKG=$(mktemp -d "${TMPDIR:-/tmp}/relay-package-XXXXXX")
trap 'rm -rf "$PKG"' EXIT
if node scripts/host/package-vsix.mjs "$PKG"; then
  for host in ${RELAY_HOSTS:-$(node -p "Object.keys(require('./scripts/host/hosts.json')).reverse().join(' ')")}; do
    label=$(RELAY_HOST=$host node -p "require('./scripts/host/hosts.json')[process.env.RELAY_HOST]?.vscode ?? process.env.RELAY_HOST")
    export RELAY_HOST=$host RELAY_EXTENSION_DIR=$PKG/extension RELAY_VSIX=$PKG/relay-chat.vsix
    run_suite "integration@$label" bash scripts/test-integration.sh
    run_suite "e2e@$label" bash scripts/test-e2e.sh
  done
  unset RELAY_HOST RELAY_EXTENSION_DIR RELAY_VSIX
else
  broken+=("package"); failed=$(( failed + 1 ))
fi

# The README's first command, as a newcomer runs it: a broken start.sh must fail CI.
run_suite first-command node test/e2e/first-command.mjs

phase "summary"
printf '%s\n' "${counts[@]}"
[ ${#broken[@]} -gt 0 ] && printf 'failed suite: %s\n' "${broken[@]}"
echo "took $(( SECONDS - T0 )) s; logs in test-results/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#broken[@]} = 0 ]
