// A stand-in for the `vscode` module with just `l10n.t`, reading the real bundles, so that the
// VS Code-free sentence composers of src/vscode (error-text.ts) run in plain Node in any language.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(__dirname, '../../../..');
let bundle: Record<string, string | { message: string }> = {};

/** '' = English (the keys themselves), else 'ja' or 'zh-cn'. */
export function useLanguage(lang: string): void {
  bundle = lang ? JSON.parse(fs.readFileSync(path.join(root, `l10n/bundle.l10n.${lang}.json`), 'utf8')) as typeof bundle : {};
}

const l10n = {
  t(message: string, ...args: unknown[]): string {
    const entry = bundle[message];
    const text = typeof entry === 'string' ? entry : entry?.message ?? message;
    return text.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
  },
};

// The loader itself (not an ES namespace copy of it), whose _load every require goes through.
const loader = createRequire(__filename)('node:module') as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = loader._load.bind(loader);
loader._load = (request, parent, isMain) => (request === 'vscode' ? { l10n } : load(request, parent, isMain));
