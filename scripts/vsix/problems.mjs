// A problem is one thing a registry would refuse, or would show wrong, with what to change to fix it.

export const MARKETPLACE = 'Marketplace';
export const OPEN_VSX = 'Open VSX';
export const BOTH = [MARKETPLACE, OPEN_VSX];

/**
 * @param {string | string[]} registries which registry refuses it (or shows it wrong)
 * @param {string} where the field or file to change, e.g. "package.json categories"
 * @param {string} message what is wrong and what to do about it
 */
export function problem(registries, where, message) {
  return { registries: [registries].flat(), where, message };
}

/** One line a problem, for the terminal and for test failures. */
export function formatProblems(problems) {
  return problems.map((p) => `  ✗ [${p.registries.join(', ')}] ${p.where}: ${p.message}`).join('\n');
}

/**
 * The first character Open VSX refuses in listing text (control, format, unassigned, private use, line or
 * paragraph separator), as "U+XXXX at index N", or undefined. The zero-width joiner that combines emoji
 * is allowed where `joiner` is (the description).
 */
export function badCharacter(text, { joiner = false } = {}) {
  for (const match of text.matchAll(/[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/gu)) {
    if (joiner && match[0] === '\u200d') continue;
    return `U+${match[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')} at index ${match.index}`;
  }
  return undefined;
}
