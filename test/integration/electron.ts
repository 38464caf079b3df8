// Desktop path: the same suite (index.ts) in a downloaded desktop VS Code's extension host, through
// @vscode/test-electron. Needs the VS Code download site (unreachable on this project's CI machines, which
// use scripts/test-integration.sh instead) and a display (on headless Linux: xvfb-run -a).
// usage: node esbuild.js && npx tsc -p tsconfig.test.json && node out/test/integration/electron.js
//   VSCODE_TEST_VERSION: VS Code to download; default: the version of the code-server host RELAY_HOST names
//   (scripts/host/hosts.json: current = 1.139.1, 1.96 = 1.96.4, the oldest engines.vscode allows).
//   VSCODE_EXECUTABLE: use an installed VS Code instead of downloading. RELAY_EXTENSION_DIR: load that
//   extension folder (e.g. the unpacked .vsix, scripts/host/package-vsix.mjs) instead of the repo.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '../../..'); // out/test/integration -> repo root
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-it-workspace-')); // not the repo: keep runs independent of it
  const exe = process.env.VSCODE_EXECUTABLE;
  const version = exe ? undefined : process.env.VSCODE_TEST_VERSION ?? hostVersion(repo, process.env.RELAY_HOST);
  try {
    return await runTests({
      ...(version ? { version } : exe ? { vscodeExecutablePath: exe } : {}),
      // With it, the test-only extension that uses Relay Chat's models through vscode.lm (lm.test.ts).
      extensionDevelopmentPath: [path.resolve(process.env.RELAY_EXTENSION_DIR ?? repo), path.join(repo, 'test/fixtures/lm-consumer')],
      extensionTestsPath: path.join(__dirname, 'index.js'),
      // like code-server's host, this one sees our env
      extensionTestsEnv: { RELAY_IT_HOST: 'electron', ...(version ? { RELAY_IT_VSCODE: version } : {}) },
      // Only the extension under development: a developer's installed extensions stay out of the run.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** The VS Code version of a host in scripts/host/hosts.json, named by key ("current", "1.96") or version. */
function hostVersion(repo: string, name = 'current'): string {
  const hosts = JSON.parse(fs.readFileSync(path.join(repo, 'scripts/host/hosts.json'), 'utf8')) as Record<string, { vscode: string }>;
  const host = Object.entries(hosts).find(([key, h]) => key === name || h.vscode === name);
  if (!host) throw new Error(`RELAY_HOST=${name}: expected one of ${Object.keys(hosts).join(', ')}`);
  return host[1].vscode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // runTests rejects when VS Code exits non-zero (a failed test) or cannot be downloaded/started.
    console.error('integration tests failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
