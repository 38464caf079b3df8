// The cl100k_base encoding (gpt-4, gpt-3.5, text-embedding-3): about 1 MB of ranks, bundled apart
// (dist/tokens-cl100k.js) and loaded by the first count (see encoding.ts).
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';

export const count = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });
