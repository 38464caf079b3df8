import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { REPO, REQUIRED, check, formatProblems, packVsix } from '../support/vsix-scripts';

// The package checker end to end on real .vsix files that vsce builds from a small extension: the
// registries' own readers (ovsx, vsce) open them, and publishing hands the checked file and the user's
// token to the registry's client, or refuses before building anything when there is no token.

const MANIFEST = {
  name: 'relay-chat', publisher: 'relay-chat', version: '0.1.0', displayName: 'Relay Chat', description: '%extension.description%',
  license: 'MIT', repository: { type: 'git', url: 'https://github.com/relay-chat/relay-chat.git' }, engines: { vscode: '^1.96.0' },
  categories: ['AI', 'Chat'], keywords: ['ai', 'chat'], icon: 'media/icon.png', galleryBanner: { color: '#1e3a8a', theme: 'dark' },
  main: './dist/extension.js', activationEvents: ['onStartupFinished'],
};

/** Writes a small extension laid out like ours to a temporary folder and packages it with vsce (our .vscodeignore); returns the .vsix. */
function packageFixture(changes: { manifest?: object; files?: Record<string, string>; ignore?: string } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-fixture-'));
  const files: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ ...MANIFEST, ...changes.manifest }),
    'package.nls.json': JSON.stringify({ 'extension.description': 'Streaming AI chat through an API relay.' }),
    'README.md': '# Relay Chat\n\nA fixture.\n', 'CHANGELOG.md': '# Changelog\n', LICENSE: 'MIT License\n',
    'dist/extension.js': 'exports.activate = () => {};\n', 'media/icon.png': fs.readFileSync(path.join(REPO, 'media/icon.png')),
    '.vscodeignore': changes.ignore ?? fs.readFileSync(path.join(REPO, '.vscodeignore')),
    ...Object.fromEntries(REQUIRED.map((f) => [f, '{}\n'])), // stand-ins for what our extension loads at run time
    ...changes.files,
  };
  for (const [file, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), contents);
  }
  const vsix = path.join(dir, 'fixture.vsix');
  packVsix(dir, vsix);
  return vsix;
}

/** `node scripts/publish.mjs …` with the given environment, run without blocking this process (it may serve the registry). */
function publish(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(REPO, 'scripts/publish.mjs'), ...args], { env, cwd: REPO }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(child.exitCode ?? 1) : 0, stdout, stderr });
    });
  });
}

const withoutTokens = () => {
  const env = { ...process.env };
  delete env.OVSX_PAT;
  delete env.VSCE_PAT;
  return env;
};

describe('package checker on real .vsix files, and publishing', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  let good: string;
  let broken: string;
  before(() => {
    good = packageFixture();
    broken = packageFixture({
      manifest: { categories: ['Programming Languages'], galleryBanner: undefined },
      files: { 'src/extension.ts': 'export {};\n', 'notes.txt': 'draft\n' },
      ignore: 'node_modules/**\n',
    });
    dirs.push(path.dirname(good), path.dirname(broken));
  });
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('reads a well-formed package with ovsx and vsce and finds it fit for both registries', async () => {
    const { pkg, problems } = await check.checkVsix(good, path.dirname(good));
    assert.equal(formatProblems(problems), '');
    assert.equal(pkg?.listing.description, 'Streaming AI chat through an API relay.', 'the listing shows the localized description');
    assert.equal(pkg?.listing.assets.get('Microsoft.VisualStudio.Services.Icons.Default'), 'extension/media/icon.png');
  });

  it('names each problem of a package that ships sources and strays under a wrong category', async () => {
    const report = formatProblems((await check.checkVsix(broken, path.dirname(broken))).problems);
    assert.match(report, /src\/extension\.ts: ships development files/);
    assert.match(report, /notes\.txt: is not in the allowlist/);
    assert.match(report, /categories: remove "Programming Languages"/);
    assert.match(report, /galleryBanner: missing/);
  });

  it('says so when a file is no package at all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-vsix-fixture-'));
    dirs.push(dir);
    const file = path.join(dir, 'broken.vsix');
    fs.writeFileSync(file, 'not a zip');
    const report = formatProblems((await check.checkVsix(file, dir)).problems);
    assert.match(report, /\[Open VSX\] .*broken\.vsix: ovsx cannot read the package/);
  });

  for (const [registry, token] of [['ovsx', 'OVSX_PAT'], ['vsce', 'VSCE_PAT']]) {
    it(`refuses to publish with ${registry} before building anything when ${token} is not set`, async () => {
      const out = await publish([registry as string], withoutTokens());
      assert.equal(out.code, 1);
      assert.match(out.stderr, new RegExp(`${token} is not set[\\s\\S]*Then run: ${token}=<token> npm run publish:${registry}`));
      assert.equal(out.stdout, '', 'nothing was built or checked');
    });
  }

  it('publishes the checked .vsix to an Open VSX registry with the token from OVSX_PAT', async () => {
    const uploads: Array<{ authorization: string | undefined; body: Buffer }> = [];
    const registry = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || !req.url?.startsWith('/api/-/publish')) { res.writeHead(404).end(); return; }
        uploads.push({ authorization: req.headers.authorization, body: Buffer.concat(chunks) });
        res.writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ namespace: 'relay-chat', name: 'relay-chat', version: '0.1.0', targetPlatform: 'universal' }));
      });
    });
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
      const out = await publish(['ovsx', '--vsix', good], { ...withoutTokens(), OVSX_PAT: 'ovsx-test-token', OVSX_REGISTRY_URL: url, NO_PROXY: '127.0.0.1' });
      assert.equal(out.code, 0, out.stdout + out.stderr);
      assert.match(out.stdout, /fit for the Marketplace and Open VSX[\s\S]*Published relay-chat\.relay-chat v0\.1\.0/);
      assert.equal(uploads.length, 1);
      assert.equal(uploads[0]?.authorization, 'Bearer ovsx-test-token');
      assert.ok(uploads[0]?.body.equals(fs.readFileSync(good)), 'the registry received exactly the checked file');
    } finally {
      registry.close();
    }
  });

  it('refuses to publish a package that fails the check', async () => {
    const out = await publish(['ovsx', '--vsix', broken], { ...withoutTokens(), OVSX_PAT: 'ovsx-test-token', OVSX_REGISTRY_URL: 'http://127.0.0.1:9' });
    assert.equal(out.code, 1);
    assert.match(out.stderr, /fixture\.vsix is not ready[\s\S]*galleryBanner: missing/);
    assert.doesNotMatch(out.stdout, /publishing/);
  });
});
