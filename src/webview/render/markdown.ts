import DOMPurify from 'dompurify';
import { markdownHtml, type References } from './parse';

// Model output is untrusted. Three layers: markdown-it never passes raw HTML and rejects unsafe
// links (parse.ts); images are off; DOMPurify then removes anything executable that might remain,
// and only http(s)/mailto links survive.
const purifier = DOMPurify(window);
const ALIGNMENTS = new Set(['left', 'center', 'right']);
purifier.addHook('uponSanitizeAttribute', (node, data) => {
  // Only table cells may be aligned, and only to one of three words (parse.ts writes them); a list
  // starts at a number.
  if (data.attrName === 'align') data.keepAttr = (node.nodeName === 'TH' || node.nodeName === 'TD') && ALIGNMENTS.has(data.attrValue);
  if (data.attrName === 'start') data.keepAttr = node.nodeName === 'OL' && /^\d{1,9}$/.test(data.attrValue);
});
const purifyOptions: DOMPurify.Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'img'],
  FORBID_ATTR: ['style'],
  // DOMPurify checks every attribute that is not "URI safe" against ALLOWED_URI_REGEXP, which
  // removed `start="3"` and `align="right"`: their values are checked by the hook above instead.
  ADD_URI_SAFE_ATTR: ['start', 'align'],
  RETURN_DOM_FRAGMENT: true,
};

/** Markdown to a safe DOM fragment (see markdownHtml for `final`, `references` and `looseList`). */
export function renderMarkdown(markdown: string, final: boolean, references: References = {}, looseList?: boolean): DocumentFragment {
  return sanitize(markdownHtml(markdown, final, references, looseList));
}

/** Untrusted HTML to a DOM fragment holding nothing executable, no styles, only http(s)/mailto links. */
export function sanitize(html: string): DocumentFragment {
  return purifier.sanitize(html, purifyOptions);
}

/** Plain text to a fragment (user messages are shown as typed, never as Markdown). */
export function textFragment(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(document.createTextNode(text));
  return fragment;
}
