// What the .vsix holds: the allowlist (.vscodeignore ships only bundles, media, manifest and docs), nothing
// from development, every file the manifest names, and a size budget.
import path from 'node:path';
import { problem, BOTH, OPEN_VSX } from './problems.mjs';

/**
 * About 1.9 MiB today, 1.4 MiB of it OpenAI's two token encodings (dist/tokens-*.js, loaded only when a
 * `vscode.lm` caller counts tokens: agents need true counts). Far below the registries' own limits, but
 * a stray screenshot folder or node_modules shows.
 */
export const MAX_VSIX_BYTES = 2.5 * 1024 * 1024;
const ROOT_ENTRIES = ['extension.vsixmanifest', '[Content_Types].xml'];
const FORBIDDEN = [
  [/^(src|test|bench|scripts|out|node_modules|\.tools|\.vscode-test|test-results|\.git|\.ci)\//, 'development files'],
  [/\.map$/, 'a source map'],
  [/\.[cm]?ts$/, 'TypeScript source'],
  [/\.vsix$/, 'a package inside the package'],
  [/(^|\/)\.env/, 'an environment file, which may hold keys'],
  [/\.log$/, 'a log'],
];
/** Paths inside extension/ that may ship. A new one goes here and into .vscodeignore together. */
export const ALLOWED = [
  /^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^readme\.md$/, /^changelog\.md$/, /^LICENSE(\.txt|\.md)?$/,
  /^dist\/(extension|transports|tokens-o200k|tokens-cl100k|webview)\.js$/, /^dist\/webview\.css$/, /^dist\/codicons\/codicon\.(css|ttf)$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^media\/icon\.png$/, /^media\/relay-chat\.svg$/, /^media\/walkthrough\/[\w-]+\.md$/,
];

/** Loaded by path at run time (the manifest names only main), and the translations we ship. */
export const REQUIRED = ['dist/transports.js', 'dist/tokens-o200k.js', 'dist/tokens-cl100k.js', 'dist/webview.js', 'dist/webview.css', 'dist/codicons/codicon.css', 'dist/codicons/codicon.ttf',
  'package.nls.ja.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.ja.json', 'l10n/bundle.l10n.zh-cn.json'];

const isPath = (v) => typeof v === 'string' && !/^\$\(/.test(v); // "$(sparkle)" names a codicon, not a file
const iconPaths = (icon) => (typeof icon === 'object' && icon ? [icon.light, icon.dark] : [icon]).filter(isPath);

/** Every file the manifest points at, with the field that names it. */
export function manifestPaths(m) {
  const found = [];
  const add = (p, where) => found.push({ file: path.posix.normalize(p.replace(/^\.\//, '')), where });
  if (isPath(m.main)) add(/\.js$/.test(m.main) ? m.main : `${m.main}.js`, 'main');
  if (isPath(m.browser)) add(m.browser, 'browser');
  const c = m.contributes ?? {};
  for (const command of c.commands ?? []) for (const p of iconPaths(command.icon)) add(p, `command ${command.command} icon`);
  for (const [group, list] of [...Object.entries(c.viewsContainers ?? {}), ...Object.entries(c.views ?? {})]) {
    for (const item of list) for (const p of iconPaths(item.icon)) add(p, `${group} ${item.id} icon`);
  }
  for (const walkthrough of c.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      const media = step.media ?? {};
      for (const p of [media.markdown, media.svg, ...iconPaths(media.image)].filter(isPath)) add(p, `walkthrough step ${step.id} media`);
    }
  }
  return found;
}

function contents(entries, out) {
  const seen = new Map();
  for (const entry of entries) {
    const lower = entry.toLowerCase();
    if (seen.has(lower)) out.push(problem(OPEN_VSX, entry, `differs only in case from ${seen.get(lower)}; the VSIX format and Open VSX refuse that`));
    seen.set(lower, entry);
    if (ROOT_ENTRIES.includes(entry)) continue;
    if (!entry.startsWith('extension/')) { out.push(problem(BOTH, entry, 'lies outside extension/: package with vsce')); continue; }
    const file = entry.slice('extension/'.length);
    const forbidden = FORBIDDEN.find(([re]) => re.test(file));
    if (forbidden) out.push(problem(BOTH, file, `ships ${forbidden[1]}: keep it out (.vscodeignore)`));
    else if (!ALLOWED.some((re) => re.test(file))) out.push(problem(BOTH, file, 'is not in the allowlist: if it must ship, add it to .vscodeignore and to ALLOWED in scripts/vsix/file-rules.mjs'));
  }
}

/** English falls back to the code's own strings; every translated manifest needs its translated runtime bundle. */
function translations(files, out) {
  for (const file of files.keys()) {
    const locale = /^package\.nls\.([a-z-]+)\.json$/.exec(file)?.[1];
    if (locale && !files.has(`l10n/bundle.l10n.${locale}.json`)) {
      out.push(problem(BOTH, `l10n/bundle.l10n.${locale}.json`, `missing while package.nls.${locale}.json ships: ${locale} users would see English messages`));
    }
  }
}

/** @param {{ manifest: any, entries: string[], files: Map<string, Buffer>, size: number }} pkg */
export function fileRules({ manifest, entries, files, size }) {
  const out = [];
  contents(entries, out);
  for (const { file, where } of manifestPaths(manifest)) {
    if (!files.has(file)) out.push(problem(BOTH, file, `named by package.json (${where}) but not in the package: build it, or add it to .vscodeignore's allowlist`));
  }
  for (const file of REQUIRED) if (!files.has(file)) out.push(problem(BOTH, file, 'missing from the package: the extension loads it at run time; build it (node esbuild.js --production) and keep it in .vscodeignore\'s allowlist'));
  translations(files, out);
  if (size > MAX_VSIX_BYTES) {
    const largest = [...files].sort((a, b) => b[1].length - a[1].length).slice(0, 3).map(([f, b]) => `${f} ${(b.length / 1024).toFixed(0)} KiB`);
    out.push(problem(BOTH, 'the .vsix', `${(size / 1024).toFixed(0)} KiB, over the ${MAX_VSIX_BYTES / 1024} KiB budget; largest: ${largest.join(', ')}`));
  }
  return out;
}
