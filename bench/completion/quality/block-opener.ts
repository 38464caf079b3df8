// block-opener: at the end of a signature or a condition the model writes the opener and the body;
// the block is the suggestion (its first line alone, an opener, is a weak one).
import { casesOf, runOn, spot } from './case';
import { CLAUDE, CODESTRAL, CONFIG, DEEPSEEK, DEEPSEEK_CODER, FIM_MODELS, GPT, ORDERS, QWEN, REPORT, RETRY, STARCODER, STORE, USERS } from './sources';

export const BLOCK_OPENER = casesOf('block-opener', FIM_MODELS, [
  {
    name: 'ts: a function signature, then its body',
    model: QWEN, at: spot(RETRY, 'export function parseDuration(text: string): number', ' {\n  const match = /^(\\d+)(ms|s|m)$/.exec(text.trim());\n  if (!match) throw new Error(`bad duration: ${text}`);\n  const value = Number(match[1]);\n  return match[2] === \'m\' ? value * 60_000 : match[2] === \'s\' ? value * 1000 : value;\n}'),
    raw: (s) => `${s.truth}\n`,
  },
  {
    name: 'ts: if (!res.ok), then the throw and the closing brace',
    model: DEEPSEEK_CODER, at: spot(USERS, '  if (!res.ok)', ' {\n    throw new HttpError(res.status, `头像下载失败: ${res.statusText}`);\n  }'), raw: (s) => runOn(s, 2),
  },
  {
    name: 'ts chat: an arrow function\'s parameters, then its body',
    model: DEEPSEEK, at: spot(USERS, '  get: async (req: Request, res: Response) =>', ' {\n    const user = await getUser(String(req.params.id));\n    res.json(user);\n  }'),
    raw: '<insert> {\n    const user = await getUser(String(req.params.id));\n    res.json(user);\n  }</insert>',
  },
  {
    name: 'python: a def line ending in ":", then its body',
    model: STARCODER, at: spot(REPORT, 'def top_customers(averages: dict[str, float], n: int = 10) -> list[tuple[str, float]]:', '\n    ranked = sorted(averages.items(), key=lambda pair: pair[1], reverse=True)\n    return ranked[:n]'),
    raw: (s) => runOn(s, 3), wanted: '\n    ranked = sorted(averages.items(), key=lambda pair: pair[1], reverse=True)\n    return ranked[:n]',
  },
  {
    name: 'python chat: a for header without its ":", then the Japanese comment and the body',
    model: CLAUDE, at: spot(REPORT, '    for order in orders', ':\n        # 金額は文字列で来るので float に変換する\n        amounts[order["customer_id"]].append(float(order["amount"]))'),
    raw: '<insert>:\n        # 金額は文字列で来るので float に変換する\n        amounts[order["customer_id"]].append(float(order["amount"]))\n</insert>',
  },
  {
    name: 'go: a method signature, then its body',
    model: CODESTRAL, at: spot(STORE, 'func (s *Store) Get(id string) (Item, error)', ' {\n\ts.mu.RLock()\n\tdefer s.mu.RUnlock()\n\titem, ok := s.items[id]\n\tif !ok {\n\t\treturn Item{}, fmt.Errorf("get %q: %w", id, ErrNotFound)\n\t}\n\treturn item, nil\n}'),
    raw: (s) => runOn(s, 2),
  },
  {
    name: 'java chat: a method signature, then its one-line body',
    model: GPT, at: spot(ORDERS, '    public Optional<Order> find(String id)', ' {\n        return repository.findById(id);\n    }'), raw: '<insert> {\n        return repository.findById(id);\n    }</insert>',
  },
  {
    name: 'rust: a method signature, then its body',
    model: QWEN, at: spot(CONFIG, '    pub fn is_allowed(&self, origin: &str) -> bool', ' {\n        self.allowed_origins.is_empty() || self.allowed_origins.iter().any(|o| o == origin)\n    }'),
    raw: (s) => runOn(s, 1),
  },
]);
