import { compileGlob, GlobError, type GlobMatcher, type GlobProblem } from '../util/glob';

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
const PROFILE_FILES: readonly GlobMatcher[] = [
  '**/User/{settings,keybindings,tasks,mcp,launch}.json',
  '**/User/{snippets,profiles,globalStorage,workspaceStorage,sync,History,prompts}/**',
  // Case kept: VS Code always names the folder `User`, and a project's own `user/settings.json` is no profile file.
].map((glob) => compileGlob(glob, { ignoreCase: false }));

/** The scheme VS Code opens profile files with (Preferences: Open User Settings (JSON)). */
export const PROFILE_SCHEME = 'vscode-userdata';

export interface FileToSend {
  scheme: string;
  /** The file's own path (a URI's path or fsPath), either separator. */
  path: string;
  /** The path relative to its workspace folder, when it is in one. */
  relativePath?: string;
}

/**
 * Why a file may not be sent: a VS Code profile file, or the glob of the exclude list it matches.
 * `invalid`: the glob cannot be compiled (why, in English); while it is in the list it stops every file.
 */
export type Exclusion = { kind: 'profile' } | { kind: 'glob'; glob: string; invalid?: InvalidGlob };

/** An entry of the exclude list that is no valid glob, and why (`reason` in English; `problem` and `range` to translate it). */
export interface InvalidGlob {
  glob: string;
  reason: string;
  problem: GlobProblem | 'unreadable';
  range?: string;
}

/** Matches every file: what a broken entry does, so a typo in the list never lets a secret through. */
const EVERY_FILE: GlobMatcher = { test: () => true };

export class ExcludedFiles {
  private readonly globs: Entry[];
  private readonly profileFolder: string | undefined;
  /** The entries that cannot be compiled, in the list's order: each stops every file until it is fixed. */
  readonly invalid: readonly InvalidGlob[];

  /**
   * `globs`: the exclude list (entries that are not non-empty strings are ignored). `profileFolder`:
   * this VS Code's user-data `User` folder, whatever it is named (`--user-data-dir`, portable mode).
   */
  constructor(globs: readonly unknown[], profileFolder?: string) {
    this.globs = globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map(compileEntry);
    this.invalid = this.globs.flatMap(({ invalid }) => (invalid ? [invalid] : []));
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
    if (!hit) return undefined;
    return hit.invalid ? { kind: 'glob', glob: hit.glob, invalid: hit.invalid } : { kind: 'glob', glob: hit.glob };
  }
}

/** One entry compiled on its own, so one broken entry neither throws nor disables the others. */
function compileEntry(glob: string): Entry {
  try {
    return { glob, pattern: compileGlob(glob.trim()) };
  } catch (e) {
    // Anything else thrown (a stack overflow) leaves the entry as broken as a GlobError does.
    const invalid: InvalidGlob = e instanceof GlobError
      ? { glob, reason: e.message, problem: e.problem, ...(e.range !== undefined ? { range: e.range } : {}) }
      : { glob, reason: 'it cannot be read as a glob', problem: 'unreadable' };
    return { glob, pattern: EVERY_FILE, invalid };
  }
}

interface Entry {
  glob: string;
  pattern: GlobMatcher;
  invalid?: InvalidGlob;
}

const slashes = (path: string) => path.replace(/\\/g, '/');
/** Lower case with one trailing slash, so `/a/User` never claims `/a/User2`. */
const folderKey = (folder: string) => `${slashes(folder).replace(/\/+$/, '').toLowerCase()}/`;
