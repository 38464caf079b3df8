// gpt-tokenizer's per-encoding entry points are reached through its package `exports`, which the
// project's `moduleResolution: node` does not read: the little of them we call, typed here.
declare module 'gpt-tokenizer/encoding/o200k_base' {
  export function countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}
declare module 'gpt-tokenizer/encoding/cl100k_base' {
  export function countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}
