// The demo's answer to a question: one of each thing the panel renders (headings, a numbered list,
// a highlighted code block, a table, emphasis, inline code, an emoji) in the question's language.
import type { DemoLanguage } from './language';

const CODE = {
  en: '// Run `fn` once the calls have stopped for `ms` milliseconds.',
  ja: '// 呼び出しが ms ミリ秒止まってから fn を一度だけ実行する',
  zh: '// 调用停止 ms 毫秒后只执行一次 fn',
};

function debounceCode(comment: string): string {
  return [
    '```ts',
    comment,
    'export function debounce(fn: () => void, ms = 200): () => void {',
    '  let timer: ReturnType<typeof setTimeout> | undefined;',
    '  return () => {',
    '    clearTimeout(timer);',
    '    timer = setTimeout(fn, ms);',
    '  };',
    '}',
    '```',
  ].join('\n');
}

/** Keys as package.json binds them; the panel's own keys (Enter, Esc) are the same everywhere. */
const KEYS = { openChat: ['Ctrl+Alt+I', '⌥⌘I'], explain: ['Ctrl+Alt+E', '⌥⌘E'], accept: ['Tab', 'Tab'], stop: ['Esc', 'Esc'] };

function keyTable(header: [string, string, string], rows: Record<keyof typeof KEYS, string>): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(['---', '---', '---']),
    ...(Object.keys(KEYS) as (keyof typeof KEYS)[]).map((k) => line([rows[k], `\`${KEYS[k][0]}\``, `\`${KEYS[k][1]}\``]))].join('\n');
}

const ANSWERS: Record<DemoLanguage, (question: string) => string> = {
  en: (q) => `## Relay Chat renders Markdown as it streams

You asked: “${q}”. This answer comes from the demo's **built-in fake relay**, so it costs nothing. Set your relay's base URL and API key to get real answers.

### Three things to try
1. **Ask** anything in the box below: answers stream in with headings, lists, code and tables.
2. **Explain Selection**: select code in an editor and press \`Ctrl+Alt+E\`, or right-click it.
3. **Inline suggestions**: type in an editor and grey text appears; \`Tab\` accepts it.

### A code block, highlighted, with *Copy*, *Insert* and *Open* buttons
${debounceCode(CODE.en)}

### A table
${keyTable(['Action', 'Windows / Linux', 'macOS'], { openChat: 'Open the chat', explain: 'Explain Selection', accept: 'Accept a suggestion', stop: 'Stop an answer' })}

Tokens, speed and cost appear under every answer. 🚀
`,
  ja: (q) => `## Relay Chat は Markdown をストリーミングしながら表示します

ご質問：「${q}」。この回答はデモに内蔵された**フェイクリレー**からのもので、料金はかかりません。リレーのベース URL と API キーを設定すると、本物のモデルが答えます。

### 試せる 3 つのこと
1. **質問する**：下の入力欄に書いて Enter。見出し・リスト・コード・表がそのまま表示されます。
2. **選択範囲を説明**：エディターでコードを選択して \`Ctrl+Alt+E\`、または右クリック。
3. **インライン補完**：エディターで入力すると灰色の候補が現れ、\`Tab\` で確定します。

### 色分けされたコードブロック（*コピー*・*挿入*・*開く* ボタン付き）
${debounceCode(CODE.ja)}

### 表
${keyTable(['操作', 'Windows / Linux', 'macOS'], { openChat: 'チャットを開く', explain: '選択範囲を説明', accept: '候補を確定', stop: '回答を止める' })}

各回答の下に、トークン数・速度・料金が表示されます。🚀
`,
  zh: (q) => `## Relay Chat 一边接收一边渲染 Markdown

你的问题：“${q}”。这个回答来自演示内置的**模拟中转服务**，不产生费用。设置中转服务的 Base URL 和 API 密钥后，就由真正的模型回答。

### 可以试试的三件事
1. **提问**：在下方输入框中输入并按 Enter，标题、列表、代码和表格会实时显示。
2. **解释所选内容**：在编辑器中选择代码，按 \`Ctrl+Alt+E\` 或右键单击。
3. **内联补全**：在编辑器中输入时会出现灰色建议，按 \`Tab\` 接受。

### 带语法高亮的代码块（有*复制*、*插入*和*打开*按钮）
${debounceCode(CODE.zh)}

### 表格
${keyTable(['操作', 'Windows / Linux', 'macOS'], { openChat: '打开聊天', explain: '解释所选内容', accept: '接受建议', stop: '停止回答' })}

每个回答下方都会显示令牌数、速度和费用。🚀
`,
};

/** At most 80 characters of the question on one line, with Markdown's special characters escaped. */
export function quoted(question: string): string {
  const line = question.replace(/\s+/g, ' ').trim();
  const short = Array.from(line).length > 80 ? `${Array.from(line).slice(0, 79).join('')}…` : line;
  return short.replace(/[\\`*_[\]<>#|~!]/g, '\\$&');
}

export function chatAnswer(language: DemoLanguage, question: string): string {
  return ANSWERS[language](quoted(question));
}
