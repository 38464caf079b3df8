#!/usr/bin/env bash
# UI tests: each test/e2e/*.e2e.mjs drives code-server in headless Chromium and exits 0 on success.
# Builds nothing: run `node esbuild.js` first (and once: bash scripts/setup-tools.sh).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
cd "$ROOT"
passed=0; failed=0
# agent-mode drives VS Code's own chat, which only hosts with GitHub Copilot Chat built in have
# (hosts.json builtinChat: 1.139.1; 1.96.4 has no chat view of its own nor vscode.lm providers).
builtin_chat=$(node --input-type=module -e "import { HOST } from './scripts/host/code-server.mjs'; console.log(HOST.builtinChat)")
for test in test/e2e/*.e2e.mjs; do
  [ "$test" = test/e2e/agent-mode.e2e.mjs ] && [ "$builtin_chat" != true ] && continue
  echo "-- $test"
  if node "$test"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
