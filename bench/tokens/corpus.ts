// The token bench's corpus (written for it): chat turns in English, Japanese, Chinese, Korean and code,
// with tool schemas, tool calls and tool results, the shapes an agent's context is made of.
import type { ChatMessage, ToolSpec } from '../../src/core/types';
import { EXTRA } from './corpus-extra';

export interface Conversation {
  name: string;
  messages: ChatMessage[];
  tools?: ToolSpec[];
}

const TS_CODE = `import { readFile } from 'node:fs/promises';

/** Reads a JSON settings file, falling back to the defaults for any key it lacks. */
export async function loadSettings(path: string, defaults: Settings): Promise<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaults };
    throw error;
  }
  return { ...defaults, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
}
`;

const PY_CODE = `def moving_average(values: list[float], window: int = 5) -> list[float]:
    """Return the trailing moving average; the first window-1 entries average what exists."""
    out, total = [], 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


if __name__ == "__main__":
    print(moving_average([3, 1, 4, 1, 5, 9, 2, 6], window=3))
`;

const DIFF = `diff --git a/src/server.go b/src/server.go
@@ -41,7 +41,9 @@ func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
-	body, _ := io.ReadAll(r.Body)
+	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
+	if err != nil {
+		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
+		return
+	}
 	defer r.Body.Close()`;

export const TOOLS: ToolSpec[] = [
  {
    name: 'read_file', description: 'Read a file of the workspace and return its text.',
    parameters: { type: 'object', required: ['path'], properties: { path: { type: 'string', description: 'Path relative to the workspace root' }, startLine: { type: 'integer', description: 'First line, 1-based' }, endLine: { type: 'integer' } } },
  },
  {
    name: 'run_in_terminal', description: 'Run a shell command and return what it printed. Long-running commands time out after 60 seconds.',
    parameters: { type: 'object', required: ['command'], properties: { command: { type: 'string' }, cwd: { type: 'string', description: 'Working directory' }, shell: { type: 'string', enum: ['bash', 'pwsh', 'zsh'] } } },
  },
  {
    name: 'search_code', description: 'Search the workspace for text or a regular expression.',
    parameters: { type: 'object', required: ['query'], properties: { query: { type: 'string' }, isRegexp: { type: 'boolean' }, include: { type: 'array', items: { type: 'string' }, description: 'Glob patterns to search in' } } },
  },
];

const SYSTEM_EN = 'You are a careful programming assistant inside VS Code. Answer concisely, show code in fenced blocks, and say when you are unsure.';

const BASE: Conversation[] = [
  { name: 'en chat', messages: [
    { role: 'system', content: SYSTEM_EN },
    { role: 'user', content: 'What is the difference between a process and a thread? Keep it short, I am preparing for an interview tomorrow morning.' },
    { role: 'assistant', content: "A process is a running program with its own address space, file handles and resources; the operating system isolates processes from one another. A thread is a unit of execution inside a process: threads share the process's memory, so they communicate cheaply but must synchronise access to shared data (locks, atomics, channels). Creating and switching threads is cheaper than processes, and a crash in one thread usually takes down the whole process." },
    { role: 'user', content: "Thanks! And what's a race condition, with a tiny example?" },
  ] },
  { name: 'ja chat', messages: [
    { role: 'system', content: 'あなたはVS Codeの中で動くプログラミングアシスタントです。簡潔に、丁寧に日本語で答えてください。' },
    { role: 'user', content: 'TypeScriptで非同期関数のエラー処理はどう書くのが良いですか？try/catchとPromiseのcatchの違いも教えてください。' },
    { role: 'assistant', content: 'async関数の中では、awaitした式をtry/catchで囲むのが基本です。同期的なコードと同じ形で書けるので読みやすく、finallyで後片付けもできます。一方、Promiseの.catch()はチェーンの途中でエラーを受け止めたいときや、awaitを使わない場所で便利です。注意点として、awaitを付け忘れたPromiseの拒否はtry/catchでは捕まりません。未処理の拒否はNode.jsではプロセスの終了につながることもあるので、必ずどこかで受け止めましょう。' },
    { role: 'user', content: 'ありがとうございます。では、複数のリクエストを並列に送って、一つでも失敗したら全部止めたい場合は？' },
  ] },
  { name: 'zh chat', messages: [
    { role: 'system', content: '你是一个在 VS Code 中运行的编程助手。请用简体中文简洁地回答，代码放在代码块中。' },
    { role: 'user', content: '我的 Python 脚本处理一个很大的 CSV 文件时内存不够用了，有什么办法可以逐行处理而不是一次性读进内存？' },
    { role: 'assistant', content: '可以用标准库的 csv 模块配合文件迭代器逐行读取：打开文件后把文件对象交给 csv.reader 或 csv.DictReader，它们每次只读取一行，内存占用与文件大小无关。如果使用 pandas，可以给 read_csv 传入 chunksize 参数，按块处理数据，例如每次十万行。另外，尽量在读取时就指定需要的列（usecols）和合适的数据类型（dtype），这样能进一步减少内存。处理完的结果可以边算边写出，而不是先全部保存在列表里。' },
    { role: 'user', content: '好的，谢谢！那如果还要按某一列分组求和呢？' },
  ] },
  { name: 'ko chat', messages: [
    { role: 'user', content: '자바스크립트에서 배열을 복사할 때 얕은 복사와 깊은 복사의 차이가 뭔가요? 간단한 예시도 보여 주세요.' },
    { role: 'assistant', content: '얕은 복사는 배열 자체만 새로 만들고 안의 객체는 같은 것을 가리킵니다. 스프레드 문법이나 slice()가 여기에 해당합니다. 깊은 복사는 안쪽 객체까지 모두 새로 만들며, structuredClone()을 쓰면 간단합니다. 🙂' },
  ] },
  { name: 'code review', messages: [
    { role: 'system', content: SYSTEM_EN },
    { role: 'user', content: `Can you review this function? It is called on every request.\n\n\`\`\`ts\n${TS_CODE}\`\`\`` },
    { role: 'assistant', content: `Two things. First, reading and parsing the file on every request is slow: cache the result and watch the file instead. Second, a JSON array passes your object check, so \`{...defaults, ...[1,2]}\` adds keys "0" and "1". A version with both fixed:\n\n\`\`\`ts\n${TS_CODE.replace('typeof raw === \'object\'', '!Array.isArray(raw) && typeof raw === \'object\'')}\`\`\`` },
    { role: 'user', content: `And this Python one, same question:\n\n\`\`\`python\n${PY_CODE}\`\`\`` },
  ] },
  { name: 'agent tools en', tools: TOOLS, messages: [
    { role: 'system', content: SYSTEM_EN + ' Use the tools to look at the workspace before you answer.' },
    { role: 'user', content: 'The server crashes with out-of-memory when someone uploads a huge body. Find where the body is read and fix it.' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_Qm3xV8rTzK1pL0aN5sWb2Yd', name: 'search_code', arguments: '{"query":"io.ReadAll(r.Body)","isRegexp":false,"include":["**/*.go"]}' }] },
    { role: 'tool', toolCallId: 'call_Qm3xV8rTzK1pL0aN5sWb2Yd', content: 'src/server.go:44:\tbody, _ := io.ReadAll(r.Body)\nsrc/upload/handler.go:102:\tdata, err := io.ReadAll(r.Body)' },
    { role: 'assistant', content: 'Two places read the whole body. I will start with the server.', toolCalls: [{ id: 'call_h7Ff2LkP9dXr4TqW1nZs8Bc', name: 'read_file', arguments: '{"path":"src/server.go","startLine":30,"endLine":60}' }] },
    { role: 'tool', toolCallId: 'call_h7Ff2LkP9dXr4TqW1nZs8Bc', content: 'package main\n\nimport (\n\t"io"\n\t"net/http"\n)\n\nconst maxBody = 10 << 20\n\nfunc (s *Server) handle(w http.ResponseWriter, r *http.Request) {\n\tbody, _ := io.ReadAll(r.Body)\n\tdefer r.Body.Close()\n\ts.process(w, body)\n}' },
    { role: 'assistant', content: `Here is the change for src/server.go:\n\n\`\`\`diff\n${DIFF}\n\`\`\`\nThe same limit belongs in src/upload/handler.go.` },
  ] },
  { name: 'agent tools ja', tools: TOOLS, messages: [
    { role: 'system', content: 'ワークスペースを調べてから答えるアシスタントです。ツールを使ってください。' },
    { role: 'user', content: 'テストが失敗している原因を調べて、直し方を提案してください。' },
    { role: 'assistant', content: 'まずテストを実行して、失敗の内容を確認します。', toolCalls: [{ id: 'call_9aXk2Lm4Np6Qr8St0Uv2Wx4', name: 'run_in_terminal', arguments: '{"command":"npm test -- --grep 日付","shell":"bash"}' }] },
    { role: 'tool', toolCallId: 'call_9aXk2Lm4Np6Qr8St0Uv2Wx4', content: '  1) 日付の表示\n       月末の日付を翌月の一日として表示する:\n     AssertionError: expected "2025/03/01" to equal "2025/02/28"\n      at Context.<anonymous> (test/date.test.js:14:12)\n\n  12 passing (85ms)\n  1 failing' },
    { role: 'assistant', content: '月末の計算でタイムゾーンを考慮していないため、UTCに変換した時点で日付が一日ずれています。Dateを作るときにローカル時刻の年・月・日を使うか、toISOString()ではなくIntl.DateTimeFormatで整形すれば直ります。' },
  ] },
  { name: 'agent tools zh', tools: TOOLS.slice(0, 2), messages: [
    { role: 'user', content: '帮我看看 README 里的安装步骤是不是过时了。' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_Zy8Xw6Vu4Ts2Rq0Po9Nm7Lk', name: 'read_file', arguments: '{"path":"README.md","startLine":1,"endLine":40}' }] },
    { role: 'tool', toolCallId: 'call_Zy8Xw6Vu4Ts2Rq0Po9Nm7Lk', content: '# 项目说明\n\n## 安装\n\n1. 安装 Node.js 14 或更高版本。\n2. 运行 `npm install`。\n3. 复制 `.env.example` 为 `.env` 并填写密钥。\n\n## 使用\n\n运行 `npm start`，然后在浏览器中打开 http://localhost:3000 。' },
    { role: 'assistant', content: '安装步骤基本正确，但 Node.js 14 早已停止维护，而 package.json 里的 engines 字段要求 Node.js 20 以上。建议把第一步改为"安装 Node.js 20 或更高版本"，并说明可以用 nvm 切换版本。' },
  ] },
  { name: 'mixed notes', messages: [
    { role: 'user', content: 'Release notes / リリースノート / 发布说明 v2.3.0:\n- Fixed: crash when the config path contains spaces (#1423)\n- 修正: 設定ファイルのパスに空白があると落ちる問題\n- 修复：配置路径包含空格时崩溃的问题\n- Perf: startup 38% faster (412 ms → 255 ms) ✅\n- Deps: undici 7.30.2, ws 8.23.0' },
    { role: 'assistant', content: 'Looks good. One nit: keep the issue number on every language line, e.g. "(#1423)", so each translation links to the same report. Ça marche aussi pour la version française: « Corrigé : plantage lorsque le chemin contient des espaces ». Привет, и по-русски тоже можно добавить.' },
  ] },
  { name: 'noisy data', messages: [
    { role: 'user', content: 'Why does this fail? setUserPreferencesFromRemoteConfigurationSnapshot(configurationSnapshotIdentifier) throws on the second call.\nSnapshot id: 3f9c2a7e-81b4-4d0f-9e6a-5b2c7d8e1f04, sha256 9b74c9897bac770ffc029102a200c5de6d1a38f1c8e2b4f7a0d3e9c6b5a41f28\nThumbnail: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGklEQVR4nGNgGAWjYBSMglEwCkbBKBgFgwoAABBwAAGqk6+oAAAAAElFTkSuQmCC' },
    { role: 'assistant', content: 'The minified stack shows it: `function(e,t){return e.a?t.b(e):null}` is called with `e=undefined` at main.7f3a9c.js:1:48213. 👍🏽 Check https://example.com/docs/config?version=2.4.1&lang=en#snapshots — the snapshot must be re-fetched. 🎉🚀' },
  ] },
];

export const CORPUS: Conversation[] = [...BASE, ...EXTRA];

/** The fit sees only these conversations; the bench reports the others as held out (and all). */
export const FIT_HALF: ReadonlySet<string> = new Set(['en chat', 'ja chat', 'ko chat', 'code review', 'agent tools zh', 'noisy data', 'mixed euro', 'data csv']);
