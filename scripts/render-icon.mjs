// Renders the registries' icon, media/icon.png (128x128), from the activity-bar glyph media/relay-chat.svg:
// the glyph in white on a rounded square of the brand colour, so it reads on the light and the dark
// Marketplace / Open VSX pages alike (the SVG itself is a currentColor outline and registries refuse
// SVG icons). Uses the headless Chromium the UI tests use (scripts/setup-tools.sh installs both).
// Run it after changing the glyph or the colour, then commit the PNG:  node scripts/render-icon.mjs
/* global console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import fs from 'node:fs';
import path from 'node:path';
import { REPO, launchChromium } from './host/code-server.mjs';

/** Also package.json's galleryBanner.color, so the Marketplace header matches the icon. */
export const BRAND_COLOR = '#1e3a8a';
const SIZE = 128;
const GLYPH = 92; // the 24-unit glyph scaled to leave a margin inside the rounded square

const svg = fs.readFileSync(path.join(REPO, 'media/relay-chat.svg'), 'utf8')
  .replace('stroke="currentColor"', 'stroke="#ffffff"')
  .replace(/width="24" height="24"/, `width="${GLYPH}" height="${GLYPH}"`);
const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div id="icon" style="width:${SIZE}px;height:${SIZE}px;border-radius:${SIZE * 0.22}px;background:${BRAND_COLOR};
display:flex;align-items:center;justify-content:center">${svg}</div></body></html>`;

const { page, close } = await launchChromium({ viewport: { width: SIZE, height: SIZE } });
try {
  await page.setContent(html);
  const out = path.join(REPO, 'media/icon.png');
  await page.locator('#icon').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(REPO, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  await close();
}
