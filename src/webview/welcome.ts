import type { FixAction } from '../shared/protocol';
import { button, h, icon, t } from './dom';

export interface WelcomeActions {
  /** Put a question in the box, ready to send (sending is left to the user: a real relay bills it). */
  suggest(text: string): void;
  /** Run a command through the same `fix` message as the buttons under an error. */
  fix(action: Extract<FixAction, 'explainSelection' | 'completionsMenu'>): void;
}

/** The Explain Selection keys as package.json binds them, for the platform the panel runs on. */
function explainKeys(): string[] {
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? ['⌥', '⌘', 'E'] : ['Ctrl', 'Alt', 'E'];
}

/** A localised sentence with its {0} replaced by an element (a key, an icon). */
function sentence(key: string, filler: Node): (Node | string)[] {
  const MARK = '\u0000'; // t() fills {0} with text; the mark shows where the element goes
  const [before = '', after = ''] = t(key, MARK).split(MARK);
  return [before, filler, after];
}

function step(iconName: string, title: string, how: (Node | string)[], action: HTMLButtonElement): HTMLElement {
  return h('li', { class: 'try' }, icon(iconName),
    h('div', {}, h('strong', {}, title), h('p', { class: 'muted' }, ...how), action));
}

/**
 * What an empty chat shows: the three things to try (ask, Explain Selection, inline suggestions),
 * each with a button that does it. The class `empty` marks it as the empty state.
 */
export function welcome(actions: WelcomeActions): HTMLElement {
  const keys = h('span', { class: 'keys' }, ...explainKeys().flatMap((k, i) => [i ? '+' : '', h('kbd', {}, k)]));
  const action = (iconName: string, label: string, run: () => void) => button(iconName, label, run, { text: true, className: 'secondary' });
  return h('section', { class: 'empty welcome', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title' }, t('welcomeTitle')),
    h('p', { class: 'muted' }, t('welcomeIntro')),
    h('ol', { class: 'tries' },
      step('comment-discussion', t('welcomeAsk'), [t('welcomeAskHow')],
        action('lightbulb', t('welcomeAskButton'), () => actions.suggest(t('welcomeAskExample')))),
      step('sparkle', t('welcomeExplain'), sentence('welcomeExplainHow', keys),
        action('selection', t('welcomeExplainButton'), () => actions.fix('explainSelection'))),
      step('symbol-keyword', t('welcomeInline'), sentence('welcomeInlineHow', icon('sparkle')),
        action('settings-gear', t('welcomeInlineButton'), () => actions.fix('completionsMenu')))));
}
