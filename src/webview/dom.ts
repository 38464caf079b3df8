import type { UiStrings } from '../shared/protocol';

type Child = Node | string | undefined | false;

/** document.createElement with attributes and children; `on*` attributes are never set this way. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export const icon = (name: string) => h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });

/** A button with an icon and an accessible label (shown as text when `text` is set). */
export function button(iconName: string, label: string, onClick: () => void, options: { text?: boolean; className?: string } = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', class: `btn ${options.className ?? ''}`.trim(), title: label, 'aria-label': label }, icon(iconName), options.text ? h('span', {}, label) : undefined);
  b.addEventListener('click', (e) => {
    e.stopPropagation();
    onClick();
  });
  return b;
}

let strings: UiStrings = {};
export function setStrings(s: UiStrings): void {
  strings = s;
}

/** A localised string with {0}, {1}… filled in. */
export function t(key: string, ...args: (string | number)[]): string {
  return (strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
