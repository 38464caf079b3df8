/**
 * A push-to-pull bridge: producers push, one consumer pulls with for-await. Hand-written rather
 * than an async generator: that costs a generator frame and extra promises per event, which at
 * token rates is a visible share of the whole client.
 *
 * `merge` may combine an item with the one queued before it, but only while the consumer is behind
 * (a queued item exists): a slow consumer then gets fewer, larger events with the same content.
 */
export class EventQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private ended = false;
  private waiter: ((result: IteratorResult<T, undefined>) => void) | undefined;

  constructor(private readonly merge?: (previous: T, next: T) => T | undefined) {}

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter({ value: item, done: false });
      return;
    }
    const last = this.items.length - 1;
    if (this.merge && last >= this.head) {
      const merged = this.merge(this.items[last] as T, item);
      if (merged !== undefined) {
        this.items[last] = merged;
        return;
      }
    }
    this.items.push(item);
  }

  end(): void {
    this.ended = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.head < this.items.length) {
      const value = this.items[this.head] as T;
      this.items[this.head++] = undefined;
      if (this.head === this.items.length) {
        this.items = [];
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiter = resolve));
  }
}
