import type { AnswerStats, ErrorView, MessageView, StreamPhase } from '../shared/protocol';
import { button, h, icon, t } from './dom';
import { statsLine } from './stats-line';
import { ReasoningBlock } from './reasoning-block';
import { textFragment } from './render/markdown';
import { StreamingMarkdown } from './render/streaming-markdown';

export interface MessageActions {
  copy(text: string): void;
  insertCode(code: string): void;
  openCode(code: string, language: string): void;
  retry(messageId: string): void;
  /** Continue a dropped answer where it stopped. */
  continueAnswer(messageId: string): void;
  edit(messageId: string, text: string): void;
  fix(action: ErrorView['actions'][number]): void;
  stop(): void;
  onFrame?: (renderMs: number, chars: number) => void;
}

/** One message in the list. Assistant answers stream into it; only new text is ever added. */
export class MessageElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly status = h('div', { class: 'status', role: 'status' });
  private readonly footer = h('div', { class: 'footer' });
  private markdown: StreamingMarkdown | undefined;
  private reasoning: ReasoningBlock | undefined;
  /** Streaming on after a drop (Continue): waiting reads "Continuing…". */
  private resuming = false;

  constructor(readonly message: MessageView, private readonly actions: MessageActions) {
    const assistant = message.role === 'assistant';
    this.body = h('div', { class: 'body' });
    this.body.addEventListener('click', (e) => this.onCodeTool(e));
    this.element = h('article', { class: `message ${message.role}`, 'aria-label': assistant ? t('assistant') : t('you'), 'data-id': message.id },
      h('header', {}, icon(assistant ? 'sparkle' : 'account'), h('span', { class: 'who' }, assistant ? t('assistant') : t('you'))),
      this.body, this.status, this.footer);
    if (message.attachments?.length) {
      this.body.append(h('div', { class: 'attachments' }, ...message.attachments.map((a) =>
        h('span', { class: 'chip', title: a.path }, icon(a.kind === 'file' ? 'file' : 'selection'), `${a.path}${a.startLine ? `:${a.startLine}-${a.endLine}` : ''}`))));
    }
    if (assistant) {
      if (message.reasoning) this.addReasoning(message.reasoning);
      this.markdown = this.newMarkdown();
      this.body.append(this.markdown.element);
      if (message.state === 'streaming') this.markdown.append(message.text);
      else this.markdown.setText(message.text);
    } else {
      this.body.append(h('div', { class: 'text' }, textFragment(message.text)));
    }
    if (message.state !== 'streaming') this.ended(message);
    else this.phase('waiting');
  }

  /**
   * The answer streams on after a drop. Its text so far is rendered again as still open (its last
   * block, perhaps a code block, must take the continuation in), once, then only new text is added.
   */
  resume(): void {
    if (!this.markdown) return;
    const m = this.message;
    m.state = 'streaming';
    delete m.error;
    delete m.incomplete;
    delete m.continuable;
    this.resuming = true;
    const markdown = this.newMarkdown();
    markdown.append(m.text);
    this.markdown.element.replaceWith(markdown.element);
    this.markdown = markdown;
    this.phase('waiting');
    this.renderFooter(m.stats);
  }

  /**
   * The streaming answer's text and reasoning, shown again once: the text shown so far was reasoning
   * (a `</think>` came with no `<think>`). The Reasoning block stays open or closed as the user left it.
   */
  rewrite(text: string, reasoning: string): void {
    if (!this.markdown) return;
    if (this.reasoning) this.reasoning.replace(reasoning);
    else this.addReasoning(reasoning);
    const markdown = this.newMarkdown();
    markdown.append(text);
    this.markdown.element.replaceWith(markdown.element);
    this.markdown = markdown;
  }

  /** The message's text so far (an answer's grows as it streams). */
  get text(): string {
    return this.markdown?.text ?? this.message.text;
  }

  append(text?: string, reasoning?: string): void {
    if (reasoning) this.addReasoning(reasoning);
    // The text is held once, by the markdown view; the message takes it when the answer ends.
    if (text) this.markdown?.append(text);
  }

  phase(phase: StreamPhase, detail?: string): void {
    const text = phase === 'stalled' ? t('stalled', detail ?? '5') : phase === 'reconnecting' ? t('reconnecting', detail ?? '')
      : phase === 'waiting' && this.resuming ? t('continuing') : t(phase);
    this.status.replaceChildren(
      h('span', { class: `phase ${phase}` }, icon(phase === 'stalled' ? 'warning' : 'loading codicon-modifier-spin'), text),
      phase === 'stalled' ? button('debug-stop', t('stop'), () => this.actions.stop(), { text: true, className: 'danger' }) : '',
    );
  }

  ended(end: Pick<MessageView, 'state' | 'stats' | 'error' | 'incomplete' | 'continuable'>): void {
    const { state, stats, error, incomplete, continuable } = end;
    Object.assign(this.message, { state, incomplete, continuable, error });
    if (this.markdown) this.message.text = this.markdown.text;
    this.resuming = false;
    this.markdown?.finish();
    this.status.replaceChildren();
    // First among the fixes: going on from here keeps what was received and costs only the rest.
    const goOn = continuable ? [this.continueButton()] : [];
    if (error) {
      this.status.append(h('div', { class: 'error', role: 'alert' }, icon('error'), h('span', {}, error.message)),
        h('div', { class: 'fixes' }, ...goOn, ...error.actions.map((a) => button(fixIcon(a), t(`fix_${a}`), () => (a === 'retry' ? this.actions.retry(this.message.id) : this.actions.fix(a)), { text: true }))));
    } else if (state === 'stopped') {
      this.status.append(h('span', { class: 'phase stopped' }, icon('debug-pause'), t('stopped')));
    } else if (incomplete) {
      this.status.append(h('span', { class: 'phase incomplete' }, icon('warning'), t('incomplete')), ...(goOn.length ? [h('div', { class: 'fixes' }, ...goOn)] : []));
    }
    this.renderFooter(stats);
  }

  private renderFooter(stats?: AnswerStats): void {
    const m = this.message;
    const parts: (Node | string)[] = [];
    if (m.role === 'assistant') {
      if (stats) parts.push(h('span', { class: 'stats' }, statsLine(stats)));
      parts.push(button('copy', t('copyAnswer'), () => this.actions.copy(this.text)));
      if (m.state !== 'streaming') parts.push(button(m.state === 'complete' ? 'refresh' : 'debug-restart', m.state === 'complete' ? t('regenerate') : t('retry'), () => this.actions.retry(m.id)));
    } else {
      parts.push(button('edit', t('edit'), () => this.startEdit()));
    }
    this.footer.replaceChildren(...parts);
  }

  private startEdit(): void {
    const area = h('textarea', { class: 'edit', rows: '3', 'aria-label': t('edit') });
    area.value = this.message.text;
    const text = this.body.querySelector('.text');
    const save = () => this.actions.edit(this.message.id, area.value);
    const cancel = () => editor.replaceWith(text ?? '');
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        save();
      } else if (e.key === 'Escape') cancel();
    });
    const editor = h('div', { class: 'editing' }, area, h('div', { class: 'row' },
      button('send', t('save'), save, { text: true, className: 'primary' }), button('close', t('cancel'), cancel, { text: true })));
    text?.replaceWith(editor);
    area.focus();
  }

  private continueButton(): HTMLButtonElement {
    const b = button('debug-continue', t('continue'), () => this.actions.continueAnswer(this.message.id), { text: true, className: 'primary continue' });
    b.title = t('continueHint');
    return b;
  }

  private newMarkdown(): StreamingMarkdown {
    return new StreamingMarkdown((block) => this.decorate(block), this.actions.onFrame);
  }

  private addReasoning(text: string): void {
    if (!text) return;
    if (!this.reasoning) {
      this.reasoning = new ReasoningBlock();
      this.body.prepend(this.reasoning.element);
    }
    this.reasoning.append(text);
  }

  /**
   * Code blocks get Copy / Insert / Open buttons once they are final. The buttons carry no listener of
   * their own (a long answer has thousands): one listener on the message acts for all (onCodeTool).
   */
  private decorate(root: ParentNode): void {
    for (const pre of root.querySelectorAll('pre')) {
      const language = languageOf(pre.querySelector('code'));
      pre.before(h('div', { class: 'code-tools' }, h('span', { class: 'lang' }, language),
        codeTool('copy', 'copy', t('copy')), codeTool('insert', 'insert', t('insert')), codeTool('open', 'go-to-file', t('openInEditor'))));
    }
  }

  private onCodeTool(e: MouseEvent): void {
    const tool = (e.target as Element | null)?.closest?.('button[data-code]');
    const pre = tool?.parentElement?.nextElementSibling;
    if (!tool || pre?.tagName !== 'PRE') return;
    e.stopPropagation();
    const code = pre.querySelector('code');
    const source = code?.textContent ?? '';
    const action = tool.getAttribute('data-code');
    if (action === 'copy') this.actions.copy(source);
    else if (action === 'insert') this.actions.insertCode(source);
    else this.actions.openCode(source, languageOf(code));
  }
}

/** A code block's language, from markdown-it's `language-…` class on its code element. */
function languageOf(code: Element | null): string {
  return /language-([\w+#-]+)/.exec(code?.className ?? '')?.[1] ?? '';
}

/** A code block's button: what it does is in data-code (see MessageElement.onCodeTool). */
function codeTool(action: 'copy' | 'insert' | 'open', iconName: string, label: string): HTMLButtonElement {
  return h('button', { type: 'button', class: 'btn', title: label, 'aria-label': label, 'data-code': action }, icon(iconName));
}

function fixIcon(action: string): string {
  return ({ setApiKey: 'key', selectModel: 'symbol-class', testConnection: 'pulse', retry: 'debug-restart', showLogs: 'output', openSettings: 'gear' } as Record<string, string>)[action] ?? 'info';
}
