/**
 * A glob as VS Code's settings write them (`**`, `*`, `?`, `{a,b}` nested, `[a-z]`), matched against
 * `/`-separated paths. Matching ignores case unless told otherwise: `.ENV` on Windows or macOS is the
 * same file, and a pattern that guards secrets errs on the side of matching.
 *
 * No regular expression: a workspace's settings can add patterns and they are matched on every
 * keystroke, so a pattern like `*a*a*a*a*b` must not backtrack. The glob becomes a small automaton
 * stepped over the path once, keeping every state it can be in: the cost is at most the pattern's
 * size times the path's length, whatever the pattern.
 */

/** Why a pattern cannot be compiled: a range written backwards (`[z-a]`), or a pattern too big to match each keystroke. */
export type GlobProblem = 'range' | 'size';

/** A pattern that cannot be compiled; `range` is the backwards range as written. */
export class GlobError extends Error {
  readonly problem: GlobProblem;
  readonly range: string | undefined;

  constructor(message: string, problem: GlobProblem, range?: string) {
    super(message);
    this.problem = problem;
    this.range = range;
  }
}

export interface GlobMatcher {
  test(path: string): boolean;
}

/**
 * Limits that keep each keystroke's matching small: a pattern's length, and the number and total
 * length of the alternatives its braces expand to. A pattern beyond them is refused.
 */
const MAX_LENGTH = 1024;
const MAX_ALTERNATIVES = 256;
const MAX_EXPANDED_LENGTH = 8192;

/** Throws GlobError when the pattern cannot be compiled. */
export function compileGlob(glob: string, options: { ignoreCase?: boolean } = {}): GlobMatcher {
  if (glob.length > MAX_LENGTH) throw new GlobError(`it is longer than ${MAX_LENGTH} characters`, 'size');
  const ignoreCase = options.ignoreCase !== false;
  const fold = ignoreCase ? lowerCase : (text: string) => text;
  const alternatives = expandBraces(glob.replace(/\\/g, '/'));
  if (alternatives.reduce((sum, a) => sum + a.length, 0) > MAX_EXPANDED_LENGTH) throw new GlobError(`its braces expand to more than ${MAX_EXPANDED_LENGTH} characters`, 'size');
  const automata = alternatives.map((alternative) => automaton(steps(alternative, fold, ignoreCase)));
  return { test: (path) => {
    const folded = fold(path);
    return automata.some((a) => run(a, folded));
  } };
}

/**
 * Lower case, a character of the pattern alone as the path whole: the same either way, but for the
 * Greek final sigma, which is made the ordinary one on both sides.
 */
const lowerCase = (text: string) => text.toLowerCase().replace(/ς/g, 'σ');

/**
 * One step of the automaton, over UTF-16 code units (as a regular expression without `u` would).
 * `one` consumes a character it accepts; `star` consumes any number of them (never `/` unless
 * `slash`); `skip` consumes nothing and goes on either to the next step or `jump` steps ahead (an
 * optional group: a leading `**` and its `/` are "nothing, or anything ending in `/`").
 */
type Step = { kind: 'one'; accepts: (c: number) => boolean; literal?: number } | { kind: 'star'; slash: boolean } | { kind: 'skip'; jump: number };

const SLASH = 0x2f;
const literal = (ch: number): Step => ({ kind: 'one', accepts: (c) => c === ch, literal: ch });
const notSlash: Step = { kind: 'one', accepts: (c) => c !== SLASH };
/** The `/` of an optional group: not a plain character, since the group may be skipped. */
const slash: Step = { kind: 'one', accepts: (c) => c === SLASH };
const anything = (): Step => ({ kind: 'star', slash: true });

function steps(glob: string, fold: (text: string) => string, ignoreCase: boolean): Step[] {
  // `**/**/` is `**/`; collapsing the run keeps the automaton as small as the pattern means.
  const chars = Array.from(glob.replace(/(?:\*\*\/)+/g, '**/'));
  const out: Step[] = [];
  /** Where the last plain `/` went: a trailing `/**` takes it into its optional group. */
  let plainSlashAt = -1;
  const push = (...more: Step[]) => {
    for (const step of more) {
      const last = out[out.length - 1];
      // A run of stars (`***`, `a***b`) is one star: fewer states, same language.
      if (step.kind === 'star' && last?.kind === 'star') last.slash ||= step.slash;
      else out.push(step);
    }
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '*' && chars[i + 1] === '*') {
      const slashBefore = i === 0 || chars[i - 1] === '/';
      const atEnd = i + 2 === chars.length;
      // `**/` is any number of folders, none included; a trailing `/**` is the folder's whole content.
      if (slashBefore && chars[i + 2] === '/') { push({ kind: 'skip', jump: 3 }, anything(), slash); i += 2; continue; }
      if (slashBefore && atEnd && plainSlashAt === out.length - 1 && i > 0) { out.pop(); push({ kind: 'skip', jump: 3 }, slash, anything()); i += 1; continue; }
      push(anything());
      i += 1;
      continue;
    }
    if (c === '*') { push({ kind: 'star', slash: false }); continue; }
    if (c === '?') { push(notSlash); continue; }
    if (c === '[') {
      const end = chars.indexOf(']', i + 2);
      if (end > i) {
        push(characterClass(chars.slice(i + 1, end), ignoreCase));
        i = end;
        continue;
      }
    }
    const folded = fold(c);
    for (let u = 0; u < folded.length; u++) push(literal(folded.charCodeAt(u)));
    if (c === '/') plainSlashAt = out.length - 1;
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!a-z]` (or `^`): one character of the set, or of its complement. */
function characterClass(body: string[], ignoreCase: boolean): Step {
  const negated = body[0] === '!' || body[0] === '^';
  const items = negated ? body.slice(1) : body;
  const ranges: [number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    const lo = items[i] as string;
    const hi = items[i + 2];
    if (items[i + 1] === '-' && hi !== undefined) {
      if (lo.charCodeAt(0) > hi.charCodeAt(0)) throw new GlobError(`the range ${lo}-${hi} runs backwards`, 'range', `${lo}-${hi}`);
      ranges.push([lo.charCodeAt(0), hi.charCodeAt(0)]);
      i += 2;
    } else ranges.push([lo.charCodeAt(0), lo.charCodeAt(0)]);
  }
  const inSet = (code: number) => ranges.some(([lo, hi]) => code >= lo && code <= hi);
  // The path is in lower case: the set is tried in upper case too, so `[A-Z]` still ignores case.
  const member = (c: number) => inSet(c) || (ignoreCase && inSet(String.fromCharCode(c).toUpperCase().charCodeAt(0)));
  return { kind: 'one', accepts: (c) => member(c) !== negated };
}

interface Automaton {
  steps: Step[];
  /** The plain characters the pattern ends with: a path that does not end with them is refused at once (most paths, most patterns). */
  ending: string;
}

function automaton(steps: Step[]): Automaton {
  const ending: number[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const step = steps[k] as Step;
    if (step.kind !== 'one' || step.literal === undefined) break;
    ending.unshift(step.literal);
  }
  return { steps, ending: String.fromCharCode(...ending) };
}

/** Runs the automaton over the path, one set of states per character: no backtracking. */
function run({ steps: automaton, ending }: Automaton, path: string): boolean {
  if (!path.endsWith(ending)) return false;
  const n = automaton.length;
  let states = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  states[0] = 1;
  close(automaton, states);
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    next.fill(0);
    let alive = false;
    for (let k = 0; k < n; k++) {
      if (!states[k]) continue;
      const step = automaton[k] as Step;
      if (step.kind === 'one' && step.accepts(c)) { next[k + 1] = 1; alive = true; }
      if (step.kind === 'star' && (step.slash || c !== SLASH)) { next[k] = 1; alive = true; }
    }
    if (!alive) return false;
    close(automaton, next);
    [states, next] = [next, states];
  }
  return states[n] === 1;
}

/** Adds the states reachable without consuming a character; every such move goes forward, so one pass. */
function close(automaton: Step[], states: Uint8Array): void {
  for (let k = 0; k < automaton.length; k++) {
    if (!states[k]) continue;
    const step = automaton[k] as Step;
    if (step.kind === 'star') states[k + 1] = 1;
    if (step.kind === 'skip') { states[k + 1] = 1; states[k + step.jump] = 1; }
  }
}

/**
 * `a{b,{c,d}e}` → `ab`, `ace`, `ade`: braces matched by depth. A `{` without its `}` is a plain
 * character. Refuses a pattern whose alternatives would be too many or too long to match each keystroke.
 */
export function expandBraces(glob: string): string[] {
  const chars = Array.from(glob);
  const open = chars.indexOf('{');
  let close = -1;
  let depth = 0;
  const commas: number[] = [];
  for (let i = Math.max(open, 0); open >= 0 && i < chars.length; i++) {
    if (chars[i] === '{') depth++;
    else if (chars[i] === '}' && --depth === 0) { close = i; break; }
    else if (chars[i] === ',' && depth === 1) commas.push(i);
  }
  if (open < 0) return [glob];
  if (close < 0) {
    // This `{` is never closed: it is a character, and a later, closed brace still counts.
    const rest = expandBraces(chars.slice(open + 1).join(''));
    return rest.map((r) => chars.slice(0, open + 1).join('') + r);
  }
  const before = chars.slice(0, open).join('');
  const bounds = [open, ...commas, close];
  const inner = bounds.slice(1).flatMap((end, j) => expandBraces(chars.slice((bounds[j] as number) + 1, end).join('')));
  const after = expandBraces(chars.slice(close + 1).join(''));
  if (inner.length * after.length > MAX_ALTERNATIVES) throw new GlobError(`its braces make more than ${MAX_ALTERNATIVES} alternatives`, 'size');
  return inner.flatMap((i) => after.map((a) => before + i + a));
}
