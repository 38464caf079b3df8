// Builds the package a user installs: the production bundles (minified, no source maps), then vsce
// packages them (.vscodeignore's allowlist, no node_modules: esbuild bundled the dependencies).
/* global process -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);

function run(args, cwd) {
  try {
    return execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${path.basename(args[0])} ${args.slice(1).join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: e });
  }
}

/** Packages the extension in `root` as it is (bundles already built) into the .vsix `out`. */
export function packVsix(root, out) {
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  run([vsce, 'package', '--no-dependencies', '--out', out], root);
}

/** Builds the production bundles of the extension in `root`, then packages them into `out`. */
export function buildVsix(root, out) {
  run(['esbuild.js', '--production'], root);
  packVsix(root, out);
}
