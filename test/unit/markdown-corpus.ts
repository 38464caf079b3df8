/**
 * Answers whose streamed render must end exactly as their whole render: the shapes that broke a
 * blank-line splitter (lists holding fences, blank lines and second paragraphs; references defined
 * later; fences on list-marker lines), and the everyday ones (tables, nested lists, CJK, emoji,
 * fences with a language, headings, quotes). Shared by the Node test and the browser test.
 */
export const MARKDOWN_CORPUS: Record<string, string> = {
  'numbered list with a fence inside an item': '1. Install:\n\n   ```bash\n   npm i relay\n   ```\n\n2. Run it.\n3. Done.\n',
  'numbered list with blank lines between items': '1. First\n\n2. Second\n\n3. Third\n\nAfter.\n',
  'second paragraph of an item': '- Item one\n\n  Its second paragraph.\n\n- Item two\n',
  'unindented fence between numbered items': '1. Step one\n\n```ts\nconst a = 1;\n```\n\n2. Step two\n',
  'list starting at 3': 'Then:\n\n3. three\n4. four\n',
  'reference link defined later': 'See [the docs][docs] and [Relay].\n\nMore text.\n\n[docs]: https://example.com/docs "Docs"\n[relay]: https://example.com/relay\n',
  'reference used in a list, defined after it': '- read [spec]\n- then code\n\nParagraph.\n\n[SPEC]: https://spec.commonmark.org/\n',
  'fence on a list-marker line': '1. ```js\n   let x = 1;\n   ```\n2. next\n',
  'fence indented inside an item': '- Code:\n    ```py\n    print("hi")\n\n    print("bye")\n    ```\n- after\n',
  'table with alignment': '| left | centre | right |\n|:-----|:------:|------:|\n| a | b | c |\n| 日本 | 中文 | 😀 |\n\nafter\n',
  'nested lists': '- outer\n  - inner 1\n  - inner 2\n    1. deep\n\n- outer 2\n\ntext\n',
  'CJK and emoji': '## 手順\n\n日本語の説明と中文的解释が混ざります。👍🏽 家族👨‍👩‍👧\n\n- 一つ目\n- 二つ目\n',
  'headings and setext': '# Title\n\nIntro\nline two\n===\n\nSub\n---\n\n### Third\n',
  'blockquote with list and code': '> Quote line\n> - item\n>\n> ```\n> code\n> ```\nlazy line\n\nout\n',
  'tilde fence containing backticks and blank lines': '~~~md\n```\ninner\n```\n\nstill code\n~~~\n\nafter `code` span\n',
  'fence closed by a longer fence': '````\n```\n````\nx\n',
  'thematic break and indented code': 'para\n\n    indented code\n\n***\n\nend\n',
  'CRLF line endings': 'one\r\n\r\n- a\r\n- b\r\n\r\n```\r\ncode\r\n```\r\n',
  'definition with a title on the next line': '[x][t]\n\n[t]: https://example.com/t\n"A title"\n\nafter\n',
  'definition whose title spans lines': 'Intro [x][t]\n\n[t]: https://example.com/t\n"A\ntitle"\n\nafter\n',
  'table then paragraph interrupted': 'para\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  'tight list that a late blank line makes loose': '- one\n- two\n- three\n- four\n\n- five\n- six\n',
  'loose list whose first items have no paragraph': '1. ```\n   a\n   ```\n\n2. ```\n   b\n   ```\n3. text at last\n4. more\n',
  'item with two paragraphs makes the list loose': '- a\n- b\n- c\n\n  second paragraph of c\n- d\n',
  'bullet marker change starts a new list': '- a\n- b\n+ c\n+ d\n* e\n',
  'ordered list with parentheses from 7': '7) seven\n8) eight\n9) nine\n\nafter\n',
  'nested loose list inside a tight item': '- outer\n  - in 1\n\n  - in 2\n- second\n- third\n',
  'definition inside a list item': '- see [x]\n- [x]: https://example.com/x\n- then\n\n[x] again\n',
  'list item interrupted by a heading': '1. one\n2. two\n# Heading\n3. three\n',
  'empty items and a lazy line': '-\n- b\nlazy\n-\n\n- e\n',
};
