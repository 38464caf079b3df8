// brackets: closers the model writes that the line already has (the editor closed the call), that
// close nothing, or that take the opener the suffix's closer needed; and a closer that is right.
import { casesOf, runOn, spot, type Spot } from './case';
import { CART, CODESTRAL, CONFIG, DEEPSEEK, FIM_MODELS, GEMINI, GPT, ORDERS, QWEN, REPORT, STARCODER, STORE, USERS } from './sources';

/**
 * `clamp(Math.max(|))`: the editor closed both calls as the user typed them; the user types the inner
 * arguments, and the closers already there close them (the outer arguments come after the first one).
 */
function autoClosed(): Spot {
  const s = spot(CART, '  return clamp(Math.max(', '');
  return { ...s, truth: 'qty, 1', suffix: `))${s.suffix.slice(s.suffix.indexOf('\n'))}` };
}

export const BRACKETS = casesOf('brackets', FIM_MODELS, [
  {
    name: 'ts: logger.info(|); answered with the argument and its ")"',
    model: QWEN, at: spot(CART, '  logger.info(', '`cart: ${lines.length} lines`'), raw: (s) => runOn(s, 1),
  },
  {
    name: 'python: print(|) answered with the argument and its ")"',
    model: STARCODER, at: spot(REPORT, '    orders = read_orders(path)\n    print(', 'f"{len(orders)} orders"'), raw: (s) => runOn(s, 2),
  },
  {
    name: 'go chat: fmt.Println(|) answered with the arguments and ")"',
    model: DEEPSEEK, at: spot(STORE, '\tfmt.Println(', '"loaded", len(out), "items"'), raw: '<insert>"loaded", len(out), "items")</insert>',
  },
  {
    name: 'java chat: new IllegalArgumentException(|); answered with a Japanese message and ");"',
    model: GEMINI, at: spot(ORDERS, '            throw new IllegalArgumentException(', '"注文に商品がありません"'), raw: '<insert>"注文に商品がありません");</insert>',
  },
  {
    name: 'ts: a ")" that closes nothing in the prefix',
    model: STARCODER, at: spot(USERS, '  const offset = ', '(page - 1) * PAGE_SIZE;'), raw: '(page - 1) * PAGE_SIZE);\n  const rows = await db.users.findMany({ skip: offset, take: PAGE_SIZE });\n',
  },
  {
    name: 'java: "));" where one ")" closes nothing',
    model: CODESTRAL, at: spot(ORDERS, '        return taxPolicy.', 'apply(sum);'), raw: 'apply(sum));\n    }\n',
  },
  {
    name: 'ts: clamp(Math.max(|)) answered "qty, 1), limit);"',
    model: QWEN, at: autoClosed(), raw: 'qty, 1), limit);\n}\n',
  },
  {
    name: 'rust: "}" closing the method on a blank line while the next line closes the impl',
    model: QWEN, at: spot(CONFIG, 'self.allowed_origins.iter().any(|o| o == origin)\n    ', '}'), raw: (s) => runOn(s, 2),
  },
  {
    name: 'java chat: "}" closing the method while the next line closes the class',
    model: GPT, at: spot(ORDERS, '        return orders.subList(0, Math.min(limit, orders.size()));\n    ', '}'), raw: '<insert>}</insert>',
  },
]);
