/**
 * Any extension can run our commands with arguments, and so can a `command:` link in Markdown that
 * VS Code renders. A command that set the key or the endpoint from its arguments would let them point
 * the user's prompts, paid with the user's key, at a host of their choice without the user seeing
 * anything; an exported chat controller would let them read the chat history and send prompts. So
 * arguments are honoured, and the API exported, only when VS Code runs the extension in test mode
 * (`vscode.ExtensionMode.Test`: the integration tests' extension host). Plain Node: unit-tested.
 */
export class TrustPolicy {
  constructor(readonly testMode: boolean) {}

  /** A command's arguments in test mode; elsewhere none, so the command shows its normal UI. */
  args<T>(given: T | undefined): T | undefined {
    return this.testMode ? given : undefined;
  }

  /** What activate() returns: the API in test mode, nothing otherwise (`build` is not even run). */
  exports<T>(build: () => T): T | undefined {
    return this.testMode ? build() : undefined;
  }
}
