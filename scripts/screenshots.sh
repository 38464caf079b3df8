#!/usr/bin/env bash
# `npm run screenshots`: the README's screenshots (docs/images/*.png), taken by the UI tests as a user
# sees Relay Chat: the chat panel's welcome and a demo answer (chat), an inline suggestion
# (completions), the Test Connection report (shell), the Usage view (usage-view). Builds, runs those UI tests with
# RELAY_SCREENSHOTS=docs/images (a 1280x800 window), then shrinks the PNGs with pngquant and optipng
# where they are installed (Debian: apt-get install pngquant optipng). Look at every image before
# committing it. RELAY_SCREENSHOTS=other/folder puts them elsewhere.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/env.sh
OUT=${RELAY_SCREENSHOTS:-docs/images}
node esbuild.js
npx tsc -p tsconfig.test.json
for test in chat completions shell usage-view; do RELAY_SCREENSHOTS=$OUT node "test/e2e/$test.e2e.mjs"; done
shots=("$OUT"/*.png)
# 256 colours are plenty for a UI; pngquant exits non-zero when it keeps a file as it was.
if command -v pngquant >/dev/null; then pngquant --force --skip-if-larger --quality 80-100 --strip --ext .png "${shots[@]}" || true; fi
if command -v optipng >/dev/null; then optipng -quiet -o2 -strip all "${shots[@]}"; fi
ls -l "${shots[@]}"
