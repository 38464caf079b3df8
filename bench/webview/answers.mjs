// The benchmark's answers, as a model's tokens.

/** A realistic answer: prose (Latin, Japanese, Chinese), lists and fenced code, in 1–4 character tokens. */
export function answerTokens(count) {
  const section = (n) => [
    `## 手順 ${n}\n\n`, 'The relay streams **chunks** and the panel renders them as they arrive. ',
    '日本語の説明と中文的解释が混ざります。', 'See `streamChat()` for details.\n\n',
    '- first item\n', '- second item 二番目\n\n',
    '```ts\n', `export function step${n}(a: number): number {\n`, '  return a * 2; // 二倍\n', '}\n', '```\n\n',
  ].join('');
  return cut(section, count);
}

/** A reasoning model's thinking: plain text, a thought per line, some blank lines. */
export function reasoningTokens(count) {
  const thought = (n) => `考え ${n}: the user wants step ${n}; 先に型を確認して、然后写测试。${n % 5 === 0 ? '\n' : ''}\n`;
  return cut(thought, count);
}

/** One long numbered list: `steps` items, each with a paragraph and a code block (the list stays open to the end). */
export function numberedStepsTokens(steps) {
  // An item's blocks are indented to its text: 3 spaces under "9. ", 4 under "10. ".
  const item = (n, pad = ' '.repeat(`${n + 1}. `.length)) => n >= steps ? '' : [
    `${n + 1}. Run step ${n + 1} of the migration, 手順 ${n + 1}:\n\n`,
    `${pad}\`\`\`bash\n`, `${pad}relay migrate --step ${n + 1} --dry-run\n`, `${pad}\`\`\`\n\n`,
  ].join('');
  return cut(item, Infinity);
}

/** Cuts `part(0)`, `part(1)`, … into tokens of 1–4 characters until `count` tokens or an empty part. */
function cut(part, count) {
  const tokens = [];
  for (let n = 0; tokens.length < count; n++) {
    const text = part(n);
    if (!text) break;
    for (let i = 0; i < text.length && tokens.length < count;) {
      const size = 1 + ((i * 7 + n) % 4);
      tokens.push(text.slice(i, i + size));
      i += size;
    }
  }
  return tokens;
}
