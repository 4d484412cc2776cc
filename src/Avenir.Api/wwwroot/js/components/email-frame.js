// An email's HTML shown in the page: in a sandboxed frame (no script, an opaque origin, no referrer), never in the DOM.
import { h } from '../dom.js';

export function emailFrame(subject, html) {
  return h('iframe', { class: 'email-frame', title: subject, sandbox: '', referrerpolicy: 'no-referrer', srcdoc: html });
}
