// The cleaning tests' shared helpers: cleanCompletion with the usual defaults, and the check that no lone surrogate is left.
import * as assert from 'node:assert/strict';
import { cleanCompletion } from '../../../src/core/completion/clean';

export interface Options {
  suffix?: string;
  multiline?: boolean;
  fromChat?: boolean;
  languageId?: string;
}

export function clean(raw: string, prefix: string, { suffix = '', multiline = false, fromChat = false, languageId }: Options = {}): string | undefined {
  return cleanCompletion({ raw, prefix, suffix, multiline, fromChat, ...(languageId ? { languageId } : {}) });
}

/** No lone surrogate anywhere: what VS Code would render as a replacement character. */
export function assertWellFormed(text: string | undefined): void {
  assert.ok(text === undefined || !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text), `lone surrogate in ${JSON.stringify(text)}`);
}
