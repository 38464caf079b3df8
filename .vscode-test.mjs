// @vscode/test-cli (`npx vscode-test`, and the Extension Test Runner in desktop VS Code): runs the compiled
// integration tests in a downloaded desktop VS Code with its own mocha runner (test/integration/index.ts
// is the entry for test-electron and for the code-server harness, scripts/test-integration.sh).
// Build first: node esbuild.js && npx tsc -p tsconfig.test.json
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync } from 'node:fs';
import { HOST } from './scripts/host/code-server.mjs';

// An empty folder to open (not the repo); .vscode-test/ is git-ignored and test-cli's own cache dir.
const workspaceFolder = '.vscode-test/workspace';
mkdirSync(workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  // The VS Code of the code-server host RELAY_HOST names (scripts/host/hosts.json: current = 1.139.1,
  // 1.96 = 1.96.4, the oldest engines.vscode allows); VSCODE_TEST_VERSION overrides.
  version: process.env.VSCODE_TEST_VERSION ?? HOST.vscode,
  // RELAY_EXTENSION_DIR: an unpacked .vsix (scripts/host/package-vsix.mjs) instead of the repo.
  ...(process.env.RELAY_EXTENSION_DIR ? { extensionDevelopmentPath: process.env.RELAY_EXTENSION_DIR } : {}),
  workspaceFolder,
  // Relay Chat and the test-only extension that uses its models through vscode.lm (lm.test.ts).
  extensionDevelopmentPath: ['.', 'test/fixtures/lm-consumer'],
  env: { RELAY_IT_HOST: 'vscode-test-cli' },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 20_000, color: true },
});
