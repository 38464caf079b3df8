/** Reads the model list out of the shapes relays use: {data:[{id}]}, {models:[{name}]}, or a bare array. */
export function readModelList(value: unknown): string[] {
  const v = value as { data?: unknown; models?: unknown } | unknown[] | undefined;
  const list = Array.isArray(v) ? v : Array.isArray(v?.data) ? v.data : Array.isArray(v?.models) ? v.models : [];
  const names = new Set<string>();
  for (const item of list) {
    if (typeof item === 'string') names.add(item);
    else if (item && typeof item === 'object') {
      const name = (item as { id?: unknown; name?: unknown; model?: unknown }).id ?? (item as { name?: unknown }).name ?? (item as { model?: unknown }).model;
      if (typeof name === 'string' && name) names.add(name);
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length] as number;
}

const simplify = (name: string) => name.toLowerCase().replace(/^[^/]+\//, '').replace(/[\s_.:]+/g, '-');

/** The available names closest to what the user asked for, best first. */
export function nearestModels(wanted: string, available: string[], count = 3): string[] {
  const target = simplify(wanted);
  return available
    .map((name) => {
      const candidate = simplify(name);
      const contains = candidate.includes(target) || target.includes(candidate);
      return { name, score: editDistance(target, candidate) - (contains ? 3 : 0) };
    })
    .filter((c) => c.score <= Math.max(4, Math.ceil(target.length * 0.6)))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((c) => c.name);
}

/** A small time-limited cache of model lists per endpoint (and key). */
export class ModelCache {
  private readonly entries = new Map<string, { at: number; models: string[] }>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  get(key: string, now = Date.now()): string[] | undefined {
    const entry = this.entries.get(key);
    return entry && now - entry.at < this.ttlMs ? entry.models : undefined;
  }

  set(key: string, models: string[], now = Date.now()): void {
    this.entries.set(key, { at: now, models });
  }

  clear(): void {
    this.entries.clear();
  }
}
