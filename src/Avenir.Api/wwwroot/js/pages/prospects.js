// The agency's prospects (admin): the list with its filters and sort, and a CSV import with its report.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatRelative, formatDateTime, formatNumber } from '../i18n.js';
import { navigate } from '../navigation.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { PROSPECT_SOURCES } from '../vocabulary.js';
import { pager } from '../components/pager.js';

const FILTERS = ['industry', 'region', 'language', 'minScore', 'maxScore', 'source', 'contacted', 'tested', 'sort', 'page'];
const SORTS = ['score', 'name', 'last_seen', 'created'];
const PAGE_SIZE = 25;

export async function renderProspects(view, _params, query) {
  const filters = Object.fromEntries(FILTERS.map(name => [name, query.get(name) ?? '']));
  filters.sort ||= 'score';
  filters.page = Math.max(1, Number(filters.page) || 1);

  const go = changes => {
    const next = { ...filters, ...changes };
    if (!('page' in changes)) next.page = 1;
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = next[name];
      if (value === '' || value === null || value === undefined) continue;
      if ((name === 'sort' && value === 'score') || (name === 'page' && Number(value) === 1)) continue;
      params.set(name, value);
    }
    const text = params.toString();
    navigate(text ? `#/admin/prospects?${text}` : '#/admin/prospects');
  };

  const any = ['', t('leads.any')];
  const yesNo = (id, name) => select({ id, name }, [any, ['true', t('common.yes')], ['false', t('common.no')]], filters[name]);
  const controls = {
    industry: h('input', { id: 'prospect-filter-industry', name: 'industry', type: 'search', value: filters.industry }),
    region: h('input', { id: 'prospect-filter-region', name: 'region', type: 'search', value: filters.region }),
    language: select({ id: 'prospect-filter-language', name: 'language' }, [any, ['en', label('language', 'en')], ['fr', label('language', 'fr')]], filters.language),
    minScore: h('input', { id: 'prospect-filter-minScore', name: 'minScore', type: 'number', min: '45', max: '95', value: filters.minScore }),
    source: select({ id: 'prospect-filter-source', name: 'source' }, [any, ...PROSPECT_SOURCES.map(s => [s, t(`prospects.source.${s}`)])], filters.source),
    contacted: yesNo('prospect-filter-contacted', 'contacted'),
    tested: yesNo('prospect-filter-tested', 'tested'),
    sort: select({ id: 'prospect-filter-sort', name: 'sort' }, SORTS.map(s => [s, t(`prospects.sort.${s}`)]), filters.sort),
  };
  const field = (name, control) => h('div', { class: 'field' }, h('label', { for: control.id }, t(`prospects.${name}`)), control);
  const form = h('form', { class: 'filters', id: 'prospect-filters', onsubmit: e => {
    e.preventDefault();
    go(Object.fromEntries(Object.entries(controls).map(([name, control]) => [name, control.value.trim()])));
  } },
  Object.entries(controls).map(([name, control]) => field(name, control)),
  h('div', { class: 'field actions' }, h('button', { type: 'submit', id: 'prospect-filter-apply' }, t('prospects.apply'))));

  const results = h('div', { id: 'prospects' }, h('p', { class: 'muted' }, t('common.loading')));
  const queue = h('div', { id: 'prospect-queue' });
  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('prospects.title')),
      h('div', { class: 'page-actions' }, h('a', { class: 'button secondary', href: '#/admin/prospects/settings', id: 'prospect-settings' }, t('prospects.settingsTitle')))),
    h('div', { class: 'admin-grid' }, h('div', null, form, results),
      h('div', null, queueCard(queue), discoverCard(), importCard(() => load({ force: true })))));

  let lastJson = '';
  const load = async ({ force = false } = {}) => {
    const [page, today] = await Promise.all([
      api.get(api.withQuery('/api/admin/prospects', { ...filters, pageSize: PAGE_SIZE })),
      api.get('/api/admin/prospects/queue').catch(error => (error.status === 404 ? null : Promise.reject(error))),
    ]);
    renderQueue(queue, today);
    const json = JSON.stringify(page);
    if (!force && json === lastJson) return;
    lastJson = json;
    renderList(results, page, go);
  };

  try { await load({ force: true }); } catch (error) { mount(results); showError(error); }
  return poll(() => load());
}

function renderList(container, page, go) {
  const items = page.items ?? [];
  if (items.length === 0) { mount(container, h('p', { class: 'empty', id: 'prospects-empty' }, t('prospects.empty'))); return; }
  const pages = Math.max(1, Math.ceil((page.total ?? items.length) / (page.pageSize || PAGE_SIZE)));
  const head = ['prospects.business', 'prospects.industry', 'prospects.region', 'prospects.language', 'prospects.employees',
    'prospects.sources', 'prospects.score', 'prospects.lastTested'];
  mount(container,
    h('p', { class: 'count muted', id: 'prospects-count' }, t('prospects.count', { total: formatNumber(page.total ?? items.length) })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'prospects', id: 'prospects-table' },
      h('thead', null, h('tr', null, head.map(key => h('th', { scope: 'col' }, t(key))))),
      h('tbody', null, items.map(prospect => {
        const href = `#/admin/prospects/${encodeURIComponent(prospect.id)}`;
        return h('tr', { class: 'prospect-row', dataset: { prospectId: prospect.id } },
          h('td', { 'data-label': t('prospects.business') },
            h('a', { href, class: 'prospect-name' }, prospect.businessName),
            h('span', { class: 'sub' }, prospect.domain),
            prospect.doNotContact ? h('span', { class: 'badge deleted' }, t('prospects.doNotContact')) : null,
            prospect.contacted ? h('span', { class: 'badge' }, t('prospects.contactedBadge')) : null),
          h('td', { 'data-label': t('prospects.industry') }, prospect.industry ?? ''),
          h('td', { 'data-label': t('prospects.region') }, prospect.region ?? ''),
          h('td', { 'data-label': t('prospects.language') }, prospect.language ? label('language', prospect.language) : ''),
          h('td', { 'data-label': t('prospects.employees'), class: 'num' }, prospect.employeeCount == null ? '' : formatNumber(prospect.employeeCount)),
          h('td', { 'data-label': t('prospects.sources') }, (prospect.sources ?? []).map(s => t(`prospects.source.${s}`)).join(', ')),
          h('td', { 'data-label': t('prospects.score'), class: 'num' }, h('span', { class: 'pill score' }, prospect.score ?? '–')),
          h('td', { 'data-label': t('prospects.lastTested') },
            prospect.lastTested ? h('time', { datetime: prospect.lastTested, title: formatDateTime(prospect.lastTested) }, formatRelative(prospect.lastTested)) : t('prospects.notTested')));
      })))),
    pager('prospects', { page: page.page, pages, hasPrevious: page.page > 1, hasNext: page.page < pages,
      previous: () => go({ page: page.page - 1 }), next: () => go({ page: page.page + 1 }) }));
}

/** The CSV import: a file, the import, and its report (counts and the refused lines, numbered as a spreadsheet shows them). */
function importCard(onImported) {
  const file = h('input', { type: 'file', id: 'prospect-import-file', accept: '.csv,text/csv' });
  const report = h('div', { id: 'prospect-import-report', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: 'prospect-import' }, t('prospects.import'));
  return h('form', { class: 'card', id: 'prospect-import-form', onsubmit: async e => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) { showError(new api.ApiError(400, { detail: t('prospects.chooseFile') })); return; }
    await attempt(async () => {
      const result = await api.postFile('/api/admin/prospects/import', chosen, 'text/csv');
      mount(report, importReport(result));
      showMessage(t('prospects.imported', { imported: formatNumber(result.imported), merged: formatNumber(result.merged) }));
      await onImported();
    }, button);
  } },
  h('h2', null, t('prospects.importTitle')),
  h('p', { class: 'help muted' }, t('prospects.importHelp')),
  h('div', { class: 'field' }, h('label', { for: 'prospect-import-file' }, t('prospects.file')), file),
  button, report);
}

function importReport(result) {
  const counts = ['imported', 'merged', 'unchanged', 'rejected'];
  const errors = result.errors ?? [];
  return h('div', { class: 'import-report' },
    h('dl', { class: 'facts' }, counts.map(name => [h('dt', null, t(`prospects.report.${name}`)),
      h('dd', { dataset: { count: name } }, formatNumber(result[name] ?? 0))])),
    errors.length ? h('table', { class: 'import-errors', id: 'prospect-import-errors' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('prospects.report.line')), h('th', { scope: 'col' }, t('prospects.report.message')))),
      h('tbody', null, errors.map(error => h('tr', null, h('td', { class: 'num' }, String(error.line)), h('td', null, error.message))))) : null);
}

/** Today's queue: the prospects the daily_prospect_queue job picked (best scored, balanced across industries). */
function queueCard(body) {
  return h('section', { class: 'card', id: 'prospect-queue-card' }, h('h2', null, t('prospects.queueTitle')), body);
}

function renderQueue(container, today) {
  const items = today?.items ?? [];
  if (!today) { mount(container, h('p', { class: 'empty', id: 'prospect-queue-empty' }, t('prospects.queueNotYet'))); return; }
  mount(container,
    h('p', { class: 'help muted' }, t('prospects.queueSelected', { time: formatDateTime(today.selectedAt), count: formatNumber(items.length) })),
    h('ol', { class: 'queue', id: 'prospect-queue-list' }, items.map(item => h('li', { dataset: { prospectId: item.prospectId } },
      h('a', { href: `#/admin/prospects/${encodeURIComponent(item.prospectId)}` }, item.businessName), ' ',
      h('span', { class: 'sub' }, [item.industry, item.score == null ? null : `${item.score}`].filter(Boolean).join(' · '))))));
}

/** Discovery: runs the agency's ICP against every configured source (a prospect_discovery job). */
function discoverCard() {
  const status = h('p', { class: 'help muted', id: 'prospect-discover-status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary', id: 'prospect-discover', onclick: async () => {
    const started = await attempt(() => api.post('/api/admin/prospects/discover', {}), button);
    if (started) mount(status, t('prospects.discoverStarted', { job: started.jobId }));
  } }, t('prospects.discover'));
  return h('section', { class: 'card' }, h('h2', null, t('prospects.discoverTitle')), h('p', { class: 'help muted' }, t('prospects.discoverHelp')), button, status);
}
