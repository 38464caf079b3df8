// The listing icon: both registries refuse SVG, and the Marketplace asks for a square PNG of at least
// 128x128 pixels (256x256 for high-density screens). scripts/render-icon.mjs makes ours.
/* global Buffer -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import path from 'node:path';
import { problem, BOTH } from './problems.mjs';

export const ICON_SIZES = [128, 256];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's header chunk (https://www.w3.org/TR/png/#11IHDR), or undefined if it is no PNG. */
export function pngSize(bytes) {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** @param {{ manifest: any, listing: any, files: Map<string, Buffer> }} pkg */
export function iconRules({ manifest, listing, files }) {
  const where = 'package.json icon';
  if (!manifest.icon) return [problem(BOTH, where, 'missing: the listing would show a grey placeholder; point it at a 128x128 PNG (npm run icon renders media/icon.png)')];
  const file = path.posix.normalize(manifest.icon.replace(/^\.\//, ''));
  if (!/\.png$/i.test(file)) return [problem(BOTH, where, `"${manifest.icon}" is not a PNG; registries refuse SVG icons`)];
  const bytes = files.get(file);
  if (!bytes) return [problem(BOTH, where, `"${file}" is not in the package: add it to .vscodeignore's allowlist`)];
  const size = pngSize(bytes);
  if (!size) return [problem(BOTH, where, `"${file}" is not a PNG file (wrong signature or header)`)];
  const out = [];
  if (size.width !== size.height || !ICON_SIZES.includes(size.width)) {
    out.push(problem(BOTH, where, `"${file}" is ${size.width}x${size.height}; make it ${ICON_SIZES.map((s) => `${s}x${s}`).join(' or ')} (npm run icon)`));
  }
  if (listing.assets.get('Microsoft.VisualStudio.Services.Icons.Default') !== `extension/${file}`) {
    out.push(problem(BOTH, 'extension.vsixmanifest', 'lists no icon asset: package with vsce, which adds it from package.json icon'));
  }
  return out;
}
