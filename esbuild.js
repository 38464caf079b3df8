// Five bundles: the extension (Node, CommonJS, `vscode` left external), the transports' libraries and
// the two token encodings it loads on first use (Node, CommonJS) and the webview (browser, IIFE).
// Prints their sizes.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

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

// undici, ws and the rest of the transports' libraries are most of the extension's code. VS Code
// activates us at startup, so they go into a bundle of their own, dist/transports.js, which
// src/core/transport/lazy.ts requires when the first request needs it (not at activation).
const transportLibraries = {
  name: 'transport-libraries',
  setup(build) {
    build.onResolve({ filter: /^\.\/libraries$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'core', 'transport', 'lazy.ts')) ? { path: './transports.js', external: true } : undefined);
  },
};

// The OpenAI encodings' ranks (gpt-tokenizer: o200k about 2 MB, cl100k about 1 MB) are bundled apart
// too, one file each, which src/core/tokens/encoding.ts requires on the first count of that encoding.
const tokenEncodings = {
  name: 'token-encodings',
  setup(build) {
    build.onResolve({ filter: /^\.\/encodings\/(o200k|cl100k)$/ }, (args) =>
      args.importer.endsWith(path.join('src', 'core', 'tokens', 'encoding.ts'))
        ? { path: `./tokens-${args.path.slice('./encodings/'.length)}.js`, external: true } : undefined);
  },
};

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [unpatchedBuiltins],
  // ws tries these optional native add-ons; without them it uses its JS fallbacks.
  define: { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' },
};

const builds = [
  {
    ...node,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [...node.plugins, transportLibraries, tokenEncodings],
    // The bundle's first and last statements time its loading, which activation time includes
    // (src/vscode/activation-time.ts).
    banner: { js: 'const __relayChatLoadStart = performance.now(); let __relayChatLoadEnd;' },
    footer: { js: '__relayChatLoadEnd = performance.now();' },
  },
  {
    ...node,
    entryPoints: ['src/core/transport/libraries.ts'],
    outfile: 'dist/transports.js',
  },
  ...['o200k', 'cl100k'].map((name) => ({
    ...node,
    entryPoints: [`src/core/tokens/encodings/${name}.ts`],
    outfile: `dist/tokens-${name}.js`,
    // The ranks are strings in every script: written as UTF-8 rather than \u escapes they are 25% smaller.
    charset: 'utf8',
  })),
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
  printSizes();
}

/** What each shipped bundle weighs: loaded at activation, on the first request, in the panel. */
function printSizes() {
  const rows = [
    ['dist/extension.js', 'loaded at activation'],
    ['dist/transports.js', 'loaded by the first request'],
    ['dist/tokens-o200k.js', 'loaded by the first o200k count'],
    ['dist/tokens-cl100k.js', 'loaded by the first cl100k count'],
    ['dist/webview.js', 'loaded by the chat panel'],
    ['dist/webview.css', 'loaded by the chat panel'],
  ];
  console.log(`\nBundle sizes (${production ? 'production, minified' : 'development'}):`);
  for (const [file, when] of rows) {
    const kib = (fs.statSync(path.join(__dirname, file)).size / 1024).toFixed(1);
    console.log(`  ${file.padEnd(20)} ${kib.padStart(8)} KiB  ${when}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
