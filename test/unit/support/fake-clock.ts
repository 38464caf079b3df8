/**
 * Fake timers for the client side of a test, so limits are checked to the millisecond, however
 * loaded the machine: `setTimeout`/`setInterval` (and optionally `Date.now`) become a clock that
 * moves only when the test calls `tick`. Sockets stay real, and the fake relay keeps real time
 * (it captured the real timers when it loaded).
 *
 * Node's own `mock.timers` cannot stand in: its timers ignore `refresh()`, which the idle limit uses.
 * On `uninstall` the pending timers continue on real timers with the time they had left, so
 * libraries that scheduled one meanwhile (undici, ws) keep working.
 */
const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  dateNow: Date.now,
};

class FakeTimer {
  /** Set after uninstall: the real timer that carries on for this one. */
  handed: NodeJS.Timeout | undefined;
  active = true;
  due: number;
  private refed = true;

  constructor(private readonly clock: FakeClock, readonly callback: () => void, readonly delay: number, readonly repeat: boolean) {
    this.due = clock.now + delay;
  }

  refresh(): this {
    if (this.handed) this.handed.refresh();
    else if (!this.clock.isInstalled) this.handed = real.setTimeout(this.callback, this.delay);
    else {
      this.due = this.clock.now + this.delay;
      this.active = true;
    }
    return this;
  }
  ref(): this {
    this.refed = true;
    this.handed?.ref();
    return this;
  }
  unref(): this {
    this.refed = false;
    this.handed?.unref();
    return this;
  }
  hasRef(): boolean {
    return this.refed;
  }
  close(): this {
    this.clear();
    return this;
  }
  clear(): void {
    this.active = false;
    if (this.handed) real.clearTimeout(this.handed);
  }
  [Symbol.toPrimitive](): number {
    return this.clock.idOf(this);
  }
}

export class FakeClock {
  /** Fake milliseconds since install. */
  now = 0;
  private timers: FakeTimer[] = [];
  private readonly startedAt = real.dateNow();
  private installed = false;

  get isInstalled(): boolean {
    return this.installed;
  }

  /** Replaces the global timers (and `Date.now` when `date` is set) until `uninstall`. */
  static install(options: { date?: boolean } = {}): FakeClock {
    const clock = new FakeClock();
    clock.installed = true;
    const make = (repeat: boolean) => (callback: (...args: unknown[]) => void, delay = 0, ...args: unknown[]) => {
      const timer = new FakeTimer(clock, () => callback(...args), Math.max(1, Number(delay) || 0), repeat);
      clock.timers.push(timer);
      return timer;
    };
    const clear = (timer: unknown) => {
      if (timer instanceof FakeTimer) timer.clear();
      else real.clearTimeout(timer as NodeJS.Timeout);
    };
    Object.assign(globalThis, { setTimeout: make(false), setInterval: make(true), clearTimeout: clear, clearInterval: clear });
    if (options.date) Date.now = () => clock.startedAt + clock.now;
    return clock;
  }

  /** Moves time on by `ms`, running every timer that falls due, in order, each at its own time. */
  tick(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.active && t.due <= target).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.now = next.due;
      if (next.repeat) next.due += next.delay;
      else next.active = false;
      next.callback();
    }
    this.now = target;
  }

  /** Pending timers (active, not yet run), e.g. to show that a wait was scheduled. */
  pending(): number[] {
    return this.timers.filter((t) => t.active).map((t) => t.due - this.now);
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    Object.assign(globalThis, { setTimeout: real.setTimeout, setInterval: real.setInterval, clearTimeout: real.clearTimeout, clearInterval: real.clearInterval });
    Date.now = real.dateNow;
    for (const timer of this.timers) {
      if (!timer.active) continue;
      const left = Math.max(0, timer.due - this.now);
      const handed = timer.repeat ? real.setInterval(timer.callback, timer.delay) : real.setTimeout(timer.callback, left);
      if (!timer.hasRef()) handed.unref();
      timer.handed = handed;
    }
    this.timers = [];
  }

  idOf(timer: FakeTimer): number {
    return this.timers.indexOf(timer) + 1;
  }
}

/** Lets real I/O and promise chains run: a few turns of the real event loop (no fake time passes). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => real.setImmediate(resolve));
}

/**
 * Waits on real time for `check` (sockets are real). `what` names the condition in the failure; the
 * limit only stops a test that would hang, it is not a claim about speed.
 */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = real.dateNow() + ms;
  while (!check()) {
    if (real.dateNow() > end) throw new Error(`not reached: ${what}`);
    await new Promise((resolve) => real.setTimeout(resolve, 2));
  }
}
