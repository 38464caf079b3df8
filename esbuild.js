// Two bundles: the extension (Node, CommonJS, `vscode` left external) and the webview (browser, IIFE).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
};

// VS Code's extension host patches the http, https, net and tls modules in place (node: names
// included) and, with http.proxy set, swaps the agent of every request for its own. That agent
// forwards a plain ws:// upgrade as a proxied GET, which proxies cannot upgrade, and it would mix
// with our own tunnels. Relay Chat honours http.proxy / http.noProxy itself (CONNECT tunnels for SSE
// and WebSocket alike), so its bundle gets the functions the host saved before patching
// (`__vscodeOriginal`), or the module as it is where there is no such copy (plain Node, tests).
const unpatchedBuiltins = {
  name: 'unpatched-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(http|https|net|tls)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return args.namespace === 'unpatched' ? { path: `node:${name}`, external: true } : { path: name, namespace: 'unpatched' };
    });
    build.onLoad({ filter: /.*/, namespace: 'unpatched' }, (args) => ({
      contents: `const m = require('node:${args.path}');\nmodule.exports = m.__vscodeOriginal ? Object.assign({}, m, m.__vscodeOriginal) : m;\n`,
      loader: 'js',
    }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [unpatchedBuiltins],
    // ws tries these optional native add-ons; without them it uses its JS fallbacks.
    define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** The codicon font and its CSS, for the webview (served from dist/ through asWebviewUri). */
function copyCodicons() {
  const fs = require('node:fs');
  const path = require('node:path');
  const from = path.join(__dirname, 'node_modules/@vscode/codicons/dist');
  const to = path.join(__dirname, 'dist/codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

async function main() {
  copyCodicons();
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
