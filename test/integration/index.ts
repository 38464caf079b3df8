// The extensionTestsPath module: the extension host (code-server's via scripts/test-integration.sh, or
// desktop VS Code's via @vscode/test-electron) requires it and awaits run(); a rejection fails the run.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha'; // resolved from the extension's own node_modules, not the host's

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

export function run(): Promise<void> {
  // No colors: the output ends up in a browser console or a CI log, not a terminal.
  // RELAY_IT_GREP narrows the run (the host inherits the launcher's environment).
  const grep = process.env.RELAY_IT_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, ...(grep ? { grep } : {}) });
  const files = findTests(__dirname).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js under ${__dirname}`));
  files.forEach((f) => mocha.addFile(f));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // The plain closing line CI logs are read for.
        console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else if ((runner.stats?.passes ?? 0) === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e); // e.g. a test file that throws while loading
    }
  });
}
