// Request quirks: a relay (or the model behind it) that refuses a request field the client sends by
// default. Each quirk names what the client does instead from then on, for that endpoint and model.

export const QUIRKS = [
  'use_max_completion_tokens', 'use_max_tokens', 'drop_temperature', 'drop_top_p', 'drop_stream_options', 'drop_stop',
  'system_as_developer', 'system_into_user', 'drop_reasoning_switch', 'no_tools',
] as const;

/**
 * Quirks that are learnt but not worked around by asking again: a model that takes no tools cannot
 * answer a request that needs them. The request fails with the relay's words; from then on the model
 * is offered without tools (VS Code's agent mode then does not list it).
 */
export const LEARN_ONLY: ReadonlySet<string> = new Set(['no_tools']);

/** The fields that turn a model's reasoning off (inline completions send one where the model has it). */
export const REASONING_SWITCHES = ['reasoning_effort', 'thinking', 'enable_thinking'] as const;

export type Quirk = (typeof QUIRKS)[number];

export function isQuirk(value: unknown): value is Quirk {
  return typeof value === 'string' && (QUIRKS as readonly string[]).includes(value);
}

/**
 * A quirk that makes another pointless: learning one removes the other (a relay that refuses
 * `max_completion_tokens` after refusing `max_tokens` gets `max_tokens` back; folding the system
 * message into the user's replaces sending it as `developer`).
 */
export const SUPERSEDES: Partial<Record<Quirk, Quirk>> = {
  use_max_completion_tokens: 'use_max_tokens',
  use_max_tokens: 'use_max_completion_tokens',
  system_into_user: 'system_as_developer',
};

/** For the log: what was refused, and what is sent from now on. */
export const QUIRK_WORDS: Record<Quirk, { refused: string; instead: string }> = {
  use_max_completion_tokens: { refused: '`max_tokens`', instead: 'sending `max_completion_tokens`' },
  use_max_tokens: { refused: '`max_completion_tokens`', instead: 'sending `max_tokens`' },
  drop_temperature: { refused: '`temperature`', instead: 'leaving `temperature` out' },
  drop_top_p: { refused: '`top_p`', instead: 'leaving `top_p` out' },
  drop_stream_options: { refused: '`stream_options`', instead: 'leaving `stream_options` out (no usage from the relay)' },
  drop_stop: { refused: '`stop`', instead: 'leaving `stop` out' },
  system_as_developer: { refused: 'the `system` role', instead: 'sending the system message as `developer`' },
  system_into_user: { refused: 'the `system`/`developer` role', instead: 'folding the system message into the first user message' },
  drop_reasoning_switch: { refused: 'the reasoning switch (`reasoning_effort`, `thinking` or `enable_thinking`)', instead: 'leaving it out' },
  no_tools: { refused: '`tools`', instead: 'offering the model without tools' },
};
