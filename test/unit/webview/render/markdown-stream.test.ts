import * as assert from 'node:assert/strict';
import { prng } from '../../../../bench/prng';
import { finishedLength } from '../../../../src/webview/render/blocks';
import { MarkdownStream } from '../../../../src/webview/render/markdown-stream';
import { markdownHtml, type References } from '../../../../src/webview/render/parse';
import { MARKDOWN_CORPUS } from '../../support/markdown-corpus';

/** A kept list's (table's) HTML with more items (rows) put at its end (`items`: those rendered as a list or table of their own). */
function withItems(list: string, items: string): string {
  if (list.startsWith('<table>')) return list.replace(/<\/tbody>\n<\/table>\n$/, `${/<tbody>\n([\s\S]*)<\/tbody>/.exec(items)![1]}</tbody>\n</table>\n`);
  const inner = items.replace(/^<(ol|ul)[^>]*>\n/, '').replace(/<\/(ol|ul)>\n$/, '');
  return list.replace(/<\/(ol|ul)>\n$/, `${inner}</$1>\n`);
}

/** An answer streamed in `chunks`, updated after each, then finished: the HTML the panel ends with. */
function streamed(chunks: string[], tailSizes?: number[]): string {
  const blocks: string[] = [];
  let list = -1;
  const stream = new MarkdownStream((markdown: string, final: boolean, references: References, looseList?: boolean) => {
    if (!final) tailSizes?.push(markdown.length);
    return markdownHtml(markdown, final, references, looseList);
  });
  let tail = '';
  const apply = (final: boolean) => {
    const update = stream.update(final);
    if (update.items !== undefined) blocks[list] = withItems(blocks[list]!, update.items);
    if (update.closed) list = -1;
    if (update.added !== undefined) blocks.push(update.added);
    if (update.opened !== undefined) {
      list = blocks.length;
      blocks.push(update.opened);
    }
    for (const [i, html] of update.replaced) blocks[i] = html;
    tail = update.tail ?? '';
  };
  for (const chunk of chunks) {
    stream.append(chunk);
    apply(false);
  }
  apply(true);
  assert.equal(tail, '', 'nothing is left in the tail once finished');
  assert.equal(list, -1, 'no list is left open once finished');
  return blocks.join('');
}

const whole = (text: string) => markdownHtml(text, true, {});

/** Cuts `text` at the given offsets. */
function cut(text: string, at: number[]): string[] {
  const points = [0, ...at, text.length];
  return points.slice(1).map((end, i) => text.slice(points[i], end));
}

describe('Streamed Markdown ends as the whole answer rendered at once', () => {
  for (const [name, text] of Object.entries(MARKDOWN_CORPUS)) {
    it(name, () => {
      const expected = whole(text);
      // Cut in two at every character boundary (an emoji's UTF-16 halves included).
      for (let i = 0; i <= text.length; i++) assert.equal(streamed(cut(text, [i])), expected, `cut at ${i}: ${JSON.stringify(text.slice(0, i))}`);
      // One character at a time: every intermediate state is seen.
      assert.equal(streamed([...text.split('')]), expected, 'one character at a time');
      // Random chunkings, 1 to 8 characters (a fixed seed: the same cuts on every run).
      const random = prng(text.length);
      for (let run = 0; run < 50; run++) {
        const points: number[] = [];
        for (let at = 0; at < text.length;) points.push((at += 1 + Math.floor(random() * 8)));
        assert.equal(streamed(cut(text, points.filter((p) => p < text.length))), expected, `random cuts ${points.join(',')}`);
      }
    });
  }

  it('renders the whole corpus as one answer too, cut at every character', () => {
    const text = Object.values(MARKDOWN_CORPUS).join('\n');
    const expected = whole(text);
    for (let i = 0; i <= text.length; i += 7) assert.equal(streamed(cut(text, [i, Math.min(text.length, i + 13)])), expected, `cuts at ${i}`);
  });
});

describe('Streamed Markdown stays incremental', () => {
  it('keeps finished blocks: the tail rendered per update stays small in a long answer', () => {
    const section = (n: number) => `## Step ${n}\n\nText for step ${n}, 日本語.\n\n- a\n- b\n\n\`\`\`ts\nconst x = ${n};\n\`\`\`\n\n`;
    const text = Array.from({ length: 200 }, (_, n) => section(n)).join('');
    const tails: number[] = [];
    const chunks = text.match(/[\s\S]{1,4}/g)!;
    assert.equal(streamed(chunks, tails), whole(text));
    assert.ok(Math.max(...tails) <= section(199).length, `longest tail rendered ${Math.max(...tails)} of ${text.length} characters`);
  });

  it('keeps the finished items of a list that stays open: the tail of 200 numbered steps with code stays one step long', () => {
    // An item's blocks are indented to its text: 3 spaces under "9. ", 4 under "10. ".
    const step = (n: number, pad = ' '.repeat(`${n + 1}. `.length)) => `${n + 1}. Run step ${n + 1}:\n\n${pad}\`\`\`bash\n${pad}relay migrate --step ${n + 1}\n${pad}\`\`\`\n\n`;
    const text = `Steps:\n\n${Array.from({ length: 200 }, (_, n) => step(n)).join('')}Done.\n`;
    assert.equal((whole(text).match(/<ol>/g) ?? []).length, 1, 'one list of 200 items');
    const tails: number[] = [];
    assert.equal(streamed(text.match(/[\s\S]{1,4}/g)!, tails), whole(text));
    assert.ok(Math.max(...tails) <= 2 * step(199).length, `longest tail rendered ${Math.max(...tails)} of ${text.length} characters`);
  });

  it('keeps the finished rows of a table that stays open: the tail of 300 rows stays a row long', () => {
    const row = (n: number) => `| ${n} | 行 ${n} | \`code ${n}\` |\n`;
    const text = `| n | 名前 | code |\n|--:|:--|:-:|\n${Array.from({ length: 300 }, (_, n) => row(n)).join('')}\nAfter.\n`;
    const tails: number[] = [];
    assert.equal(streamed(text.match(/[\s\S]{1,5}/g)!, tails), whole(text));
    const header = text.indexOf(row(0));
    assert.ok(Math.max(...tails) <= header + 2 * row(299).length, `longest tail rendered ${Math.max(...tails)} of ${text.length} characters`);
  });

  it('renders the kept items of a list again, once, when a later item makes the list loose', () => {
    const items = Array.from({ length: 30 }, (_, n) => `- item ${n}\n`).join('');
    const text = `${items}\n- the blank line before this item makes the whole list loose\n- last\n`;
    let renders = 0;
    const stream = new MarkdownStream((markdown: string, final: boolean, references: References, looseList?: boolean) => {
      if (final && markdown.startsWith('- item 0')) renders++;
      return markdownHtml(markdown, final, references, looseList);
    });
    for (const line of text.split(/(?<=\n)/)) {
      stream.append(line);
      stream.update(false);
    }
    stream.update(true);
    assert.equal(renders, 2, 'the first items: kept tight, then rendered again as loose');
    assert.match(whole(text), /<li>\n<p>item 0<\/p>/);
    assert.equal(streamed(text.split(/(?<=\n)/)), whole(text));
  });

  it('keeps a list open while its items may continue, and closes it when they cannot', () => {
    const list = '1. one\n\n   ```\n   code\n   ```\n\n2. two\n\n';
    assert.equal(finishedLength(list, {}), 0, 'a blank line does not end a list');
    assert.equal(finishedLength(`${list}after\n`, {}), list.length, 'an unindented paragraph does');
    assert.equal(finishedLength(`${list}3`, {}), 0, 'a partial line might still be an item ("3.")');
  });

  it('waits for a blank line after a reference definition (its title may be on the next lines)', () => {
    const definition = 'Intro\n\n[a]: https://a.example\n';
    assert.equal(finishedLength(`${definition}"title\n`, {}), 0, '"title" may yet end on the next line and become the title');
    assert.equal(finishedLength(`${definition}\n"title\n`, {}), `${definition}\n`.length);
  });
});
