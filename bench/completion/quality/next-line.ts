// next-line: the cursor is at the end of a finished line (or on a fresh blank line) and what comes
// next is the following line: a closing bracket, the next YAML key, the next statement.
import { casesOf, runOn, spot } from './case';
import { CART, CLAUDE, CODESTRAL, COMPOSE, CONFIG, DEEPSEEK, DEEPSEEK_CODER, FIM_MODELS, GEMINI, GPT, INVENTORY, ORDERS, PACKAGE, QWEN, QWEN3, REPORT, RETRY, STARCODER, STORE, USERS } from './sources';

export const NEXT_LINE = casesOf('next-line', FIM_MODELS, [
  {
    name: 'ts: "\\n}" after a function\'s last return, running on into the next function',
    model: QWEN, at: spot(CART, '    total += item.price * item.qty;\n  }\n  return total;', '\n}'), raw: (s) => runOn(s, 3),
  },
  {
    name: 'ts: "\\n}" after a boolean return, running on',
    model: DEEPSEEK_CODER, at: spot(RETRY, '  return status !== undefined && status >= 500;', '\n}'), raw: (s) => runOn(s, 2),
  },
  {
    name: 'ts chat: "\\n}" inside <insert>',
    model: GPT, at: spot(USERS, '  res.json({ page, users: rows.map(toPublicUser) });', '\n}'), raw: '<insert>\n}</insert>',
  },
  {
    name: 'yaml: next key after an image value',
    model: QWEN, at: spot(COMPOSE, '    image: nginx:1.27-alpine', '\n    restart: unless-stopped'), raw: (s) => runOn(s, 4),
  },
  {
    name: 'yaml chat: next key opening a list after the last environment value',
    model: CLAUDE, at: spot(COMPOSE, '      LOG_LEVEL: debug', '\n    ports:\n      - "3000:3000"'), raw: '<insert>\n    ports:\n      - "3000:3000"\n</insert>',
  },
  {
    name: 'python: next statement after an augmented assignment',
    model: STARCODER, at: spot(INVENTORY, '        item.quantity += quantity', '\n        self.updated_at = datetime.now(timezone.utc)'), raw: (s) => runOn(s, 3),
  },
  {
    name: 'python chat: next statement (a print with an f-string)',
    model: DEEPSEEK, at: spot(REPORT, '    orders = read_orders(path)', '\n    print(f"{len(orders)} orders")'), raw: '<insert>\n    print(f"{len(orders)} orders")\n</insert>',
  },
  {
    name: 'go: "\\n\\t\\t}" after a return inside an if',
    model: DEEPSEEK_CODER, at: spot(STORE, '\t\tif err := ctx.Err(); err != nil {\n\t\t\treturn nil, err', '\n\t\t}'), raw: (s) => runOn(s, 4),
  },
  {
    name: 'go: closing brace on the blank line after a loop body\'s last statement',
    model: QWEN, at: spot(STORE, '\t\tout = append(out, item)\n\t', '}'), raw: (s) => runOn(s, 3),
  },
  {
    name: 'rust reasoning: "\\n        })" closing a struct literal, after <think>',
    model: QWEN3, at: spot(CONFIG, '            allowed_origins,', '\n        })'),
    raw: '<think>\nThe struct literal lists every field; what remains is to close it and the Ok(.\n</think>\n\n<insert>\n        })\n</insert>',
  },
  {
    name: 'java: next statement after save',
    model: CODESTRAL, at: spot(ORDERS, '        repository.save(order);', '\n        return order;'), raw: (s) => runOn(s, 3),
  },
  {
    name: 'json chat: next script entry',
    model: GEMINI, at: spot(PACKAGE, '"build": "tsc -p .",', '\n    "dev": "tsx watch src/index.ts",'), raw: '<insert>\n    "dev": "tsx watch src/index.ts",\n</insert>',
  },
  {
    name: 'ts chat: "}" on the blank line after a function\'s last statement, with the tag on its own line',
    model: CLAUDE, at: spot(CART, "  return lines.join('\\n');\n", '}'), raw: '<insert>\n}\n</insert>',
  },
]);
