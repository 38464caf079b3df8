import type { UsageView, WebviewToHost } from '../../shared/protocol';
import { UsagePanel } from './usage-panel';

/**
 * Switches the panel between the chat and the Usage view. The chat's DOM stays as it is, only hidden
 * (class `show-usage` on the root): the draft, the chat's scroll position and a streaming answer
 * (which keeps streaming meanwhile) are there when the user comes back.
 */
export class UsageMode {
  private readonly panel: UsagePanel;
  /** The chat's scroll before opening: undefined when it followed the end (then it follows new text). */
  private chatScroll: number | undefined;
  private returnFocus: Element | null = null;

  constructor(private readonly root: HTMLElement, private readonly chatList: HTMLElement, private readonly post: (m: WebviewToHost) => void) {
    this.panel = new UsagePanel({ close: () => this.close(), openSettings: () => post({ type: 'fix', action: 'openSettings' }) });
  }

  get element(): HTMLElement {
    return this.panel.element;
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  open(): void {
    if (this.isOpen) return;
    const list = this.chatList;
    this.chatScroll = list.scrollHeight - list.scrollTop - list.clientHeight < 40 ? undefined : list.scrollTop;
    this.returnFocus = document.activeElement;
    this.root.classList.add('show-usage');
    this.panel.show(true);
    // The host answers with `usage` now and on every change until closed.
    this.post({ type: 'usageView', open: true });
  }

  close(): void {
    if (!this.isOpen) return;
    this.post({ type: 'usageView', open: false });
    this.panel.show(false);
    this.root.classList.remove('show-usage');
    const list = this.chatList;
    list.scrollTop = this.chatScroll ?? list.scrollHeight;
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus();
  }

  update(usage: UsageView): void {
    this.panel.update(usage);
  }
}
