import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

// The layer rules live in eslint.config.mjs; these cases prove they bite.
const root = path.resolve(__dirname, '../../../..');

async function lint(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules (lint)', function () {
  this.timeout(30_000);

  it('forbids vscode in src/core, even as a type import', async () => {
    assert.equal((await lint('src/core/bad.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).length > 0, true);
    assert.equal((await lint('src/core/bad.ts', "import type { Uri } from 'vscode';\nexport type X = Uri;\n")).length > 0, true);
    assert.equal((await lint('src/core/bad.ts', "import { activate } from '../vscode/extension';\nexport const a = activate;\n")).length > 0, true);
  });

  it('lets the webview import only the shared protocol', async () => {
    assert.deepEqual(await lint('src/webview/ok.ts', "import type { WebviewToHost } from '../shared/protocol';\nexport type X = WebviewToHost;\n"), []);
    assert.equal((await lint('src/webview/bad.ts', "import { RelayClient } from '../core';\nexport const c = RelayClient;\n")).length > 0, true);
    assert.equal((await lint('src/webview/bad.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length > 0, true);
  });

  it('holds the same rule in folders of the webview (src/webview/usage)', async () => {
    assert.deepEqual(await lint('src/webview/usage/ok.ts', "import type { UsageView } from '../../shared/protocol';\nimport { h } from '../dom';\nexport const x: [UsageView?, typeof h?] = [];\n"), []);
    assert.equal((await lint('src/webview/usage/bad.ts', "import { RelayClient } from '../../core';\nexport const c = RelayClient;\n")).length > 0, true);
    assert.equal((await lint('src/webview/usage/bad.ts', "import { uiStrings } from '../../vscode/chat/strings';\nexport const s = uiStrings;\n")).length > 0, true);
  });

  it('allows the adapters to use both vscode and the core', async () => {
    assert.deepEqual(await lint('src/vscode/ok.ts', "import * as vscode from 'vscode';\nimport { RelayClient } from '../core';\nexport const both = [vscode, RelayClient];\n"), []);
  });

  it('makes the adapters use the core through its one public entry', async () => {
    assert.equal((await lint('src/vscode/bad.ts', "import { ChatStore } from '../core/chat/chat-store';\nexport const s = ChatStore;\n")).length > 0, true);
    assert.equal((await lint('src/vscode/x/bad.ts', "import { RelayClient } from '../../core/client/client';\nexport const c = RelayClient;\n")).length > 0, true);
  });
});
