// The files the quality corpus places cursors in: ordinary project files, stored as text under
// files/ (named *.txt so the compiler and the linter leave them alone) and read from the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from './case';

const LANGUAGES: Record<string, string> = {
  ts: 'typescript', py: 'python', yml: 'yaml', go: 'go', json: 'json', rs: 'rust', java: 'java', md: 'markdown',
};

/** `files/<fileName>.txt`, with the language its extension names. */
export function source(fileName: string): SourceFile {
  const languageId = LANGUAGES[path.extname(fileName).slice(1)];
  if (!languageId) throw new Error(`quality corpus: no language for ${fileName}`);
  return { fileName, languageId, text: fs.readFileSync(path.join(folder(), `${fileName}.txt`), 'utf8') };
}

/** bench/completion/quality/files in the repository, whether this runs from bench/ or from out/bench/. */
function folder(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'bench', 'completion', 'quality', 'files');
  }
  throw new Error(`quality corpus: no package.json above ${__dirname}`);
}

export const CART = source('cart.ts');
export const USERS = source('users.ts');
export const RETRY = source('retry.ts');
export const INVENTORY = source('inventory.py');
export const REPORT = source('report.py');
export const COMPOSE = source('docker-compose.yml');
export const CI = source('ci.yml');
export const STORE = source('store.go');
export const PACKAGE = source('package.json');
export const CONFIG = source('config.rs');
export const ORDERS = source('OrderService.java');
export const README = source('README.md');

/** Models as relays sell them. FIM base models on the completions route: */
export const QWEN = 'qwen2.5-coder-32b';
export const DEEPSEEK_CODER = 'deepseek-coder-v2-lite-base';
export const STARCODER = 'starcoder2-15b';
export const CODESTRAL = 'codestral-latest';
/** Chat models asked for <insert>…</insert>: */
export const GPT = 'gpt-4.1';
export const CLAUDE = 'claude-sonnet-4-5';
export const GEMINI = 'gemini-2.5-flash';
export const DEEPSEEK = 'deepseek-v3.2';
/** Reasoning models on the chat route: */
export const R1 = 'deepseek-r1';
export const QWEN3 = 'qwen3-32b';
export const FIM_MODELS = [QWEN, DEEPSEEK_CODER, STARCODER, CODESTRAL];
