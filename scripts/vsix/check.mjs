// Checks a built .vsix for both the Visual Studio Marketplace and Open VSX: that each registry's client can
// read it, then every rule (manifest, icon, README/CHANGELOG, files). Returns the problems; none means ready.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { readVsix } from './read.mjs';
import { manifestRules } from './manifest-rules.mjs';
import { iconRules } from './icon-rules.mjs';
import { markdownRules } from './markdown-rules.mjs';
import { fileRules } from './file-rules.mjs';

export const RULES = [manifestRules, iconRules, markdownRules, fileRules];

/** The GitHub repository package.json names, as vsce reads it to make the README's links absolute. */
export function githubRepository(manifest) {
  const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const match = /github\.com[/:]([^/]+)\/([^/#?]+?)(?:\.git)?\/?$/.exec(url ?? '');
  return match ? { owner: match[1], name: match[2] } : undefined;
}

/** Whether a path is a file the repository tracks (the registries load README images from GitHub); on disk without git. */
export function trackedFiles(root) {
  try {
    const files = new Set(execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0'));
    return (file) => files.has(file);
  } catch {
    return (file) => fs.existsSync(path.join(root, file));
  }
}

/** @returns {Promise<{ pkg?: object, problems: object[] }>} */
export async function checkVsix(file, sourceDir) {
  const { pkg, problems } = await readVsix(file, sourceDir);
  if (!pkg) return { problems };
  const ctx = { repository: githubRepository(pkg.manifest), tracked: trackedFiles(sourceDir) };
  return { pkg, problems: [...problems, ...RULES.flatMap((rule) => rule(pkg, ctx))] };
}
