// npm run publish:vsce   publishes to the Visual Studio Marketplace (token in VSCE_PAT)
// npm run publish:ovsx   publishes to Open VSX (token in OVSX_PAT)
// Refuses before building anything when the token is missing. Otherwise builds relay-chat.vsix, checks it
// for both registries (scripts/package.mjs) and hands exactly that file to the registry's own client.
// --vsix FILE publishes an already built package instead (checked again first), so both registries get
// the same bytes: npm run package, then  node scripts/publish.mjs vsce --vsix relay-chat.vsix  and ovsx.
/* global process, console -- eslint.config.mjs declares no Node globals for .mjs outside the root */
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { packageAndCheck } from './package.mjs';

const require = createRequire(import.meta.url);
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

export const REGISTRIES = {
  vsce: {
    name: 'the Visual Studio Marketplace',
    token: 'VSCE_PAT',
    howToGet: 'an Azure DevOps Personal Access Token (organization "All accessible organizations", scope Marketplace > Manage) '
      + 'of a member of publisher "relay-chat": https://code.visualstudio.com/api/working-with-extensions/publishing-extension',
    command: (file) => [bin('@vscode/vsce', 'vsce'), 'publish', '--packagePath', file],
  },
  ovsx: {
    name: 'Open VSX',
    token: 'OVSX_PAT',
    howToGet: 'an access token from https://open-vsx.org/user-settings/tokens (the first time, also create the namespace: '
      + 'npx ovsx create-namespace relay-chat -p <token>)',
    command: (file) => [bin('ovsx', 'bin/ovsx'), 'publish', file],
  },
};

const { values, positionals } = parseArgs({ options: { vsix: { type: 'string' } }, allowPositionals: true });
const registry = REGISTRIES[positionals[0]];
if (!registry || positionals.length !== 1) {
  console.error(`usage: node scripts/publish.mjs <${Object.keys(REGISTRIES).join('|')}> [--vsix FILE]`);
  process.exit(2);
}
if (!process.env[registry.token]?.trim()) {
  console.error(`Not publishing to ${registry.name}: ${registry.token} is not set.\n`
    + `Publishing needs ${registry.howToGet}.\nThen run: ${registry.token}=<token> npm run publish:${positionals[0]}`);
  process.exit(1);
}
try {
  const { file, summary } = await packageAndCheck(values.vsix ? { check: values.vsix } : {});
  console.log(`✓ ${summary}\npublishing to ${registry.name}…`);
  // The client reads the token from the environment itself, so it never appears on a command line.
  const result = spawnSync(process.execPath, registry.command(file), { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
