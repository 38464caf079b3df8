import { onAbort } from '../util/abort';

/**
 * Who may spend the user's relay credit through an editor's language-model API (`vscode.lm`). The
 * editor asks the user nothing when an extension uses a contributed model, so Relay Chat asks itself:
 * once per extension, remembered in a setting the user can edit (a caller without a name: each time).
 */

/**
 * Request initiators that are the editor's own chat, where the user picked the model themselves:
 * VS Code's workbench (`core`, as it names itself) and the
 * extension that serves VS Code's chat view (GitHub Copilot Chat, built into VS Code 1.139, which
 * sends the chat view's requests for other vendors' models through `vscode.lm`). Lower case, as the
 * host passes extension ids.
 */
export const EDITOR_CHAT_INITIATORS: readonly string[] = ['core', 'github.copilot-chat'];

/** The answers the user gave so far: extension id → allowed. Ids compare case-insensitively. */
export type RememberedAccess = Readonly<Record<string, unknown>>;

export type LmAccess = 'allowed' | 'denied' | 'ask';

/**
 * Stands for a request that names no caller. It is no extension id (ids have a dot and no spaces), so
 * no remembered answer ever applies to it.
 */
export const UNNAMED_CALLER = '(unnamed caller)';

/**
 * Whether `initiator` may use the models now, may not, or must be asked about. A request without an
 * initiator is not taken for VS Code's own: anything can arrive without a name, so it is asked about
 * every time, and never under a remembered answer: "allowed" kept under one fixed key would let every
 * later unnamed caller spend the key unasked.
 */
export function lmAccess(initiator: string | undefined, remembered: RememberedAccess): LmAccess {
  if (initiator === undefined || initiator === UNNAMED_CALLER) return 'ask';
  const asking = initiator.toLowerCase();
  if (EDITOR_CHAT_INITIATORS.includes(asking)) return 'allowed';
  const answers = Object.entries(remembered)
    .filter(([id, value]) => id.toLowerCase() === asking && typeof value === 'boolean')
    .map(([, value]) => value);
  // Two spellings of one id that disagree: the refusal wins, as credit is at stake.
  if (answers.includes(false)) return 'denied';
  return answers.includes(true) ? 'allowed' : 'ask';
}

/** The user's answer to "may this extension use the models?"; `dismissed` holds for one request only. */
export type AccessAnswer = 'allow' | 'deny' | 'dismissed';

/** What becomes of one request: sent, refused (remembered or for this time), or given up by its caller. */
export type Admission = 'allowed' | 'denied' | 'dismissed' | 'cancelled';

export interface AccessGateDeps {
  remembered(): RememberedAccess;
  /** Puts the question to the user; resolves when they answer or dismiss it. */
  ask(extensionId: string): Promise<AccessAnswer>;
  /** Keeps an answer for next time. */
  remember(extensionId: string, allowed: boolean): Promise<void>;
}

/**
 * Decides each request of `vscode.lm`. While the user has not answered, the request waits (nothing goes
 * to the relay); requests of the same extension meanwhile wait for the same question, and a caller who
 * cancels stops waiting without closing the question for the others.
 */
export class LmAccessGate {
  private readonly open = new Map<string, Promise<AccessAnswer>>();
  /** Answers are kept one at a time: each write reads the whole setting and writes it back. */
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AccessGateDeps) {}

  async admit(initiator: string | undefined, signal: AbortSignal): Promise<Admission> {
    const extensionId = initiator === undefined ? UNNAMED_CALLER : initiator.toLowerCase();
    const access = lmAccess(extensionId, this.deps.remembered());
    if (access !== 'ask') return access;
    if (signal.aborted) return 'cancelled';
    const answer = await untilAborted(this.question(extensionId), signal);
    if (!answer) return 'cancelled';
    return answer.value === 'allow' ? 'allowed' : answer.value === 'deny' ? 'denied' : 'dismissed';
  }

  private question(extensionId: string): Promise<AccessAnswer> {
    let question = this.open.get(extensionId);
    if (!question) {
      question = this.askAndRemember(extensionId).finally(() => this.open.delete(extensionId));
      this.open.set(extensionId, question);
    }
    return question;
  }

  private async askAndRemember(extensionId: string): Promise<AccessAnswer> {
    const answer = await this.deps.ask(extensionId);
    if (answer !== 'dismissed' && extensionId !== UNNAMED_CALLER) {
      // Two extensions answered for at the same moment: the second write waits for the first, so it
      // reads the first answer back instead of writing over it.
      const write = this.writes.then(() => this.deps.remember(extensionId, answer === 'allow'));
      this.writes = write.catch(() => undefined);
      await write;
    }
    return answer;
  }
}

/** `promise`'s value, or undefined as soon as `signal` aborts (the promise itself goes on). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<{ value: T } | undefined> {
  return new Promise((resolve, reject) => {
    const off = onAbort(signal, () => resolve(undefined));
    promise.then(
      (value) => { off(); resolve({ value }); },
      (error: unknown) => { off(); reject(error); },
    );
  });
}
