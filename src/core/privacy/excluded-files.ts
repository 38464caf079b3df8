import { globToRegExp } from '../util/glob';

/**
 * Files whose text never goes to a relay: not around the cursor for a completion, not as a chat
 * attachment, not to Explain. A relay is a third party the user pays; these files hold the keys to
 * other services.
 */

/**
 * The default of `relayChat.completions.exclude`: files that by their name hold secrets. The user may
 * shorten it (a template `.env.example` they want completed); a workspace may only add to it.
 * Workspace `.vscode/settings.json` is in it: it often holds a connection password, a proxy with its
 * credentials or Relay Chat's own custom headers, yet it is the project's file, so the user may take
 * it out (unlike the profile files below).
 */
export const DEFAULT_EXCLUDE: readonly string[] = [
  '**/.env', '**/.env.*', '**/*.env',
  '**/*.pem', '**/*.key', '**/*.p12', '**/*.pfx', '**/*.keystore', '**/*.jks',
  '**/id_rsa*', '**/id_ed25519*', '**/id_ecdsa*', '**/id_dsa*',
  '**/.npmrc', '**/.yarnrc.yml', '**/.pypirc', '**/.netrc', '**/_netrc', '**/.pgpass', '**/.htpasswd', '**/.git-credentials',
  '**/.aws/credentials', '**/.docker/config.json', '**/.kube/config', '**/.config/gcloud/**', '**/.config/gh/hosts.yml',
  '**/credentials.json', '**/secrets/**', '**/.secrets/**',
  '**/.vscode/settings.json',
];

/**
 * VS Code's profile files (user settings, keybindings, tasks, snippets, MCP servers, other profiles,
 * extensions' storage) by their place in any user-data folder: also another VS Code's (Insiders,
 * VSCodium, code-server) opened as a plain file. Refused whatever the setting says: they hold proxy
 * credentials, other extensions' tokens and sometimes a key in plain text, and no user means to
 * send them.
 */
const PROFILE_FILES: readonly RegExp[] = [
  '**/User/{settings,keybindings,tasks,mcp,launch}.json',
  '**/User/{snippets,profiles,globalStorage,workspaceStorage,sync,History,prompts}/**',
  // Case kept: VS Code always names the folder `User`, and a project's own `user/settings.json` is no profile file.
].map((glob) => new RegExp(globToRegExp(glob).source));

/** The scheme VS Code opens profile files with (Preferences: Open User Settings (JSON)). */
export const PROFILE_SCHEME = 'vscode-userdata';

export interface FileToSend {
  scheme: string;
  /** The file's own path (a URI's path or fsPath), either separator. */
  path: string;
  /** The path relative to its workspace folder, when it is in one. */
  relativePath?: string;
}

/** Why a file may not be sent: a VS Code profile file, or the glob of the exclude list it matches. */
export type Exclusion = { kind: 'profile' } | { kind: 'glob'; glob: string };

export class ExcludedFiles {
  private readonly globs: { glob: string; pattern: RegExp }[];
  private readonly profileFolder: string | undefined;

  /**
   * `globs`: the exclude list (entries that are not non-empty strings are ignored). `profileFolder`:
   * this VS Code's user-data `User` folder, whatever it is named (`--user-data-dir`, portable mode).
   */
  constructor(globs: readonly unknown[], profileFolder?: string) {
    this.globs = globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((glob) => ({ glob, pattern: globToRegExp(glob.trim()) }));
    this.profileFolder = profileFolder ? folderKey(profileFolder) : undefined;
  }

  /** Why `file` may not be sent, or undefined when it may. */
  exclusion(file: FileToSend): Exclusion | undefined {
    const path = slashes(file.path);
    if (file.scheme === PROFILE_SCHEME) return { kind: 'profile' };
    if (this.profileFolder && `${path.toLowerCase()}/`.startsWith(this.profileFolder)) return { kind: 'profile' };
    if (PROFILE_FILES.some((p) => p.test(path))) return { kind: 'profile' };
    const relative = file.relativePath === undefined ? undefined : slashes(file.relativePath);
    const hit = this.globs.find(({ pattern }) => pattern.test(path) || (relative !== undefined && pattern.test(relative)));
    return hit ? { kind: 'glob', glob: hit.glob } : undefined;
  }
}

const slashes = (path: string) => path.replace(/\\/g, '/');
/** Lower case with one trailing slash, so `/a/User` never claims `/a/User2`. */
const folderKey = (folder: string) => `${slashes(folder).replace(/\/+$/, '').toLowerCase()}/`;
