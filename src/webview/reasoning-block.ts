import { h, t } from './dom';
import { ReasoningText } from './render/reasoning-text';

/** An answer's collapsible "Reasoning" block: the model's thinking, kept apart from the answer. */
export class ReasoningBlock {
  readonly element: HTMLDetailsElement = h('details', { class: 'reasoning' }, h('summary', {}, t('reasoning')));
  private text = new ReasoningText();

  constructor() {
    this.element.append(this.text.element);
  }

  append(text: string): void {
    this.text.append(text);
  }

  /** All of the reasoning again (text shown as answer moved into it); open or closed as the user left it. */
  replace(text: string): void {
    const fresh = new ReasoningText();
    fresh.append(text);
    this.text.element.replaceWith(fresh.element);
    this.text = fresh;
  }
}
