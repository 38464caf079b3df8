// The demo's answer to Explain Selection / Explain File: a short explanation built from the shape of
// the code it was given (its declarations and traits), with a heading, lists, a table and code.
import { declarationsOf, exampleCall, traitsOf, type Declaration, type DeclarationKind, type Trait } from './code-shape';
import type { DemoLanguage } from './language';

export interface ExplainAsk {
  path: string;
  language: string;
  /** Absent when the whole file was sent. */
  lines?: { start: number; end: number };
  code: string;
}

/** Reads a prompt written like Explain Selection's ("Explain lines 3-9 of `a.ts` (typescript): …" + the code). */
export function explainAskOf(prompt: string): ExplainAsk | undefined {
  const head = /^Explain (?:lines (\d+)-(\d+) of `([^`\n]+)`|the file `([^`\n]+)`) \(([^)\n]*)\):/.exec(prompt);
  const code = /^(`{3,})[^\n]*\n([\s\S]*?)\n\1[^\S\n]*$/m.exec(prompt)?.[2];
  if (!head || code === undefined) return undefined;
  const lines = head[1] ? { start: Number(head[1]), end: Number(head[2]) } : undefined;
  return { path: (head[3] ?? head[4]) as string, language: head[5] ?? '', ...(lines ? { lines } : {}), code };
}

interface Words {
  title(path: string, lines?: { start: number; end: number }): string;
  summary(language: string, declarations: Declaration[]): string;
  kinds: Record<DeclarationKind, string>;
  declared(d: Declaration): string;
  traits: Record<Trait, string>;
  howItWorks: string;
  atAGlance: string;
  columns: [string, string, string];
  facts: [string, string];
  lineCount: string;
  characters: string;
  usingIt: string;
  theCode: string;
  disclaimer: string;
  /** The one point made when nothing else stands out. */
  plain: string;
}

const list = (names: string[], and: string) => names.map((n) => `\`${n}\``).join(and);

const WORDS: Record<DemoLanguage, Words> = {
  en: {
    title: (path, lines) => `## \`${path}\`${lines ? `, lines ${lines.start}–${lines.end}` : ''}`,
    summary: (language, ds) => ds.length
      ? `This ${language} code declares ${ds.length === 1 ? 'one name' : `${ds.length} names`}: ${list(ds.map((d) => d.name), ', ')}. Here is what stands out.`
      : `This ${language} code declares nothing of its own: it is a run of statements. Here is what stands out.`,
    kinds: { function: 'function', method: 'method', class: 'class', interface: 'interface', type: 'type', constant: 'constant', variable: 'variable' },
    declared: (d) => `**\`${d.name}\`** (${WORDS.en.kinds[d.kind]}, line ${d.line})${d.params !== undefined ? (d.params ? ` takes \`${d.params}\`` : ' takes no arguments') : ''}.`,
    traits: {
      exported: 'It is exported, so other modules can use it.',
      async: 'It is asynchronous: callers wait for its result.',
      template: 'It builds text from a template with values filled in.',
      errors: 'It deals with errors explicitly (throws, catches or checks them).',
      loop: 'It goes over several items in a loop.',
      cjk: 'It holds Japanese or Chinese text, which Relay Chat keeps intact from the relay to the screen.',
    },
    howItWorks: '### How it works', atAGlance: '### At a glance', columns: ['Name', 'Kind', 'Line'], facts: ['What', 'Value'],
    lineCount: 'Lines', characters: 'Characters', usingIt: '### Using it', theCode: '### The code',
    plain: 'It runs its statements from top to bottom.',
    disclaimer: '*A demo explanation from the fake relay: it reads the shape of the code, not its meaning. Connect your relay for a real one.*',
  },
  ja: {
    title: (path, lines) => `## \`${path}\`${lines ? ` の ${lines.start}–${lines.end} 行目` : ''}`,
    summary: (language, ds) => ds.length
      ? `この ${language} のコードは ${ds.length} 個の名前を宣言しています：${list(ds.map((d) => d.name), '、')}。ポイントは次のとおりです。`
      : `この ${language} のコードは独自の宣言を持たず、文が並んでいます。ポイントは次のとおりです。`,
    kinds: { function: '関数', method: 'メソッド', class: 'クラス', interface: 'インターフェース', type: '型', constant: '定数', variable: '変数' },
    declared: (d) => `**\`${d.name}\`**（${WORDS.ja.kinds[d.kind]}、${d.line} 行目）${d.params !== undefined ? (d.params ? `は \`${d.params}\` を受け取ります` : 'は引数を取りません') : ''}。`,
    traits: {
      exported: 'export されているので、ほかのモジュールから使えます。',
      async: '非同期です。呼び出し側は結果を待ちます。',
      template: 'テンプレートに値を埋め込んで文字列を作ります。',
      errors: 'エラーを明示的に扱っています（throw・catch・チェック）。',
      loop: 'ループで複数の要素を順に処理します。',
      cjk: '日本語や中国語の文字列を含みます。Relay Chat はリレーから画面まで文字化けさせずに扱います。',
    },
    howItWorks: '### 仕組み', atAGlance: '### 概要', columns: ['名前', '種類', '行'], facts: ['項目', '値'],
    lineCount: '行数', characters: '文字数', usingIt: '### 使い方', theCode: '### コード',
    plain: '上から順に文を実行します。',
    disclaimer: '*フェイクリレーによるデモの説明です。コードの形だけを読み、意味は理解していません。本物の説明にはリレーを接続してください。*',
  },
  zh: {
    title: (path, lines) => `## \`${path}\`${lines ? ` 第 ${lines.start}–${lines.end} 行` : ''}`,
    summary: (language, ds) => ds.length
      ? `这段 ${language} 代码声明了 ${ds.length} 个名称：${list(ds.map((d) => d.name), '、')}。要点如下。`
      : `这段 ${language} 代码没有自己的声明，只是一系列语句。要点如下。`,
    kinds: { function: '函数', method: '方法', class: '类', interface: '接口', type: '类型', constant: '常量', variable: '变量' },
    declared: (d) => `**\`${d.name}\`**（${WORDS.zh.kinds[d.kind]}，第 ${d.line} 行）${d.params !== undefined ? (d.params ? `接收 \`${d.params}\`` : '不接收参数') : ''}。`,
    traits: {
      exported: '它被导出，其他模块可以使用。',
      async: '它是异步的：调用方会等待结果。',
      template: '它用模板把值填入文本。',
      errors: '它显式地处理错误（抛出、捕获或检查）。',
      loop: '它用循环逐个处理多个元素。',
      cjk: '其中含有中文或日文文本，Relay Chat 从中转服务到屏幕都会完整保留。',
    },
    howItWorks: '### 工作原理', atAGlance: '### 概览', columns: ['名称', '种类', '行'], facts: ['项目', '值'],
    lineCount: '行数', characters: '字符数', usingIt: '### 用法', theCode: '### 代码',
    plain: '它从上到下依次执行语句。',
    disclaimer: '*这是模拟中转服务给出的演示解释：它只读取代码的结构，并不理解其含义。连接你的中转服务即可获得真正的解释。*',
  },
};

const LANGUAGE_NAMES: Record<string, string> = {
  typescript: 'TypeScript', typescriptreact: 'TypeScript (React)', javascript: 'JavaScript', javascriptreact: 'JavaScript (React)',
  python: 'Python', go: 'Go', rust: 'Rust', java: 'Java', csharp: 'C#', cpp: 'C++', c: 'C', ruby: 'Ruby', php: 'PHP', shellscript: 'shell',
};

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function explainAnswer(language: DemoLanguage, ask: ExplainAsk): string {
  const w = WORDS[language];
  const declarations = declarationsOf(ask.code, ask.lines?.start ?? 1);
  const shown = declarations.slice(0, 8);
  const table = shown.length
    ? [row(w.columns), row(['---', '---', '---:']), ...shown.map((d) => row([`\`${d.name}\``, w.kinds[d.kind], d.line]))]
    : [row(w.facts), row(['---', '---:']), row([w.lineCount, ask.code.split('\n').length]), row([w.characters, Array.from(ask.code).length])];
  const callable = declarations.find((d) => d.kind === 'function' || d.kind === 'method');
  const fence = '`'.repeat(Math.max(3, ...[...ask.code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const points = [...shown.map((d) => w.declared(d)), ...traitsOf(ask.code).map((t) => w.traits[t])];
  const code = callable ? exampleCall(ask.language, callable) : ask.code.split('\n').slice(0, 8).join('\n');
  return [
    w.title(ask.path, ask.lines), '',
    w.summary(LANGUAGE_NAMES[ask.language] ?? (ask.language || 'plain text'), declarations), '',
    w.howItWorks,
    ...(points.length ? points : [w.plain]).map((p) => `- ${p}`),
    '', w.atAGlance, ...table, '',
    callable ? w.usingIt : w.theCode,
    `${fence}${ask.language}`, code, fence, '',
    w.disclaimer, '',
  ].join('\n');
}
