import { dropThenContinue } from './continuation';
import { demoAnswer } from './demo';
import type { Scenario } from './scenario';
import { TOOL_PRESETS } from './tool-presets';

/**
 * Faults you can pick by model name when trying the extension by hand against `npm run fake-relay`
 * (e.g. set the model to `fake-stall`). Any model in the relay's list streams the default answer
 * (the demo's, under `npm run fake-relay`); `fake-sample` streams the mixed-script sample text.
 * `fake-drop`: every answer (the demo's) resets after 40 % of it; asked to continue, the relay sends the
 * rest, starting with the last three words again.
 * `fake-cached`, `fake-cached-anthropic`, `fake-cached-deepseek`: usage with 1,536 of 2,000 prompt tokens
 * from the cache, in each maker's shape; `fake-reasoning-tokens`: usage with 64 reasoning tokens (usage-shapes.ts).
 */
/** Reasoning for the `<think>` and OpenRouter presets: long enough to watch the Reasoning block fill. */
const THINKING = ['The user ', 'wants ', 'an answer. ', '日本語で', '考えます。\n', 'Let me ', 'check ', 'the details ', 'first.'];

export const PRESETS: Record<string, Scenario> = {
  'fake-sample': { delayMs: 25 },
  'fake-slow': { delayMs: 60 },
  'fake-long': { tokens: Array.from({ length: 400 }, (_, i) => (i % 40 === 39 ? '\n\n' : `語${i} `)), delayMs: 15 },
  'fake-stall': { stallAfter: 8, delayMs: 40 },
  'fake-reset': { resetAfter: 8, delayMs: 40 },
  'fake-drop': dropThenContinue(demoAnswer, { fault: 'reset', dropAt: 0.4, way: 'lastWords' }, { delayMs: 10 }),
  'fake-no-done': { done: false, finishReason: null, delayMs: 20 },
  'fake-error': { inBandError: { after: 5, style: 'data', error: { message: 'upstream overloaded', type: 'server_error' } }, delayMs: 30 },
  'fake-401': { status: 401, body: { error: { message: 'Invalid API key', code: 'invalid_api_key' } } },
  'fake-429': { status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'Rate limit reached', type: 'rate_limit_error' } } },
  'fake-502': { status: 502, contentType: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>' },
  'fake-no-stream': { wholeJson: true, reply: demoAnswer },
  'fake-reasoner': { reasoning: ['Let me ', 'think ', 'about it. '], delayMs: 30 },
  'fake-cached': { usageShape: 'openai-cached', delayMs: 20 },
  'fake-cached-anthropic': { usageShape: 'anthropic', delayMs: 20 },
  'fake-cached-deepseek': { usageShape: 'deepseek', delayMs: 20 },
  'fake-reasoning-tokens': { usageShape: 'reasoning', delayMs: 20 },
  'fake-think': { reasoning: THINKING, reasoningAs: 'think', delayMs: 30 },
  'fake-think-close': { reasoning: THINKING, reasoningAs: 'thinkClose', delayMs: 30 },
  'fake-reasoning-details': { reasoning: THINKING, reasoningAs: 'reasoning_details', delayMs: 30 },
  // Relays that refuse request fields for a model (refusals.ts): the client asks again adapted, once, and remembers.
  'fake-o-series': { refuse: { style: 'openai', fields: ['max_tokens', 'temperature', 'system'] }, delayMs: 20 },
  'fake-claude-thinking': { refuse: { style: 'anthropic', fields: ['temperature', 'top_p'] }, delayMs: 20 },
  'fake-vllm': { refuse: { style: 'vllm', fields: ['max_completion_tokens', 'system'] }, delayMs: 20 },
  // The agent loop: tool calls, their results, and models that cannot call tools (tool-presets.ts).
  ...TOOL_PRESETS,
};
