// Our OpenAI framing (3 per message + role, 3 priming; tools as the namespace) against gpt-tokenizer's
// countChatCompletionTokens: the encodings are exact, so only the framing can differ.
import { countTokens as o200kChat, countChatCompletionTokens as o200kRequest } from 'gpt-tokenizer/model/gpt-4o';
import { countChatCompletionTokens as cl100kRequest } from 'gpt-tokenizer/model/gpt-4-turbo';
import { countRequestTokens, countToolTokens } from '../../src/core/tokens/message-tokens';
import { tokenCounterFor } from '../../src/core/tokens/token-counter';
import { CORPUS, TOOLS } from './corpus';

const fmt = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;

export async function openAiFraming(): Promise<void> {
  console.log('\nOpenAI encodings: our request count against gpt-tokenizer countChatCompletionTokens (tool calls dropped: it has no tool_calls)');
  for (const [model, theirs] of [['gpt-4o', o200kRequest], ['gpt-4-turbo', cl100kRequest]] as const) {
    const counter = await tokenCounterFor(model);
    for (const c of CORPUS) {
      const messages = c.messages.filter((m) => !m.toolCalls && m.role !== 'tool').map((m) => ({ role: m.role, content: m.content }));
      const ours = countRequestTokens(counter, { messages });
      const ref = theirs({ messages });
      const tools = c.tools ? ` | tools ours ${countToolTokens(counter, c.tools)} vs ${theirs({ messages: [], functions: c.tools as never }) - theirs({ messages: [] })}` : '';
      console.log(`  ${model.padEnd(11)} ${c.name.padEnd(16)} ours ${String(ours).padStart(5)} vs ${String(ref).padStart(5)} (${fmt(((ours - ref) / ref) * 100)})${tools}`);
    }
  }
  const rule = 3 + 1 + o200kChat('Hello, world!') + 3;
  const gpt4o = await tokenCounterFor('gpt-4o');
  console.log(`  OpenAI's published rule for one user message "Hello, world!": ${rule}; ours ${countRequestTokens(gpt4o, { messages: [{ role: 'user', content: 'Hello, world!' }] })}; all ${TOOLS.length} tools: ${countToolTokens(gpt4o, TOOLS)}`);
}
