import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

// Every user-facing string has Japanese and Simplified Chinese text, and the English bundle is
// what the code really says (regenerate with `npm run l10n`).
const root = path.resolve(__dirname, '../../../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string | { message: string }>;
const text = (v: string | { message: string } | undefined) => (typeof v === 'string' ? v : v?.message);
const placeholders = (s: string | undefined) => [...(s ?? '').matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
const LANGUAGES = ['ja', 'zh-cn'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('localisation (en, ja, zh-cn)', function () {
  this.timeout(30_000);

  it('l10n/bundle.l10n.json matches the strings in the code', async () => {
    const files = sources(path.join(root, 'src/vscode')).map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: '.ts' }));
    const expected = await getL10nJson(files);
    assert.deepEqual(Object.keys(read('l10n/bundle.l10n.json')).sort(), Object.keys(expected).sort(), 'run `npm run l10n` to refresh the bundle');
  });

  for (const lang of LANGUAGES) {
    it(`has ${lang} text for every runtime string, with the same placeholders`, () => {
      const english = read('l10n/bundle.l10n.json');
      const translated = read(`l10n/bundle.l10n.${lang}.json`);
      for (const key of Object.keys(english)) {
        const value = text(translated[key]);
        assert.ok(value && value.trim(), `${lang} lacks: ${key}`);
        assert.deepEqual(placeholders(value), placeholders(key), `${lang} placeholders differ for: ${key}`);
      }
    });

    it(`has ${lang} text for every manifest string`, () => {
      const english = read('package.nls.json');
      const translated = read(`package.nls.${lang}.json`);
      for (const key of Object.keys(english)) assert.ok(text(translated[key])?.trim(), `package.nls.${lang}.json lacks ${key}`);
    });
  }

  it('every %key% in package.json exists in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = read('package.nls.json');
    for (const [, key] of manifest.matchAll(/"%([^%"]+)%"/g)) assert.ok(key && nls[key], `missing nls key ${key}`);
  });
});
