import * as assert from 'node:assert/strict';
import { AutoContinue } from '../../../../src/core/chat/auto-continue';
import type { StoredChat, StoredMessage } from '../../../../src/core/chat/stored-chat';

const dropped = (id = 'a1'): StoredMessage => ({ id, role: 'assistant', text: 'half an answer', state: 'error', continuable: true });
const chatEndingWith = (...messages: StoredMessage[]): StoredChat => ({
  version: 1, id: 'c1', title: 't', createdAt: 1, updatedAt: 1, model: 'm', messages: [{ id: 'u1', role: 'user', text: 'q', state: 'complete' }, ...messages],
});
const on = { enabled: true, onScreen: true };

describe('continuing a dropped answer by itself (relayChat.chat.autoContinue)', () => {
  it('continues a dropped answer that ends the chat on screen, once', () => {
    const auto = new AutoContinue();
    const answer = dropped();
    const chat = chatEndingWith(answer);
    assert.equal(auto.claim(answer, chat, on), true);
    assert.equal(auto.claim(answer, chat, on), false, 'the second drop of the same answer is left to Continue');
    const next = dropped('a2');
    assert.equal(auto.claim(next, chatEndingWith(next), on), true, 'another answer is continued once too');
  });

  it('does not continue without the setting, an answer that did not drop, or when the user moved on', () => {
    const auto = new AutoContinue();
    const answer = dropped();
    assert.equal(auto.claim(answer, chatEndingWith(answer), { enabled: false, onScreen: true }), false);
    const complete: StoredMessage = { id: 'a3', role: 'assistant', text: 'all of it', state: 'complete' };
    assert.equal(auto.claim(complete, chatEndingWith(complete), on), false);
    assert.equal(auto.claim(answer, chatEndingWith(answer), { enabled: true, onScreen: false }), false, 'another chat is on screen');
    assert.equal(auto.claim(answer, chatEndingWith(answer, { id: 'u2', role: 'user', text: 'next', state: 'complete' }), on), false, 'a message came after it');
    assert.equal(auto.claim(answer, chatEndingWith(answer), on), true, 'not remembered while it was refused');
  });
});
