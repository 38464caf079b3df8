// Which language the demo "model" answers in: the script of what the user wrote. Japanese is the
// only one of the three with kana; Han characters without kana are taken as Chinese.

export type DemoLanguage = 'en' | 'ja' | 'zh';

const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
const HAN = /\p{Script=Han}/u;

/** A fenced code block (the closing fence as long as the opening one, as prompts write them). */
export const FENCED = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\S\n]*$/gm;

/** The text outside Markdown code (fences and inline code): code says nothing about the user's language. */
export function proseOf(text: string): string {
  return text.replace(FENCED, '').replace(/`[^`\n]*`/g, '');
}

/** kana → ja, Han without kana → zh, anything else → en (see the file comment). */
export function languageOf(text: string): DemoLanguage {
  const prose = proseOf(text);
  if (KANA.test(prose)) return 'ja';
  if (HAN.test(prose)) return 'zh';
  return 'en';
}

const NAMED: Record<string, DemoLanguage> = { japanese: 'ja', chinese: 'zh', 'simplified chinese': 'zh', 'traditional chinese': 'zh' };

/**
 * The language a prompt asks for in words ("Answer in Japanese.", as Explain Selection writes it from
 * the display language), if any: it wins over the script of code that may be quoted in the prompt.
 */
export function requestedLanguage(text: string): DemoLanguage | undefined {
  const named = /\bAnswer in ([A-Za-z ]+?)\./.exec(text)?.[1]?.toLowerCase();
  if (named === undefined) return undefined;
  return NAMED[named] ?? 'en';
}
