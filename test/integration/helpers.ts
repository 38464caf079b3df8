import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../src/shared/protocol';
import type { RelayChatApi } from '../../src/vscode/extension';
import { FakeRelay } from '../fakes/fake-relay';

export const EXT_ID = 'relay-chat.relay-chat';

export async function api(): Promise<RelayChatApi> {
  const ext = vscode.extensions.getExtension<RelayChatApi>(EXT_ID);
  assert.ok(ext, `${EXT_ID} is not installed in this host`);
  const exported = await ext.activate();
  // The API exists only in ExtensionMode.Test, which a host running an extensionTestsPath module sets.
  assert.ok(exported, 'activate() returned no API: the host did not run the extension in test mode');
  return exported;
}

export const config = () => vscode.workspace.getConfiguration('relayChat');

/** Sets user-level (and clears workspace-level) values, as a user would in Settings. */
export async function setSettings(values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await config().update(key, value, vscode.ConfigurationTarget.Global);
  }
}

export async function resetSettings(keys: string[]): Promise<void> {
  for (const key of keys) {
    await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    // Application-scoped settings (baseUrl, …) exist only at user level.
    const workspaceValue = config().inspect(key)?.workspaceValue;
    if (workspaceValue !== undefined) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs `work` with `primary` answering every request with a 503 and a second relay set up as the
 * fallback provider "backup" (with its own key); undoes all of it afterwards.
 */
export async function withFallback(primary: FakeRelay, backupKey: string, work: (backup: FakeRelay) => Promise<void>): Promise<void> {
  const backup = await FakeRelay.start();
  try {
    await setSettings({ fallbackProviders: [{ id: 'backup', baseUrl: backup.baseUrl }] });
    await vscode.commands.executeCommand('relayChat.setApiKey', { key: backupKey, providerId: 'backup' });
    primary.defaultScenario = { status: 503, body: { error: { message: 'overloaded' } } };
    await work(backup);
  } finally {
    primary.defaultScenario = {};
    await setSettings({ fallbackProviders: [] });
    await backup.close();
  }
}

/** A stand-in for the chat panel's webview: records what the controller would show (attach its `surface`). */
export function recorder() {
  const posted: HostToWebview[] = [];
  return { posted, surface: { post: (m: HostToWebview) => posted.push(m), reveal: async () => undefined } };
}

/** The test-only extension that uses Relay Chat's models through vscode.lm (test/fixtures/lm-consumer). */
export const LM_CONSUMER = 'relay-chat-tests.lm-consumer';

/** Activates the consumer (loaded next to Relay Chat by scripts/host/run-host-tests.mjs) and returns its API. */
export async function lmConsumer<T>(): Promise<T> {
  const extension = vscode.extensions.getExtension<T>(LM_CONSUMER);
  assert.ok(extension, `${LM_CONSUMER} is loaded next to Relay Chat (see scripts/host/run-host-tests.mjs)`);
  return extension.activate();
}
