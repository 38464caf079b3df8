/** Within this many pixels of the end, the list counts as scrolled to the end. */
const AT_END_PX = 40;
/** A scroll this soon after the user's wheel, touch, key or pointer is theirs. */
const USER_SCROLL_MS = 500;

/**
 * Keeps a scrolling list at its end while the user is there, as an answer streams in; once the user
 * scrolls up, it stays where they put it until they scroll back down.
 *
 * Where the user is comes from scroll events, and the scroll to the end happens once per animation
 * frame, after that frame's render: reading the list's scroll height at every delta forced the
 * browser to lay the whole panel out twice per message, and in a long answer that alone could take
 * more than a frame.
 */
export class FollowScroll {
  private following = true;
  private scheduled = false;
  /** Where the list was at the last scroll event or scroll to the end. */
  private lastTop = 0;
  /** When the user last used the wheel, a key, touch or the pointer on the list; whether the pointer is down (a scrollbar drag). */
  private userAt = -Infinity;
  private pointerDown = false;

  constructor(private readonly list: HTMLElement) {
    list.addEventListener('scroll', () => this.scrolled(), { passive: true });
    const user = () => (this.userAt = performance.now());
    for (const type of ['wheel', 'touchmove', 'keydown'] as const) list.addEventListener(type, user, { passive: true });
    list.addEventListener('pointerdown', () => {
      user();
      this.pointerDown = true;
    }, { passive: true });
    const up = () => (this.pointerDown = false);
    window.addEventListener('pointerup', up, { passive: true });
    window.addEventListener('pointercancel', up, { passive: true });
  }

  /**
   * Only the user's move up stops following; reaching the end starts it again. Other moves up are the
   * browser's: scroll anchoring shifts the list when content above the view changes size, and the
   * list is clamped when its content shrinks. A scroll event also comes a frame after the scroll, when
   * more text may have arrived: at the end of what was there then is no longer at the end.
   */
  private scrolled(): void {
    const top = this.list.scrollTop;
    const byUser = this.pointerDown || performance.now() - this.userAt < USER_SCROLL_MS;
    if (byUser && top < this.lastTop - 1) this.following = this.atEnd();
    else if (this.atEnd()) this.following = true;
    this.lastTop = top;
  }

  /** The content grew: to the end in the next frame, if the user is there. */
  changed(): void {
    if (this.following) this.schedule();
  }

  /** To the end now and from now on (a new message, another chat shown). */
  toEnd(): void {
    this.following = true;
    this.toBottom();
    // Once more after the next frame's render: content drawn in it (a chunk's real height) moves the end.
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (this.following) this.toBottom();
    });
  }

  private toBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.lastTop = this.list.scrollTop;
  }

  private atEnd(): boolean {
    return this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < AT_END_PX;
  }
}
