// Token counts (issue 21): how far our counts are from the real tokenizers'. For each estimated family,
// every corpus conversation counted by our estimate and by the family's public tokenizer (same framing),
// the error in %: mean, worst, and whether we ever count low (a low count ends in "context length
// exceeded"). For OpenAI's encodings, our framing and tool rendering against gpt-tokenizer's chat count.
// Prints figures.   npm run bench:tokens        npm run bench:tokens -- --fit   (prints new coefficients)
import { countTokens as o200kChat, countChatCompletionTokens as o200kRequest } from 'gpt-tokenizer/model/gpt-4o';
import { countChatCompletionTokens as cl100kRequest } from 'gpt-tokenizer/model/gpt-4-turbo';
import { COEFFICIENTS } from '../src/core/tokens/estimate';
import { countMessageTokens, countRequestTokens, countToolTokens } from '../src/core/tokens/message-tokens';
import { estimateCounter, tokenCounterFor, type TokenCounter } from '../src/core/tokens/token-counter';
import { CORPUS, TOOLS } from './tokens/corpus';
import { fitCoefficients } from './tokens/fit';
import { REFERENCE_NAMES, references, type EstimatedFamily } from './tokens/references';

const FAMILIES: EstimatedFamily[] = ['claude', 'gemini', 'deepseek', 'qwen', 'other'];
const pct = (ours: number, ref: number): number => ((ours - ref) / ref) * 100;
const fmt = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;

/** Every text the counters count, line by line too; the fit's scale is set on `messages` (see fit.ts). */
function corpusTexts(): { texts: string[]; messages: string[] } {
  const texts: string[] = [];
  const messages: string[] = [];
  for (const { messages: turns, tools } of CORPUS) {
    for (const m of turns) {
      const calls = (m.toolCalls ?? []).flatMap((c) => [c.name, c.arguments, c.id]);
      texts.push(m.content, ...m.content.split('\n'), ...calls);
      messages.push([m.content, ...calls, m.toolCallId ?? ''].join('\n'));
    }
    for (const t of tools ?? []) texts.push(JSON.stringify({ type: 'function', function: t }));
    if (tools) messages.push(tools.map((t) => JSON.stringify({ type: 'function', function: t })).join('\n'));
  }
  return { texts: texts.filter((t) => t.trim() !== ''), messages: messages.filter((t) => t.trim() !== '') };
}

async function main(): Promise<void> {
  const refs = references();
  if (process.argv.includes('--fit')) {
    const { texts, messages } = corpusTexts();
    console.log('Fitted coefficients (paste into src/core/tokens/estimate.ts):');
    for (const family of FAMILIES) console.log(`  ${family}: ${JSON.stringify(fitCoefficients(texts, messages, refs[family])).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ')},`);
    return;
  }
  console.log('Estimated families: our request count against the reference tokenizer, same framing (per conversation)');
  console.log(`  ${'family'.padEnd(9)} ${'mean'.padStart(7)} ${'best'.padStart(7)} ${'worst'.padStart(7)}  msgs low  reference`);
  for (const family of FAMILIES) {
    const ours = estimateCounter(family);
    const ref: TokenCounter = { family, exact: true, count: refs[family] };
    const errors = CORPUS.map((c) => pct(countRequestTokens(ours, c), countRequestTokens(ref, c)));
    const low = CORPUS.flatMap((c) => c.messages).filter((m) => countMessageTokens(ours, m) < countMessageTokens(ref, m)).length;
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    console.log(`  ${family.padEnd(9)} ${fmt(mean).padStart(7)} ${fmt(Math.min(...errors)).padStart(7)} ${fmt(Math.max(...errors)).padStart(7)}  ${String(low).padStart(4)}  ${REFERENCE_NAMES[family]}`);
  }
  console.log('  (best = least over; a negative best is an undercount. "msgs low": corpus messages counted low.)');
  for (const family of FAMILIES) {
    const rows = CORPUS.map((c) => `${c.name} ${fmt(pct(countRequestTokens(estimateCounter(family), c), countRequestTokens({ family, exact: true, count: refs[family] }, c)))}`);
    console.log(`  ${family}: ${rows.join(', ')}`);
  }
  await openAiFraming();
  console.log(`\nCoefficients in use: ${JSON.stringify(COEFFICIENTS.other)} (other)`);
}

/** Our OpenAI framing (3 per message + role, 3 priming; tools as the namespace) against gpt-tokenizer's. */
async function openAiFraming(): Promise<void> {
  console.log('\nOpenAI encodings: our request count against gpt-tokenizer countChatCompletionTokens (tool calls dropped: it has no tool_calls)');
  for (const [model, theirs] of [['gpt-4o', o200kRequest], ['gpt-4-turbo', cl100kRequest]] as const) {
    const counter = await tokenCounterFor(model);
    for (const c of CORPUS) {
      const messages = c.messages.filter((m) => !m.toolCalls && m.role !== 'tool').map((m) => ({ role: m.role, content: m.content }));
      const ours = countRequestTokens(counter, { messages });
      const ref = theirs({ messages });
      const tools = c.tools ? ` | tools ours ${countToolTokens(counter, c.tools)} vs ${theirs({ messages: [], functions: c.tools as never }) - theirs({ messages: [] })}` : '';
      console.log(`  ${model.padEnd(11)} ${c.name.padEnd(16)} ours ${String(ours).padStart(5)} vs ${String(ref).padStart(5)} (${fmt(pct(ours, ref))})${tools}`);
    }
  }
  const rule = 3 + 1 + o200kChat('Hello, world!') + 3;
  console.log(`  OpenAI's published rule for one user message "Hello, world!": ${rule}; ours ${countRequestTokens(await tokenCounterFor('gpt-4o'), { messages: [{ role: 'user', content: 'Hello, world!' }] })}; all ${TOOLS.length} tools: ${countToolTokens(await tokenCounterFor('gpt-4o'), TOOLS)}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
