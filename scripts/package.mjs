// npm run package:        builds the production .vsix once (relay-chat.vsix) and checks it for both the
//                         Visual Studio Marketplace and Open VSX; exits 1, naming what to fix, if either
//                         would refuse it or show it wrong.
// npm run package:check:  checks an existing .vsix without building (node scripts/package.mjs --check FILE).
// Options: --out FILE (where to build), --check FILE.
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildVsix } from './vsix/build.mjs';
import { checkVsix } from './vsix/check.mjs';
import { formatProblems } from './vsix/problems.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds (unless `check` names an existing file) and checks. Throws with every problem listed when the
 * package is not fit for both registries; returns its path and a one-line summary otherwise.
 */
export async function packageAndCheck({ out = path.join(REPO, 'relay-chat.vsix'), check } = {}) {
  const file = path.resolve(check ?? out);
  if (check && !fs.existsSync(file)) throw new Error(`${check} does not exist: build it first with npm run package`);
  if (!check) buildVsix(REPO, file);
  const { pkg, problems } = await checkVsix(file, REPO);
  if (problems.length) {
    throw new Error(`${path.basename(file)} is not ready for the Marketplace and Open VSX (${problems.length} problem${problems.length > 1 ? 's' : ''}):\n${formatProblems(problems)}`);
  }
  const id = `${pkg.manifest.publisher}.${pkg.manifest.name} ${pkg.manifest.version}`;
  return { file, summary: `${path.basename(file)}: ${id}, ${pkg.entries.length} files, ${(pkg.size / 1024).toFixed(0)} KiB; fit for the Marketplace and Open VSX` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, check: { type: 'string' } } });
  try {
    const { summary } = await packageAndCheck(values);
    console.log(`✓ ${summary}`);
  } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
  }
}
