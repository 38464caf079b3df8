// spaces: the text before the cursor already ends in a space and the model starts with one more.
import { casesOf, runOn, spot } from './case';
import { CLAUDE, CODESTRAL, COMPOSE, CONFIG, DEEPSEEK_CODER, FIM_MODELS, GPT, ORDERS, PACKAGE, QWEN, REPORT, RETRY, STARCODER, STORE, USERS } from './sources';

export const SPACES = casesOf('spaces', FIM_MODELS, [
  { name: 'ts: "baseDelayMs: |" answered " 200,"', model: QWEN, at: spot(RETRY, '  attempts: 4,\n  baseDelayMs: ', '200,'), raw: (s) => ` ${runOn(s, 2)}` },
  { name: 'ts: "const PAGE_SIZE = |" answered " 20;"', model: DEEPSEEK_CODER, at: spot(USERS, 'const PAGE_SIZE = ', '20;'), raw: (s) => ` ${runOn(s, 2)}` },
  { name: 'python: "TIMEOUT_SECONDS = |" answered " 30"', model: STARCODER, at: spot(REPORT, 'TIMEOUT_SECONDS = ', '30'), raw: (s) => ` ${runOn(s, 4)}` },
  {
    name: 'go: "ctx, cancel := |" answered with a leading space',
    model: CODESTRAL, at: spot(STORE, '\tctx, cancel := ', 'context.WithTimeout(ctx, 5*time.Second)'), raw: (s) => ` ${runOn(s, 1)}`,
  },
  { name: 'yaml: "image: |" answered " postgres:16"', model: QWEN, at: spot(COMPOSE, '  db:\n    image: ', 'postgres:16'), raw: (s) => ` ${runOn(s, 2)}` },
  { name: 'json: "\\"version\\": |" answered " \\"0.2.0\\","', model: DEEPSEEK_CODER, at: spot(PACKAGE, '  "version": ', '"0.2.0",'), raw: (s) => ` ${runOn(s, 1)}` },
  {
    name: 'rust chat: "let port = |" answered with a leading space inside <insert>',
    model: CLAUDE, at: spot(CONFIG, '        let port = ', 'env::var("PORT").unwrap_or_else(|_| "8080".to_string());'), raw: '<insert> env::var("PORT").unwrap_or_else(|_| "8080".to_string());</insert>',
  },
  {
    name: 'java chat: "Order order = |" answered with a leading space inside <insert>',
    model: GPT, at: spot(ORDERS, '        Order order = ', 'new Order(customerId, new ArrayList<>(items));'), raw: '<insert> new Order(customerId, new ArrayList<>(items));</insert>',
  },
]);
