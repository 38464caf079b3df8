import type { ChatSummary } from '../shared/protocol';
import { button, h, t } from './dom';

export interface HistoryActions {
  open(chatId: string): void;
  remove(chatId: string): void;
}

/** The list of past chats: open one, or delete it (after an inline confirmation). */
export class HistoryList {
  readonly element = h('nav', { class: 'history', 'aria-label': '' });
  private chats: ChatSummary[] = [];

  constructor(private readonly actions: HistoryActions) {
    this.element.setAttribute('aria-label', t('history'));
    this.element.hidden = true;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) this.render();
  }

  hide(): void {
    this.element.hidden = true;
  }

  set(chats: ChatSummary[], activeId: string): void {
    this.chats = chats;
    this.activeId = activeId;
    if (!this.element.hidden) this.render();
  }

  private activeId = '';

  private render(): void {
    if (!this.chats.length) {
      this.element.replaceChildren(h('p', { class: 'muted' }, t('noChats')));
      return;
    }
    this.element.replaceChildren(h('ul', {}, ...this.chats.map((c) => {
      const open = h('button', { type: 'button', class: `item${c.id === this.activeId ? ' active' : ''}`, title: c.title }, h('span', { class: 'title' }, c.title), h('span', { class: 'when' }, new Date(c.updatedAt).toLocaleString()));
      open.addEventListener('click', () => {
        this.hide();
        this.actions.open(c.id);
      });
      const li = h('li', {}, open);
      const remove = button('trash', t('delete'), () => {
        const confirm = h('span', { class: 'confirm' }, t('confirmDelete'),
          button('check', t('delete'), () => this.actions.remove(c.id), { className: 'danger' }),
          button('close', t('cancel'), () => confirm.replaceWith(remove)));
        remove.replaceWith(confirm);
      });
      li.append(remove);
      return li;
    })));
  }
}
