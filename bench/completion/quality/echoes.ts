// echoes: the model repeats a line the file already has: the previous line (a closing brace, a
// docstring) at a fresh line, or the cursor's line from its start.
import { casesOf, spot } from './case';
import { CART, CLAUDE, CODESTRAL, DEEPSEEK_CODER, FIM_MODELS, GEMINI, GPT, INVENTORY, ORDERS, QWEN, R1, REPORT, STARCODER, STORE, USERS } from './sources';

export const ECHOES = casesOf('echoes', FIM_MODELS, [
  {
    name: 'ts: "}" repeated at the line after an if block',
    model: DEEPSEEK_CODER, at: spot(USERS, '    throw new NotFoundError(`用户不存在: ${id}`);\n  }\n  ', 'return toPublicUser(user);'),
    raw: '}\n  return toPublicUser(user);\n}\n',
  },
  {
    name: 'ts: "};" repeated after an object literal closed',
    model: QWEN, at: spot(USERS, '    res.json(user);\n  },\n};\n', '\nexport default userRoutes;'), raw: '};\n\nexport default userRoutes;\n',
  },
  {
    name: 'go: "}" repeated after an if block inside a loop',
    model: CODESTRAL, at: spot(STORE, 'item, err := s.Get(id)\n\t\tif err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\t', 'out = append(out, item)'),
    raw: '}\n\t\tout = append(out, item)\n\t}\n',
  },
  {
    name: 'python: the docstring repeated right after it',
    model: STARCODER, at: spot(INVENTORY, '        """入库：数量累加，不存在时新建。"""\n        ', 'item = self.items.setdefault(sku, Item(sku, name))'),
    raw: '"""入库：数量累加，不存在时新建。"""\n        item = self.items.setdefault(sku, Item(sku, name))\n        item.quantity += quantity\n',
  },
  {
    name: 'python chat: the docstring repeated inside <insert>',
    model: GEMINI, at: spot(REPORT, '    """Average order amount per customer id."""\n    ', 'amounts: dict[str, list[float]] = defaultdict(list)'),
    raw: '<insert>"""Average order amount per customer id."""\n    amounts: dict[str, list[float]] = defaultdict(list)</insert>',
  },
  {
    name: 'ts chat: the current line repeated from its start, indentation included',
    model: CLAUDE, at: spot(CART, "  const discount = coupon.kind === 'percent' ? ", '(amount * coupon.value) / 100 : coupon.value;'),
    raw: "<insert>  const discount = coupon.kind === 'percent' ? (amount * coupon.value) / 100 : coupon.value;</insert>",
  },
  {
    name: 'go chat: the current line repeated from its first word',
    model: GPT, at: spot(STORE, '\t\treturn Item{}, ', 'fmt.Errorf("get %q: %w", id, ErrNotFound)'), raw: '<insert>return Item{}, fmt.Errorf("get %q: %w", id, ErrNotFound)</insert>',
  },
  {
    name: 'java chat: the previous line repeated before the next statement',
    model: GEMINI, at: spot(ORDERS, '        Order order = new Order(customerId, new ArrayList<>(items));\n        ', 'repository.save(order);'),
    raw: '<insert>Order order = new Order(customerId, new ArrayList<>(items));\n        repository.save(order);</insert>',
  },
  {
    name: 'python reasoning: the previous line repeated after </think>',
    model: R1, at: spot(INVENTORY, '        self.path = path\n        ', 'self.items: dict[str, Item] = {}'),
    raw: '<think>\nThe constructor stores the path; next it needs the items mapping.\n</think>\n<insert>self.path = path\n        self.items: dict[str, Item] = {}</insert>',
  },
]);
