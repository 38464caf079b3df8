// What the Visual Studio Marketplace and Open VSX need from package.json and the listing vsce derives from
// it (extension.vsixmanifest, which Open VSX takes as the source of truth and checks against package.json).
// Sources: https://code.visualstudio.com/api/references/extension-manifest (categories, the 30-keyword
// limit, galleryBanner, pricing), vsce's own validation, and Open VSX's publish-time checks
// (https://github.com/eclipse-openvsx/openvsx, server ExtensionValidator: field lengths, characters, URLs).
/* global URL -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import { problem, badCharacter, BOTH, MARKETPLACE, OPEN_VSX } from './problems.mjs';

/** The Marketplace's categories, as VS Code's manifest schema offers them; the Marketplace takes no others. */
export const MARKETPLACE_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs',
  'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages',
  'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
/** Allowed, but wrong for Relay Chat: a reader browsing there looks for something it does not do. */
export const UNFITTING_CATEGORIES = {
  'Programming Languages': 'that category lists language support (grammars, language servers, debuggers for a language); Relay Chat adds none',
};
/** The Marketplace refuses a package with more tags than this (keywords plus the tags vsce adds). */
export const MAX_TAGS = 30;
const OPEN_VSX_TEXT_LIMIT = 255;
const OPEN_VSX_DESCRIPTION_LIMIT = 2048;
const ID = /^[a-z0-9][a-z0-9-]*$/i; // vsce's publisher and name rule; Open VSX's is a superset
const RELEASE_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

const urlOf = (field) => (typeof field === 'string' ? field : field?.url);

/** An absolute http(s) URL, the way Open VSX accepts it ("git+https://" included). */
function isWebUrl(value) {
  try {
    const url = new URL(String(value).replace(/^git\+/, ''));
    return /^https?:$/.test(url.protocol) && url.host !== '';
  } catch {
    return false;
  }
}

function identity(m, out) {
  for (const field of ['publisher', 'name']) {
    if (!m[field]) out.push(problem(BOTH, `package.json ${field}`, `missing; both registries file the extension under publisher.name`));
    else if (!ID.test(m[field])) out.push(problem(BOTH, `package.json ${field}`, `"${m[field]}" may hold only letters, digits and "-" (starting with a letter or digit)`));
  }
  if (!m.version) out.push(problem(BOTH, 'package.json version', 'missing'));
  else if (!RELEASE_VERSION.test(m.version)) {
    out.push(problem(MARKETPLACE, 'package.json version', `"${m.version}" is not major.minor.patch; the Marketplace takes no pre-release or build suffix (publish a pre-release with --pre-release instead)`));
  }
}

function text(m, listing, out) {
  const fields = [['displayName', OPEN_VSX_TEXT_LIMIT, false], ['description', OPEN_VSX_DESCRIPTION_LIMIT, true]];
  for (const [field, limit, joiner] of fields) {
    const where = `package.json ${field}`;
    const shown = listing[field];
    if (!m[field] || !shown) { out.push(problem(BOTH, where, 'missing; it is the listing\'s title or summary')); continue; }
    if (/%[\w.-]+%/.test(shown)) out.push(problem(BOTH, where, `"${shown}" was not resolved: add its key to package.nls.json`));
    if (shown.length > limit) out.push(problem(OPEN_VSX, where, `${shown.length} characters; Open VSX takes at most ${limit}`));
    const bad = badCharacter(shown, { joiner });
    if (bad) out.push(problem(OPEN_VSX, where, `Open VSX refuses the character ${bad}`));
  }
}

function license(m, files, out) {
  if (!m.license) out.push(problem(BOTH, 'package.json license', 'missing; Open VSX refuses unlicensed extensions (use an SPDX id such as "MIT")'));
  else if (m.license.length > OPEN_VSX_TEXT_LIMIT) out.push(problem(OPEN_VSX, 'package.json license', `longer than ${OPEN_VSX_TEXT_LIMIT} characters`));
  if (![...files.keys()].some((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f))) {
    out.push(problem(BOTH, 'LICENSE', 'the package has no LICENSE file; keep LICENSE at the root and in .vscodeignore\'s allowlist'));
  }
}

function links(m, out) {
  const repository = urlOf(m.repository);
  if (!repository) out.push(problem(BOTH, 'package.json repository', 'missing; vsce needs it to turn the README\'s relative links into absolute ones'));
  for (const [field, value] of [['repository', repository], ['homepage', m.homepage], ['bugs', urlOf(m.bugs)]]) {
    if (value === undefined) continue;
    if (!isWebUrl(value)) out.push(problem(BOTH, `package.json ${field}`, `"${value}" is not an absolute http(s) URL`));
    else if (String(value).length > OPEN_VSX_TEXT_LIMIT) out.push(problem(OPEN_VSX, `package.json ${field}`, `longer than ${OPEN_VSX_TEXT_LIMIT} characters`));
  }
  if (m.qna !== undefined && m.qna !== false && m.qna !== 'marketplace' && !isWebUrl(m.qna)) {
    out.push(problem(BOTH, 'package.json qna', `"${m.qna}" must be "marketplace", false or an absolute URL`));
  }
}

function engine(m, out) {
  const range = m.engines?.vscode;
  if (!range) out.push(problem(BOTH, 'package.json engines.vscode', 'missing; editors use it to decide whether they can install the extension'));
  else if (!/^(\^|>=)?\d+\.\d+\.\d+$/.test(range)) {
    out.push(problem(BOTH, 'package.json engines.vscode', `"${range}" must name the oldest VS Code version, as ^1.96.0 does ("*" is refused)`));
  }
}

function categories(m, out) {
  const list = m.categories ?? [];
  if (list.length === 0) out.push(problem(MARKETPLACE, 'package.json categories', 'none: the extension would be listed under Other only'));
  for (const category of list) {
    if (!MARKETPLACE_CATEGORIES.includes(category)) {
      out.push(problem(MARKETPLACE, 'package.json categories', `"${category}" is not a Marketplace category; pick from ${MARKETPLACE_CATEGORIES.join(', ')}`));
    } else if (UNFITTING_CATEGORIES[category]) {
      out.push(problem(MARKETPLACE, 'package.json categories', `remove "${category}": ${UNFITTING_CATEGORIES[category]}`));
    }
  }
  if (new Set(list).size !== list.length) out.push(problem(MARKETPLACE, 'package.json categories', 'a category is listed twice'));
}

function tags(m, listing, out) {
  if (listing.tags.length > MAX_TAGS) {
    out.push(problem(MARKETPLACE, 'package.json keywords', `${listing.tags.length} tags (${(m.keywords ?? []).length} keywords and the tags vsce adds for what the extension contributes); the Marketplace refuses more than ${MAX_TAGS}: drop keywords`));
  }
  for (const tag of listing.tags) {
    const bad = badCharacter(tag);
    if (tag.length > OPEN_VSX_TEXT_LIMIT || bad) out.push(problem(OPEN_VSX, 'package.json keywords', `"${tag}" is too long or holds a refused character${bad ? ` (${bad})` : ''}`));
  }
}

function gallery(m, out) {
  const banner = m.galleryBanner;
  if (!banner) { out.push(problem(BOTH, 'package.json galleryBanner', 'missing: set { "color": "#rrggbb", "theme": "dark" | "light" } to match the icon')); return; }
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(banner.color ?? '')) {
    out.push(problem(BOTH, 'package.json galleryBanner.color', `"${banner.color}" must be a hex colour such as #1e3a8a (Open VSX takes at most 16 characters)`));
  }
  if (!['dark', 'light'].includes(banner.theme)) out.push(problem(BOTH, 'package.json galleryBanner.theme', `"${banner.theme}" must be "dark" or "light": how dark the colour is, so the header's text contrasts with it`));
  if (m.pricing !== undefined && !['Free', 'Trial'].includes(m.pricing)) out.push(problem(MARKETPLACE, 'package.json pricing', `"${m.pricing}" must be "Free" or "Trial"`));
  if (m.markdown !== undefined && !['github', 'standard'].includes(m.markdown)) out.push(problem(BOTH, 'package.json markdown', `"${m.markdown}" must be "github" or "standard"`));
}

/** Open VSX refuses a package whose extension.vsixmanifest and package.json disagree on who and which version. */
function consistency(m, listing, out) {
  for (const [field, shown] of [['publisher', listing.publisher], ['name', listing.name], ['version', listing.version]]) {
    if (m[field] && shown?.toLowerCase() !== String(m[field]).toLowerCase()) {
      out.push(problem(OPEN_VSX, `extension.vsixmanifest ${field}`, `"${shown}" differs from package.json's "${m[field]}": package with vsce, never edit the .vsix by hand`));
    }
  }
}

/** @param {{ manifest: any, listing: any, files: Map<string, Buffer> }} pkg */
export function manifestRules({ manifest, listing, files }) {
  const out = [];
  identity(manifest, out);
  text(manifest, listing, out);
  license(manifest, files, out);
  links(manifest, out);
  engine(manifest, out);
  categories(manifest, out);
  tags(manifest, listing, out);
  gallery(manifest, out);
  consistency(manifest, listing, out);
  return out;
}
