// gpt-tokenizer's per-encoding entry points are reached through its package `exports`, which the
// project's `moduleResolution: node` does not read: the little of them we call, typed here.
declare module 'gpt-tokenizer/encoding/o200k_base' {
  export function countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}
declare module 'gpt-tokenizer/encoding/cl100k_base' {
  export function countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}
// The bench's reference for OpenAI's chat framing (bench/token-count-bench.ts).
declare module 'gpt-tokenizer/model/gpt-4o' {
  export function countTokens(text: string): number;
  export function countChatCompletionTokens(request: { messages: { role: string; content: string }[]; functions?: unknown[] }): number;
}
declare module 'gpt-tokenizer/model/gpt-4-turbo' {
  export function countChatCompletionTokens(request: { messages: { role: string; content: string }[]; functions?: unknown[] }): number;
}
