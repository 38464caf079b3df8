// scope: an answer that leaves the cursor's block before any code (it closes the block the suffix
// already closes, or starts a new top-level definition), and Python answers whose first line's
// indentation disagrees with the rest.
import { casesOf, enter, runOn, spot } from './case';
import { CART, CI, CLAUDE, CODESTRAL, CONFIG, DEEPSEEK_CODER, FIM_MODELS, GPT, INVENTORY, QWEN, REPORT, STORE } from './sources';

export const SCOPE = casesOf('scope', FIM_MODELS, [
  {
    name: 'ts: Enter after a function\'s last statement; the model closes it and writes a new function',
    model: QWEN, at: enter(CART, '  return Math.min(qty, MAX_QTY);', '  ', ''),
    raw: '\n}\n\nexport function formatQty(qty: number): string {\n  return `${qty} 点`;\n}\n',
  },
  {
    name: 'python: Enter after a function\'s return; the model starts a new top-level def',
    model: CODESTRAL, at: enter(REPORT, '    return ranked[:n]', '    ', ''),
    raw: '\n\ndef bottom_customers(averages: dict[str, float], n: int = 10) -> list[tuple[str, float]]:\n    ranked = sorted(averages.items(), key=lambda pair: pair[1])\n    return ranked[:n]\n',
  },
  {
    name: 'python: an indented blank line after a method; the model writes a new method',
    model: QWEN, at: spot(INVENTORY, 'encoding="utf-8")\n        ', ''),
    raw: 'def to_csv(self, out: Path) -> None:\n        with out.open("w", encoding="utf-8") as f:\n            for item in self.items.values():\n                f.write(f"{item.sku},{item.name},{item.quantity}\\n")\n',
  },
  {
    name: 'go: Enter after the last return; the model closes the function and writes another',
    model: DEEPSEEK_CODER, at: enter(STORE, '\treturn item, nil', '\t', ''),
    raw: '\n}\n\nfunc (s *Store) Delete(id string) {\n\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n\tdelete(s.items, id)\n}\n',
  },
  {
    name: 'rust chat: Enter after the tail expression; the answer closes the method and adds one',
    model: CLAUDE, at: enter(CONFIG, 'self.allowed_origins.iter().any(|o| o == origin)', '        ', ''),
    raw: '<insert>}\n\n    pub fn addr(&self) -> SocketAddr {\n        self.addr\n    }</insert>',
  },
  {
    name: 'yaml: a blank line in a job\'s steps; the model starts a new job',
    model: QWEN, at: spot(CI, '          CI: true\n      ', ''),
    raw: '\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n',
  },
  {
    name: 'ts: a block body that runs on past the closing brace into a new function',
    model: QWEN, at: spot(CART, 'export function describe(items: CartItem[]): string {\n  ', "const lines = items.map((item) => `${item.name} × ${item.qty}`);\n  logger.info(`cart: ${lines.length} lines`);\n  return lines.join('\\n');"),
    raw: (s) => `${runOn(s, 3)}\n  return value > max ? max : value;\n}\n\nexport function total(items: CartItem[]): Money {\n  return subtotal(items);\n}\n`,
  },
  {
    name: 'python: the body\'s first line indented again although the cursor is indented',
    model: QWEN, at: spot(INVENTORY, '    def load(cls, path: Path) -> Inventory:\n        ', 'inventory = cls(path)\n        if not path.exists():\n            return inventory'),
    raw: '    inventory = cls(path)\n        if not path.exists():\n            return inventory\n        for sku, raw in json.loads(path.read_text(encoding="utf-8")).items():\n            inventory.items[sku] = Item(**raw)\n        return inventory\n',
  },
  {
    name: 'python chat: the body written flush left after the first line',
    model: GPT, at: spot(INVENTORY, '    def load(cls, path: Path) -> Inventory:\n        ', 'inventory = cls(path)\n        if not path.exists():\n            return inventory'),
    raw: '<insert>inventory = cls(path)\nif not path.exists():\n    return inventory\nfor sku, raw in json.loads(path.read_text(encoding="utf-8")).items():\n    inventory.items[sku] = Item(**raw)\nreturn inventory</insert>',
  },
]);
