import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatDateTime, formatNumber } from '../i18n.js';
import { navigate } from '../navigation.js';
import { poll } from '../poll.js';
import { showError } from '../notices.js';
import { actionName } from '../components/action-name.js';

const PAGE_SIZE = 50;

export async function renderActivity(view, _params, query) {
  const page = Math.max(1, Number(query.get('page')) || 1);
  const results = h('div', { id: 'activity-results' }, h('p', { class: 'muted' }, t('common.loading')));
  mount(view, h('div', { class: 'page-head' }, h('h1', null, t('activity.title'))), results);

  let lastJson = '';
  const load = async () => {
    const data = await api.get(api.withQuery('/api/dashboard/activity', { page, pageSize: PAGE_SIZE }));
    const json = JSON.stringify(data);
    if (json === lastJson) return;
    lastJson = json;
    const items = Array.isArray(data) ? data : (data.items ?? []);
    const total = data.total ?? items.length;
    const pages = Math.max(1, Math.ceil(total / (data.pageSize || PAGE_SIZE)));
    if (items.length === 0) { mount(results, h('p', { class: 'empty' }, t('activity.empty'))); return; }
    mount(results,
      h('div', { class: 'table-wrap' }, h('table', { class: 'activity', id: 'activity-table' },
        h('thead', null, h('tr', null, ['activity.when', 'activity.lead', 'activity.action', 'activity.by', 'activity.details'].map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, items.map(item => h('tr', null,
          h('td', { 'data-label': t('activity.when') }, h('time', { datetime: item.at }, formatDateTime(item.at ?? item.createdAt))),
          h('td', { 'data-label': t('activity.lead') }, item.leadId
            ? h('a', { href: `#/leads/${encodeURIComponent(item.leadId)}` }, item.leadName || item.leadEmail || String(item.leadId).slice(0, 8))
            : t('common.none')),
          h('td', { 'data-label': t('activity.action') }, actionName(item.action), item.tag ? ` · ${label('tag', item.tag)}` : ''),
          h('td', { 'data-label': t('activity.by') }, item.performedBy ?? t('common.none')),
          h('td', { 'data-label': t('activity.details'), class: 'cell-message' }, item.reason ?? '')))))),
      pages > 1 ? h('nav', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: page <= 1, onclick: () => navigate(`#/activity?page=${page - 1}`) }, '‹ ', t('leads.previous')),
        h('span', null, t('leads.page', { page: formatNumber(page), pages: formatNumber(pages) })),
        h('button', { type: 'button', class: 'secondary', disabled: page >= pages, onclick: () => navigate(`#/activity?page=${page + 1}`) }, t('leads.next'), ' ›')) : null);
  };

  try { await load(); } catch (error) { mount(results); showError(error); }
  return poll(load);
}
