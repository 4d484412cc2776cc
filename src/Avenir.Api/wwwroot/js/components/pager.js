// Previous / "Page n of m" / next under a list; nothing when there is neither a previous nor a next page.
import { h } from '../dom.js';
import { t, formatNumber } from '../i18n.js';

/** `idPrefix` names the buttons (`<prefix>-previous`, `<prefix>-next`); `previous`/`next` are their click handlers. */
export function pager(idPrefix, { page, pages, hasPrevious, hasNext, previous, next }) {
  if (!hasPrevious && !hasNext) return null;
  return h('nav', { class: 'pager', 'aria-label': t('leads.page', { page, pages }) },
    h('button', { type: 'button', class: 'secondary', id: `${idPrefix}-previous`, disabled: !hasPrevious, onclick: previous }, '‹ ', t('leads.previous')),
    h('span', null, t('leads.page', { page: formatNumber(page), pages: formatNumber(pages) })),
    h('button', { type: 'button', class: 'secondary', id: `${idPrefix}-next`, disabled: !hasNext, onclick: next }, t('leads.next'), ' ›'));
}
