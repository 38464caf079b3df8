// Token counts (issue 21): how far our counts are from the real tokenizers'. For each estimated family,
// every corpus conversation counted by our estimate and by the family's public tokenizer (same framing),
// the error in %: mean, best, worst, and the conversations we count low (a low count ends in "context
// length exceeded"), on the held-out half of the corpus (the fit never saw it) and on all of it.
// For OpenAI's encodings, our framing and tool rendering against gpt-tokenizer's chat count.
// Prints figures.   npm run bench:tokens        npm run bench:tokens -- --fit   (prints new coefficients)
import { COEFFICIENTS } from '../src/core/tokens/estimate';
import { countRequestTokens } from '../src/core/tokens/message-tokens';
import { estimateCounter } from '../src/core/tokens/token-counter';
import { openAiFraming } from './tokens/openai-framing';
import { CORPUS, FIT_HALF, type Conversation } from './tokens/corpus';
import { counterOf, fitCoefficients, TARGET } from './tokens/fit';
import { REFERENCE_NAMES, references, type Count, type EstimatedFamily } from './tokens/references';

const FAMILIES: EstimatedFamily[] = ['claude', 'gemini', 'deepseek', 'qwen', 'other'];
const pct = (ours: number, ref: number): number => ((ours - ref) / ref) * 100;
const fmt = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
const HELD_OUT = CORPUS.filter((c) => !FIT_HALF.has(c.name));

function errors(family: EstimatedFamily, reference: Count, conversations: readonly Conversation[]): number[] {
  const ref = counterOf(family, reference, true);
  return conversations.map((c) => pct(countRequestTokens(estimateCounter(family), c), countRequestTokens(ref, c)));
}

function row(label: string, errs: number[]): string {
  const mean = errs.reduce((s, e) => s + e, 0) / errs.length;
  const low = errs.filter((e) => e < 0);
  const lows = low.length ? `${low.length}, lowest ${fmt(Math.min(...low))}` : '0';
  return `${label.padEnd(19)} ${fmt(mean).padStart(7)} ${fmt(Math.min(...errs)).padStart(7)} ${fmt(Math.max(...errs)).padStart(7)}  ${lows}`;
}

async function main(): Promise<void> {
  const refs = references();
  if (process.argv.includes('--fit')) {
    const fitHalf = CORPUS.filter((c) => FIT_HALF.has(c.name));
    console.log(`Fitted on ${fitHalf.length} conversations (${[...FIT_HALF].join(', ')}); paste into src/core/tokens/estimate.ts:`);
    for (const family of FAMILIES) console.log(`  ${family}: ${JSON.stringify(fitCoefficients(family, fitHalf, refs[family])).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ')},`);
    return;
  }
  console.log(`Estimated families: our request count against the reference tokenizer, same framing, per conversation.`);
  console.log(`Fit on ${CORPUS.length - HELD_OUT.length} conversations to a mean of ${fmt((TARGET - 1) * 100)}, none more than 1% low; held out: ${HELD_OUT.map((c) => c.name).join(', ')}.`);
  console.log(`  ${'family / corpus'.padEnd(19)} ${'mean'.padStart(7)} ${'best'.padStart(7)} ${'worst'.padStart(7)}  conversations low`);
  for (const family of FAMILIES) {
    console.log(`  ${family}: ${REFERENCE_NAMES[family]}`);
    console.log(`    ${row(`held out (${HELD_OUT.length})`, errors(family, refs[family], HELD_OUT))}`);
    console.log(`    ${row(`all (${CORPUS.length})`, errors(family, refs[family], CORPUS))}`);
  }
  console.log('  (best = least over; a negative figure is an undercount.)');
  for (const family of FAMILIES) {
    const errs = errors(family, refs[family], CORPUS);
    console.log(`  ${family}: ${CORPUS.map((c, i) => `${c.name}${FIT_HALF.has(c.name) ? '' : '*'} ${fmt(errs[i] ?? 0)}`).join(', ')}`);
  }
  console.log('  (* held out)');
  await openAiFraming();
  console.log(`\nCoefficients in use: ${JSON.stringify(COEFFICIENTS.other)} (other)`);
}

main().catch((e) => { console.error(e); process.exit(1); });
