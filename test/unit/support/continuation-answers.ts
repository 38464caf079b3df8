import { MARKDOWN_CORPUS } from './markdown-corpus';

/** Answers to drop and continue: the Markdown corpus, and Japanese and Chinese ones (with a code block). */
export const ANSWERS: Record<string, string> = {
  ...MARKDOWN_CORPUS,
  japanese: '## 使い方\n\nこの関数は入力を検証してから保存します。失敗した場合はエラーを返します。\n\n```ts\nconst 結果 = 保存する(データ);\n```\n\n以上です。🙂',
  chinese: '### 说明\n\n这个函数先检查输入，然后保存。如果失败，就返回错误。\n\n- 第一步：检查\n- 第二步：保存\n',
};
