// Rules 3 and 4: what a chat model wraps around code — Markdown fences, a sentence introducing the
// answer, or a refusal instead of an answer. Chat answers go through these; a FIM model writes the
// document itself, where a "Note:" line can be real content, and a fence only in a document that has
// fences (Markdown, or code that holds Markdown).

import { isUsableLine } from './lines';

/** An opening fence: ``` or ~~~ (three or more), an optional info string such as `ts` or `python title="x"`. */
const FENCE = /^[ \t]*(`{3,}|~{3,})([^`]*)$/;

function isClosingFence(line: string, opening: string): boolean {
  const m = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m?.[1] !== undefined && m[1][0] === opening[0] && m[1].length >= opening.length;
}

/** Languages whose documents hold fences of their own. */
const FENCED_LANGUAGES = new Set(['markdown', 'mdx', 'quarto', 'rmd', 'plaintext', 'restructuredtext', 'asciidoc', 'latex']);

/**
 * Whether a fence in a FIM answer can only be the model's wrapping: the document is not one that
 * holds fences, and has none around the cursor. Unknown languages are given the benefit of the doubt.
 */
export function fencesAreForeign(languageId: string | undefined, prefix: string, suffix: string): boolean {
  if (languageId === undefined || FENCED_LANGUAGES.has(languageId)) return false;
  return !/^[ \t]*(?:`{3,}|~{3,})/m.test(prefix.slice(-6000) + suffix.slice(0, 1500));
}

/**
 * Keeps the inside of the first fenced block; prose before the fence and after its end goes with
 * it (in a Markdown document, only a fence of Markdown or of no language: others are content). An
 * unclosed fence (still streaming, or cut off) keeps everything after it. A fence that only closes
 * code the model started without one keeps the code before it.
 */
export function stripFences(text: string, languageId?: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => FENCE.test(line));
  const fence = FENCE.exec(lines[at] ?? '');
  const marker = fence?.[1];
  if (fence === null || marker === undefined) return text;
  // In a Markdown document, a fence naming another language (```bash) is the document's own snippet.
  const info = (fence[2] ?? '').trim().split(/\s/)[0] ?? '';
  if (FENCED_LANGUAGES.has(languageId ?? '') && info !== '' && !/^(?:markdown|md|mdx)$/i.test(info)) return text;
  const before = lines.slice(0, at);
  const closeAt = lines.findIndex((line, n) => n > at && isClosingFence(line, marker));
  const lastBefore = before.filter(isUsableLine).pop()?.trim() ?? '';
  const opens = (fence[2] ?? '').trim() !== '' || closeAt >= 0 || lastBefore === '' || /[:：]$/.test(lastBefore);
  if (!opens) return before.join('\n');
  const body = lines.slice(at + 1, closeAt < 0 ? undefined : closeAt);
  if (closeAt < 0) {
    // "return x;```": a closing fence glued to the last code line.
    const glued = body.findIndex((line) => line.trimEnd().endsWith(marker));
    if (glued >= 0) return [...body.slice(0, glued), (body[glued] ?? '').trimEnd().slice(0, -marker.length)].join('\n');
  }
  return body.join('\n');
}

/**
 * How an introduction starts. English phrases must be capitalised, as sentences are: that keeps
 * YAML keys such as `output:` or `result:` out. Each must be followed by a non-letter (word end).
 */
const ENGLISH_INTRO = [
  'Here is', "Here's", 'Here’s', 'Here are', 'Here you go', 'Sure', 'Certainly', 'Of course', 'Okay', 'OK', 'Alright',
  'Absolutely', 'Below is', 'This is', 'The completed', 'The completion', 'The complete', 'The code', 'The missing',
  'The inserted', 'The following', 'The rest', 'Completion', 'Completed', 'Output', 'Answer', 'Result', 'Code',
  'Insertion', 'Inserted', 'I have', "I've", 'To complete', 'You can', 'Let me', 'Based on',
];
/** Japanese and Chinese introductions ("以下が補完です：", "补全：", "这是…：") have no word boundary to check. */
const CJK_INTRO = [
  '以下', 'こちら', 'これ', '次の', '補完', '完成', 'コード', '出力', '回答', '答え', 'はい', '了解', '承知', 'もちろん', 'ここ',
  '这是', '这里', '下面', '补全', '补充', '代码', '输出', '答案', '结果', '好的', '当然', '没问题', '插入',
];
const INTRO = new RegExp(`^(?:(?:${ENGLISH_INTRO.join('|')})(?![\\p{L}\\p{N}_])|${CJK_INTRO.join('|')})`, 'u');

/** Words that answer a request: alone ("Sure", "はい。", "好的！") or opening a sentence ("Sure, here it is."). */
const INTERJECTIONS = 'Sure|Certainly|Of course|Okay|Alright|Absolutely|Here you go|はい|了解|承知|もちろん|好的|当然|没问题';
const BARE_INTERJECTION = new RegExp(`^(?:${INTERJECTIONS})[.!。！,，]?$`, 'u');
const INTERJECTION_SENTENCE = new RegExp(`^(?:${INTERJECTIONS})(?![\\p{L}\\p{N}_]).*[.!。！:：]$`, 'u');

/** A sentence that ends with a full stop introduces the answer only if it talks about the code. */
const ABOUT_THE_ANSWER = /\b(?:code|completion|completed|snippet|line|implementation)\b|コード|補完|补全|代码|代碼/iu;

/**
 * A line that introduces the answer rather than being part of it: it starts like an introduction
 * and ends with a colon ("Here is the completion:", "补全："), or it is an interjection ("Sure!"),
 * or a sentence about the code ("Here is the completed code.", "以下が補完したコードです。").
 */
export function isPreambleLine(line: string): boolean {
  const text = line.trim().replace(/^(\*\*|__)(.*)\1$/u, '$2').trim(); // **Completion:**
  if (/^(?:\/\/|\/\*|\*|#|--|<!--|;|%)/.test(text)) return false; // a comment is code, whatever it says
  if (/[={};]/.test(text.replace(/`[^`]*`/g, ''))) return false; // code outside inline `spans`
  if (BARE_INTERJECTION.test(text) || INTERJECTION_SENTENCE.test(text)) return true;
  if (!INTRO.test(text)) return false;
  return /[:：]$/.test(text) || (/[.!。！]$/.test(text) && ABOUT_THE_ANSWER.test(text));
}

/** Drops introductory lines ("Here is the completion:", "以下が補完です：") and the blank lines after them. */
export function stripPreamble(text: string): string {
  let out = text;
  for (let n = 0; n < 3; n++) {
    const lines = out.split('\n');
    const first = lines.findIndex(isUsableLine);
    if (first < 0 || !isPreambleLine(lines[first] ?? '')) break;
    out = lines.slice(first + 1).join('\n').replace(/^(?:[ \t]*\n)+/, '');
  }
  return out;
}

const REFUSAL = new RegExp(
  '^(?:' +
    [
      "I'm sorry", 'I am sorry', 'Sorry,', 'I cannot', "I can't", 'I can not', "I'm unable", 'I am unable', 'As an AI',
      'Unfortunately,', "I don't see", 'There is nothing to', 'Nothing to insert', 'Nothing to complete', 'No completion',
      'The code is already complete', '申し訳', 'すみません', '補完する必要はありません', '補完は不要', '抱歉', '很抱歉',
      '对不起', '我无法', '无法补全', '无需补全', '不需要补全',
    ].join('|') +
    ')',
  'iu',
);

/** A chat answer that declines or comments instead of completing: nothing in it is code to insert. */
export function isRefusal(text: string): boolean {
  return REFUSAL.test(text.trimStart());
}
