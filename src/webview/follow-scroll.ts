/** Within this many pixels of the end, the list counts as scrolled to the end. */
const AT_END_PX = 40;

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

  constructor(private readonly list: HTMLElement) {
    list.addEventListener('scroll', () => this.scrolled(), { passive: true });
  }

  /**
   * A scroll event comes a frame after the scroll, and text may have arrived in between: at the end
   * of what was there then is no longer at the end. So only a move up (the user's) stops following,
   * and reaching the end starts it again.
   */
  private scrolled(): void {
    const top = this.list.scrollTop;
    if (top < this.lastTop - 1 || this.atEnd()) this.following = this.atEnd();
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
