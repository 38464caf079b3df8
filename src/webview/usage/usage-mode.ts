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
    if (this.chatScroll !== undefined) list.scrollTop = this.chatScroll;
    else followEnd(list);
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus();
  }

  update(usage: UsageView): void {
    this.panel.update(usage);
  }
}

/**
 * Scrolls to the end, and again for a few frames as the height settles: messages are
 * `content-visibility: auto`, so one that grew while hidden counts at its old size until it has been
 * laid out near the viewport, a frame or two later. A user who scrolls meanwhile is left alone.
 */
function followEnd(list: HTMLElement, frames = 10): void {
  list.scrollTop = list.scrollHeight;
  const at = list.scrollTop;
  if (frames > 0) requestAnimationFrame(() => { if (list.scrollTop === at) followEnd(list, frames - 1); });
}
