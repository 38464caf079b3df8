/**
 * A top-level list or table that is still streaming, in the DOM: the list (the table's body) holds its
 * kept items (rows) and then its unfinished ones, which come from the tail and are replaced at every
 * render (see MarkdownStream). Items move in ranges, so the script never touches them one by one.
 */
export class OpenListElement {
  /** Nodes at the end of the list that are the tail's (unfinished items and the line breaks between). */
  private live = 0;
  private element: Node;

  /** `rendered`: the list or table element. */
  constructor(rendered: Element) {
    this.element = itemsParent(rendered) ?? rendered;
  }

  /** The kept items were rendered again (the list became loose, or a reference changed one): this is the list now. */
  reset(rendered: Element): void {
    this.element = itemsParent(rendered) ?? rendered;
    this.live = 0;
  }

  /** Appends finished items (`rendered` holds them as a list of their own). */
  appendItems(rendered: DocumentFragment): void {
    this.dropLive();
    const parent = itemsParent(rendered.firstElementChild);
    if (parent) this.element.appendChild(itemsOf(parent));
  }

  /** The tail starts with the list's unfinished items: they go into the list. Returns the rest of the tail. */
  setLive(tail: DocumentFragment | undefined): DocumentFragment | undefined {
    this.dropLive();
    const list = tail?.firstChild;
    const parent = itemsParent(list);
    if (!tail || !list || !parent) return tail;
    const items = itemsOf(parent);
    this.live = items.childNodes.length;
    this.element.appendChild(items);
    // The list's own line break after it is in the DOM already, after the kept list.
    const rest = document.createRange();
    rest.setStart(tail, list.nextSibling?.nodeType === Node.TEXT_NODE && list.nextSibling.textContent === '\n' ? 2 : 1);
    rest.setEnd(tail, tail.childNodes.length);
    return rest.extractContents();
  }

  /** The list ended: its unfinished items are gone from the tail (they were rendered as finished ones). */
  dropLive(): void {
    if (!this.live) return;
    const range = document.createRange();
    range.setStart(this.element, this.element.childNodes.length - this.live);
    range.setEnd(this.element, this.element.childNodes.length);
    range.deleteContents();
    this.live = 0;
  }
}

/** Where a rendered list's items are: the list itself, or a table's body. */
function itemsParent(node: Node | null | undefined): Node | undefined {
  if (node?.nodeName === 'OL' || node?.nodeName === 'UL') return node;
  return node?.nodeName === 'TABLE' ? (node as Element).querySelector('tbody') ?? undefined : undefined;
}

/** A rendered list's items and the line breaks between them, without the line break that opens it. */
function itemsOf(list: Node): DocumentFragment {
  const range = document.createRange();
  range.setStart(list, list.firstChild?.nodeType === Node.TEXT_NODE ? 1 : 0);
  range.setEnd(list, list.childNodes.length);
  return range.extractContents();
}
