import * as vscode from 'vscode';
import type { ClientService } from '../client-service';
import { readSettings, writeModel } from '../settings';
import { pickModel } from './model-picker';

/**
 * "Relay Chat: Select Model": lists GET /models (with progress), lets the user type any name,
 * and writes the workspace setting. With an argument (integration tests only, see TrustPolicy) it
 * sets that model directly.
 */
export async function selectModel(service: ClientService, model?: string): Promise<string | undefined> {
  if (typeof model === 'string' && model.trim()) {
    await writeModel(model.trim());
    return model.trim();
  }
  const result = await pickModel(service, { title: vscode.l10n.t('Relay Chat: Select Model'), current: readSettings().model });
  if (result) await writeModel(result);
  return result;
}
