import * as assert from 'node:assert/strict';
import { DEFAULT_EXCLUDE, ExcludedFiles, PROFILE_SCHEME, SETTING_DEFAULTS } from '../../../../src/core';

// Issue 16 §5: the text of secret files and VS Code's profile files never goes to a relay.
const PROFILE = '/home/ann/.config/Code/User';
const defaults = () => new ExcludedFiles(DEFAULT_EXCLUDE, PROFILE);
const file = (path: string, relativePath?: string, scheme = 'file') => ({ scheme, path, ...(relativePath !== undefined ? { relativePath } : {}) });

describe('files never sent to the relay', () => {
  describe('VS Code profile files, whatever the list says', () => {
    const forms: [string, ReturnType<typeof file>][] = [
      ['user settings opened through the user-data scheme', file('/User/settings.json', undefined, PROFILE_SCHEME)],
      ['keybindings through the user-data scheme', file('/home/ann/.config/Code/User/keybindings.json', undefined, PROFILE_SCHEME)],
      ['any path through the user-data scheme (snippets, a profile)', file('/User/profiles/-4e1c/snippets/ts.json', undefined, PROFILE_SCHEME)],
      ['user settings opened as a file from this user-data folder', file(`${PROFILE}/settings.json`)],
      ['tasks and mcp.json of this user-data folder', file(`${PROFILE}/mcp.json`)],
      ['another profile in this user-data folder', file(`${PROFILE}/profiles/-7a2f/settings.json`)],
      ['an extension\'s storage in this user-data folder', file(`${PROFILE}/globalStorage/acme.tool/token.txt`)],
      ['a custom --user-data-dir, on Windows', file('D:\\Portable\\data\\user-data\\User\\keybindings.json')],
      ['another VS Code\'s settings (Insiders) opened as a file', file('/Users/ann/Library/Application Support/Code - Insiders/User/settings.json')],
      ['code-server\'s snippets', file('/home/ann/.local/share/code-server/User/snippets/go.json')],
    ];
    for (const [name, f] of forms) {
      it(name, () => {
        assert.deepEqual(defaults().exclusion(f), { kind: 'profile' });
        assert.deepEqual(new ExcludedFiles([], PROFILE).exclusion(f), { kind: 'profile' }, 'also with the list emptied');
      });
    }

    it('this user-data folder is known by its own path (named anything), not a sibling that starts alike', () => {
      const odd = new ExcludedFiles([], '/srv/vsc-data/Usr');
      assert.deepEqual(odd.exclusion(file('/srv/vsc-data/Usr/notes.md')), { kind: 'profile' });
      assert.equal(odd.exclusion(file('/srv/vsc-data/Usr2/notes.md')), undefined);
    });

    it('a project\'s own user/settings.json is no profile file', () => {
      assert.equal(new ExcludedFiles([], PROFILE).exclusion(file('/work/app/src/user/settings.json', 'src/user/settings.json')), undefined);
    });
  });

  describe('the default list', () => {
    it('is the setting\'s default', () => assert.deepEqual(SETTING_DEFAULTS['completions.exclude'], DEFAULT_EXCLUDE));

    // One file each default glob must stop, in the workspace and outside it.
    const samples: Record<string, string> = {
      '**/.env': '.env', '**/.env.*': 'api/.env.production', '**/*.env': 'deploy/prod.env',
      '**/*.pem': 'certs/server.pem', '**/*.key': 'tls/private.key', '**/*.p12': 'sign/dev.p12', '**/*.pfx': 'sign/dev.pfx',
      '**/*.keystore': 'android/release.keystore', '**/*.jks': 'android/upload.jks',
      '**/id_rsa*': '.ssh/id_rsa', '**/id_ed25519*': '.ssh/id_ed25519.pub', '**/id_ecdsa*': '.ssh/id_ecdsa', '**/id_dsa*': '.ssh/id_dsa',
      '**/.npmrc': '.npmrc', '**/.yarnrc.yml': '.yarnrc.yml', '**/.pypirc': '.pypirc', '**/.netrc': '.netrc', '**/_netrc': '_netrc',
      '**/.pgpass': '.pgpass', '**/.htpasswd': 'public/.htpasswd', '**/.git-credentials': '.git-credentials',
      '**/.aws/credentials': '.aws/credentials', '**/.docker/config.json': '.docker/config.json', '**/.kube/config': '.kube/config',
      '**/.config/gcloud/**': '.config/gcloud/application_default_credentials.json', '**/.config/gh/hosts.yml': '.config/gh/hosts.yml',
      '**/credentials.json': 'google/credentials.json', '**/secrets/**': 'k8s/secrets/db.yaml', '**/.secrets/**': '.secrets/token',
      '**/.vscode/settings.json': '.vscode/settings.json',
    };
    it('has a sample here for each glob', () => assert.deepEqual(Object.keys(samples).sort(), [...DEFAULT_EXCLUDE].sort()));
    for (const [glob, sample] of Object.entries(samples)) {
      it(`${glob} stops ${sample}`, () => {
        assert.deepEqual(defaults().exclusion(file(`/work/app/${sample}`, sample)), { kind: 'glob', glob }, 'in the workspace');
        assert.deepEqual(defaults().exclusion(file(`/home/ann/${sample}`)), { kind: 'glob', glob }, 'outside it, by its full path');
        assert.deepEqual(defaults().exclusion(file(`C:\\Users\\Ann\\${sample.replace(/\//g, '\\')}`)), { kind: 'glob', glob }, 'on Windows');
      });
    }

    it('lets ordinary code through', () => {
      for (const sample of ['src/env.ts', 'src/keys.ts', 'docs/environment.md', 'src/secret.ts', 'monkey.py', 'src/keyboard.key.ts', 'settings.json']) {
        assert.equal(defaults().exclusion(file(`/work/app/${sample}`, sample)), undefined, sample);
      }
    });
  });

  describe('the user\'s list', () => {
    it('a glob of their own, against the workspace path or the full path', () => {
      const mine = new ExcludedFiles(['config/*.local.json', '/home/ann/notes/**', '**/*.{tfvars,tfstate}'], PROFILE);
      assert.deepEqual(mine.exclusion(file('/work/app/config/db.local.json', 'config/db.local.json')), { kind: 'glob', glob: 'config/*.local.json' });
      assert.equal(mine.exclusion(file('/work/app/config/deep/db.local.json', 'config/deep/db.local.json')), undefined, '* stays in its folder');
      assert.deepEqual(mine.exclusion(file('/home/ann/notes/bank.md')), { kind: 'glob', glob: '/home/ann/notes/**' });
      assert.deepEqual(mine.exclusion(file('/work/infra/prod.tfvars', 'prod.tfvars')), { kind: 'glob', glob: '**/*.{tfvars,tfstate}' });
    });

    it('emptied: only the profile files stay refused', () => {
      const none = new ExcludedFiles([], PROFILE);
      assert.equal(none.exclusion(file('/work/app/.env', '.env')), undefined);
      assert.deepEqual(none.exclusion(file(`${PROFILE}/settings.json`)), { kind: 'profile' });
    });

    it('ignores entries that are no glob (a number, null, blank) and keeps the rest', () => {
      const odd = new ExcludedFiles([42, null, '  ', '**/.env'], PROFILE);
      assert.deepEqual(odd.exclusion(file('/a/.env', '.env')), { kind: 'glob', glob: '**/.env' });
      assert.equal(odd.exclusion(file('/a/x.ts', 'x.ts')), undefined);
    });
  });

  describe('an entry that is no glob', () => {
    it('is reported, stops every file (fails closed) and leaves the other entries working', () => {
      const files = new ExcludedFiles(['**/.env', '[z-a].txt', '**/*.pem'], PROFILE);
      assert.deepEqual(files.invalid.map(({ glob, problem, range }) => ({ glob, problem, range })), [{ glob: '[z-a].txt', problem: 'range', range: 'z-a' }]);
      assert.deepEqual(files.exclusion(file('/work/app/src/app.ts', 'src/app.ts')), { kind: 'glob', glob: '[z-a].txt', invalid: files.invalid[0] });
      assert.deepEqual(files.exclusion(file('/work/app/.env', '.env')), { kind: 'glob', glob: '**/.env' }, 'a valid entry is still named for its own files');
      assert.deepEqual(new ExcludedFiles([`${'{'.repeat(600)}`, '**/.env'], PROFILE).exclusion(file('/a/b.ts', 'b.ts')), undefined, 'an unclosed brace is a plain character');
    });
  });
});
