// The WebSocket side of stream-bench: our client over its kept socket (chunks dialect) next to a
// bare `ws` client that JSON.parses each message, both on one kept socket across runs, as the
// extension keeps its socket. Each message is one chat.completion.chunk, then [DONE].
import WebSocket from 'ws';
import { RelayClient } from '../src/core';

export interface WsOutcome {
  text: string;
}

export interface WsContender {
  key: string;
  label: string;
  run(): Promise<WsOutcome>;
}

/** One kept socket; each run sends a request and reads until [DONE]. */
function keptSocket(url: string, onMessage: (data: WebSocket.RawData) => boolean): () => Promise<void> {
  let socket: WebSocket | undefined;
  const open = () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  return async () => {
    socket ??= await open();
    const ws = socket;
    await new Promise<void>((resolve) => {
      const listener = (data: WebSocket.RawData) => {
        if (onMessage(data)) {
          ws.off('message', listener);
          resolve();
        }
      };
      ws.on('message', listener);
      ws.send('{"model":"bench","messages":[{"role":"user","content":"hi"}],"stream":true}');
    });
  };
}

export function wsContenders(port: number): WsContender[] {
  const base = `http://127.0.0.1:${port}/ws/v1`;
  const url = `ws://127.0.0.1:${port}/ws/v1/chat/completions`;
  let text = '';
  const bare = keptSocket(url, (data) => {
    const s = (data as Buffer).toString('utf8');
    if (s === '[DONE]') return true;
    const chunk = JSON.parse(s) as { choices: { delta: { content?: string } }[] };
    text += chunk.choices[0]?.delta.content ?? '';
    return false;
  });
  const relay = new RelayClient({
    providers: [{ id: 'bench', baseUrl: base, apiKey: 'bench-key-123' }], transport: 'websocket', includeUsage: false,
  });
  return [
    {
      key: 'ws-bare',
      label: 'ws + JSON.parse',
      run: async () => {
        text = '';
        await bare();
        return { text };
      },
    },
    {
      key: 'ws-relay',
      label: 'RelayClient over WebSocket (ours)',
      run: async () => {
        let out = '';
        let last: unknown;
        for await (const ev of relay.streamChat({ model: 'bench', messages: [{ role: 'user', content: 'hi' }] })) {
          if (ev.type === 'text') out += ev.text;
          last = ev;
        }
        const end = last as { type?: string; finishReason?: unknown } | undefined;
        if (end?.type !== 'done' || end.finishReason !== 'stop') throw new Error(`RelayClient (WebSocket) did not end with done/stop: ${JSON.stringify(end)}`);
        return { text: out };
      },
    },
  ];
}
