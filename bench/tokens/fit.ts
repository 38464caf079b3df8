// Fits the estimate's coefficients (tokens per character class) to reference counts: non-negative
// least squares on relative error, then scaled up so that no text of the corpus is undercounted.
import { CHAR_CLASS_NAMES, charClasses } from '../../src/core/tokens/char-classes';
import type { Coefficients } from '../../src/core/tokens/estimate';
import type { Count } from './references';

const MARGIN = 1.03;
// No class is ever free: a floor for classes the corpus has too little of to fit (rare scripts, emoji),
// and for letters, which `words` would otherwise absorb, counting a long identifier as one token.
const FLOOR: Partial<Coefficients> = { letters: 0.08, digits: 0.3, punctuation: 0.3, cjk: 0.6, kana: 0.6, hangul: 0.6, emoji: 1.5, other: 0.6 };

/** Fitted on `texts` (whole texts and their lines); scaled on `wholes`, each message's texts together:
 * a random id counted a little low inside its message is made up by the rest of it. */
export function fitCoefficients(texts: readonly string[], wholes: readonly string[], reference: Count): Coefficients {
  const rows: number[][] = [];
  const targets: number[] = [];
  for (const text of texts) {
    const tokens = reference(text);
    if (tokens < 3) continue;
    const classes = charClasses(text);
    // Divided by the count: each text weighs by its relative error, not its size.
    rows.push(CHAR_CLASS_NAMES.map((n) => classes[n] / tokens));
    targets.push(1);
  }
  const x = boundedLeastSquares(rows, targets, CHAR_CLASS_NAMES.map((n) => FLOOR[n] ?? 0));
  // Scale on texts big enough that rounding up to a whole token does not decide it.
  let scale = 1;
  for (const text of wholes) {
    const tokens = reference(text);
    const classes = charClasses(text);
    const estimate = CHAR_CLASS_NAMES.reduce((s, n, j) => s + classes[n] * (x[j] ?? 0), 0);
    if (tokens >= 8 && estimate > 0) scale = Math.max(scale, tokens / estimate);
  }
  return Object.fromEntries(CHAR_CLASS_NAMES.map((n, j) => [n, round(Math.max(FLOOR[n] ?? 0, (x[j] ?? 0) * scale * MARGIN))])) as unknown as Coefficients;
}

const round = (v: number): number => Math.ceil(v * 1000) / 1000;

/** min |Ax - b|² with x >= lower, by projected coordinate descent on the normal equations. */
function boundedLeastSquares(a: number[][], b: number[], lower: number[]): number[] {
  const n = CHAR_CLASS_NAMES.length;
  const g = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a.reduce((s, row, k) => s + (row[i] ?? 0) * (row[j] ?? 0) * (k >= 0 ? 1 : 0), 0)));
  const h = Array.from({ length: n }, (_, i) => a.reduce((s, row, k) => s + (row[i] ?? 0) * (b[k] ?? 0), 0));
  const x = [...lower];
  for (let round = 0; round < 5000; round++) {
    for (let j = 0; j < n; j++) {
      const gjj = g[j]?.[j] ?? 0;
      if (gjj === 0) continue;
      const grad = (g[j] ?? []).reduce((s, v, k) => s + v * (x[k] ?? 0), 0) - (h[j] ?? 0);
      x[j] = Math.max(lower[j] ?? 0, (x[j] ?? 0) - grad / gjj);
    }
  }
  return x;
}
