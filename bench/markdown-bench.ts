// Which Markdown library renders a streaming answer fastest, and what incremental rendering buys.
// Renders to HTML strings in Node (the DOM side is the same for both libraries). Prints figures.
//   node out/bench/markdown-bench.js      env: MD_TOKENS (naive run, default 3000), MD_LONG (incremental, 50000)
import MarkdownIt from 'markdown-it';
import { MarkdownStream } from '../src/webview/render/markdown-stream';
import { markdownHtml } from '../src/webview/render/parse';

type Render = (markdown: string) => string;
/** What the panel's stream renders with (a library's render takes the Markdown only). */
type StreamRender = ConstructorParameters<typeof MarkdownStream<string>>[0];

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
  return cut(text).slice(0, count);
}

/** One numbered list of `steps` items, each with a paragraph and a code block: the list stays open to its end. */
function stepsTokens(steps: number): string[] {
  // An item's blocks are indented to its text: 3 spaces under "9. ", 4 under "10. ".
  const item = (n: number, pad = ' '.repeat(`${n + 1}. `.length)) => `${n + 1}. Run step ${n + 1} of the migration, 手順 ${n + 1}:\n\n${pad}\`\`\`bash\n${pad}relay migrate --step ${n + 1} --dry-run\n${pad}\`\`\`\n\n`;
  return cut(Array.from({ length: steps }, (_, n) => item(n)).join(''));
}

/** One table of `rows` rows with aligned columns: it stays open to its end. */
function tableTokens(rows: number): string[] {
  const row = (n: number) => `| ${n} | 手順 ${n} | \`relay --step ${n}\` | ${n % 2 ? 'yes' : 'no'} |\n`;
  return cut(`| # | 名前 | command | ok |\n|--:|:--|:-:|---|\n${Array.from({ length: rows }, (_, n) => row(n)).join('')}\nDone.\n`);
}

/** Tokens of 1–4 characters. */
function cut(text: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < text.length;) {
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
function incremental(render: StreamRender, tokens: string[]): number[] {
  const costs: number[] = [];
  const stream = new MarkdownStream<string>(render);
  let html = 0;
  for (let i = 0; i < tokens.length; i += TOKENS_PER_FRAME) {
    stream.append(tokens.slice(i, i + TOKENS_PER_FRAME).join(''));
    const t = performance.now();
    const update = stream.update(false);
    html += (update.added?.length ?? 0) + (update.tail?.length ?? 0) + (update.items?.length ?? 0);
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
  for (const [, render] of libraries) incremental((m) => render(m), short); // warm up
  console.log(`markdown-bench  node ${process.version}  ${TOKENS_PER_FRAME} tokens per frame`);
  console.log(`\n${shortCount}-token answer: whole answer per frame vs frozen blocks + tail`);
  for (const [name, render] of libraries) {
    const n = naive(render, short);
    const inc = incremental((m) => render(m), short);
    console.log(`  ${name.padEnd(12)} naive ${sum(n).toFixed(0).padStart(6)} ms   incremental ${sum(inc).toFixed(0).padStart(4)} ms   (${(sum(n) / sum(inc)).toFixed(0)}x less)`);
  }
  console.log(`\n${longCount}-token answer, incremental: cost per token, first vs last 1,000 tokens`);
  for (const [name, render] of libraries) {
    const inc = incremental((m) => render(m), long);
    const first = perToken(inc, 0, 1000) * 1000;
    const last = perToken(inc, long.length - 1000, long.length) * 1000;
    console.log(`  ${name.padEnd(12)} total ${sum(inc).toFixed(0).padStart(5)} ms   first 1k ${first.toFixed(1).padStart(5)} µs/token   last 1k ${last.toFixed(1).padStart(5)} µs/token   ratio ${(last / first).toFixed(2)}x`);
  }
  // The panel's renderer (a list's looseness kept across its parts), on answers that are one open block.
  const panel: StreamRender = (markdown, final, references, looseList) => markdownHtml(markdown, final, references, looseList);
  console.log('\none block that stays open to the end, incremental (the panel\'s renderer): cost per token, first vs last 1,000 tokens');
  for (const [name, tokens] of [['200 numbered steps with code', stepsTokens(200)], ['a table of 1,000 rows', tableTokens(1000)]] as const) {
    const inc = incremental(panel, [...tokens]);
    const first = perToken(inc, 0, 1000) * 1000;
    const last = perToken(inc, tokens.length - 1000, tokens.length) * 1000;
    console.log(`  ${name.padEnd(30)} ${tokens.length} tokens, total ${sum(inc).toFixed(0).padStart(5)} ms   first 1k ${first.toFixed(1).padStart(6)} µs/token   last 1k ${last.toFixed(1).padStart(6)} µs/token   ratio ${(last / first).toFixed(2)}x`);
  }
}

void main();
