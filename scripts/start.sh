#!/usr/bin/env bash
# Try Relay Chat in a real VS Code with nothing else: installs the tools (first run ~3 min), builds
# and packages relay-chat.vsix, starts the built-in fake relay, installs the .vsix into code-server and
# serves it on http://127.0.0.1:${PORT:-8080}/ — open that in a browser. Ctrl+C stops everything.
#
# The demo profile (settings, secrets) lives in .tools/demo and survives restarts. If you set a base
# URL (Relay Chat settings) and a key ("Relay Chat: Set API Key") there, it talks to your relay; until
# then it points at the fake relay. RELAY_CHAT_BASE_URL=… on the command line also overrides it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash scripts/setup-tools.sh
. scripts/env.sh
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ "$(cat node_modules/.relay-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.relay-lock-hash
fi
npm run package
npx tsc -p tsconfig.test.json

DEMO=$RELAY_TOOLS/demo
mkdir -p "$DEMO/user-data/User" "$DEMO/extensions" "$DEMO/workspace" "$DEMO/tmp"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -- -"$p" 2>/dev/null || kill "$p" 2>/dev/null; done; }
trap cleanup EXIT INT TERM

BASE_URL=${RELAY_CHAT_BASE_URL:-}
if [ -z "$BASE_URL" ]; then
  FAKE_PORT=${FAKE_RELAY_PORT:-8181}
  PORT=$FAKE_PORT setsid node out/test/fakes/cli.js > "$DEMO/fake-relay.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 50); do grep -q listening "$DEMO/fake-relay.log" && break; sleep 0.1; done
  cat "$DEMO/fake-relay.log"
  BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
fi

# Point the demo profile at the relay unless the user already chose one there.
SETTINGS=$DEMO/user-data/User/settings.json
node -e '
  const fs = require("fs"); const [file, url, forced] = process.argv.slice(1);
  let s = {}; try { s = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
  Object.assign(s, { "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "security.workspace.trust.enabled": false,
    "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "chat.disableAIFeatures": true,
    "git.openRepositoryInParentFolders": "never",
    "workbench.secondarySideBar.defaultVisibility": "hidden" }); // newer hosts open an empty one
  if (forced || !s["relayChat.baseUrl"]) s["relayChat.baseUrl"] = url;
  fs.writeFileSync(file, JSON.stringify(s, null, 2));
' "$SETTINGS" "$BASE_URL" "${RELAY_CHAT_BASE_URL:-}"
# Files the fake relay's "model" knows by heart: delete the end of a line, type, and its ghost text comes back.
for f in todo-store.ts rate_limit.py; do [ -f "$DEMO/workspace/$f" ] || cp "test/fakes/corpus/$f" "$DEMO/workspace/$f"; done
[ -f "$DEMO/workspace/hello.ts" ] || printf '%s\n' \
  '// Explain Selection: select some code and press Ctrl+Alt+E (or right-click it).' \
  '// Inline suggestions: on the empty line below, type "export function add(" and wait for the grey text; Tab accepts it.' \
  'export function greet(name: string): string {' '  return `こんにちは, ${name}!`;' '}' '' '' > "$DEMO/workspace/hello.ts"

CS=$CS_DIR/node_modules/code-server/out/node/entry.js
export TMPDIR=$DEMO/tmp
node "$CS" --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions" --install-extension "$ROOT/relay-chat.vsix" --force >/dev/null
PORT=${PORT:-8080}
setsid node "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions" \
  --config "$DEMO/config.yaml" "$DEMO/workspace" > "$DEMO/code-server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/?folder=$DEMO/workspace"
echo
echo "Relay Chat is running in VS Code: $URL"
echo "  relay: $BASE_URL   (logs: $DEMO/*.log)   Ctrl+C to stop"
echo "  chat: the fake relay answers in the language you ask in (English, 日本語, 中文), in Markdown"
echo "  inline completions: in hello.ts type \"export function add(\"; or open todo-store.ts, delete the end of a line and type it again"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then xdg-open "$URL" >/dev/null 2>&1 || true; fi
wait
