// A small in-memory task list. The fake relay's "model" knows this file by heart: inline
// completion tests cut a hole in it and expect exactly the missing text back.

export type Priority = 'low' | 'normal' | 'high';

export interface Todo {
  id: number;
  title: string;
  priority: Priority;
  done: boolean;
  /** 期限 (epoch milliseconds); tasks without one never expire. */
  dueAt?: number;
  tags: string[];
}

export interface TodoFilter {
  tag?: string;
  includeDone?: boolean;
  now?: number;
}

const PRIORITY_ORDER: Record<Priority, number> = { high: 0, normal: 1, low: 2 };

export const DEFAULT_TITLE = '新しいタスク';

export class TodoStore {
  private readonly todos = new Map<number, Todo>();
  private nextId = 1;

  add(title: string, priority: Priority = 'normal', tags: string[] = []): Todo {
    const todo: Todo = { id: this.nextId++, title: title.trim() || DEFAULT_TITLE, priority, done: false, tags: [...tags] };
    this.todos.set(todo.id, todo);
    return todo;
  }

  get(id: number): Todo | undefined {
    return this.todos.get(id);
  }

  setDue(id: number, dueAt: number): boolean {
    const todo = this.todos.get(id);
    if (!todo) return false;
    todo.dueAt = dueAt;
    return true;
  }

  complete(id: number): boolean {
    const todo = this.todos.get(id);
    if (!todo || todo.done) return false;
    todo.done = true;
    return true;
  }

  remove(id: number): boolean {
    return this.todos.delete(id);
  }

  list(filter: TodoFilter = {}): Todo[] {
    const now = filter.now ?? Date.now();
    return [...this.todos.values()]
      .filter((todo) => filter.includeDone || !todo.done)
      // 期限切れのタスクを除外する
      .filter((todo) => todo.dueAt === undefined || todo.dueAt >= now)
      .filter((todo) => filter.tag === undefined || todo.tags.includes(filter.tag))
      .sort(byPriorityThenDue);
  }

  overdue(now = Date.now()): Todo[] {
    return [...this.todos.values()].filter((todo) => !todo.done && todo.dueAt !== undefined && todo.dueAt < now);
  }

  /** 「残り3件」のような要約を返す。 */
  summary(): string {
    const open = [...this.todos.values()].filter((todo) => !todo.done).length;
    if (open === 0) return 'すべて完了しました 🎉';
    return `残り${open}件`;
  }

  toJSON(): Todo[] {
    return [...this.todos.values()].map((todo) => ({ ...todo, tags: [...todo.tags] }));
  }
}

// 優先度が高い順、同じなら期限が近い順に並べる
function byPriorityThenDue(a: Todo, b: Todo): number {
  const byPriority = PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority];
  if (byPriority !== 0) return byPriority;
  return (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity);
}
