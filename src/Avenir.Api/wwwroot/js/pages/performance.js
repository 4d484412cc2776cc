// Internal: system performance (response times, AI latency and accuracy, translation, email), per component,
// from performance_metrics rows the recorders write in batches. Polled like every page.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, formatDateTime, formatNumber, formatPercent } from '../i18n.js';
import { navigate } from '../navigation.js';
import { poll } from '../poll.js';
import { showError } from '../notices.js';
import { lineChart } from '../charts.js';

const WINDOWS = [1, 6, 24, 72, 168];

export async function renderPerformance(view, _params, query) {
  const hours = WINDOWS.includes(Number(query.get('hours'))) ? Number(query.get('hours')) : 24;
  const series = h('div', { id: 'performance-series' }, h('p', { class: 'muted' }, t('common.loading')));
  const accuracy = h('div', { id: 'model-accuracy' });
  const windowPicker = select({ id: 'performance-hours', 'aria-label': t('performance.window'), onchange: e => navigate(`#/admin/performance?hours=${e.currentTarget.value}`) },
    WINDOWS.map(value => [value, t('performance.lastHours', { hours: value })]), hours);
  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('performance.title')), windowPicker),
    h('section', { class: 'card' }, h('h2', null, t('performance.series')), series),
    h('section', { class: 'card' }, h('h2', null, t('performance.accuracy')), accuracy));

  let lastJson = '';
  const load = async () => {
    const [metrics, models] = await Promise.all([
      api.get(api.withQuery('/api/admin/performance', { hours })),
      api.get(api.withQuery('/api/admin/model-accuracy', { days: Math.max(1, Math.ceil(hours / 24)) })).catch(() => null),
    ]);
    const json = JSON.stringify([metrics, models]);
    if (json === lastJson) return;
    lastJson = json;
    drawSeries(series, metrics);
    drawAccuracy(accuracy, models);
  };

  try { await load(); } catch (error) { mount(series); showError(error); }
  return poll(load);
}

function drawSeries(target, metrics) {
  const rows = metrics?.series ?? [];
  if (rows.length === 0) { mount(target, h('p', { class: 'empty' }, t('performance.empty'))); return; }
  mount(target,
    h('p', { class: 'muted small' }, t('performance.range', { from: formatDateTime(metrics.from), to: formatDateTime(metrics.to) })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'performance', id: 'performance-table' },
      h('thead', null, h('tr', null, ['performance.component', 'performance.metric', 'performance.count', 'performance.mean', 'performance.p95', 'performance.success', 'performance.errors', 'performance.trend']
        .map(key => h('th', { scope: 'col' }, t(key))))),
      h('tbody', null, rows.map(row => h('tr', { dataset: { component: row.sourceComponent, event: row.eventType, metric: row.metricName } },
        h('td', { 'data-label': t('performance.component') }, h('strong', null, row.sourceComponent), h('span', { class: 'sub' }, row.eventType)),
        h('td', { 'data-label': t('performance.metric') }, `${row.metricName} (${row.unit})`),
        h('td', { 'data-label': t('performance.count'), class: 'num' }, formatNumber(row.count)),
        h('td', { 'data-label': t('performance.mean'), class: 'num' }, value(row.mean, row.unit)),
        h('td', { 'data-label': t('performance.p95'), class: 'num' }, value(row.p95, row.unit)),
        h('td', { 'data-label': t('performance.success'), class: 'num' }, row.successRate === null || row.successRate === undefined ? t('common.none') : formatPercent(row.successRate)),
        h('td', { 'data-label': t('performance.errors'), class: 'num' }, formatNumber(row.errorCount ?? 0)),
        h('td', { 'data-label': t('performance.trend'), class: 'spark' }, sparkline(row))))))));
}

function drawAccuracy(target, accuracy) {
  // {models:[{model, fields:[{field, predictions, corrected, accuracy, days:[{day, predictions, corrected, accuracy}]}]}]}
  const rows = (accuracy?.models ?? []).flatMap(model => (model.fields ?? []).map(field => ({ model: model.model, ...field })));
  if (!rows.length) { mount(target, h('p', { class: 'empty', id: 'accuracy-empty' }, t('performance.noAccuracy'))); return; }
  mount(target, h('div', { class: 'table-wrap' }, h('table', { class: 'accuracy', id: 'accuracy-table' },
    h('thead', null, h('tr', null, ['performance.model', 'performance.field', 'performance.predictions', 'performance.corrected', 'performance.accuracyValue', 'performance.trend']
      .map(key => h('th', { scope: 'col' }, t(key))))),
    h('tbody', null, rows.map(row => h('tr', { dataset: { model: row.model, field: row.field } },
      h('td', { 'data-label': t('performance.model') }, row.model ?? t('common.none')),
      h('td', { 'data-label': t('performance.field') }, t(`performance.field.${row.field}`)),
      h('td', { 'data-label': t('performance.predictions'), class: 'num' }, formatNumber(row.predictions ?? 0)),
      h('td', { 'data-label': t('performance.corrected'), class: 'num' }, formatNumber(row.corrected ?? 0)),
      h('td', { 'data-label': t('performance.accuracyValue'), class: 'num' }, formatPercent(row.accuracy)),
      h('td', { 'data-label': t('performance.trend'), class: 'spark' }, (row.days ?? []).length > 1
        ? lineChart(row.days.map(day => ({ label: '', value: day.accuracy })), { description: t('performance.trendOf', { metric: row.field }), max: 1, format: () => '' })
        : '')))))));
}

function value(number, unit) {
  if (number === null || number === undefined) return t('common.none');
  if (unit === 'percent') return `${formatNumber(number, { maximumFractionDigits: 1 })} %`;
  if (unit === 'ms') return `${formatNumber(number, { maximumFractionDigits: 1 })} ms`;
  return formatNumber(number, { maximumFractionDigits: 3 });
}

function sparkline(row) {
  const points = row.points ?? [];
  if (points.length < 2) return '';
  const max = Math.max(...points.map(point => point.mean ?? 0)) || 1;
  return lineChart(points.map(point => ({ label: '', value: point.mean })), { description: t('performance.trendOf', { metric: row.metricName }), max: max * 1.1, format: () => '' });
}
