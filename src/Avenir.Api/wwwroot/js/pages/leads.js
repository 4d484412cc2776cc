import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatDateTime, formatRelative, formatPercent, formatNumber, formatTime } from '../i18n.js';
import { navigate } from '../navigation.js';
import { poll } from '../poll.js';
import { showError } from '../notices.js';
import { INTENTS, URGENCIES, TAGS } from '../vocabulary.js';
import { otherLanguageBadge } from '../components/lead-language.js';
import { statusBadges, slug } from '../components/lead-badges.js';
import { pager as pagerNav } from '../components/pager.js';

const STATUSES = ['active', 'archived', 'deleted', 'converted', 'all'];
const SORTS = ['received', 'urgency', 'confidence', 'name'];
const FILTERS = ['status', 'intent', 'urgency', 'tag', 'language', 'from', 'to', 'q', 'sort', 'dir', 'page', 'cursor'];
const PAGE_SIZE = 25;

// The received order pages by keyset (the API's nextCursor: one index range read at any depth, and a page that stays
// put while new leads arrive on top). A cursor only goes forward, so the pages walked are remembered to go back.
const trail = [];

export async function renderLeads(view, _params, query) {
  const filters = Object.fromEntries(FILTERS.map(name => [name, query.get(name) ?? '']));
  filters.status ||= 'active';
  filters.sort ||= 'received';
  filters.dir ||= 'desc';
  filters.page = Math.max(1, Number(filters.page) || 1);

  const keyset = filters.sort === 'received';
  if (!keyset) filters.cursor = '';
  if (keyset && !filters.cursor) { filters.page = 1; trail.length = 0; }

  const apiQuery = () => {
    const q = { ...filters, pageSize: PAGE_SIZE };
    // By keyset the cursor says where the page starts; the page number is only shown (the API takes one or the other).
    if (keyset) delete q.page;
    if (!q.cursor) delete q.cursor;
    // Dates are days in the user's time zone: send the day's bounds as instants.
    if (filters.from) q.from = new Date(`${filters.from}T00:00:00`).toISOString();
    if (filters.to) q.to = new Date(`${filters.to}T23:59:59.999`).toISOString();
    return q;
  };

  const go = changes => {
    const next = { ...filters, ...changes };
    if (!('page' in changes)) next.page = 1;
    if (!('cursor' in changes)) { next.cursor = ''; trail.length = 0; }
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = next[name];
      if (value === '' || value === null || value === undefined) continue;
      if ((name === 'status' && value === 'active') || (name === 'sort' && value === 'received') || (name === 'dir' && value === 'desc') || (name === 'page' && Number(value) === 1)) continue;
      params.set(name, value);
    }
    const text = params.toString();
    navigate(text ? `#/leads?${text}` : '#/leads');
  };

  // Filters form
  const field = (name, control) => h('div', { class: 'field' }, h('label', { for: `filter-${name}` }, t(`leads.${name === 'q' ? 'search' : name}`)), control);
  const any = ['', t('leads.any')];
  const controls = {
    q: h('input', { type: 'search', id: 'filter-q', name: 'q', value: filters.q, placeholder: t('leads.searchPlaceholder') }),
    status: select({ id: 'filter-status', name: 'status' }, STATUSES.map(s => [s, t(`status.${s}`)]), filters.status),
    intent: select({ id: 'filter-intent', name: 'intent' }, [any, ...INTENTS.map(i => [i, label('intent', i)])], filters.intent),
    urgency: select({ id: 'filter-urgency', name: 'urgency' }, [any, ...URGENCIES.map(u => [u, label('urgency', u)])], filters.urgency),
    tag: select({ id: 'filter-tag', name: 'tag' }, [any, ...TAGS.map(tag => [tag, label('tag', tag)])], filters.tag),
    language: select({ id: 'filter-language', name: 'language' }, [any, ['en', label('language', 'en')], ['fr', label('language', 'fr')], ['other', label('language', 'other')]], filters.language),
    from: h('input', { type: 'date', id: 'filter-from', name: 'from', value: filters.from }),
    to: h('input', { type: 'date', id: 'filter-to', name: 'to', value: filters.to }),
    sort: select({ id: 'filter-sort', name: 'sort' }, SORTS.map(s => [s, t(`sort.${s}`)]), filters.sort),
    dir: select({ id: 'filter-dir', name: 'dir', 'aria-label': t('leads.sort') }, [['desc', t('dir.desc')], ['asc', t('dir.asc')]], filters.dir),
  };
  for (const name of ['status', 'intent', 'urgency', 'tag', 'language', 'sort', 'dir', 'from', 'to']) {
    controls[name].addEventListener('change', () => go({ [name]: controls[name].value }));
  }
  const activeFilters = ['intent', 'urgency', 'tag', 'language', 'from', 'to'].filter(n => filters[n]).length;
  const form = h('form', { class: 'filters', id: 'lead-filters', role: 'search', onsubmit: e => { e.preventDefault(); go({ q: controls.q.value.trim() }); } },
    h('div', { class: 'filters-search' }, field('q', controls.q), h('button', { type: 'submit', class: 'primary' }, t('leads.apply'))),
    h('details', { class: 'filters-more', open: activeFilters > 0 || window.matchMedia('(min-width: 900px)').matches },
      h('summary', null, t('leads.filters'), activeFilters ? ` (${activeFilters})` : ''),
      h('div', { class: 'filters-grid' },
        field('status', controls.status), field('intent', controls.intent), field('urgency', controls.urgency),
        field('tag', controls.tag), field('language', controls.language), field('from', controls.from), field('to', controls.to),
        h('div', { class: 'field span-2' }, h('label', { for: 'filter-sort' }, t('leads.sort')), h('div', { class: 'inline' }, controls.sort, controls.dir)),
        h('div', { class: 'field actions-end' }, h('button', { type: 'button', class: 'secondary', onclick: () => navigate('#/leads') }, t('leads.reset'))))));

  const exportLink = h('a', { class: 'button secondary', id: 'export-csv', download: 'leads.csv',
    href: api.withQuery('/api/dashboard/leads/export.csv', (({ page: _p, cursor: _c, ...rest }) => rest)(apiQuery())) }, t('leads.export'));
  const stats = h('section', { class: 'stats', id: 'stats', 'aria-label': t('stats.title') });
  const results = h('section', { class: 'results', id: 'lead-results', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const updated = h('p', { class: 'updated muted', id: 'leads-updated' });

  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('leads.title')), h('div', { class: 'page-actions' }, exportLink)),
    stats, form, results, updated);

  const seen = new Set();
  let first = true;
  let lastJson = '';

  // Previous/next: by keyset in the received order (forward by nextCursor, back along the trail), else by page number.
  const pager = page => keyset
    ? { page: filters.page, hasPrevious: filters.page > 1, hasNext: Boolean(page.nextCursor),
        previous: () => { const back = trail.pop(); go(back ?? { page: 1, cursor: '' }); },
        next: () => { trail.push({ page: filters.page, cursor: filters.cursor }); go({ page: filters.page + 1, cursor: page.nextCursor }); } }
    : { page: page.page, hasPrevious: page.page > 1, hasNext: page.page < pages(page),
        previous: () => go({ page: page.page - 1 }), next: () => go({ page: page.page + 1 }) };

  const load = async () => {
    const [page, statistics] = await Promise.all([
      api.get(api.withQuery('/api/dashboard/leads', apiQuery())),
      api.get('/api/dashboard/stats').catch(() => null),
    ]);
    renderStats(stats, statistics);
    const json = JSON.stringify(page);
    if (json !== lastJson) {
      lastJson = json;
      renderResults(results, page, first ? null : seen, pager(page));
      for (const item of page.items ?? []) seen.add(item.id);
    }
    first = false;
    updated.textContent = t('leads.updated', { time: formatTime(Date.now()) });
  };

  try { await load(); } catch (error) { mount(results); showError(error); }
  return poll(load);
}

function pages(page) {
  return Math.max(1, Math.ceil((page.total ?? (page.items ?? []).length) / (page.pageSize || PAGE_SIZE)));
}

function renderResults(container, page, seen, pager) {
  const items = page.items ?? [];
  const total = page.total ?? items.length;
  const count = Math.max(pages(page), pager.page);
  if (items.length === 0) {
    mount(container, h('p', { class: 'empty', id: 'leads-empty' }, t('leads.empty')));
    return;
  }
  const rows = items.map(lead => {
    const href = `#/leads/${encodeURIComponent(lead.id)}`;
    return h('tr', { class: ['lead-row', seen && !seen.has(lead.id) ? 'new' : null, lead.urgency === 'High' ? 'urgent' : null],
      dataset: { leadId: lead.id }, onclick: e => { if (!e.target.closest('a')) navigate(href); } },
      h('td', { class: 'cell-name', 'data-label': t('leads.name') },
        h('a', { href, class: 'lead-name' }, lead.name || lead.email),
        h('span', { class: 'sub' }, [lead.email, lead.company].filter(Boolean).join(' · ')),
        statusBadges(lead), otherLanguageBadge(lead)),
      h('td', { class: 'cell-message', 'data-label': t('leads.message') },
        h('span', { class: 'preview' }, lead.summary || lead.messagePreview || '')),
      h('td', { 'data-label': t('leads.intent') }, lead.intent ? label('intent', lead.intent) : h('span', { class: 'muted' }, t('leads.pending'))),
      h('td', { 'data-label': t('leads.urgency') }, lead.urgency ? h('span', { class: `pill urgency-${lead.urgency.toLowerCase()}` }, label('urgency', lead.urgency)) : t('common.none')),
      h('td', { 'data-label': t('leads.confidence'), class: 'num' }, formatPercent(lead.confidence)),
      h('td', { 'data-label': t('leads.tag') }, lead.tag ? h('span', { class: `tag tag-${slug(lead.tag)}` }, label('tag', lead.tag)) : ''),
      h('td', { 'data-label': t('leads.received'), class: 'cell-date' },
        h('time', { datetime: lead.receivedAt, title: formatDateTime(lead.receivedAt) }, formatRelative(lead.receivedAt))));
  });
  const head = ['leads.name', 'leads.message', 'leads.intent', 'leads.urgency', 'leads.confidence', 'leads.tag', 'leads.received'];
  mount(container,
    h('p', { class: 'count muted', id: 'leads-count' }, t('leads.count', { total: formatNumber(total) })),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'leads', id: 'leads-table' },
        h('thead', null, h('tr', null, head.map(key => h('th', { scope: 'col' }, t(key))))),
        h('tbody', null, rows))),
    pagerNav('leads', { ...pager, pages: count }));
}



function renderStats(container, statistics) {
  if (!statistics || typeof statistics !== 'object') { mount(container); return; }
  // The counts of GET /api/dashboard/stats worth a card, in this order; other numbers follow.
  const preferred = ['leadsToday', 'active', 'converted', 'archived', 'total'];
  const numbers = Object.entries(statistics).filter(([key, value]) => typeof value === 'number' && key !== 'deleted');
  numbers.sort(([a], [b]) => rank(preferred, a) - rank(preferred, b));
  const cards = numbers.slice(0, 5).map(([key, value]) => h('div', { class: 'stat', dataset: { stat: key } },
    h('span', { class: 'stat-value' }, /rate|ratio|percent/i.test(key) && value <= 1 ? formatPercent(value) : formatNumber(value)),
    h('span', { class: 'stat-label' }, statLabel(key))));
  if (statistics.lastLeadAt) {
    cards.push(h('div', { class: 'stat', dataset: { stat: 'lastLeadAt' } },
      h('span', { class: 'stat-value small-value' }, formatRelative(statistics.lastLeadAt)),
      h('span', { class: 'stat-label' }, statLabel('lastLeadAt'))));
  }
  mount(container, cards);
}

const rank = (order, key) => (order.includes(key) ? order.indexOf(key) : order.length);

function statLabel(key) {
  const text = t(`stats.${key}`);
  if (text !== `stats.${key}`) return text;
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, c => c.toUpperCase());
}
