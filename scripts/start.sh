#!/usr/bin/env bash
# Try Relay Chat in a real VS Code with nothing else: installs the tools (first run: see docs/development.md), builds
# and packages relay-chat.vsix, starts the built-in fake relay, installs the .vsix into code-server and
# serves it on http://127.0.0.1:${PORT:-8080}/ — open that in a browser. Ctrl+C stops everything.
#
# The demo profile (settings, secrets) lives in .tools/demo and survives restarts. If you set a base
# URL (Relay Chat settings) and a key ("Relay Chat: Set API Key") there, it talks to your relay; until
# then it points at the fake relay. RELAY_CHAT_BASE_URL=… on the command line also overrides it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${PORT:-8080}
FAKE_PORT=${FAKE_RELAY_PORT:-8181}
BASE_URL=${RELAY_CHAT_BASE_URL:-}
# A port already taken would make code-server (or the fake relay) fail after minutes of set-up: say so now.
port_taken() { node -e 'const s = require("net").createServer().once("error", () => process.exit(0)); s.listen(+process.argv[1], "127.0.0.1", () => s.close(() => process.exit(1)))' "$1"; }
PORTS=$PORT; [ -n "$BASE_URL" ] || PORTS="$PORT $FAKE_PORT"
for p in $PORTS; do
  if port_taken "$p"; then
    echo "start.sh: port $p on 127.0.0.1 is in use (another start.sh still running?). Stop that, or choose other ports: PORT=8090 FAKE_RELAY_PORT=8191 bash scripts/start.sh" >&2
    exit 1
  fi
done
# Only the VS Code host the demo serves (the test command installs the older one too).
bash scripts/setup-tools.sh current
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
# Ctrl+C or a TERM stops the script itself (a trapped signal alone would let the set-up go on);
# the EXIT trap then stops what it started.
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "$BASE_URL" ]; then
  PORT=$FAKE_PORT setsid node out/test/fakes/cli.js > "$DEMO/fake-relay.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do grep -q listening "$DEMO/fake-relay.log" && break; sleep 0.1; done
  cat "$DEMO/fake-relay.log"
  grep -q listening "$DEMO/fake-relay.log" || { echo "start.sh: the fake relay did not start (log above: $DEMO/fake-relay.log)" >&2; exit 1; }
  BASE_URL=http://127.0.0.1:$FAKE_PORT/v1
fi

# Point the demo profile at the relay unless the user already chose one there.
SETTINGS=$DEMO/user-data/User/settings.json
node -e '
  const fs = require("fs"); const [file, url, forced] = process.argv.slice(1);
  let s = {}; try { s = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
  Object.assign(s, { "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "security.workspace.trust.enabled": false,
    "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false,
    // VS Code'"'"'s own chat with the relay'"'"'s models, agent mode included, without a GitHub sign-in (1.139).
    "chat.disableAIFeatures": false, "chat.allowAnonymousAccess": true,
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

# The current host of scripts/host/hosts.json, run by its Node (env.sh put it first on PATH).
CS=$RELAY_TOOLS/$(node -p "require('./scripts/host/hosts.json').current.codeServerDir")/node_modules/code-server/out/node/entry.js
[ -f "$CS" ] || { echo "start.sh: no code-server at $CS (scripts/setup-tools.sh current should have installed it)" >&2; exit 1; }
export TMPDIR=$DEMO/tmp
node "$CS" --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions" --install-extension "$ROOT/relay-chat.vsix" --force >/dev/null
setsid node "$CS" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$DEMO/user-data" --extensions-dir "$DEMO/extensions" \
  --config "$DEMO/config.yaml" "$DEMO/workspace" > "$DEMO/code-server.log" 2>&1 &
PIDS+=($!)
# Up when /healthz answers; given up after 90 s or as soon as code-server exits.
if ! node -e '
  const [url, pid] = process.argv.slice(1); const end = Date.now() + 90_000;
  const alive = () => { try { process.kill(+pid, 0); return true; } catch { return false; } };
  (async () => { for (;;) {
    if (await fetch(url).then((r) => r.ok, () => false)) process.exit(0);
    if (!alive() || Date.now() > end) process.exit(1);
    await new Promise((r) => setTimeout(r, 200));
  } })();
' "http://127.0.0.1:$PORT/healthz" "${PIDS[-1]}"; then
  tail -20 "$DEMO/code-server.log" >&2
  echo "start.sh: code-server did not come up on port $PORT (log: $DEMO/code-server.log)" >&2
  exit 1
fi
URL="http://127.0.0.1:$PORT/?folder=$DEMO/workspace"
echo
echo "Relay Chat is running in VS Code: $URL"
echo "  relay: $BASE_URL   (logs: $DEMO/*.log)   Ctrl+C to stop"
echo "  chat: the fake relay answers in the language you ask in (English, 日本語, 中文), in Markdown"
echo "  inline completions: in hello.ts type \"export function add(\"; or open todo-store.ts, delete the end of a line and type it again"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then xdg-open "$URL" >/dev/null 2>&1 || true; fi
wait
