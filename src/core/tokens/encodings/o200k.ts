// The o200k_base encoding (gpt-4o, gpt-4.1, gpt-5, o-series, gpt-oss): about 2 MB of ranks, so the
// extension's build bundles it apart (dist/tokens-o200k.js), loaded by the first count (see encoding.ts).
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

export const count = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });
