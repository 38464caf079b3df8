// clean: ordinary good answers, mid-line and at line ends, with Chinese and Japanese text: they must
// come through unchanged (regressions of the clean-up show here).
import { casesOf, runOn, spot } from './case';
import { CART, CI, CLAUDE, CODESTRAL, CONFIG, DEEPSEEK, DEEPSEEK_CODER, FIM_MODELS, GEMINI, GPT, ORDERS, PACKAGE, QWEN, R1, REPORT, RETRY, STARCODER, STORE, USERS } from './sources';

export const CLEAN = casesOf('clean', FIM_MODELS, [
  {
    name: 'ts: mid-line query, running on',
    model: QWEN, at: spot(USERS, '  const rows = await db.users.', "findMany({ skip: offset, take: PAGE_SIZE, orderBy: { createdAt: 'desc' } });"), raw: (s) => runOn(s, 2),
  },
  { name: 'ts: a Chinese comment', model: CODESTRAL, at: spot(USERS, '// ', '根据 ID 获取用户，不存在时抛出 404'), raw: (s) => runOn(s, 1) },
  {
    name: 'ts chat: a Japanese message in a template literal',
    model: GEMINI, at: spot(CART, '    throw new RangeError(`', '数量が不正です: ${text}`);'), raw: '<insert>数量が不正です: ${text}`);</insert>',
  },
  { name: 'python chat: a Japanese comment', model: DEEPSEEK, at: spot(REPORT, '        # ', '金額は文字列で来るので float に変換する'), raw: '<insert>金額は文字列で来るので float に変換する</insert>' },
  { name: 'go: mid-line map lookup', model: STARCODER, at: spot(STORE, '\titem, ok := ', 's.items[id]'), raw: (s) => runOn(s, 2) },
  { name: 'ts: a keyword that needs its space', model: DEEPSEEK_CODER, at: spot(RETRY, '  throw', ' lastError;'), raw: (s) => runOn(s, 1) },
  {
    name: 'rust chat: a closure argument whose ")" closes the open map_err(',
    model: GPT, at: spot(CONFIG, '    env::var(name).map_err(|_| ', 'ConfigError::Missing(name))'), raw: '<insert>ConfigError::Missing(name))</insert>',
  },
  { name: 'yaml chat: a reporter name at a line end', model: CLAUDE, at: spot(CI, '      - run: npm test -- --reporter ', 'dot'), raw: '<insert>dot</insert>' },
  {
    name: 'java reasoning: a repository call after <think>',
    model: R1, at: spot(ORDERS, '        List<Order> orders = repository.', 'findByCustomer(customerId);'),
    raw: '<think>\nThe repository offers findByCustomer; recent() sorts what it returns.\n</think>\n<insert>findByCustomer(customerId);</insert>',
  },
  { name: 'json: a version string, no extra space', model: QWEN, at: spot(PACKAGE, '    "typescript": ', '"^5.5.4",'), raw: (s) => runOn(s, 2) },
]);
