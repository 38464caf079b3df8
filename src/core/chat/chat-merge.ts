import type { StoredChat, StoredMessage } from './stored-chat';

/**
 * The three-way merge that lets several windows write one chat: `mine` is this window's chat, `base`
 * the version it last read or wrote, `theirs` the one on disk now (other windows may have written it
 * since). This window's changes relative to `base` win for what they touch (messages added or changed,
 * messages it removed — Retry and Edit splice later messages away —, the title, the model); everything
 * else comes from `theirs`, so no message another window wrote is dropped. The result shares objects
 * with the inputs (no copies: a chat can be megabytes, saved every 250 ms while an answer streams);
 * nothing here changes them.
 */
export function mergeChats(base: StoredChat | undefined, mine: StoredChat, theirs: StoredChat | undefined): StoredChat {
  // No file (new, or deleted by another window while this one still had it): this window's chat is
  // the whole truth. A chat deleted elsewhere is written again rather than losing what this window added.
  if (!theirs) return mine;
  const baseById = byId(base?.messages ?? []);
  const mineById = byId(mine.messages);
  const changedByMe = (m: StoredMessage) => { const b = baseById.get(m.id); return !b || !same(b, m); };
  const out: StoredMessage[] = [];
  for (const t of theirs.messages) {
    const own = mineById.get(t.id);
    const before = baseById.get(t.id);
    if (own) out.push(changedByMe(own) ? own : t);
    // Removed here (it was in base): dropped, unless another window changed it since.
    else if (!before || !same(before, t)) out.push(t);
  }
  const onDisk = new Set(theirs.messages.map((t) => t.id));
  insertNew(out, mine.messages.filter((m) => !onDisk.has(m.id) && changedByMe(m)), mine.messages, (id) => baseById.has(id) || mineById.has(id));
  const pick = <K extends 'title' | 'model' | 'transport' | 'createdAt'>(key: K): StoredChat[K] => (base && base[key] === mine[key] ? theirs[key] : mine[key]);
  const merged: StoredChat = { ...theirs, title: pick('title'), model: pick('model'), createdAt: pick('createdAt'), updatedAt: Math.max(mine.updatedAt, theirs.updatedAt), messages: out };
  const transport = pick('transport');
  if (transport === undefined) delete merged.transport;
  else merged.transport = transport;
  return merged;
}

/**
 * Puts messages this window added (or changed after another window removed them) after their
 * predecessor in this window's list, and after the messages other windows added there that this window
 * had not seen: the later writer's turns follow, so each window's turns stay together and in order.
 */
function insertNew(out: StoredMessage[], added: StoredMessage[], mine: StoredMessage[], seenHere: (id: string) => boolean): void {
  for (const m of added) {
    const index = mine.indexOf(m);
    let at = 0;
    for (let i = index - 1; i >= 0; i--) {
      const found = out.findIndex((o) => o.id === mine[i]!.id);
      if (found >= 0) {
        at = found + 1;
        break;
      }
    }
    while (at < out.length && !seenHere(out[at]!.id)) at++;
    out.splice(at, 0, m);
  }
}

/**
 * Makes `live` (the chat object the caller keeps and streams into) equal to `merged`, keeping its
 * message objects: an answer streaming into one of them stays attached. Returns whether anything changed.
 */
export function adoptChat(live: StoredChat, merged: StoredChat): boolean {
  if (same(live, merged)) return false;
  const liveById = byId(live.messages);
  const messages = merged.messages.map((m) => {
    const kept = liveById.get(m.id);
    if (!kept) return clone(m);
    if (!same(kept, m)) {
      for (const key of Object.keys(kept) as (keyof StoredMessage)[]) delete kept[key];
      Object.assign(kept, clone(m));
    }
    return kept;
  });
  for (const key of Object.keys(live) as (keyof StoredChat)[]) if (!(key in merged)) delete live[key];
  Object.assign(live, { ...merged, messages });
  return true;
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Equal as JSON data, whatever the order of keys (an edited message gets its keys back in another
 * order); a key holding undefined counts as absent, as in the file.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => same(v, (b as unknown[])[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => same(x[k], y[k]));
}

function byId(messages: readonly StoredMessage[]): Map<string, StoredMessage> {
  return new Map(messages.map((m) => [m.id, m]));
}
