import MarkdownIt from 'markdown-it';
import { highlight } from './highlight';

// Markdown to HTML, no DOM needed (the sanitiser in markdown.ts turns it into safe nodes).
// Model output is untrusted: markdown-it never passes raw HTML (html: false) and rejects
// javascript:/vbscript:/file:/data: links; images are off (no remote content).
const options = { html: false, linkify: false, breaks: false, typographer: false } as const;
const plain = withTableAlign(new MarkdownIt(options).disable('image'));
const highlighted = withTableAlign(new MarkdownIt({
  ...options,
  highlight: (code: string, lang: string) => highlight(code, lang) ?? '',
}).disable('image'));

/** Link reference definitions seen so far, by normalised label (markdown-it's `env.references`). */
export type References = Record<string, { href: string; title: string }>;

/**
 * markdown-it writes table column alignment as `style="text-align:…"`, which the webview's CSP
 * (no 'unsafe-inline' styles) would ignore and the sanitiser removes (a style can carry anything):
 * write it as the `align` attribute instead, which the sanitiser checks (left, center, right only).
 */
function withTableAlign(md: InstanceType<typeof MarkdownIt>): InstanceType<typeof MarkdownIt> {
  md.core.ruler.push('table_align', (state) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const align = /^text-align:(left|center|right)$/.exec(String(token.attrGet('style') ?? ''))?.[1];
      token.attrs = align ? [['align', align]] : null;
    }
  });
  return md;
}

/**
 * Markdown to (unsanitised) HTML. `final` blocks get syntax highlighting (once: they never change);
 * a growing tail is rendered without. Link reference definitions found are added to `references`
 * (the first one wins, as in CommonMark); those already there resolve links in `markdown` even when
 * they were defined elsewhere in the answer.
 */
export function markdownHtml(markdown: string, final: boolean, references: References): string {
  return (final ? highlighted : plain).render(markdown, { references });
}

/** The line ranges of the top-level blocks of `markdown`, parsed with known `references`. */
export function topLevelBlocks(markdown: string, references: References): [number, number][] {
  const blocks: [number, number][] = [];
  for (const token of plain.parse(markdown, { references: { ...references } })) {
    if (token.level === 0 && token.nesting >= 0 && token.map) blocks.push(token.map);
  }
  return blocks;
}

/** A label as markdown-it keys `references` (trimmed, whitespace collapsed, case folded). */
export function normalizeLabel(text: string): string {
  return plain.utils.normalizeReference(text);
}
