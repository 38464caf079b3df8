// `npm run fake-relay` (and the demo, scripts/start.sh): the test relay, by hand. PORT picks the port
// (default 0 = any free one). Chat answers are the demo's (demo/): Markdown in the question's
// language, FAKE_RELAY_DELAY_MS apart per token (default 16). Inline completions: FAKE_RELAY_FIM=0
// leaves only chat mode, FAKE_RELAY_CORRUPT=fence,think mangles chat-mode answers,
// FAKE_RELAY_FIRST_TOKEN_MS / FAKE_RELAY_TOKEN_MS pace them like a real model.
import type { Corruption } from './completion';
import { demoScenario, snippetCompletion } from './demo';
import { FakeRelay } from './fake-relay';
import { PRESETS } from './presets';
import { TOOL_MODEL_FIELDS } from './tool-presets';

async function main(): Promise<void> {
  const relay = await FakeRelay.start(Number(process.env.PORT ?? 0));
  if (process.env.FAKE_RELAY_KEY) relay.requireKey = process.env.FAKE_RELAY_KEY;
  relay.defaultScenario = demoScenario({ tokenMs: Number(process.env.FAKE_RELAY_DELAY_MS ?? 16) });
  // Listed with their capabilities, so VS Code's agent mode offers the tool-calling ones.
  relay.models.push(...Object.keys(TOOL_MODEL_FIELDS));
  Object.assign(relay.modelFields, TOOL_MODEL_FIELDS);
  const fim = process.env.FAKE_RELAY_FIM !== '0';
  Object.assign(relay.completion, {
    routes: { completions: fim, fim },
    corrupt: (process.env.FAKE_RELAY_CORRUPT ?? '').split(',').map((c) => c.trim()).filter(Boolean) as Corruption[],
    firstTokenMs: Number(process.env.FAKE_RELAY_FIRST_TOKEN_MS ?? 300),
    tokenMs: Number(process.env.FAKE_RELAY_TOKEN_MS ?? 15),
    fallback: snippetCompletion,
  });
  console.log(`fake relay listening: ${relay.baseUrl}`);
  console.log(`  SSE:       POST ${relay.baseUrl}/chat/completions`);
  console.log(`  WebSocket: ws://127.0.0.1:${relay.port}/v1/chat/completions`);
  console.log(`  models:    ${relay.models.join(', ')}`);
  const { corrupt, firstTokenMs, tokenMs } = relay.completion;
  console.log(`  completions: ${fim ? `POST ${relay.baseUrl}/completions and /fim/completions (FIM), ` : 'FIM routes off, '}chat mode on /chat/completions (SSE, WebSocket); corpus of ${relay.completion.files.length} files, first token ${firstTokenMs} ms, ${tokenMs} ms/token, corruptions: ${corrupt.join(',') || 'none'}`);
  console.log(`  chat: Markdown demo answers in the question's language (Japanese, Chinese or English); inline completions outside the corpus continue everyday code`);
  console.log(`  faults by model name: ${Object.keys(PRESETS).join(', ')}`);
  console.log(`  agent mode: fake-tools calls the first tool it is given (Japanese arguments), then answers quoting the result; fake-no-tools refuses tools`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
