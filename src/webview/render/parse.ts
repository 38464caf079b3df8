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

/** What markdown-it's env carries while scanning: the references, and each top-level list item's verdict. */
type ScanEnv = Record<string, unknown> & {
  references: References;
  itemTight?: Map<number, boolean>;
};

// A list is tight or loose as a whole (https://spec.commonmark.org/0.31.2/#loose), and markdown-it
// decides it inside its list rule, keeping the verdict to itself (only a tight list's paragraphs come
// out hidden). The rule reads each item's part of it from `state.tight` right after tokenizing the
// item's blocks: read it there too, for the top-level list's items (level 2: inside list and item).
const tokenizeBlocks = plain.block.tokenize.bind(plain.block);
plain.block.tokenize = (state, startLine, endLine) => {
  tokenizeBlocks(state, startLine, endLine);
  if (state.parentType === 'list' && state.level === 2) (state.env as ScanEnv).itemTight?.set(startLine, state.tight);
};

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
 * they were defined elsewhere in the answer. `looseList`: `markdown` starts with items of a longer
 * list whose other items are rendered apart, and this is whether that whole list is loose.
 */
export function markdownHtml(markdown: string, final: boolean, references: References, looseList?: boolean): string {
  const md = final ? highlighted : plain;
  const env = { references };
  if (looseList === undefined) return md.render(markdown, env);
  const tokens = md.parse(markdown, env);
  if (tokens[0]?.type === 'bullet_list_open' || tokens[0]?.type === 'ordered_list_open') {
    for (const token of tokens) {
      if (token.level === 0 && token.nesting === -1) break;
      if (token.level === 2 && (token.type === 'paragraph_open' || token.type === 'paragraph_close')) token.hidden = !looseList;
    }
  }
  return md.renderer.render(tokens, md.options, env);
}

/** A top-level list item: its lines and whether it keeps the list tight (blank lines between its own blocks do not). */
export interface ListItem {
  lines: [number, number];
  tight: boolean;
}

/**
 * The top-level blocks of `markdown` (line ranges), and the items of the first one when it is a list
 * or a table (a table's items are its body rows, which start at `bodyStart`).
 */
export interface BlockScan {
  blocks: [number, number][];
  items?: ListItem[];
  kind?: 'list' | 'table';
  bodyStart?: number;
}

/** Parses `markdown` with known `references` for its top-level blocks (see BlockScan). */
export function scanBlocks(markdown: string, references: References): BlockScan {
  const env: ScanEnv = { references: { ...references }, itemTight: new Map() };
  const tokens = plain.parse(markdown, env);
  const blocks: [number, number][] = [];
  for (const token of tokens) {
    if (token.level === 0 && token.nesting >= 0 && token.map) blocks.push(token.map);
  }
  const first = tokens[0];
  const items: ListItem[] = [];
  if (first?.type === 'table_open') {
    const body = tokens.find((t) => t.type === 'tbody_open');
    for (const token of tokens) {
      if (token.level === 0 && token.nesting === -1) break;
      if (body?.map && token.type === 'tr_open' && token.map && token.map[0] >= body.map[0]) items.push({ lines: token.map, tight: true });
    }
    return body?.map ? { blocks, items, kind: 'table', bodyStart: body.map[0] } : { blocks };
  }
  if (first?.type !== 'bullet_list_open' && first?.type !== 'ordered_list_open') return { blocks };
  for (const token of tokens) {
    if (token.level === 0 && token.nesting === -1) break;
    if (token.type === 'list_item_open' && token.level === 1 && token.map) items.push({ lines: token.map, tight: env.itemTight!.get(token.map[0]) ?? true });
  }
  return { blocks, items, kind: 'list' };
}

/** A label as markdown-it keys `references` (trimmed, whitespace collapsed, case folded). */
export function normalizeLabel(text: string): string {
  return plain.utils.normalizeReference(text);
}
