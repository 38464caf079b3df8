// `npm run fake-relay`: the test relay, by hand. PORT picks the port (default 0 = any free one).
import { FakeRelay } from './fake-relay';
import { PRESETS } from './presets';

async function main(): Promise<void> {
  const relay = await FakeRelay.start(Number(process.env.PORT ?? 0));
  if (process.env.FAKE_RELAY_KEY) relay.requireKey = process.env.FAKE_RELAY_KEY;
  relay.defaultScenario = { delayMs: Number(process.env.FAKE_RELAY_DELAY_MS ?? 25) };
  console.log(`fake relay listening: ${relay.baseUrl}`);
  console.log(`  SSE:       POST ${relay.baseUrl}/chat/completions`);
  console.log(`  WebSocket: ws://127.0.0.1:${relay.port}/v1/chat/completions`);
  console.log(`  models:    ${relay.models.join(', ')}`);
  console.log(`  faults by model name: ${Object.keys(PRESETS).join(', ')}`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
