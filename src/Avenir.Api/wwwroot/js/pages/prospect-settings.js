// Discovery settings (admin): the ideal customer profile discovery searches for, and each source's quota use.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, formatNumber, formatDateTime } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';

const list = text => text.split(/[,\n]/).map(s => s.trim()).filter(Boolean);

export async function renderProspectSettings(view) {
  const icp = h('div', { id: 'icp' }, h('p', { class: 'muted' }, t('common.loading')));
  const sources = h('div', { id: 'prospect-sources-status' });
  mount(view,
    h('p', null, h('a', { href: '#/admin/prospects', id: 'prospect-settings-back' }, '‹ ', t('prospects.back'))),
    h('div', { class: 'page-head' }, h('h1', null, t('prospects.settingsTitle'))),
    h('div', { class: 'admin-grid' }, h('section', { class: 'card' }, h('h2', null, t('prospects.icpTitle')), icp),
      h('section', { class: 'card' }, h('h2', null, t('prospects.sourcesTitle')), sources,
        h('p', { class: 'help muted' }, t('prospects.googleEnds')))));

  try {
    const current = await api.get('/api/admin/prospects/icp').catch(error => (error.status === 404 ? null : Promise.reject(error)));
    mount(icp, icpForm(current));
  } catch (error) { mount(icp); showError(error); }

  let lastJson = '';
  const load = async () => {
    const status = await api.get('/api/admin/prospects/sources');
    const json = JSON.stringify(status);
    if (json === lastJson) return;
    lastJson = json;
    renderSources(sources, status ?? []);
  };
  try { await load(); } catch (error) { showError(error); }
  return poll(load);
}

function icpForm(current) {
  const region = (current?.regions ?? [])[0] ?? {};
  const field = (id, key, control) => h('div', { class: 'field' }, h('label', { for: id }, t(key)), control);
  const input = (id, value, extra = {}) => h('input', { id, value: value ?? '', ...extra });
  const controls = {
    industries: input('icp-industries', (current?.industries ?? []).join(', ')),
    keywords: input('icp-keywords', (current?.keywords ?? []).join(', ')),
    country: input('icp-country', region.country), region: input('icp-region', region.region), city: input('icp-city', region.city),
    languages: input('icp-languages', (current?.languages ?? []).join(', ')),
    minEmployees: input('icp-min', current?.minEmployees, { type: 'number', min: '1' }),
    maxEmployees: input('icp-max', current?.maxEmployees, { type: 'number', min: '1' }),
  };
  const saved = h('p', { class: 'help muted', id: 'icp-saved' }, current?.updatedAt ? t('prospects.icpSaved', { time: formatDateTime(current.updatedAt) }) : t('prospects.icpNone'));
  const button = h('button', { type: 'submit', id: 'icp-save' }, t('prospects.icpSave'));
  return h('form', { id: 'icp-form', onsubmit: async e => {
    e.preventDefault();
    const number = control => (control.value === '' ? null : Number(control.value));
    const place = { country: controls.country.value.trim(), region: controls.region.value.trim() || null, city: controls.city.value.trim() || null };
    const body = {
      industries: list(controls.industries.value), keywords: list(controls.keywords.value), languages: list(controls.languages.value),
      regions: place.country ? [place] : [], minEmployees: number(controls.minEmployees), maxEmployees: number(controls.maxEmployees),
    };
    const result = await attempt(() => api.put('/api/admin/prospects/icp', body), button);
    if (result) { mount(saved, t('prospects.icpSaved', { time: formatDateTime(result.updatedAt) })); showMessage(t('prospects.icpSavedNow')); }
  } },
  field('icp-industries', 'prospects.icpIndustries', controls.industries),
  field('icp-keywords', 'prospects.icpKeywords', controls.keywords),
  field('icp-country', 'prospects.icpCountry', controls.country), field('icp-region', 'prospects.region', controls.region),
  field('icp-city', 'prospects.icpCity', controls.city), field('icp-languages', 'prospects.icpLanguages', controls.languages),
  field('icp-min', 'prospects.icpMin', controls.minEmployees), field('icp-max', 'prospects.icpMax', controls.maxEmployees),
  button, saved);
}

function renderSources(container, status) {
  mount(container, h('table', { id: 'sources-table' },
    h('thead', null, h('tr', null, ['prospects.source', 'prospects.sourceState', 'prospects.requestsMinute', 'prospects.credits', 'prospects.blockedUntil']
      .map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, status.map(source => h('tr', { dataset: { source: source.name, configured: String(source.configured) } },
      h('td', null, t(`prospects.source.${source.name}`)),
      h('td', null, source.configured ? t('prospects.configured') : t('prospects.notConfigured')),
      h('td', { class: 'num' }, source.configured ? `${formatNumber(source.requestsLastMinute)} / ${formatNumber(source.requestsPerMinute)}` : '–'),
      h('td', { class: 'num' }, source.configured ? `${formatNumber(source.creditsUsed)}${source.creditLimit == null ? '' : ` / ${formatNumber(source.creditLimit)}`}` : '–'),
      h('td', null, source.blockedUntil ? formatDateTime(source.blockedUntil) : '–'))))));
}
