// tags: markup around or before the code that no prompt asked for: FIM control tokens leaked by
// base models, chat models' own wrappers, reasoning blocks.
import { casesOf, runOn, spot } from './case';
import { CART, CI, CLAUDE, COMPOSE, CONFIG, DEEPSEEK, FIM_MODELS, GEMINI, GPT, INVENTORY, ORDERS, QWEN, QWEN3, R1, REPORT, RETRY, STARCODER, STORE, USERS } from './sources';

export const TAGS = casesOf('tags', FIM_MODELS, [
  {
    name: 'fim: <|fim_middle|> leaked before a mid-line call',
    model: QWEN, at: spot(USERS, '  const user = await db.users.', 'findOne({ where: { id } });'), raw: (s) => `<|fim_middle|>${runOn(s, 2)}`,
  },
  {
    name: 'fim: <fim_middle> leaked before a python expression',
    model: STARCODER, at: spot(REPORT, '    ranked = ', 'sorted(averages.items(), key=lambda pair: pair[1], reverse=True)'), raw: (s) => `<fim_middle>${runOn(s, 1)}`,
  },
  {
    name: 'fim: <|endoftext|> right after the line',
    model: QWEN, at: spot(CART, '  const limit = ', 'Math.min(stock, MAX_QTY);'), raw: (s) => `${s.truth}<|endoftext|>`,
  },
  {
    name: 'fim: <|file_sep|> and the next file after a block body',
    model: QWEN, at: spot(STORE, 'func New() *Store {\n\t', 'return &Store{items: make(map[string]Item)}'),
    raw: (s) => `${s.truth}\n}\n<|file_sep|>store/store_test.go\npackage store\n\nimport "testing"\n\nfunc TestPutGet(t *testing.T) {\n\ts := New()\n`,
  },
  {
    name: 'chat: <COMPLETION>…</COMPLETION> instead of <insert>',
    model: CLAUDE, at: spot(RETRY, '  const jitter = ', 'Math.random() * options.baseDelayMs;'), raw: '<COMPLETION>Math.random() * options.baseDelayMs;</COMPLETION>',
  },
  {
    name: 'chat: <code>…</code> around a Chinese f-string',
    model: GEMINI, at: spot(INVENTORY, '            raise KeyError(f"', '未知商品: {sku}")'), raw: '<code>未知商品: {sku}")</code>',
  },
  {
    name: 'chat: <answer>…</answer> around a Java lambda body',
    model: DEEPSEEK, at: spot(ORDERS, '        orders.sort((a, b) -> ', 'b.createdAt().compareTo(a.createdAt()));'), raw: '<answer>b.createdAt().compareTo(a.createdAt()));</answer>',
  },
  {
    name: 'chat: <insert> on its own line, code on the next',
    model: GPT, at: spot(REPORT, '        # 金額は文字列で来るので float に変換する\n        ', 'amounts[order["customer_id"]].append(float(order["amount"]))'),
    raw: '<insert>\namounts[order["customer_id"]].append(float(order["amount"]))\n</insert>',
  },
  {
    name: 'chat: a preamble line before <insert>',
    model: DEEPSEEK, at: spot(COMPOSE, '      REDIS_URL: ', 'redis://cache:6379/0'), raw: 'Sure! Here is the text to insert at the cursor:\n\n<insert>redis://cache:6379/0</insert>',
  },
  {
    name: 'chat: a lone <completion> tag, then the code and nothing closing it',
    model: GEMINI, at: spot(CONFIG, '        let timeout_secs: u64 = ', 'env::var("REQUEST_TIMEOUT_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);'),
    raw: '<completion>\nenv::var("REQUEST_TIMEOUT_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);\n',
  },
  {
    name: 'reasoning: <think>…</think> before <insert> in a workflow step',
    model: R1, at: spot(CI, '      - run: npm ci\n      - run: ', 'npm run lint'),
    raw: '<think>\nThe job installs dependencies with npm ci. The package has a lint script, so the next step runs it.\n</think>\n\n<insert>npm run lint</insert>',
  },
  {
    name: 'reasoning: a stray </think> before <insert>',
    model: QWEN3, at: spot(RETRY, '  const exp = ', 'options.baseDelayMs * 2 ** attempt;'), raw: '</think>\n\n<insert>options.baseDelayMs * 2 ** attempt;</insert>',
  },
]);
