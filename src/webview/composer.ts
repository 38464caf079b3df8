import type { Attachment } from '../shared/protocol';
import { button, h, icon, t } from './dom';

export interface ComposerActions {
  send(text: string, attachments: Attachment[]): Promise<boolean>;
  stop(): void;
  attach(kind: 'selection' | 'file'): void;
  /** The draft changed (kept in the webview state, so a reload does not lose it). */
  draft(text: string): void;
}

/** The input box: Enter sends, Shift+Enter adds a line, Esc stops a streaming answer. */
export class Composer {
  readonly element: HTMLElement;
  private readonly input = h('textarea', { rows: '3', 'aria-label': '', class: 'input' });
  private readonly chips = h('div', { class: 'attachments' });
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly modelLabel = h('span', { class: 'model' });
  private attachments: Attachment[] = [];
  private streaming = false;

  constructor(private readonly actions: ComposerActions, draft: string) {
    this.input.placeholder = t('placeholder');
    this.input.setAttribute('aria-label', t('placeholder'));
    this.input.value = draft;
    this.sendButton = button('send', t('send'), () => void this.submit(), { className: 'primary' });
    this.stopButton = button('debug-stop', t('stop'), () => actions.stop(), { className: 'danger' });
    this.stopButton.hidden = true;
    this.element = h('footer', { class: 'composer' }, this.chips, this.input,
      h('div', { class: 'row' },
        button('selection', t('attachSelection'), () => actions.attach('selection')),
        button('file', t('attachFile'), () => actions.attach('file')),
        this.modelLabel, h('span', { class: 'grow' }), this.stopButton, this.sendButton));
    this.input.addEventListener('keydown', (e) => {
      // isComposing: Enter that confirms a Japanese/Chinese IME conversion must not send.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.submit();
      } else if (e.key === 'Escape' && this.streaming) {
        e.preventDefault();
        actions.stop();
      }
    });
    this.input.addEventListener('input', () => actions.draft(this.input.value));
  }

  focus(): void {
    this.input.focus();
  }

  /** Puts `text` in the box (replacing the draft), ready to send. */
  suggest(text: string): void {
    this.input.value = text;
    this.actions.draft(text);
    this.focus();
    this.input.setSelectionRange(text.length, text.length);
  }

  setModel(model: string): void {
    this.modelLabel.replaceChildren(icon('symbol-class'), model);
    this.modelLabel.title = t('model', model);
  }

  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.stopButton.hidden = !streaming;
    this.sendButton.hidden = streaming;
  }

  addAttachment(a: Attachment): void {
    this.attachments.push(a);
    this.renderChips();
    this.focus();
  }

  private renderChips(): void {
    this.chips.replaceChildren(...this.attachments.map((a, i) => h('span', { class: 'chip' }, icon(a.kind === 'file' ? 'file' : 'selection'),
      `${a.path}${a.startLine ? `:${a.startLine}-${a.endLine}` : ''}`,
      button('close', t('removeAttachment'), () => {
        this.attachments.splice(i, 1);
        this.renderChips();
      }))));
  }

  private async submit(): Promise<void> {
    if (this.streaming) return;
    const text = this.input.value;
    if (!text.trim() && !this.attachments.length) return;
    const attachments = this.attachments;
    // Cleared only once the host accepted it: a refused message stays in the box.
    if (await this.actions.send(text, attachments)) {
      this.input.value = '';
      this.attachments = [];
      this.renderChips();
      this.actions.draft('');
    }
  }
}
