// Typing traces: a "user" retypes stretches of the corpus files the fake relay's model knows by
// heart, with a seeded, human-like rhythm, plus one Japanese comment typed through an IME.
//
// The document while a stretch is typed is: the file before the stretch + what has been typed so
// far (+ the IME composition, while composing) + the file after the stretch (the suffix). The
// stretch ends at a line end, so the suffix starts with "\n": the user writes a new block in the
// middle of an existing file, and the true text at any moment is the rest of the stretch.
import { loadCorpus } from '../../test/fakes/completion';
import { toKana } from './romaji';
import { prng } from '../prng';

export type Rng = () => number;

/** Deterministic traces: the same keystrokes on every machine. */
export const seededRng = (seed: number): Rng => prng(seed);

function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/** The rhythm: log-normal key gaps around 140 ms (5–95 %: ~85–230 ms), longer gaps at some word ends, pauses at some line starts. */
export const RHYTHM = {
  medianGapMs: 140,
  sigma: 0.3,
  wordEndP: 0.12,
  wordEndMs: [400, 1500] as const,
  lineEndP: 0.35,
  lineEndMs: [1500, 4000] as const,
  reactionMs: 300,
};

function keyGap(rng: Rng): number {
  return Math.min(700, Math.max(45, RHYTHM.medianGapMs * Math.exp(RHYTHM.sigma * gaussian(rng))));
}

/** One IME conversion: the romaji typed for `text.slice(start, end)`, committed at once. */
export interface ImeSegment {
  start: number;
  end: number;
  /** The composition text after each keystroke (kana as typed, then the converted text after Space). */
  compositions: string[];
  /** The wait before each of those keystrokes, then before the commit (Enter). */
  gapsMs: number[];
}

export interface Trace {
  name: string;
  documentId: string;
  fileName: string;
  languageId: string;
  before: string;
  /** What the user is about to type (the truth). */
  text: string;
  after: string;
  /** The wait before the keystroke that starts at each position of `text`. */
  gapMs: number[];
  /** How long the user takes to notice and accept a suggestion shown at each position. */
  reactionMs: number[];
  ime: ImeSegment[];
}

/** What the next keystroke inserts: one character, Enter with the next line's indentation, or an IME segment. */
export interface Unit {
  end: number;
  ime?: ImeSegment;
}

const WORD = /[\p{L}\p{N}_]/u;

export function unitAt(trace: Trace, pos: number): Unit {
  const segment = trace.ime.find((s) => pos >= s.start && pos < s.end);
  if (segment && segment.start === pos) return { end: segment.end, ime: segment };
  if (segment) {
    // Part of the segment was accepted: the rest is composed one character per keystroke.
    const rest = trace.text.slice(pos, segment.end);
    const compositions = Array.from(rest).map((_, n) => Array.from(rest).slice(0, n + 1).join(''));
    return { end: segment.end, ime: { start: pos, end: segment.end, compositions, gapsMs: [...compositions.map(() => 160), 400] } };
  }
  const text = trace.text;
  if (text[pos] === '\n') {
    // Enter: VS Code puts the new line's indentation in the same edit (auto-indent).
    const indent = /^[ \t]*/.exec(text.slice(pos + 1))?.[0] ?? '';
    return { end: pos + 1 + (text[pos + 1 + indent.length] === '\n' ? 0 : indent.length) };
  }
  const cp = text.codePointAt(pos) ?? 0;
  return { end: pos + (cp > 0xffff ? 2 : 1) };
}

interface StretchSpec {
  name: string;
  file: string;
  languageId: string;
  /** 1-based lines, inclusive; typing starts after the first line's indentation. */
  fromLine: number;
  toLine: number;
  seed: number;
  /** For the IME trace: the romaji typed for each converted run, in order (other characters are typed directly). */
  ime?: { text: string; romaji: string }[];
}

const STRETCHES: StretchSpec[] = [
  { name: 'todo-store.ts setDue/complete/remove', file: 'todo-store.ts', languageId: 'typescript', fromLine: 40, toLine: 56, seed: 101 },
  { name: 'rate_limit.py try_acquire', file: 'rate_limit.py', languageId: 'python', fromLine: 49, toLine: 57, seed: 202 },
  { name: 'rate_limit.py acquire', file: 'rate_limit.py', languageId: 'python', fromLine: 67, toLine: 75, seed: 303 },
  {
    name: 'todo-store.ts Japanese comment (IME)', file: 'todo-store.ts', languageId: 'typescript', fromLine: 84, toLine: 84, seed: 404,
    ime: [
      { text: '優先度が', romaji: 'yuusenndoga' }, { text: '高い順、', romaji: 'takaijunn,' }, { text: '同じなら', romaji: 'onajinara' },
      { text: '期限が', romaji: 'kigennga' }, { text: '近い順に', romaji: 'chikaijunnni' }, { text: '並べる', romaji: 'naraberu' },
    ],
  },
];

export function buildTraces(): Trace[] {
  const corpus = loadCorpus();
  return STRETCHES.map((spec) => {
    const file = corpus.find((f) => f.name === spec.file)?.text;
    if (file === undefined) throw new Error(`completion bench: ${spec.file} is not in the corpus`);
    const lines = file.split('\n');
    const lineStart = lines.slice(0, spec.fromLine - 1).join('\n').length + 1;
    const start = lineStart + (/^[ \t]*/.exec(lines[spec.fromLine - 1] ?? '')?.[0].length ?? 0);
    const end = lines.slice(0, spec.toLine).join('\n').length;
    const text = file.slice(start, end);
    const rng = seededRng(spec.seed);
    const trace: Trace = {
      name: spec.name, documentId: `bench://${spec.file}#${spec.fromLine}`, fileName: spec.file, languageId: spec.languageId,
      before: file.slice(0, start), text, after: file.slice(end),
      gapMs: [], reactionMs: [], ime: imeSegments(text, spec.ime ?? [], rng),
    };
    for (let pos = 0; pos < text.length; pos++) {
      let gap = pos === 0 ? 600 : keyGap(rng);
      const prev = text[pos - 1] ?? '';
      const lineSoFar = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos);
      if (pos > 0 && WORD.test(prev) && !WORD.test(text[pos] ?? '') && rng() < RHYTHM.wordEndP) gap += between(rng, ...RHYTHM.wordEndMs);
      // The first key on a new line (after Enter and its indentation): sometimes a pause to think.
      if (text.lastIndexOf('\n', pos - 1) >= 0 && /^[ \t]*$/.test(lineSoFar) && !/\s/.test(text[pos] ?? '') && rng() < RHYTHM.lineEndP) {
        gap = between(rng, ...RHYTHM.lineEndMs);
      }
      trace.gapMs.push(Math.round(gap));
      trace.reactionMs.push(Math.round(Math.min(450, Math.max(200, RHYTHM.reactionMs + 50 * gaussian(rng)))));
    }
    return trace;
  });
}

function imeSegments(text: string, runs: { text: string; romaji: string }[], rng: Rng): ImeSegment[] {
  const out: ImeSegment[] = [];
  let from = 0;
  for (const run of runs) {
    const start = text.indexOf(run.text, from);
    if (start < 0) throw new Error(`completion bench: "${run.text}" is not in the IME line`);
    const keys = Array.from(run.romaji);
    const compositions = keys.map((_, n) => toKana(keys.slice(0, n + 1).join('')));
    compositions.push(run.text); // Space: the conversion is shown, still composing
    const gapsMs = compositions.map(() => Math.round(keyGap(rng)));
    gapsMs[gapsMs.length - 1] = Math.round(between(rng, 300, 700)); // looking at the candidates
    gapsMs.push(Math.round(between(rng, 200, 450))); // Enter: commit
    gapsMs[0] = Math.round(between(rng, 300, 800)); // reading what was committed, thinking of the next phrase
    out.push({ start, end: start + run.text.length, compositions, gapsMs });
    from = start + run.text.length;
  }
  return out;
}
