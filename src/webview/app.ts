import type { ChatView, DeltaSample, HostToWebview, MessageView, PerfSample, WebviewToHost } from '../shared/protocol';
import { Composer } from './composer';
import { FollowScroll } from './follow-scroll';
import { button, h, setStrings, t } from './dom';
import { HistoryList } from './history';
import { MessageElement, type MessageActions } from './message-view';
import { UsageMode } from './usage/usage-mode';
import { welcome } from './welcome';

export interface HostApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Benchmark mode: one chat shown, its characters, and the ms to build its DOM and to its first frame. */
interface ShowSample {
  chars: number;
  buildMs: number;
  frameMs?: number;
}

interface SavedState {
  draft?: string;
}

/** The chat panel. It renders what the host says; every action goes to the host as a message. */
export class ChatApp {
  private readonly root: HTMLElement;
  private readonly title = h('h1', { class: 'title' });
  private readonly list = h('div', { class: 'messages', role: 'log', 'aria-live': 'off' });
  private readonly announce = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  private readonly follow = new FollowScroll(this.list);
  // Built on `init`, once the localised strings are here.
  private history!: HistoryList;
  private composer!: Composer;
  private usage!: UsageMode;
  private mounted = false;
  private readonly views = new Map<string, MessageElement>();
  private readonly replies = new Map<string, (ok: boolean, error?: string) => void>();
  private chat: ChatView | undefined;
  private nextRequest = 1;
  private perfSamples: PerfSample[] | undefined;
  private perfDeltas: DeltaSample[] | undefined;
  /** Benchmark mode: how long showing each chat took (its DOM built, then its first frame). */
  private perfShown: ShowSample[] | undefined;

  constructor(private readonly host: HostApi, root: HTMLElement) {
    this.root = root;
    // Links in answers open only through the host, which asks the user first.
    this.list.addEventListener('click', (e) => this.interceptLink(e), true);
    this.list.addEventListener('auxclick', (e) => this.interceptLink(e), true);
  }

  ready(): void {
    this.post({ type: 'ready' });
  }

  handle(message: HostToWebview): void {
    if (!this.mounted && message.type !== 'init') return;
    switch (message.type) {
      case 'init':
        setStrings(message.strings);
        if (message.perf) this.startPerf();
        this.mount();
        this.composer.setModel(message.model);
        this.showChat(message.chat);
        this.history.set(message.chats, message.chat.id);
        this.composer.focus();
        break;
      case 'chat': this.showChat(message.chat); break;
      case 'chats': {
        this.history.set(message.chats, this.chat?.id ?? '');
        const current = message.chats.find((c) => c.id === this.chat?.id);
        if (current && this.chat) this.title.textContent = this.chat.title = current.title;
        break;
      }
      case 'model': this.composer.setModel(message.model); break;
      case 'message':
        if (message.chatId !== this.chat?.id) return;
        this.chat.messages.push(message.message);
        this.addMessage(message.message);
        this.follow.toEnd();
        if (message.message.state === 'streaming') this.composer.setStreaming(true);
        break;
      case 'delta': {
        const view = this.views.get(message.messageId);
        if (!view) return;
        const handledAt = performance.timeOrigin + performance.now();
        view.append(message.text, message.reasoning);
        if (message.perf) this.perfDeltas?.push({ ...message.perf, handledAt, chars: view.text.length });
        this.follow.changed();
        break;
      }
      case 'phase':
        if (message.chatId !== this.chat?.id) return;
        this.views.get(message.messageId)?.phase(message.phase, message.detail);
        this.follow.changed();
        if (message.phase === 'stalled') this.announce.textContent = t('stalled', message.detail ?? '');
        break;
      case 'end':
        // An answer stopped by New Chat or by opening another chat ends off screen: this composer is not its.
        if (message.chatId !== this.chat?.id) return;
        this.views.get(message.messageId)?.ended(message);
        this.follow.changed();
        this.composer.setStreaming(false);
        this.announce.textContent = message.error?.message ?? (message.state === 'stopped' ? t('stopped') : '');
        break;
      case 'resume':
        if (message.chatId !== this.chat?.id) return;
        this.views.get(message.messageId)?.resume();
        this.composer.setStreaming(true);
        this.announce.textContent = t('continuing');
        break;
      case 'rewrite':
        if (message.chatId !== this.chat?.id) return;
        this.views.get(message.messageId)?.rewrite(message.text, message.reasoning);
        this.follow.changed();
        break;
      case 'attachment': this.composer.addAttachment(message.attachment); break;
      case 'reply': this.replies.get(message.requestId)?.(message.ok, message.error); this.replies.delete(message.requestId); break;
      case 'focus': this.composer.focus(); break;
      case 'usage': this.usage.update(message.usage); break;
      case 'showUsage': this.usage.open(); break;
    }
  }

  private mount(): void {
    if (this.mounted) return;
    this.mounted = true;
    const saved = (this.host.getState() ?? {}) as SavedState;
    this.history = new HistoryList({ open: (id) => this.post({ type: 'switchChat', chatId: id }), remove: (id) => this.post({ type: 'deleteChat', chatId: id }) });
    this.composer = new Composer({
      send: (text, attachments) => this.request({ type: 'send', requestId: this.requestId(), text, attachments }),
      stop: () => this.post({ type: 'stop' }),
      attach: (kind) => void this.request({ type: 'attach', requestId: this.requestId(), kind }),
      draft: (draft) => this.host.setState({ ...(this.host.getState() as SavedState), draft }),
    }, saved.draft ?? '');
    const header = h('div', { class: 'toolbar' }, this.title,
      button('history', t('history'), () => this.history.toggle()),
      button('graph', t('usageOpen'), () => this.usage.open()),
      button('add', t('newChat'), () => this.post({ type: 'newChat' })));
    this.usage = new UsageMode(this.root, this.list, (m) => this.post(m));
    this.root.append(header, this.history.element, this.list, this.announce, this.composer.element, this.usage.element);
  }

  private showChat(chat: ChatView): void {
    const started = performance.now();
    this.chat = chat;
    this.title.textContent = chat.messages.length ? chat.title : t('newChat');
    this.views.clear();
    this.list.replaceChildren();
    if (!chat.messages.length) this.list.append(welcome({ suggest: (text) => this.composer.suggest(text), fix: (action) => this.post({ type: 'fix', action }) }));
    for (const m of chat.messages) this.addMessage(m);
    this.composer.setStreaming(chat.messages.some((m) => m.state === 'streaming'));
    this.follow.toEnd();
    if (this.perfShown) {
      const shown: ShowSample = { chars: chat.messages.reduce((n, m) => n + m.text.length, 0), buildMs: performance.now() - started };
      this.perfShown.push(shown);
      requestAnimationFrame(() => setTimeout(() => (shown.frameMs = performance.now() - started)));
    }
  }

  private addMessage(message: MessageView): void {
    this.list.querySelector('.empty')?.remove();
    if (this.chat) this.title.textContent = this.chat.title;
    const actions: MessageActions = {
      copy: (text) => this.post({ type: 'copy', text }),
      insertCode: (code) => this.post({ type: 'insertCode', code }),
      openCode: (code, language) => this.post({ type: 'openCode', code, language }),
      retry: (messageId) => this.post({ type: 'retry', messageId }),
      continueAnswer: (messageId) => this.post({ type: 'continue', messageId }),
      edit: (messageId, text) => void this.request({ type: 'edit', requestId: this.requestId(), messageId, text }),
      fix: (action) => this.post({ type: 'fix', action }),
      stop: () => this.post({ type: 'stop' }),
      ...(this.perfSamples ? { onFrame: (renderMs: number, chars: number) => this.perfSample(renderMs, chars) } : {}),
    };
    const view = new MessageElement(message, actions);
    this.views.set(message.id, view);
    this.list.append(view.element);
  }

  private interceptLink(e: MouseEvent): void {
    const anchor = (e.target as Element | null)?.closest?.('a[href]');
    if (!anchor) return;
    e.preventDefault();
    e.stopPropagation();
    const href = anchor.getAttribute('href') ?? '';
    if (/^https?:/i.test(href)) this.post({ type: 'openLink', href });
  }

  private requestId(): string {
    return `r${this.nextRequest++}`;
  }

  /** Sends a request and resolves with the host's reply (false and a shown error when refused). */
  private request(message: Extract<WebviewToHost, { requestId: string }>): Promise<boolean> {
    return new Promise((resolve) => {
      this.replies.set(message.requestId, (ok, error) => {
        if (!ok && error) this.announce.textContent = error;
        if (!ok && error) this.flash(error);
        resolve(ok);
      });
      this.post(message);
    });
  }

  private flash(text: string): void {
    const note = h('div', { class: 'flash', role: 'alert' }, text);
    this.composer.element.prepend(note);
    setTimeout(() => note.remove(), 4000);
  }

  private post(message: WebviewToHost): void {
    this.host.postMessage(message);
  }

  /** Benchmark mode: render timings stay in the page, where bench/webview-bench.mjs reads them. */
  private startPerf(): void {
    this.perfSamples = [];
    this.perfDeltas = [];
    this.perfShown = [];
    Object.assign(window, { __relayPerf: this.perfSamples, __relayPerfDeltas: this.perfDeltas, __relayPerfShown: this.perfShown });
  }

  private perfSample(renderMs: number, chars: number): void {
    const sample: PerfSample = { at: performance.timeOrigin + performance.now(), chars, renderMs };
    this.perfSamples?.push(sample);
    requestAnimationFrame(() => (sample.frameAt = performance.timeOrigin + performance.now()));
  }
}
