// Typed access to the package checker in scripts/vsix (plain Node ES modules, run by `npm run package`
// without a compile step). Node 24 loads ES modules through require().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

export const REPO = path.resolve(__dirname, '../../../..');
const load = createRequire(__filename);
const scripts = <T>(file: string): T => load(path.join(REPO, 'scripts', file)) as T;

export interface Problem { registries: string[]; where: string; message: string }
export type Manifest = Record<string, unknown>;
export interface Listing {
  publisher: string; name: string; version: string; displayName: string; description: string;
  tags: string[]; categories: string[]; assets: Map<string, string>;
}
export interface Pkg { manifest: Manifest; listing: Listing; entries: string[]; files: Map<string, Buffer>; size: number }
export interface Ctx { repository?: { owner: string; name: string } | undefined; tracked(file: string): boolean }
type Rule = (pkg: Pkg, ctx: Ctx) => Problem[];

export const check = scripts<{
  RULES: Rule[];
  checkVsix(file: string, sourceDir: string): Promise<{ pkg?: Pkg; problems: Problem[] }>;
  githubRepository(manifest: Manifest): Ctx['repository'];
}>('vsix/check.mjs');
export const { formatProblems } = scripts<{ formatProblems(problems: Problem[]): string }>('vsix/problems.mjs');
export const { REQUIRED } = scripts<{ REQUIRED: string[] }>('vsix/file-rules.mjs');
export const { packVsix } = scripts<{ packVsix(root: string, out: string): void }>('vsix/build.mjs');

/** Every rule's problems for a package. */
export const problemsOf = (pkg: Pkg, ctx: Ctx): Problem[] => check.RULES.flatMap((rule) => rule(pkg, ctx));

/**
 * The package as vsce would build it from this repository's package.json, with stand-in bundles and
 * a README without images: a package that breaks no rule. Tests break one thing at a time.
 */
export function shippedPackage(): Pkg {
  const read = (file: string) => fs.readFileSync(path.join(REPO, file));
  const manifest = JSON.parse(read('package.json').toString('utf8')) as Manifest;
  const nls = JSON.parse(read('package.nls.json').toString('utf8')) as Record<string, string>;
  const resolve = (value: unknown) => String(value).replace(/^%([\w.-]+)%$/, (_, key: string) => nls[key] ?? `%${key}%`);
  const files = new Map<string, Buffer>();
  for (const file of [...REQUIRED, 'package.json', 'package.nls.json', 'LICENSE.txt', 'l10n/bundle.l10n.json', 'dist/extension.js', 'media/relay-chat.svg']) {
    files.set(file, Buffer.from('{}'));
  }
  for (const page of fs.readdirSync(path.join(REPO, 'media/walkthrough'))) files.set(`media/walkthrough/${page}`, Buffer.from('# step'));
  files.set('media/icon.png', read('media/icon.png'));
  files.set('readme.md', Buffer.from('# Relay Chat\n\nAsk [the docs](https://github.com/relay-chat/relay-chat/blob/HEAD/LICENSE).\n'));
  files.set('changelog.md', Buffer.from('# Changelog\n\n## 0.1.0\n- First release\n'));
  const listing: Listing = {
    publisher: String(manifest.publisher), name: String(manifest.name), version: String(manifest.version),
    displayName: resolve(manifest.displayName), description: resolve(manifest.description),
    tags: [...(manifest.keywords as string[]), 'keybindings'], categories: manifest.categories as string[],
    assets: new Map([['Microsoft.VisualStudio.Services.Icons.Default', 'extension/media/icon.png']]),
  };
  const entries = ['extension.vsixmanifest', '[Content_Types].xml', ...[...files.keys()].map((f) => `extension/${f}`)];
  return { manifest, listing, entries, files, size: 450 * 1024 };
}
