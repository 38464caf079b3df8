// Streams as relays send them, byte for byte (captured shapes, with our own text).

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'chatcmpl-rec', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });

const usage = JSON.stringify({ id: 'chatcmpl-rec', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 9, total_tokens: 14 } });

export const RECORDED_TEXT = '日本語のテキスト、中文文本🙂👍🏽 ok';

function stream(eol: string): string {
  return [
    `: OPENROUTER PROCESSING${eol}${eol}`,
    `data: ${chunk({ role: 'assistant', content: '' })}${eol}${eol}`,
    `data: ${chunk({ content: '日本語の' })}${eol}${eol}`,
    `: ping${eol}`,
    `data: ${chunk({ content: 'テキスト、' })}${eol}${eol}`,
    `data: ${chunk({ content: '中文文本' })}${eol}${eol}`,
    `data: ${chunk({ content: '🙂👍🏽' })}${eol}${eol}`,
    `data: ${chunk({ content: ' ok' })}${eol}${eol}`,
    `data: ${chunk({}, 'stop')}${eol}${eol}`,
    `data: ${usage}${eol}${eol}`,
    `data: [DONE]${eol}${eol}`,
  ].join('');
}

export const RECORDED = {
  lf: stream('\n'),
  crlf: stream('\r\n'),
  cr: stream('\r'),
  /** One JSON payload spread over several `data:` lines (joined with \n, valid JSON whitespace). */
  multiline: [
    `data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":\ndata: {"content":"${RECORDED_TEXT}"},\ndata: "finish_reason":"stop"}]}\n\n`,
    'data: [DONE]\n\n',
  ].join(''),
  /** DeepSeek: reasoning_content before the answer. */
  reasoning: [
    `data: ${chunk({ role: 'assistant', reasoning_content: '考えて' })}\n\n`,
    `data: ${chunk({ reasoning_content: 'いる…' })}\n\n`,
    `data: ${chunk({ content: RECORDED_TEXT })}\n\n`,
    `data: ${chunk({}, 'stop')}\n\n`,
    'data: [DONE]\n\n',
  ].join(''),
  /** An emoji sent as two JSON strings, each holding one lone UTF-16 half. */
  surrogates: [
    `data: ${chunk({ content: '前\ud83d' })}\n\n`,
    `data: ${chunk({ content: '\ude00後' })}\n\n`,
    `data: ${chunk({}, 'stop')}\n\n`,
  ].join(''),
};
