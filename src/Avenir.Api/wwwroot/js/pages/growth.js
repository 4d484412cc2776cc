// The growth brain: the client's live insights (kept current by the client's grain), polled like every page.
// An admin can open another client's report with #/growth?client=<id> (read-only).
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, label, language, formatDateTime, formatNumber, formatPercent } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { session } from '../session.js';
import { barChart, columnChart, lineChart, ratioBar, meter } from '../charts.js';

export async function renderGrowth(view, _params, query) {
  const clientId = query.get('client');
  const foreign = clientId && session.user?.isAdmin && clientId !== session.user.clientId;
  const source = foreign ? `/api/admin/clients/${encodeURIComponent(clientId)}/growth` : '/api/dashboard/growth';

  const body = h('div', { id: 'growth' }, h('p', { class: 'muted' }, t('common.loading')));
  const stamp = h('span', { class: 'muted small', id: 'growth-analyzed' });
  const refresh = foreign ? null : h('button', { type: 'button', class: 'primary', id: 'growth-refresh', onclick: async e => {
    const button = e.currentTarget;
    if (await attempt(async () => { draw(await api.post('/api/dashboard/growth/refresh', {}), true); }, button)) showMessage(t('growth.refreshed'));
  } }, t('growth.refresh'));
  mount(view, h('div', { class: 'page-head' }, h('h1', null, t('growth.title')), stamp, refresh), body);

  let lastJson = '';
  const draw = (report, force = false) => {
    const json = JSON.stringify(report);
    if (!force && json === lastJson) return;
    lastJson = json;
    mount(stamp, t('growth.analyzed', { time: formatDateTime(report.analyzedAt) }), ' · ', t(`growth.source.${report.source}`));
    mount(body, report.totalLeads > 0 ? content(report) : h('p', { class: 'empty', id: 'growth-empty' }, t('growth.empty')));
  };
  const load = async () => draw(await api.get(source));

  try { await load(); } catch (error) { mount(body); showError(error); }
  return poll(load);
}

function content(report) {
  const lang = language();
  const insights = report.insights?.[lang] ?? report.insights?.en ?? [];
  const weeks = report.weeks ?? [];
  const weekLabel = week => new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { month: 'short', day: 'numeric' }).format(new Date(`${week.weekStart}T00:00:00Z`));
  const trend = report.urgencyTrendPercentage;
  return [
    h('section', { class: 'card insights', id: 'growth-insights', lang },
      h('h2', null, t('growth.insights')),
      insights.length ? h('ul', null, insights.map(text => h('li', null, text))) : h('p', { class: 'muted' }, t('growth.noInsights')),
      h('p', { class: 'muted small' }, t(`growth.insightsSource.${report.insightsSource === 'llm' ? 'llm' : 'rules'}`))),
    h('section', { class: 'kpis', id: 'growth-kpis' },
      kpi('total', t('growth.totalLeads'), formatNumber(report.totalLeads), t('growth.enriched', { count: formatNumber(report.enrichedLeads) })),
      kpi('engagement', t('growth.engagement'), formatNumber(report.engagementScore, { maximumFractionDigits: 0 }), meter(report.engagementScore, { description: t('growth.engagement') })),
      kpi('sentiment', t('growth.sentiment'), report.sentimentScore === null ? t('common.none') : formatNumber(report.sentimentScore, { maximumFractionDigits: 0 }),
        report.sentimentScore === null ? null : meter(report.sentimentScore, { description: t('growth.sentiment') })),
      kpi('confidence', t('growth.confidence'), formatPercent(report.averageConfidence)),
      kpi('trend', t('growth.urgencyTrend'), trend === null || trend === undefined ? t('common.none') : `${trend > 0 ? '+' : ''}${formatNumber(trend, { maximumFractionDigits: 1 })} %`,
        t('growth.openHighUrgency', { count: formatNumber(report.openHighUrgency) }))),
    h('div', { class: 'chart-grid' },
      chartCard('intents', t('growth.topIntents'), report.topIntents.length
        ? barChart(report.topIntents.map(item => ({ label: label('intent', item.intent), value: item.count, text: `${formatNumber(item.count)} · ${formatPercent(item.share)}` })), { description: t('growth.topIntents') })
        : h('p', { class: 'muted' }, t('growth.notEnriched'))),
      chartCard('urgency', t('growth.urgency'),
        barChart(['high', 'medium', 'low'].map(level => ({ label: label('urgency', capitalise(level)), value: report.urgency?.[level] ?? 0, kind: `urgency-${level}` })), { description: t('growth.urgency') }),
        h('h3', null, t('growth.highUrgencyByWeek')),
        columnChart(weeks.map(week => ({ label: weekLabel(week), value: week.highUrgency })), { description: t('growth.highUrgencyByWeek'), kind: 'urgency-high' })),
      chartCard('tones', t('growth.tones'), report.tones.length
        ? barChart(report.tones.map(item => ({ label: label('tone', item.tone), value: item.count, text: `${formatNumber(item.count)} · ${formatPercent(item.share)}` })), { description: t('growth.tones'), kind: 'accent' })
        : h('p', { class: 'muted' }, t('growth.notEnriched'))),
      chartCard('confidence', t('growth.confidenceTrajectory'),
        lineChart(weeks.map(week => ({ label: weekLabel(week), value: week.averageConfidence })), { description: t('growth.confidenceTrajectory'), max: 1, format: value => `${Math.round(value * 100)}` }),
        h('h3', null, t('growth.leadsByWeek')),
        columnChart(weeks.map(week => ({ label: weekLabel(week), value: week.leads })), { description: t('growth.leadsByWeek') })),
      chartCard('languages', t('growth.languages'),
        ratioBar([
          { label: label('language', 'en'), share: report.languageRatio?.en ?? 0, kind: 'primary' },
          { label: label('language', 'fr'), share: report.languageRatio?.fr ?? 0, kind: 'accent' },
        ], { description: t('growth.languagesDescription', { en: Math.round(report.languageRatio?.en ?? 0), fr: Math.round(report.languageRatio?.fr ?? 0) }) }))),
  ];
}

function kpi(id, title, value, detail) {
  return h('div', { class: 'card kpi', id: `kpi-${id}` }, h('span', { class: 'kpi-title' }, title), h('strong', { class: 'kpi-value' }, value), detail ? h('span', { class: 'kpi-detail' }, detail) : null);
}

function chartCard(id, title, ...children) {
  return h('section', { class: 'card chart-card', id: `chart-${id}` }, h('h2', null, title), ...children);
}

const capitalise = text => text.charAt(0).toUpperCase() + text.slice(1);
