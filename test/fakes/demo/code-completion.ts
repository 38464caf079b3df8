// The demo's inline completions for code the corpus does not hold: where the user's line starts
// like a line of a snippet (snippets.ts), the rest of that line; on an empty line, what follows the
// line above in a snippet (the next line, or a block body), indented like the user's code.
import { SNIPPETS, type SnippetLanguage } from './snippets';

export interface CodeCursor {
  prefix: string;
  suffix: string;
  /** The editor's language id, when the request says (chat mode); FIM requests carry none. */
  language?: string;
}

/** Below this many typed characters a line matches too many snippets to pick one. */
const MIN_TYPED = 3;
/** Matched inside a line (after `export `, `async `…) only when this much was typed. */
const MIN_TYPED_INSIDE = 8;

const indentOf = (line: string) => line.slice(0, line.length - line.trimStart().length);

/** The snippet language for an editor language id, or guessed from the code when there is none. */
export function snippetLanguage(cursor: CodeCursor): SnippetLanguage {
  const id = cursor.language?.toLowerCase() ?? '';
  if (id === 'python') return 'python';
  if (id === 'go') return 'go';
  if (/^(type|java)script(react)?$/.test(id)) return 'typescript';
  const code = cursor.prefix + cursor.suffix;
  if (/^package \w+|^func \w/m.test(code)) return 'go';
  if (/^\s*(def \w+\(|from \w[\w.]* import |import \w+$)|^\s*#/m.test(code)) return 'python';
  return 'typescript';
}

/** The text to insert at the cursor, or undefined when no snippet fits (the model then offers nothing). */
export function snippetCompletion(cursor: CodeCursor): string | undefined {
  const lines = SNIPPETS[snippetLanguage(cursor)].split('\n');
  const current = cursor.prefix.slice(cursor.prefix.lastIndexOf('\n') + 1);
  const typed = current.trimStart();
  const above = cursor.prefix.slice(0, cursor.prefix.length - current.length).split('\n').filter((l) => l.trim()).at(-1) ?? '';
  if (typed) return restOfLine(lines, typed, above, cursor.suffix.split('\n')[0] ?? '');
  const at = lines.findIndex((l) => l.trim() !== '' && l.trim() === above.trim());
  return at < 0 ? undefined : following(lines, at, indentOf(above), current, cursor.suffix);
}

/**
 * The rest of the snippet line that begins with what was typed (one after the line above, if any),
 * up to where the text already after the cursor (an auto-closed bracket) takes over, as a
 * fill-in-the-middle model would.
 */
function restOfLine(lines: string[], typed: string, above: string, lineAfter: string): string | undefined {
  if (typed.length < MIN_TYPED) return undefined;
  const starts = (l: string) => l.trimStart().startsWith(typed) && l.trimStart().length > typed.length;
  const inside = (l: string) => typed.length >= MIN_TYPED_INSIDE && new RegExp(`(^|\\s)${escape(typed)}`).test(l.trim()) && !l.trim().endsWith(typed);
  const followsAbove = (i: number) => (lines[i - 1] ?? '').trim() === above.trim();
  const candidates = lines.map((l, i) => ({ l, i })).filter(({ l }) => starts(l)).concat(lines.map((l, i) => ({ l, i })).filter(({ l }) => !starts(l) && inside(l)));
  const pick = candidates.find(({ i }) => followsAbove(i)) ?? candidates[0];
  if (!pick) return undefined;
  const line = pick.l.trim();
  const rest = line.slice(line.indexOf(typed) + typed.length);
  const meets = lineAfter.trim() ? rest.indexOf(lineAfter.trim()) : -1;
  return meets < 0 ? rest : rest.slice(0, meets) || undefined;
}

/**
 * The lines after snippet line `at`: its block when it opens one (up to the line that closes it,
 * left out when the code after the cursor already closes it), else just the next line.
 */
function following(lines: string[], at: number, userIndent: string, current: string, suffix: string): string | undefined {
  const opener = lines[at] as string;
  const base = indentOf(opener);
  const opens = /[{(:]\s*$/.test(opener);
  const out: string[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!opens) {
      if (line.trim()) out.push(line);
      break;
    }
    if (!line.trim()) break;
    const closes = indentOf(line).length <= base.length;
    if (closes && !/^[}\])]/.test(line.trim())) break;
    if (closes && nextCodeLine(suffix).trim() === line.trim()) break;
    out.push(line);
    if (closes) break;
  }
  if (!out.length) return undefined;
  const text = out.map((l) => userIndent + l.slice(base.length)).join('\n');
  // The cursor already stands after the first line's indentation (the editor indented the new line).
  return text.startsWith(current) ? text.slice(current.length) : text.trimStart();
}

function nextCodeLine(suffix: string): string {
  return suffix.split('\n').find((l) => l.trim()) ?? '';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
