import * as vscode from 'vscode';
import { isRelayError, normaliseBaseUrl } from '../../core';
import { describeError } from '../error-text';
import { keyOrigin, needsNoKey } from '../key-origin';
import type { KeyStore } from '../keys';
import { ENDPOINT_PRESETS, SECTION, readSettings } from '../settings';

/**
 * "Relay Chat: Select Endpoint": a preset or a custom base URL, checked before it is saved. The URL
 * argument is given by the integration tests only (see TrustPolicy).
 */
export async function selectEndpoint(keys: KeyStore, url?: string): Promise<string | undefined> {
  let chosen = typeof url === 'string' ? url : undefined;
  if (chosen === undefined) {
    const current = readSettings().baseUrl;
    const custom = { label: `$(edit) ${vscode.l10n.t('Custom URL…')}`, url: '' };
    const picked = await vscode.window.showQuickPick(
      [...ENDPOINT_PRESETS.map((p) => ({ label: p.label, description: p.url, url: p.url, ...(p.url === current ? { detail: vscode.l10n.t('current') } : {}) })), custom],
      { title: vscode.l10n.t('Relay Chat: Select Endpoint') },
    );
    if (!picked) return undefined;
    chosen = picked.url || await vscode.window.showInputBox({
      title: vscode.l10n.t('Relay Chat: Select Endpoint'), value: current, prompt: vscode.l10n.t('The base URL of an OpenAI-compatible API, e.g. https://relay.example.com/v1'),
      validateInput: (v) => {
        try {
          normaliseBaseUrl(v);
          return undefined;
        } catch (e) {
          return isRelayError(e) ? describeError(e).message : String(e);
        }
      },
    });
    if (!chosen) return undefined;
  }
  const normalised = normaliseBaseUrl(chosen);
  // Application scope: a workspace must not be able to send your key to another host.
  await vscode.workspace.getConfiguration(SECTION).update('baseUrl', normalised, vscode.ConfigurationTarget.Global);
  void offerKey(keys, normalised);
  return normalised;
}

/** Keys belong to their host: a new host without one asks for its own (never reuses the old host's). */
async function offerKey(keys: KeyStore, baseUrl: string): Promise<void> {
  if (needsNoKey(baseUrl) || await keys.get(baseUrl)) return;
  const set = vscode.l10n.t('Set API Key');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} needs its own API key.', keyOrigin(baseUrl) ?? baseUrl), set);
  if (choice === set) await vscode.commands.executeCommand('relayChat.setApiKey');
}
