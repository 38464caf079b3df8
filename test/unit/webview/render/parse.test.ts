// The whole render of an answer's Markdown.
import * as assert from 'node:assert/strict';
import { markdownHtml } from '../../../../src/webview/render/parse';
import { MARKDOWN_CORPUS } from '../../support/markdown-corpus';

const whole = (text: string) => markdownHtml(text, true, {});

describe('Markdown whole render', () => {
  it('keeps the number an ordered list starts at', () => {
    assert.match(whole('3. three\n4. four\n'), /<ol start="3">/);
  });

  it('writes table column alignment as align attributes (CSP blocks inline styles)', () => {
    const html = whole(MARKDOWN_CORPUS['table with alignment']!);
    assert.match(html, /<th align="left">left<\/th>\s*<th align="center">centre<\/th>\s*<th align="right">right<\/th>/);
    assert.doesNotMatch(html, /style=/);
  });
});
