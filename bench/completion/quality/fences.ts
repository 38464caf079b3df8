// fences: a Markdown code fence in a FIM answer or around a chat answer, in a file that is not
// Markdown; and in Markdown, where a fence the user is about to type is real content.
import { casesOf, runOn, spot } from './case';
import { CLAUDE, CODESTRAL, COMPOSE, CONFIG, DEEPSEEK_CODER, FIM_MODELS, GEMINI, GPT, ORDERS, PACKAGE, QWEN, README, REPORT, RETRY, STARCODER, STORE } from './sources';

export const FENCES = casesOf('fences', FIM_MODELS, [
  {
    name: 'fim ts: a ```ts line, then the body',
    model: QWEN, at: spot(RETRY, 'export function isRetryable(error: unknown): boolean {\n  ', 'if (error instanceof TypeError) return true;\n  const status = (error as { status?: number }).status;\n  return status !== undefined && status >= 500;'),
    raw: (s) => `\`\`\`ts\n${s.truth}\n}\n\`\`\`\n`,
  },
  {
    name: 'fim python: a ```python line, then the return',
    model: CODESTRAL, at: spot(REPORT, 'def format_row(customer: str, amount: float) -> str:\n    ', 'return f"{customer:<12} {amount:>10.2f}"'),
    raw: (s) => `\`\`\`python\n${s.truth}\n\`\`\``,
  },
  {
    name: 'fim go: a ```go line, then a block body',
    model: DEEPSEEK_CODER, at: spot(STORE, 'func (s *Store) Put(item Item) {\n\t', 's.mu.Lock()\n\tdefer s.mu.Unlock()\n\titem.UpdatedAt = time.Now()\n\ts.items[item.ID] = item'),
    raw: (s) => `\`\`\`go\n${s.truth}\n}\n\`\`\`\n`,
  },
  {
    name: 'fim yaml: a ```yaml line, then the value and more of the file',
    model: STARCODER, at: spot(COMPOSE, '  cache:\n    ', 'image: redis:7-alpine'), raw: (s) => `\`\`\`yaml\n${runOn(s, 3)}\n\`\`\``,
  },
  {
    name: 'fim java: a ```java line, then the statement and the closing brace',
    model: CODESTRAL, at: spot(ORDERS, '    public Optional<Order> find(String id) {\n        ', 'return repository.findById(id);'), raw: (s) => `\`\`\`java\n${s.truth}\n    }\n\`\`\``,
  },
  {
    name: 'chat json: a ```json fence inside <insert>',
    model: GPT, at: spot(PACKAGE, '    "@types/express": "^4.17.21",\n    ', '"tsx": "^4.16.2",'), raw: '<insert>```json\n"tsx": "^4.16.2",\n```</insert>',
  },
  {
    name: 'chat rust: a ```rust fence around <insert>',
    model: GEMINI, at: spot(CONFIG, '    pub fn is_allowed(&self, origin: &str) -> bool {\n        ', 'self.allowed_origins.is_empty() || self.allowed_origins.iter().any(|o| o == origin)'),
    raw: '```rust\n<insert>self.allowed_origins.is_empty() || self.allowed_origins.iter().any(|o| o == origin)</insert>\n```',
  },
  {
    name: 'markdown fim: the fence the user is about to type is content',
    model: QWEN, at: spot(README, 'Start the database and the API in watch mode:\n\n', '```bash\ndocker compose up -d db\nnpm run dev\n```'), raw: (s) => runOn(s, 2),
  },
  {
    name: 'markdown chat: a fenced shell snippet inside <insert>, on its own lines',
    model: CLAUDE, at: spot(README, '## Install\n\n', '```bash\nnpm ci\ncp .env.example .env\n```'), raw: '<insert>\n```bash\nnpm ci\ncp .env.example .env\n```\n</insert>',
  },
]);
