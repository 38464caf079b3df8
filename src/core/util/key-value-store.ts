/** Small state kept across reloads (VS Code's globalState in the extension, a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  /** May return a promise (VS Code's Memento does). */
  set(key: string, value: unknown): unknown;
}
