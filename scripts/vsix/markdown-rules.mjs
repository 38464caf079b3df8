// The README and CHANGELOG as both registries show them. vsce has already turned relative links into
// absolute ones into the repository (github.com/<owner>/<repo>/blob|raw/HEAD/<path>), which is where the
// Marketplace and Open VSX load the images from: such a path must be a file the repository tracks, or the
// page shows a broken image once pushed. vsce's image rules: https only, no SVG (XSS risk) except badges
// from hosts it trusts, no inline <svg>.
/* global URL -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import MarkdownIt from 'markdown-it';
import { problem, BOTH } from './problems.mjs';

/** Badge hosts whose SVGs vsce accepts; a subset of its list, so anything allowed here vsce allows too. */
export const TRUSTED_SVG_HOSTS = ['img.shields.io', 'badgen.net', 'flat.badgen.net', 'vsmarketplacebadges.dev', 'badge.fury.io', 'codecov.io', 'coveralls.io'];
const isWorkflowBadge = (url) => /^https:\/\/github\.com\/[^/]+\/[^/]+\/(actions\/)?workflows\/.*badge\.svg/.test(url.href);
const DOCUMENTS = [['readme.md', 'README.md', true], ['changelog.md', 'CHANGELOG.md', false]];

const markdown = new MarkdownIt({ html: true });
const decode = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const attributes = (html, tag, name) => [...html.matchAll(new RegExp(`<${tag}\\b[^>]*?\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'gi'))]
  .map((m) => decode(m[1] ?? m[2] ?? ''));

/** The path inside our repository that an absolute GitHub link points at, or undefined for any other link. */
export function repositoryPath(href, repository) {
  const match = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/(?:blob|raw)\/[^/]+\/([^?#]+)/.exec(href);
  if (!match || !repository || match[1].toLowerCase() !== repository.owner.toLowerCase() || match[2].replace(/\.git$/, '').toLowerCase() !== repository.name.toLowerCase()) return undefined;
  return decodeURIComponent(match[3]);
}

function imageProblems(src, name, ctx) {
  let url;
  try {
    url = new URL(src);
  } catch {
    return [problem(BOTH, name, `image "${src}" stayed relative: set package.json repository so vsce can point it at the repository`)];
  }
  if (url.protocol === 'data:') return [problem(BOTH, name, `image "${src.slice(0, 40)}…" is a data URL; vsce refuses them (SVG ones outright): commit the image and link it`)];
  if (url.protocol !== 'https:') return [problem(BOTH, name, `image "${src}" must come from an https:// source`)];
  if (/\.svg$/i.test(url.pathname) && !TRUSTED_SVG_HOSTS.includes(url.host.toLowerCase()) && !isWorkflowBadge(url)) {
    return [problem(BOTH, name, `image "${src}" is an SVG; vsce refuses SVGs except badges from ${TRUSTED_SVG_HOSTS.join(', ')}: use a PNG`)];
  }
  return linkProblems(src, name, ctx, 'image');
}

function linkProblems(href, name, ctx, kind = 'link') {
  const file = repositoryPath(href, ctx.repository);
  if (file === undefined || file === '' || ctx.tracked(file)) return [];
  return [problem(BOTH, name, `${kind} "${file}" is not a file the repository tracks; the registries load it from GitHub, so commit it (or fix the link)`)];
}

/**
 * @param {{ files: Map<string, Buffer> }} pkg
 * @param {{ repository?: { owner: string, name: string }, tracked(path: string): boolean }} ctx
 */
export function markdownRules({ files }, ctx) {
  const out = [];
  for (const [file, name, required] of DOCUMENTS) {
    const bytes = files.get(file);
    if (!bytes) {
      if (required) out.push(problem(BOTH, name, 'missing from the package: it is the listing\'s page; keep it in .vscodeignore\'s allowlist'));
      continue;
    }
    const html = markdown.render(bytes.toString('utf8'));
    if (/<svg\b/i.test(html)) out.push(problem(BOTH, name, 'holds an inline <svg>; vsce refuses them: use a PNG image'));
    for (const src of attributes(html, 'img', 'src')) out.push(...imageProblems(src, name, ctx));
    for (const href of attributes(html, 'a', 'href')) out.push(...linkProblems(href, name, ctx));
  }
  return out;
}
