#!/usr/bin/env bash
# UI tests: each test/e2e/*.e2e.mjs drives code-server in headless Chromium and exits 0 on success.
# Builds nothing: run `node esbuild.js` first (and once: bash scripts/setup-tools.sh).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
cd "$ROOT"
passed=0; failed=0
for test in test/e2e/*.e2e.mjs; do
  echo "-- $test"
  if node "$test"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
