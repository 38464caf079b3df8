import * as assert from 'node:assert/strict';
import type { ChatRequest, HostToWebview } from '../../../../src/shared/protocol';
import { ChatRequests } from '../../../../src/vscode/chat/chat-requests';
import type { AnswerRunner } from '../../../../src/vscode/chat/answer-runner';
import type { ChatNavigation } from '../../../../src/vscode/chat/chat-navigation';
import type { ChatScreen } from '../../../../src/vscode/chat/chat-screen';
import type { ChatTurns } from '../../../../src/vscode/chat/chat-turns';

/** The router over fakes that record what they were asked; `refuse` makes send and edit throw that message. */
function router(refuse?: string) {
  const calls: string[] = [];
  const posted: HostToWebview[] = [];
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const accepted = async (call: string) => {
    calls.push(call);
    if (refuse) throw new Error(refuse);
    return { answered };
  };
  const turns = {
    accept: (text: string, attachments: unknown[]) => accepted(`accept ${text} ${attachments.length}`),
    acceptEdit: (id: string, text: string) => accepted(`edit ${id} ${text}`),
    retry: async (id: string) => void calls.push(`retry ${id}`),
    retryLast: async () => void calls.push('retryLast'),
    continueAnswer: async (id: string) => void calls.push(`continue ${id}`),
  } as unknown as ChatTurns;
  const navigation = {
    newChat: () => void calls.push('newChat'),
    switchChat: (id: string) => void calls.push(`switch ${id}`),
    deleteChat: async (id: string) => void calls.push(`delete ${id}`),
  } as unknown as ChatNavigation;
  const runner = { stop: () => void calls.push('stop') } as unknown as AnswerRunner;
  const screen = { init: () => void calls.push('init'), post: (m: HostToWebview) => void posted.push(m) } as unknown as ChatScreen;
  return { requests: new ChatRequests(turns, navigation, runner, screen), calls, posted, answer };
}

describe('the panel\'s requests about conversations', () => {
  it('sends each kind to its handler', async () => {
    const { requests, calls } = router();
    const kinds: ChatRequest[] = [
      { type: 'ready' }, { type: 'stop' }, { type: 'retry', messageId: 'a1' }, { type: 'continue', messageId: 'a2' }, { type: 'newChat' },
      { type: 'switchChat', chatId: 'c1' }, { type: 'deleteChat', chatId: 'c2' }, { type: 'fix', action: 'retry' }, { type: 'usageView', open: true },
    ];
    for (const request of kinds) await requests.handle(request);
    assert.deepEqual(calls, ['init', 'stop', 'retry a1', 'continue a2', 'newChat', 'switch c1', 'delete c2', 'retryLast']);
  });

  it('replies to a send once it is accepted, and resolves when its answer ended', async () => {
    const { requests, calls, posted, answer } = router();
    let done = false;
    const handled = requests.handle({ type: 'send', requestId: 'r1', text: 'hi', attachments: [{ kind: 'file', path: 'a.ts', language: 'typescript', text: 'x' }] })
      .then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(calls, ['accept hi 1']);
    assert.deepEqual(posted, [{ type: 'reply', requestId: 'r1', ok: true }]);
    assert.equal(done, false, 'the answer still streams');
    answer();
    await handled;
  });

  it('replies to an edit it refused with the reason', async () => {
    const { requests, calls, posted } = router('An answer is still streaming: stop it first.');
    await requests.handle({ type: 'edit', requestId: 'r2', messageId: 'u1', text: 'again' });
    assert.deepEqual(calls, ['edit u1 again']);
    assert.deepEqual(posted, [{ type: 'reply', requestId: 'r2', ok: false, error: 'An answer is still streaming: stop it first.' }]);
  });
});
