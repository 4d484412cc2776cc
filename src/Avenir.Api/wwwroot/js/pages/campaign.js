// One outreach campaign (admin): live metrics from its grain, its days in charts, its A/B tests, status changes, and the
// review queue with previews. The charts and the tests are read again only when the live metrics change.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, language, label, formatNumber, formatPercent, formatDateTime } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { emailFrame } from '../components/email-frame.js';
import { columnChart } from '../charts.js';

// Which status change each status allows (the grain refuses the others with 409 invalid_transition).
const ACTIONS = { draft: ['activate'], active: ['pause', 'complete'], paused: ['resume', 'complete'], completed: [] };

export async function renderCampaign(view, [id]) {
  const base = `/api/admin/outreach/campaigns/${encodeURIComponent(id)}`;
  const head = h('div', { id: 'campaign-head' }, h('p', { class: 'muted' }, t('common.loading')));
  const metrics = h('div', { id: 'campaign-metrics', class: 'stats' });
  const queue = h('div', { id: 'campaign-queue' });
  const timeline = h('div', { id: 'campaign-timeline', class: 'chart-grid' });
  const abTests = h('div', { id: 'campaign-ab-tests' });
  mount(view, h('p', null, h('a', { href: '#/admin/campaigns', id: 'campaign-back' }, '‹ ', t('campaigns.back'))), head, metrics,
    h('section', { class: 'card' }, h('h2', null, t('campaigns.overTime')), timeline),
    h('section', { class: 'card' }, h('h2', null, t('campaigns.ab.title')), abTests),
    h('section', { class: 'card' }, h('h2', null, t('campaigns.review')), queue));

  let lastJson = '';
  let lastMetrics = '';
  const load = async ({ force = false } = {}) => {
    const [campaign, pending] = await Promise.all([
      api.get(base),
      api.get(api.withQuery(`${base}/emails`, { status: 'pending', limit: 100 })),
    ]);
    const json = JSON.stringify([campaign, pending]);
    if (!force && json === lastJson) return;
    lastJson = json;
    const metricsJson = JSON.stringify(campaign.metrics);
    if (force || metricsJson !== lastMetrics) {
      lastMetrics = metricsJson;
      const [days, tests] = await Promise.all([api.get(`${base}/timeline`), api.get(`${base}/ab-tests`)]);
      renderTimeline(timeline, days ?? []);
      renderAbTests(abTests, tests ?? []);
    }
    renderHead(head, campaign, base, () => load({ force: true }));
    renderMetrics(metrics, campaign.metrics ?? {});
    renderQueue(queue, pending ?? [], base, () => load({ force: true }));
  };
  try { await load({ force: true }); } catch (error) { mount(head, h('p', { class: 'empty' }, t('campaigns.notFound'))); showError(error); return null; }
  return poll(() => load());
}

function renderHead(container, campaign, base, reload) {
  const act = action => h('button', { type: 'button', class: action === 'complete' ? 'secondary' : null, dataset: { campaignAction: action },
    onclick: async e => { if (await attempt(() => api.post(`${base}/${action}`, {}), e.currentTarget)) await reload(); } }, t(`campaigns.action.${action}`));
  const generate = campaign.status === 'completed' ? null : h('button', { type: 'button', class: 'secondary', id: 'campaign-generate', onclick: async e => {
    let result = null;
    if (await attempt(async () => { result = await api.post(`${base}/generate`, {}); }, e.currentTarget)) {
      showMessage(t('campaigns.generated', { created: formatNumber(result.created), missing: formatNumber(result.missingEmail) }));
      if (result.heldForAbTest > 0) showMessage(t('campaigns.ab.held', { count: formatNumber(result.heldForAbTest) }));
      await reload();
    }
  } }, t('campaigns.generate'));
  mount(container, h('div', { class: 'page-head' },
    h('h1', { id: 'campaign-name' }, campaign.name, ' ', h('span', { class: `status-pill ${campaign.status}`, id: 'campaign-status' }, t(`campaigns.status.${campaign.status}`))),
    h('div', { class: 'page-actions' }, generate, (ACTIONS[campaign.status] ?? []).map(act))),
  campaign.statusReason ? h('p', { class: 'banner warning', id: 'campaign-status-reason' }, campaign.statusReason) : null);
}

// The grain's rates are percentages (0–100); formatPercent takes a share (0–1).
function renderMetrics(container, m) {
  const cards = [
    ['sent', formatNumber(m.sent ?? 0)], ['delivered', formatNumber(m.delivered ?? 0)],
    ['opened', `${formatNumber(m.opened ?? 0)} · ${formatPercent((m.openRate ?? 0) / 100)}`],
    ['clicked', `${formatNumber(m.clicked ?? 0)} · ${formatPercent((m.clickRate ?? 0) / 100)}`],
    ['replied', `${formatNumber(m.replied ?? 0)} · ${formatPercent((m.replyRate ?? 0) / 100)}`],
    ['bounced', `${formatNumber(m.bounced ?? 0)} · ${formatPercent((m.bounceRate ?? 0) / 100)}`],
    ['unsubscribed', formatNumber(m.unsubscribed ?? 0)],
  ];
  mount(container, cards.map(([name, value]) => h('div', { class: 'stat card', dataset: { metric: name } },
    h('span', { class: 'stat-label' }, t(`campaigns.metric.${name}`)), h('strong', { class: 'stat-value' }, value),
    name === 'opened' ? h('span', { class: 'help muted' }, t('campaigns.opensWeak')) : null)));
}

function renderQueue(container, emails, base, reload) {
  if (emails.length === 0) { mount(container, h('p', { class: 'empty', id: 'campaign-queue-empty' }, t('campaigns.queueEmpty'))); return; }
  const review = async (button, body) => {
    let result = null;
    if (await attempt(async () => { result = await api.post(`${base}/review`, body); }, button)) {
      showMessage(t('campaigns.reviewed', { changed: formatNumber(result.changed) }));
      await reload();
    }
  };
  mount(container,
    h('p', null, h('button', { type: 'button', id: 'campaign-approve-all', onclick: e => review(e.currentTarget, { allPending: true, approve: true }) },
      t('campaigns.approveAll', { count: formatNumber(emails.filter(e => e.step === 1).length) }))),
    h('ul', { class: 'review-queue', id: 'campaign-emails' }, emails.map(email => {
      const preview = h('div', { class: 'email-preview', hidden: true });
      return h('li', { class: 'review-item card', dataset: { emailId: email.id } },
        h('div', { class: 'review-head' },
          h('strong', { class: 'review-subject' }, email.subject),
          h('span', { class: 'sub' }, [email.companyName, email.prospectEmail ?? t('campaigns.missingEmail')].filter(Boolean).join(' · '),
            email.step > 1 ? ` · ${t('campaigns.followUp', { step: email.step - 1 })}` : '')),
        h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'secondary small', dataset: { reviewAction: 'preview' }, onclick: () => {
            if (preview.hidden) mount(preview, emailFrame(email.subject, email.html));
            preview.hidden = !preview.hidden;
          } }, t('campaigns.preview')),
          h('button', { type: 'button', class: 'small', dataset: { reviewAction: 'approve' }, onclick: e => review(e.currentTarget, { emailIds: [email.id], approve: true }) }, t('campaigns.approve')),
          h('button', { type: 'button', class: 'secondary small', dataset: { reviewAction: 'reject' }, onclick: e => review(e.currentTarget, { emailIds: [email.id], approve: false }) }, t('campaigns.reject'))),
        preview);
    })),
    h('p', { class: 'help muted' }, t('campaigns.scheduled', { time: emails[0]?.scheduledAt ? formatDateTime(emails[0].scheduledAt) : '–' })));
}

function renderTimeline(container, days) {
  if (days.length === 0) { mount(container, h('p', { class: 'empty', id: 'campaign-timeline-empty' }, t('campaigns.noDays'))); return; }
  const dayLabel = day => new Intl.DateTimeFormat(language() === 'fr' ? 'fr-CA' : 'en-CA', { month: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`));
  const chart = (id, metric, kind) => h('div', { class: 'chart-card', dataset: { chart: id } }, h('h3', null, t(`campaigns.perDay.${metric}`)),
    columnChart(days.map(day => ({ label: dayLabel(day.day), value: day[metric] ?? 0 })), { description: t(`campaigns.perDay.${metric}`), kind }));
  mount(container, chart('sent', 'sent', 'primary'), chart('replied', 'replied', 'accent'), chart('clicked', 'clicked', 'accent'),
    chart('bounced', 'bounced', 'urgency-high'));
}

function renderAbTests(container, tests) {
  if (tests.length === 0) { mount(container, h('p', { class: 'muted', id: 'campaign-ab-none' }, t('campaigns.ab.none'))); return; }
  const rate = (part, whole) => formatPercent(whole > 0 ? part / whole : 0);
  mount(container, tests.map(test => h('div', { class: 'ab-test', dataset: { abLanguage: test.language, abOutcome: test.outcome } },
    h('h3', null, label('language', test.language), ' · ', h('span', { class: `status-pill ${test.outcome === 'winner' ? 'active' : 'draft'}` },
      t(`campaigns.ab.outcome.${test.outcome}`, { arm: (test.winner ?? '').toUpperCase() }))),
    h('table', null,
      h('thead', null, h('tr', null, ['campaigns.ab.arm', 'campaigns.ab.delivered', 'campaigns.metric.replied', 'campaigns.metric.clicked',
        'campaigns.metric.opened'].map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, [['A', test.deliveredA, test.repliedA, test.clickedA, test.openRateA], ['B', test.deliveredB, test.repliedB, test.clickedB, test.openRateB]]
        .map(([arm, delivered, replied, clicked, openRate]) => h('tr', { dataset: { arm } },
          h('td', null, arm, test.winner === arm.toLowerCase() ? ' ★' : ''), h('td', { class: 'num' }, formatNumber(delivered)),
          h('td', { class: 'num' }, `${formatNumber(replied)} · ${rate(replied, delivered)}`), h('td', { class: 'num' }, `${formatNumber(clicked)} · ${rate(clicked, delivered)}`),
          h('td', { class: 'num' }, formatPercent(openRate)))))),
    h('p', { class: 'help muted' }, t('campaigns.ab.decides', { metric: t(`campaigns.ab.metric.${test.decidingMetric === 'click' ? 'click' : 'reply'}`) }),
      test.pValue === null || test.pValue === undefined ? '' : ` p = ${formatNumber(test.pValue, { maximumSignificantDigits: 2 })}`))));
}
