// Inline completions for the fake relay: FIM routes, chat-mode completions, the corpus "model".
export { defaultCompletionBehaviour, type CompletionBehaviour, type CompletionLogEntry, type Corruption, type ScriptedRequest } from './behaviour';
export { isCompletionChat } from './chat-mode';
export { loadCorpus, type CorpusFile } from './corpus';
export { CompletionRoutes } from './routes';
export { completionTokens } from './tokens';
export { trueInsertion } from './true-continuation';
