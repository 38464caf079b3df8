import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlight } from './highlight';

// Model output is untrusted. Three layers: markdown-it never passes raw HTML (html: false) and
// rejects javascript:/vbscript:/file:/data: links; images are off (no remote content); DOMPurify then
// removes anything executable that might remain, and only http(s)/mailto links survive.
const options = { html: false, linkify: false, breaks: false, typographer: false } as const;
const plain = new MarkdownIt(options).disable('image');
const highlighted = new MarkdownIt({
  ...options,
  highlight: (code: string, lang: string) => highlight(code, lang) ?? '',
}).disable('image');

const purifyOptions: DOMPurify.Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math', 'img'],
  FORBID_ATTR: ['style'],
  RETURN_DOM_FRAGMENT: true,
};

/**
 * Markdown to a safe DOM fragment. `final` blocks get syntax highlighting (once: they never change);
 * the growing tail is rendered without, since it is rendered again every frame.
 */
export function renderMarkdown(markdown: string, final: boolean): DocumentFragment {
  const html = (final ? highlighted : plain).render(markdown);
  return DOMPurify.sanitize(html, purifyOptions);
}

/** Plain text to a fragment (user messages are shown as typed, never as Markdown). */
export function textFragment(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(document.createTextNode(text));
  return fragment;
}
