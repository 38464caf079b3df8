import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RelayClient } from '../../../../src/core';
import { ask, collect, freePort } from '../../support/helpers';

// An OpenAI-compatible server we did not write: npm @dwmkerr/mock-llm, started as a child process.
// Its default rule echoes the last user message; streaming cuts it into 50-character chunks.


describe('against @dwmkerr/mock-llm (a server we did not write)', function () {
  this.timeout(30_000);
  let child: ChildProcess;
  let baseUrl: string;
  let dir: string;

  before(async () => {
    const port = await freePort();
    const main = require.resolve('@dwmkerr/mock-llm/dist/main.js');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-llm-'));
    fs.writeFileSync(path.join(dir, 'mock-llm.yaml'), 'streaming:\n  chunkSize: 7\n  chunkIntervalMs: 5\n');
    child = spawn(process.execPath, [main], { cwd: dir, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    baseUrl = `http://127.0.0.1:${port}/v1`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        await new RelayClient({ providers: [{ id: 'm', baseUrl }] }).listModels();
        break;
      } catch {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`mock-llm did not start:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  after(() => {
    child?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists its models', async () => {
    const models = await new RelayClient({ providers: [{ id: 'm', baseUrl }] }).listModels();
    assert.ok(models.length > 0);
  });

  it('streams an echoed CJK + emoji message intact over SSE', async () => {
    const message = '日本語とemoji 🙂👍🏽 と中文：你好世界。 Long enough to span several chunks of seven.';
    const client = new RelayClient({ providers: [{ id: 'm', baseUrl, apiKey: 'sk-anything-123456' }], transport: 'sse' });
    const out = await collect(client.streamChat(ask(message, 'gpt-4')));
    assert.equal(out.error, undefined, out.error?.message);
    assert.equal(out.text, message);
    assert.equal(out.last.type, 'done');
    assert.ok(out.events.filter((e) => e.type === 'text').length > 5, 'arrived in several pieces');
  });

  it('falls back to SSE under auto (it has no WebSocket endpoint)', async () => {
    const client = new RelayClient({ providers: [{ id: 'm', baseUrl }], transport: 'auto' });
    const out = await collect(client.streamChat(ask('auto transport', 'gpt-4')));
    assert.equal(out.text, 'auto transport');
    assert.equal(client.rememberedTransports()[baseUrl], 'sse');
    client.close();
  });
});
