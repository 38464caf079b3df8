// code-server's lib/vscode installs its dependencies from npm-shrinkwrap.json files, and some releases
// (4.96.4: @vscode/proxy-agent) pin a package to a GitHub commit, which this network cannot reach. When
// the npm registry holds the same version with the same integrity hash (the same bytes), point the entry
// at the registry's tarball; npm still checks the hash. Anything else stops with a clear error.
// usage (scripts/setup-tools.sh, between `npm i --ignore-scripts` and `npm rebuild`):
//   node scripts/host/shrinkwrap-from-registry.mjs <shrinkwrap.json>...
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const fromGit = (resolved) => /^git\+|^github:|codeload\.github\.com/.test(resolved ?? '');

for (const file of process.argv.slice(2)) {
  const wrap = JSON.parse(fs.readFileSync(file, 'utf8'));
  let changed = 0;
  for (const [where, entry] of Object.entries(wrap.packages ?? {})) {
    if (!fromGit(entry.resolved)) continue;
    const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const dist = JSON.parse(execFileSync('npm', ['view', `${name}@${entry.version}`, 'dist', '--json'], { encoding: 'utf8' }) || 'null');
    if (!dist || dist.integrity !== entry.integrity) {
      throw new Error(`${file}: ${name}@${entry.version} comes from ${entry.resolved}, and the registry has ` +
        (dist ? `other bytes (${dist.integrity}, shrinkwrap wants ${entry.integrity})` : 'no such version'));
    }
    console.log(`${name}@${entry.version}: ${entry.resolved} -> ${dist.tarball} (same integrity)`);
    entry.resolved = dist.tarball;
    changed++;
  }
  if (changed) fs.writeFileSync(file, JSON.stringify(wrap, null, 2) + '\n');
}
