// Rule 9: indentation. The first line is inserted at the cursor, which already has its line's
// indentation; the following lines must land at the right depth in the document's own style.

import { opensBlock } from '../context';
import { depthAtLineStarts, lexStateAtCursor } from './code-scanner';
import { currentLinePrefix, cursorIndentation, previousLines } from '../cursor-text';

export interface IndentStyle {
  /** The document's indentation character, when its prefix shows one. */
  readonly char: '\t' | ' ' | undefined;
  /** Spaces per level in the document (2 or 4). */
  readonly unit: number;
}

/** How many lines above the cursor are read to learn the document's indentation. */
const STYLE_SAMPLE_LINES = 300;

/** The document's indentation, from its lines above the cursor (the cursor's own indentation wins). */
export function documentIndentStyle(prefix: string): IndentStyle {
  const cursor = cursorIndentation(prefix);
  const widths: number[] = [];
  let tabs = 0;
  for (const line of previousLines(prefix, STYLE_SAMPLE_LINES)) {
    if (line.startsWith('\t')) tabs++;
    const spaces = /^ +(?=\S)/.exec(line)?.[0].length ?? 0;
    if (spaces >= 2 && spaces % 2 === 0) widths.push(spaces); // odd widths are alignment (` * ` in doc comments)
  }
  const cursorChar = cursor?.[0];
  const char = cursorChar === '\t' || cursorChar === ' ' ? cursorChar : tabs > widths.length ? '\t' : widths.length > 0 ? ' ' : undefined;
  return { char, unit: spacesPerLevel(widths) };
}

/** 2 when a fair share of the indented lines sit at 2, 6, 10… spaces, else 4. */
function spacesPerLevel(widths: number[]): number {
  const twos = widths.filter((w) => w % 4 === 2).length;
  return widths.length > 0 && twos * 5 >= widths.length ? 2 : 4;
}

function width(whitespace: string, unit: number): number {
  let columns = 0;
  for (const ch of whitespace) columns += ch === '\t' ? unit : 1;
  return columns;
}

/** Rewrites leading whitespace in the document's character: never a mix of tabs and spaces. */
function inDocumentStyle(whitespace: string, style: IndentStyle, modelUnit: number): string {
  if (style.char === '\t' && whitespace.includes(' ')) {
    const columns = width(whitespace, modelUnit);
    return '\t'.repeat(Math.floor(columns / modelUnit)) + ' '.repeat(columns % modelUnit);
  }
  if (style.char === ' ' && whitespace.includes('\t')) return whitespace.replace(/\t/g, ' '.repeat(style.unit));
  return whitespace;
}

/**
 * - The first line never repeats the cursor's indentation.
 * - Multiline, chat answers (FIM writes the document at its own indentation): when the model wrote the block as if it started at column 0 (its first line flush,
 *   and then either a block opener whose body is not deeper than the cursor, or a statement
 *   whose next line is at column 0), every following line is shifted by the cursor's indentation.
 *   Lines that close a block opened before the cursor keep their place.
 * - Leading whitespace is rewritten in the document's indentation character.
 */
export function fixIndentation(text: string, prefix: string, multiline: boolean, fromChat = true): string {
  const cursor = cursorIndentation(prefix);
  const lines = text.split('\n');
  const first = lines[0] ?? '';
  if (cursor) lines[0] = first.replace(/^[ \t]+/, '');
  if (!multiline || lines.length < 2) return lines.join('\n');

  const style = documentIndentStyle(prefix);
  const indents = lines.map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
  const modelUnit = indents.slice(1).some((ws) => !ws.includes('\t') && ws.length % 4 === 2) ? 2 : 4;
  const depths = depthAtLineStarts(text, lexStateAtCursor(currentLinePrefix(prefix)));
  const closesOuter = lines.map((line, n) => /^\s*[)\]}]/.test(line) && (depths[n] ?? 0) <= 0);
  const following = lines.map((_, n) => n).filter((n) => n > 0 && (lines[n] ?? '').trim() !== '' && !closesOuter[n]);

  let fromColumnZero = false;
  if (cursor && /^\S/.test(first) && !/^[)\]}]/.test(first)) {
    const next = following[0];
    // FIM writes an opener's body at the document's depth: one no deeper than the cursor is outside its block (see stayInScope).
    fromColumnZero = opensBlock(first)
      ? fromChat && next !== undefined && width(indents[next] ?? '', style.unit) <= width(cursor, style.unit)
      : following[0] !== undefined && indents[following[0]] === '';
  }
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '') {
      lines[n] = '';
      continue;
    }
    const indent = inDocumentStyle(indents[n] ?? '', style, modelUnit);
    lines[n] = (fromColumnZero && !closesOuter[n] ? (cursor ?? '') : '') + indent + line.trimStart();
  }
  return lines.join('\n');
}
