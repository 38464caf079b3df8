// One case of the ghost-text quality corpus: a cursor in a realistic file, what a given model
// generates there (uncapped: the fake relay applies the request's caps), and what the user is
// really about to type. The harness (run.ts) scores what the engine shows against the truth.

export const BEHAVIOURS = ['next-line', 'tags', 'echoes', 'brackets', 'fences', 'spaces', 'scope', 'block-opener', 'clean'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface QualityCase {
  behaviour: Behaviour;
  name: string;
  model: string;
  route: 'completions' | 'chat';
  languageId: string;
  fileName: string;
  prefix: string;
  suffix: string;
  /** The model's whole generation, uncapped: for chat, the entire assistant message. */
  raw: string;
  /** What the user types between prefix and suffix; '' when the only right outcome is showing nothing. */
  truth: string;
  /** The least a suggestion must cover to count as right (default: see wantedOf). */
  wanted?: string;
}

/** A file the corpus places cursors in. */
export interface SourceFile {
  fileName: string;
  languageId: string;
  text: string;
}

export type Spot = Pick<QualityCase, 'languageId' | 'fileName' | 'prefix' | 'suffix' | 'truth'>;

/**
 * The cursor right after `before` (which must occur exactly once in the file), where the user is
 * about to type `truth` (which the file must hold there): prefix + truth + suffix is the file.
 */
export function spot(file: SourceFile, before: string, truth: string): Spot {
  const at = file.text.indexOf(before);
  if (at < 0 || file.text.indexOf(before, at + 1) >= 0) throw new Error(`${file.fileName}: ${JSON.stringify(before)} must occur once`);
  const cursor = at + before.length;
  if (!file.text.startsWith(truth, cursor)) throw new Error(`${file.fileName}: ${JSON.stringify(truth)} does not follow ${JSON.stringify(before)}`);
  return { languageId: file.languageId, fileName: file.fileName, prefix: file.text.slice(0, cursor), suffix: file.text.slice(cursor + truth.length), truth };
}

/**
 * The user pressed Enter at the end of `before` (a whole line, once in the file) and the editor
 * indented the new line by `indent`: the cursor is there, the rest of the file follows.
 */
export function enter(file: SourceFile, before: string, indent: string, truth: string): Spot {
  const s = spot(file, before, '');
  if (!s.suffix.startsWith('\n')) throw new Error(`${file.fileName}: ${JSON.stringify(before)} must end a line`);
  return { ...s, prefix: `${s.prefix}\n${indent}`, truth };
}

/** The truth, then the rest of the cursor's line and `lines` more lines of the suffix: a model running on past the hole. */
export function runOn(s: Spot, lines: number): string {
  return s.truth + s.suffix.split('\n').slice(0, lines + 1).join('\n');
}

/** The line before the cursor's line (an echo's source). */
export function previousLine(prefix: string): string {
  const lines = prefix.split('\n');
  return lines[lines.length - 2] ?? '';
}

/** The cursor's line up to the cursor. */
export function currentLine(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

const OPENS = /(?:[{([]|=>)\s*$/;
const OPENS_INDENTED = /:\s*(?:#.*)?$/;

/**
 * The least a right suggestion covers: the truth's first non-empty line with any line breaks and
 * indentation before it; when that line opens a block (`{`, `(`, `[`, `=>`, or `:` in Python and
 * YAML), the whole block through its closing line.
 */
export function wantedOf(c: Pick<QualityCase, 'truth' | 'wanted' | 'languageId' | 'prefix'>): string {
  if (c.wanted !== undefined) return c.wanted;
  const lines = c.truth.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return c.truth;
  // The first line continues the cursor's line: its indentation is that line's.
  const line = first === 0 ? currentLine(c.prefix) + (lines[0] as string) : (lines[first] as string);
  const through = (last: number) => lines.slice(0, last + 1).join('\n');
  if (OPENS.test(line)) return through(closingLine(lines, first));
  if ((c.languageId === 'python' || c.languageId === 'yaml') && OPENS_INDENTED.test(line)) return through(indentedEnd(lines, first, line));
  return through(first);
}

/** The line holding the closer of the brackets opened on line `first` (the last line if none). */
function closingLine(lines: string[], first: number): number {
  let depth = 0;
  for (let i = first; i < lines.length; i++) {
    for (const ch of lines[i] as string) {
      if ('{(['.includes(ch)) depth++;
      else if ('})]'.includes(ch)) depth--;
    }
    if (depth > 0) continue;
    // `=>` at the end of a line: the block is the expression on the lines below.
    const next = lines.findIndex((l, at) => at > i && l.trim() !== '');
    return i === first && /=>\s*$/.test(lines[i] as string) && next > 0 ? closingLine(lines, next) : i;
  }
  return lines.length - 1;
}

/** The last line indented deeper than line `first` (blank lines inside count, trailing ones do not). */
function indentedEnd(lines: string[], first: number, opener: string): number {
  const indent = (l: string) => l.length - l.trimStart().length;
  const base = indent(opener);
  let last = first;
  for (let i = first + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '') continue;
    if (indent(l) <= base) break;
    last = i;
  }
  return last;
}

export interface CaseSpec {
  name: string;
  model: string;
  at: Spot;
  /** The raw generation, or how to make it from the spot. */
  raw: string | ((s: Spot) => string);
  wanted?: string;
}

/** Cases of one behaviour; the route follows from the model (FIM base models use completions). */
export function casesOf(behaviour: Behaviour, fimModels: readonly string[], specs: CaseSpec[]): QualityCase[] {
  return specs.map(({ name, model, at, raw, wanted }) => ({
    behaviour, name, model, route: fimModels.includes(model) ? 'completions' : 'chat', ...at,
    raw: typeof raw === 'string' ? raw : raw(at), ...(wanted !== undefined ? { wanted } : {}),
  }));
}
