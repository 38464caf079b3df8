// Desktop path: the same suite (index.ts) in a downloaded desktop VS Code's extension host, through
// @vscode/test-electron. Needs the VS Code download site (unreachable on this project's CI machines, which
// use scripts/test-integration.sh instead) and a display (on headless Linux: xvfb-run -a).
// usage: node esbuild.js && npx tsc -p tsconfig.test.json && node out/test/integration/electron.js
//   VSCODE_TEST_VERSION: VS Code to download (default 1.139.1, the version the code-server host runs;
//   1.96.0 is the engines floor). VSCODE_EXECUTABLE: use an installed VS Code instead of downloading.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '../../..'); // out/test/integration -> repo root
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-it-workspace-')); // not the repo: keep runs independent of it
  const exe = process.env.VSCODE_EXECUTABLE;
  try {
    return await runTests({
      ...(exe ? { vscodeExecutablePath: exe } : { version: process.env.VSCODE_TEST_VERSION ?? '1.139.1' }),
      // With it, the test-only extension that uses Relay Chat's models through vscode.lm (lm.test.ts).
      extensionDevelopmentPath: [repo, path.join(repo, 'test/fixtures/lm-consumer')],
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv: { RELAY_IT_HOST: 'electron' }, // like code-server's host, this one sees our env
      // Only the extension under development: a developer's installed extensions stay out of the run.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects when VS Code exits non-zero (a failed test) or cannot be downloaded/started.
    console.error('integration tests failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
