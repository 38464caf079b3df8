import type * as vscode from 'vscode';
import { QuirkMemory, readLearnedQuirks, withQuirk, type Logger, type Quirk, type QuirkStore } from '../core';

/** The globalState key holding what each endpoint + model refused (see QuirkMemory). */
export const QUIRKS_KEY = 'relayChat.requestQuirks';

/**
 * The request quirks kept in globalState. Each save reads the key again and adds only the new quirk:
 * another window sharing this globalState may have learnt something else since this one loaded it.
 */
export function globalStateQuirkStore(state: vscode.Memento): QuirkStore {
  return {
    load: () => readLearnedQuirks(state.get(QUIRKS_KEY)),
    save: async (key: string, quirk: Quirk) => {
      await state.update(QUIRKS_KEY, withQuirk(readLearnedQuirks(state.get(QUIRKS_KEY)), key, quirk));
    },
  };
}

/** The memory every client of this window shares, read from globalState now (at activation). */
export function quirkMemory(state: vscode.Memento, logger: Logger): QuirkMemory {
  return new QuirkMemory(globalStateQuirkStore(state), (e) => logger.warn(`request quirks: ${e instanceof Error ? e.message : String(e)}`));
}
