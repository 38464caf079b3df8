// More of the token bench's corpus (written for it), so that each half of the split (see SPLIT in
// corpus.ts) has prose, code, CJK, Korean, other scripts and noisy data (ids, hashes, tokens).
import type { Conversation } from './corpus';

export const EXTRA: Conversation[] = [
  { name: 'en docs', messages: [
    { role: 'user', content: 'Write a short README section explaining how to configure the retry policy.' },
    { role: 'assistant', content: '## Retry policy\n\nRequests that fail with a network error or a 5xx status are retried up to three times, waiting 250 ms, then 1 s, then 4 s between attempts. A request is never retried after the server has started streaming the response, because the partial answer has already been shown.\n\nSet `retry.maxAttempts` to change the number of attempts (0 turns retries off), and `retry.backoffMs` to change the first delay; each later delay is four times the previous one. Requests cancelled by the user are not retried.' },
  ] },
  { name: 'ko tools', messages: [
    { role: 'user', content: '빌드가 왜 실패하는지 확인하고 고쳐 주세요.' },
    { role: 'assistant', content: '빌드 로그를 먼저 보겠습니다.', toolCalls: [{ id: 'call_Rt5Yu7Io9Pa1Sd3Fg5Hj7Kl', name: 'run_in_terminal', arguments: '{"command":"npm run build","shell":"bash"}' }] },
    { role: 'tool', toolCallId: 'call_Rt5Yu7Io9Pa1Sd3Fg5Hj7Kl', content: "src/index.ts(12,7): error TS2322: Type 'string' is not assignable to type 'number'.\nFound 1 error in src/index.ts:12" },
    { role: 'assistant', content: '12번째 줄에서 문자열을 숫자 변수에 넣고 있습니다. 입력값을 Number()로 변환하거나 변수의 타입을 string으로 바꾸면 빌드가 통과합니다. 설정 파일에서 읽은 값이라면 변환하는 쪽이 안전합니다. 👍' },
  ] },
  { name: 'noisy log', messages: [
    { role: 'user', content: 'The deploy failed, here is the log:\n2026-03-14T09:21:07.418Z ERROR req=7c1e9a40-2b3d-4f6e-8a91-0d5c3b7e2f18 token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U\nimage: registry.example.com/api@sha256:4a7d1ed414474e4033ac29ccb8653d9b4a7d1ed414474e4033ac29ccb8653d9b\ncommit 5e8f2a1c9d3b7f40e6a2c8d1b9f3e7a05c2d4b6e: pull access denied' },
    { role: 'assistant', content: 'The registry refused the pull for the image digest 4a7d1ed4…, so the node has no credentials for registry.example.com. Create an image pull secret and reference it in the deployment (spec.imagePullSecrets), then re-run the deploy for commit 5e8f2a1c.' },
  ] },
  { name: 'mixed euro', messages: [
    { role: 'user', content: 'Traduis ce message d\'erreur en français et en russe : "The file could not be saved because the disk is full."' },
    { role: 'assistant', content: 'Français : « Le fichier n\'a pas pu être enregistré, car le disque est plein. »\nРусский: «Не удалось сохранить файл, потому что диск заполнен.»\nDeutsch, falls nötig: „Die Datei konnte nicht gespeichert werden, weil der Datenträger voll ist." ✅' },
  ] },
  // Numbers: tool results of data (CSV, JSON, timestamped logs), which agents read a lot and which
  // tokenizers split digit by digit (Gemma, DeepSeek, Qwen) or in groups of three (Llama 3, OpenAI).
  { name: 'data csv', messages: [
    { role: 'user', content: 'Which month had the most orders? Read sales.csv.' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_csv_1', name: 'read_file', arguments: '{"path":"/home/dev/shop/sales.csv"}' }] },
    { role: 'tool', toolCallId: 'call_csv_1', content: ['month,orders,revenue,refunds,avg_basket', ...Array.from({ length: 24 }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')},${1200 + ((i * 379) % 900)},${(48210.5 + i * 1371.25).toFixed(2)},${(i * 17) % 60},${(38.4 + (i % 7) * 1.35).toFixed(2)}`)].join('\n') },
    { role: 'assistant', content: 'The busiest month was 2025-11 with 2,089 orders (revenue 62,922.00); refunds stayed under 60 a month.' },
  ] },
  { name: 'data json', messages: [
    { role: 'user', content: 'API の応答を見て、遅いエンドポイントを教えて。' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_json_1', name: 'fetch_metrics', arguments: '{"since":"2026-12-01T00:00:00Z","limit":20}' }] },
    { role: 'tool', toolCallId: 'call_json_1', content: JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ endpoint: `/api/v1/items/${i * 13}`, p50_ms: 12 + ((i * 7) % 40), p95_ms: 85 + ((i * 53) % 400), count: 10000 + i * 731, at: `2026-12-0${(i % 7) + 1}T0${i % 10}:15:${String(i * 3).padStart(2, '0')}Z` }))) },
    { role: 'assistant', content: '/api/v1/items/208 の p95 が 468 ms で最も遅いです。次は /api/v1/items/143（415 ms）。📈' },
  ] },
];
