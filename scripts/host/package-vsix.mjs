// Builds the package a user installs (and checks it for both registries, as `npm run package` does) and unpacks it, so the suites can run what ships rather than the repo:
//   <out>/relay-chat.vsix   the production .vsix (test/e2e/vsix.e2e.mjs installs it: RELAY_VSIX)
//   <out>/extension/        its extension folder (the runners load it as the extension under development:
//                           RELAY_EXTENSION_DIR; a host running a tests module still uses ExtensionMode.Test)
// <out> must lie outside the repo: Node would resolve a module the package lacks from the repo's node_modules.
// Leaves dist/ as `node esbuild.js` builds it (development, with source maps).
// usage: node scripts/host/package-vsix.mjs <out>      (after sourcing scripts/env.sh: vsce needs Node >= 22)
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO } from './code-server.mjs';
import { packageAndCheck } from '../package.mjs';

/**
 * Packs the production build into `<out>/relay-chat.vsix`, checks it for the Marketplace and Open VSX (throws,
 * naming each problem, otherwise) and unzips its extension/ folder next to it.
 */
export async function packageVsix(out) {
  out = path.resolve(out);
  if (!path.relative(REPO, out).startsWith('..')) throw new Error(`${out} is inside the repo: unpack the package elsewhere`);
  const vsix = path.join(out, 'relay-chat.vsix');
  const extensionDir = path.join(out, 'extension');
  fs.rmSync(extensionDir, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const run = (cmd, args) => {
    try {
      execFileSync(cmd, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (e) {
      throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
    }
  };
  let summary;
  try {
    ({ summary } = await packageAndCheck({ out: vsix }));
  } finally {
    run(process.execPath, ['esbuild.js']);
  }
  run('unzip', ['-q', vsix, 'extension/*', '-d', out]);
  return { vsix, extensionDir, summary };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!process.argv[2]) throw new Error('usage: node scripts/host/package-vsix.mjs <out>');
  const { extensionDir, summary } = await packageVsix(process.argv[2]);
  console.log(`✓ ${summary}; unpacked in ${extensionDir}`);
}
