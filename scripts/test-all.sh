#!/usr/bin/env bash
# The one test command (README, `npm test`, .ci/run). On a fresh clone it installs what it needs
# (Debian chromium, Node 24, code-server, playwright-core, npm ci), builds, then runs every suite:
# type check, lint, unit tests (mocha, plain Node), the integration suite inside a real VS Code
# extension host, and the UI tests in a real browser. Ends with one line "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
T0=$SECONDS
LOGS=$ROOT/test-results
mkdir -p "$LOGS"
passed=0; failed=0; broken=()

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
}

phase "setup"
bash scripts/setup-tools.sh || { echo "setup-tools failed"; echo "0 passed, 1 failed"; exit 1; }
. scripts/env.sh
# npm ci when the lock file changed since the last install (always on a clean clone).
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat node_modules/.relay-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
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
[ -f scripts/test-integration.sh ] && run_suite integration bash scripts/test-integration.sh
[ -f scripts/test-e2e.sh ] && run_suite e2e bash scripts/test-e2e.sh

phase "summary"
[ ${#broken[@]} -gt 0 ] && printf 'failed suite: %s\n' "${broken[@]}"
echo "took $(( SECONDS - T0 )) s; logs in test-results/"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#broken[@]} = 0 ]
