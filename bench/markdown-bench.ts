// Which Markdown library renders a streaming answer fastest, and what incremental rendering buys.
// Renders to HTML strings in Node (the DOM side is the same for both libraries). Prints figures.
//   node out/bench/markdown-bench.js      env: MD_TOKENS (naive run, default 3000), MD_LONG (incremental, 50000)
import MarkdownIt from 'markdown-it';
import { MarkdownStream } from '../src/webview/render/markdown-stream';

type Render = (markdown: string) => string;

const TOKENS_PER_FRAME = 4; // ~240 tokens/s at 60 frames/s

/** A long, realistic answer: paragraphs, lists, CJK, inline code and fenced code, as tokens. */
function answerTokens(count: number): string[] {
  const parts = [
    '## 手順 {n}\n\n', 'This step explains how the **relay** streams `chat.completion.chunk` objects. ',
    '日本語の説明と中文的解释が混ざります。', 'See [the docs](https://example.com/docs) for details.\n\n',
    '- first item with `code`\n', '- second item 二番目\n', '- third item\n\n',
    '```ts\n', 'export function add(a: number, b: number): number {\n', '  return a + b; // 加算\n', '}\n', '```\n\n',
    '> A quote with *emphasis* and 引用。\n\n', '| col | 列 |\n|---|---|\n| 1 | 一 |\n\n',
  ];
  const text = Array.from({ length: Math.ceil(count / 40) }, (_, i) => parts.join('').replace('{n}', String(i))).join('');
  const tokens: string[] = [];
  for (let i = 0; i < text.length && tokens.length < count;) {
    const n = 1 + (i % 4);
    tokens.push(text.slice(i, i + n));
    i += n;
  }
  return tokens;
}

/** Every frame: render the whole answer again. */
function naive(render: Render, tokens: string[]): number[] {
  const costs: number[] = [];
  let text = '';
  for (let i = 0; i < tokens.length; i += TOKENS_PER_FRAME) {
    text += tokens.slice(i, i + TOKENS_PER_FRAME).join('');
    const t = performance.now();
    render(text);
    costs.push(performance.now() - t);
  }
  return costs;
}

/** Every frame: render newly finished blocks once (kept), then only the open tail (the panel's MarkdownStream). */
function incremental(render: Render, tokens: string[]): number[] {
  const costs: number[] = [];
  const stream = new MarkdownStream((markdown) => render(markdown));
  let html = 0;
  for (let i = 0; i < tokens.length; i += TOKENS_PER_FRAME) {
    stream.append(tokens.slice(i, i + TOKENS_PER_FRAME).join(''));
    const t = performance.now();
    const update = stream.update(false);
    html += (update.added?.length ?? 0) + (update.tail?.length ?? 0);
    costs.push(performance.now() - t);
  }
  if (html < 0) console.log(html); // keep the work observable
  return costs;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
/** Cost per token over a token range (frames cover TOKENS_PER_FRAME tokens each). */
const perToken = (costs: number[], fromToken: number, toToken: number) =>
  sum(costs.slice(Math.floor(fromToken / TOKENS_PER_FRAME), Math.ceil(toToken / TOKENS_PER_FRAME))) / (toToken - fromToken);

async function main(): Promise<void> {
  const md = new MarkdownIt({ html: false, linkify: false });
  const libraries: [string, Render][] = [['markdown-it', (s) => md.render(s)]];
  // The comparison that chose markdown-it: `npm i --no-save marked` first to include it.
  try {
    const { marked } = (await import('marked' as string)) as { marked: { parse(s: string, o: { async: false }): string } };
    libraries.push(['marked', (s) => marked.parse(s, { async: false })]);
  } catch {
    console.log('(marked not installed: comparing strategies for markdown-it only)');
  }
  const shortCount = Number(process.env.MD_TOKENS ?? 3000);
  const longCount = Number(process.env.MD_LONG ?? 50_000);
  const short = answerTokens(shortCount);
  const long = answerTokens(longCount);
  for (const [, render] of libraries) incremental(render, short); // warm up
  console.log(`markdown-bench  node ${process.version}  ${TOKENS_PER_FRAME} tokens per frame`);
  console.log(`\n${shortCount}-token answer: whole answer per frame vs frozen blocks + tail`);
  for (const [name, render] of libraries) {
    const n = naive(render, short);
    const inc = incremental(render, short);
    console.log(`  ${name.padEnd(12)} naive ${sum(n).toFixed(0).padStart(6)} ms   incremental ${sum(inc).toFixed(0).padStart(4)} ms   (${(sum(n) / sum(inc)).toFixed(0)}x less)`);
  }
  console.log(`\n${longCount}-token answer, incremental: cost per token, first vs last 1,000 tokens`);
  for (const [name, render] of libraries) {
    const inc = incremental(render, long);
    const first = perToken(inc, 0, 1000) * 1000;
    const last = perToken(inc, long.length - 1000, long.length) * 1000;
    console.log(`  ${name.padEnd(12)} total ${sum(inc).toFixed(0).padStart(5)} ms   first 1k ${first.toFixed(1).padStart(5)} µs/token   last 1k ${last.toFixed(1).padStart(5)} µs/token   ratio ${(last / first).toFixed(2)}x`);
  }
}

void main();
