#!/usr/bin/env bash
# Integration tests inside a real VS Code extension host (code-server's Node host, driven by headless
# Chromium); exits with the suite's status (124 on timeout). Builds nothing: run first
#   node esbuild.js && npx tsc -p tsconfig.test.json        (and once: bash scripts/setup-tools.sh)
# Anything exported before this script reaches the tests' process.env (the extension host inherits
# code-server's environment), e.g. RELAY_IT_GREP=pattern, or a fake relay's URL.
# RELAY_HOST=1.96 runs it on VS Code 1.96.4 instead of the current 1.139.1 (the runner checks that
# host's code-server is installed); RELAY_EXTENSION_DIR=<folder> loads that extension folder (e.g. the
# packaged .vsix's contents, scripts/host/package-vsix.mjs) instead of the repo.
# Also: TEST_TIMEOUT_MS (default 300000), VERBOSE=1 (all browser console output), KEEP_RUN=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/env.sh"
cd "$ROOT"

missing=0
for f in dist/extension.js out/test/integration/index.js; do
  [ -f "$f" ] || { echo "missing $f: run 'node esbuild.js && npx tsc -p tsconfig.test.json' first" >&2; missing=1; }
done
[ -x "$NODE24_HOME/bin/node" ] && [ -d "$RELAY_TOOLS/driver/node_modules/playwright-core" ] \
  || { echo "tools missing in $RELAY_TOOLS: run 'bash scripts/setup-tools.sh' first" >&2; missing=1; }
[ "$missing" = 0 ] || exit 2

# The runner starts code-server in its own process group (setsid) and kills the group on exit.
exec node scripts/host/run-host-tests.mjs "$@"
