/**
 * Inline completions want a cheap, fast model that writes code; the chat model is often neither.
 * Families in order of preference (a coding FIM model, then the cheap fast tiers the relays resell).
 */
const PREFERRED = [
  /codestral/i,
  /deepseek-(?:v3(?:\.\d)?|chat|coder)(?!.*reason)/i,
  /qwen.*coder/i,
  /gemini-[\d.]+-flash(?!-thinking)/i,
  /gpt-4\.1-(?:mini|nano)/i,
  /gpt-4o-mini/i,
  /claude-(?:3-5-|)haiku|haiku/i,
  /(?:mini|flash|lite|nano)(?!.*(?:reason|think))/i,
];

/** The completion model to use when none is set: the first preferred family the relay lists, else `fallback`. */
export function pickCompletionModel(available: string[], fallback: string): string {
  for (const family of PREFERRED) {
    const match = available.filter((m) => family.test(m)).sort((a, b) => a.length - b.length)[0];
    if (match) return match;
  }
  return fallback;
}
