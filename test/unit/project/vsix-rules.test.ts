import * as assert from 'node:assert/strict';
import { shippedPackage, problemsOf, formatProblems, check, type Ctx, type Pkg } from '../support/vsix-scripts';

// The package checker's rules (scripts/vsix, run by `npm run package` and the .vsix UI test): what we ship
// breaks none, and each thing the Marketplace or Open VSX would refuse, or show wrong, is named.

const TRACKED = new Set(['LICENSE', 'README.md', 'docs/panel.png']);
const ctx = (pkg: Pkg): Ctx => ({ repository: check.githubRepository(pkg.manifest), tracked: (f) => TRACKED.has(f) });
const ship = (pkg: Pkg, file: string, bytes = Buffer.from('x')) => { pkg.files.set(file, bytes); pkg.entries.push(`extension/${file}`); };
const unship = (pkg: Pkg, file: string) => { pkg.files.delete(file); pkg.entries = pkg.entries.filter((e) => e !== `extension/${file}`); };
const readme = (pkg: Pkg, text: string) => pkg.files.set('readme.md', Buffer.from(text));
const GITHUB = 'https://github.com/relay-chat/relay-chat';
/** A PNG header of the given size (the rule reads no further than the header chunk). */
function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function problemsAfter(change: (pkg: Pkg) => void): string {
  const pkg = shippedPackage();
  change(pkg);
  return formatProblems(problemsOf(pkg, ctx(pkg)));
}

/** [what is wrong, how to break the package, what the report must say] */
const BROKEN: Array<[string, (pkg: Pkg) => void, RegExp]> = [
  // package.json fields each registry needs
  ['no publisher', (p) => { delete p.manifest.publisher; }, /package\.json publisher: missing/],
  ['a name with a space', (p) => { p.manifest.name = 'relay chat'; }, /package\.json name: "relay chat" may hold only/],
  ['a pre-release version', (p) => { p.manifest.version = '0.2.0-beta.1'; }, /\[Marketplace\] package\.json version: .*pre-release/],
  ['no displayName', (p) => { delete p.manifest.displayName; p.listing.displayName = ''; }, /package\.json displayName: missing/],
  ['a description key package.nls.json lacks', (p) => { p.listing.description = '%extension.summary%'; }, /description: "%extension\.summary%" was not resolved/],
  ['a description over Open VSX\'s 2048 characters', (p) => { p.listing.description = 'a'.repeat(2049); }, /\[Open VSX\] package\.json description: 2049 characters/],
  ['a control character in the displayName', (p) => { p.listing.displayName = 'Relay\u0007Chat'; }, /displayName: Open VSX refuses the character U\+0007/],
  ['no license', (p) => { delete p.manifest.license; }, /package\.json license: missing/],
  ['no LICENSE file', (p) => unship(p, 'LICENSE.txt'), /LICENSE: the package has no LICENSE file/],
  ['no repository', (p) => { delete p.manifest.repository; }, /package\.json repository: missing/],
  ['a relative homepage', (p) => { p.manifest.homepage = 'docs/index.html'; }, /package\.json homepage: "docs\/index\.html" is not an absolute/],
  ['a qna that is neither marketplace, false nor a URL', (p) => { p.manifest.qna = 'github'; }, /package\.json qna: "github" must be/],
  ['engines.vscode "*"', (p) => { p.manifest.engines = { vscode: '*' }; }, /engines\.vscode: "\*" must name the oldest/],
  ['no engines.vscode', (p) => { p.manifest.engines = {}; }, /engines\.vscode: missing/],
  ['a category outside the Marketplace\'s list', (p) => { p.manifest.categories = ['AI', 'Chatbots']; }, /categories: "Chatbots" is not a Marketplace category/],
  ['"Programming Languages"', (p) => { p.manifest.categories = ['AI', 'Programming Languages']; }, /categories: remove "Programming Languages"/],
  ['no category', (p) => { p.manifest.categories = []; }, /categories: none/],
  ['more than 30 tags', (p) => { p.listing.tags = Array.from({ length: 31 }, (_, i) => `k${i}`); }, /keywords: 31 tags .* more than 30/],
  ['no galleryBanner', (p) => { delete p.manifest.galleryBanner; }, /galleryBanner: missing/],
  ['a galleryBanner colour by name', (p) => { p.manifest.galleryBanner = { color: 'midnightblue', theme: 'dark' }; }, /galleryBanner\.color: "midnightblue" must be a hex colour/],
  ['a galleryBanner theme other than dark or light', (p) => { p.manifest.galleryBanner = { color: '#000', theme: 'black' }; }, /galleryBanner\.theme: "black"/],
  ['a pricing vsce refuses', (p) => { p.manifest.pricing = 'Paid'; }, /pricing: "Paid" must be "Free" or "Trial"/],
  ['an extension.vsixmanifest that disagrees with package.json', (p) => { p.listing.version = '9.9.9'; }, /\[Open VSX\] extension\.vsixmanifest version: "9\.9\.9" differs/],
  // the icon
  ['no icon', (p) => { delete p.manifest.icon; }, /package\.json icon: missing/],
  ['an SVG icon', (p) => { p.manifest.icon = 'media/relay-chat.svg'; }, /icon: "media\/relay-chat\.svg" is not a PNG/],
  ['an icon left out of the package', (p) => unship(p, 'media/icon.png'), /icon: "media\/icon\.png" is not in the package/],
  ['a 64x64 icon', (p) => p.files.set('media/icon.png', png(64, 64)), /icon: "media\/icon\.png" is 64x64; make it 128x128 or 256x256/],
  ['a 128x96 icon', (p) => p.files.set('media/icon.png', png(128, 96)), /is 128x96/],
  ['an icon that is no PNG', (p) => p.files.set('media/icon.png', Buffer.from('<svg/>')), /is not a PNG file/],
  ['a listing without the icon asset', (p) => p.listing.assets.clear(), /extension\.vsixmanifest: lists no icon asset/],
  // README and CHANGELOG as the registries show them
  ['no README', (p) => unship(p, 'readme.md'), /README\.md: missing from the package/],
  ['an SVG image from an untrusted host', (p) => readme(p, '![logo](https://example.com/logo.svg)'), /README\.md: image "https:\/\/example\.com\/logo\.svg" is an SVG/],
  ['an SVG image in raw HTML', (p) => readme(p, '<img src="https://example.com/a.svg?x=1" width="10">'), /image "https:\/\/example\.com\/a\.svg\?x=1" is an SVG/],
  ['an SVG data URL', (p) => readme(p, '<img src="data:image/svg+xml;base64,PHN2Zy8+">'), /image "data:image\/svg\+xml;base64,PHN2Zy8\+…" is a data URL/],
  ['an http image', (p) => readme(p, '![x](http://example.com/a.png)'), /image "http:\/\/example\.com\/a\.png" must come from an https/],
  ['an inline <svg>', (p) => readme(p, '<svg width="1"></svg>'), /README\.md: holds an inline <svg>/],
  ['an image vsce could not make absolute', (p) => readme(p, '![panel](docs/panel.png)'), /image "docs\/panel\.png" stayed relative/],
  ['an image the repository does not track', (p) => readme(p, `![panel](${GITHUB}/raw/HEAD/docs/missing.png)`), /image "docs\/missing\.png" is not a file the repository tracks/],
  ['a link to a file the repository does not track', (p) => readme(p, `[guide](${GITHUB}/blob/HEAD/docs/guide.md)`), /link "docs\/guide\.md" is not a file/],
  ['an SVG in the CHANGELOG', (p) => p.files.set('changelog.md', Buffer.from('![x](https://example.com/x.svg)')), /CHANGELOG\.md: image .* is an SVG/],
  // the files
  ['TypeScript sources', (p) => ship(p, 'src/extension.ts'), /src\/extension\.ts: ships development files/],
  ['tests', (p) => ship(p, 'test/unit/a.test.js'), /test\/unit\/a\.test\.js: ships development files/],
  ['benchmarks', (p) => ship(p, 'bench/stream-bench.js'), /bench\/stream-bench\.js: ships development files/],
  ['node_modules', (p) => ship(p, 'node_modules/ws/index.js'), /node_modules\/ws\/index\.js: ships development files/],
  ['a source map', (p) => ship(p, 'dist/extension.js.map'), /dist\/extension\.js\.map: ships a source map/],
  ['an environment file', (p) => ship(p, '.env'), /\.env: ships an environment file/],
  ['a file outside the allowlist', (p) => ship(p, 'media/screenshots/panel.png'), /media\/screenshots\/panel\.png: is not in the allowlist/],
  ['names that differ only in case', (p) => ship(p, 'README.md'), /\[Open VSX\] extension\/README\.md: differs only in case from extension\/readme\.md/],
  ['an entry outside extension/', (p) => p.entries.push('stray.txt'), /stray\.txt: lies outside extension\//],
  ['a missing main bundle', (p) => unship(p, 'dist/extension.js'), /dist\/extension\.js: named by package\.json \(main\)/],
  ['a missing walkthrough page', (p) => unship(p, 'media/walkthrough/set-key.md'), /set-key\.md: named by package\.json \(walkthrough step setKey media\)/],
  ['a missing view container icon', (p) => unship(p, 'media/relay-chat.svg'), /relay-chat\.svg: named by package\.json \(activitybar relayChat icon\)/],
  ['a missing bundle the extension loads at run time', (p) => unship(p, 'dist/transports.js'), /dist\/transports\.js: missing from the package: the extension loads it/],
  ['a translated manifest without its runtime bundle', (p) => unship(p, 'l10n/bundle.l10n.ja.json'), /l10n\/bundle\.l10n\.ja\.json: missing while package\.nls\.ja\.json ships/],
  ['a package over the size budget', (p) => { p.size = 2561 * 1024; }, /the \.vsix: 2561 KiB, over the 2560 KiB budget; largest: /],
];

describe('package checker rules (Marketplace and Open VSX)', () => {
  it('finds nothing wrong with the package as we ship it', () => {
    const pkg = shippedPackage();
    assert.equal(formatProblems(problemsOf(pkg, ctx(pkg))), '');
  });

  it('lets through what both registries accept: trusted badges, tracked images, anchors, mail links, a 256x256 icon', () => {
    const report = problemsAfter((p) => {
      p.files.set('media/icon.png', png(256, 256));
      readme(p, ['![build](https://img.shields.io/badge/build-passing-green.svg)', `![ci](${GITHUB}/actions/workflows/ci.yml/badge.svg)`,
        `![panel](${GITHUB}/raw/HEAD/docs/panel.png)`, '<img src="https://example.com/panel.png">', '[top](#relay-chat)',
        '[mail](mailto:team@example.com)', '[elsewhere](https://github.com/other/repo/blob/HEAD/nope.md)', '`<svg>` in code'].join('\n\n'));
    });
    assert.equal(report, '');
  });

  for (const [what, breakIt, expected] of BROKEN) {
    it(`names ${what}`, () => {
      const report = problemsAfter(breakIt);
      assert.match(report, expected, `the report was:\n${report || '(nothing)'}`);
    });
  }
});
