// One prospect (admin): who it is, where it was found, why it scores what it scores, and its form tests.
import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatDateTime, formatNumber } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';

export async function renderProspect(view, [id]) {
  const body = h('div', { id: 'prospect' }, h('p', { class: 'muted' }, t('common.loading')));
  mount(view, h('p', null, h('a', { href: '#/admin/prospects', id: 'prospect-back' }, '‹ ', t('prospects.back'))), body);
  let lastJson = '';
  const load = async () => {
    const detail = await api.get(`/api/admin/prospects/${encodeURIComponent(id)}`);
    const json = JSON.stringify(detail);
    if (json === lastJson) return;
    lastJson = json;
    render(body, detail.prospect, detail.formTests ?? [], detail.consent ?? [], () => { lastJson = ''; return load(); });
  };
  try { await load(); } catch (error) { mount(body, h('p', { class: 'empty' }, t('prospects.notFound'))); showError(error); return null; }
  return poll(load);
}

function render(container, prospect, tests, consent, reload) {
  const facts = [
    ['prospects.industry', prospect.industry], ['prospects.region', [prospect.region, prospect.country].filter(Boolean).join(', ')],
    ['prospects.language', prospect.language ? label('language', prospect.language) : null],
    ['prospects.employees', prospect.employeeCount == null ? null : formatNumber(prospect.employeeCount)],
    ['prospects.email', prospect.contactEmail],
    ['prospects.contactForm', prospect.hasContactForm == null ? t('prospects.unknown') : prospect.hasContactForm ? t('common.yes') : t('common.no')],
    ['prospects.firstSeen', prospect.firstSeenAt ? formatDateTime(prospect.firstSeenAt) : null],
    ['prospects.lastSeen', prospect.lastSeenAt ? formatDateTime(prospect.lastSeenAt) : null],
  ];
  const explanation = Array.isArray(prospect.scoreExplanation) ? prospect.scoreExplanation : [];
  mount(container,
    h('div', { class: 'page-head' },
      h('h1', { id: 'prospect-name' }, prospect.businessName),
      h('div', { class: 'head-badges' },
        prospect.doNotContact ? h('span', { class: 'badge deleted', id: 'prospect-dnc' }, t('prospects.doNotContact')) : null,
        prospect.contacted ? h('span', { class: 'badge' }, t('prospects.contactedBadge')) : null)),
    h('p', { class: 'sub' }, websiteLink(prospect.website, prospect.domain)),
    h('div', { class: 'lead-grid' },
      h('section', { class: 'card' },
        h('h2', null, t('prospects.score'), ' ', h('span', { class: 'pill score', id: 'prospect-score' }, prospect.score ?? '–')),
        h('table', { class: 'score-explanation', id: 'prospect-score-explanation' },
          h('thead', null, h('tr', null, ['prospects.signal', 'prospects.points', 'prospects.reason'].map(k => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, explanation.map(part => h('tr', { dataset: { signal: part.signal } },
            h('td', null, t(`prospects.signal.${part.signal}`)),
            h('td', { class: 'num' }, `${formatNumber(part.points)} / ${formatNumber(part.maxPoints)}`),
            h('td', null, part.reason)))))),
      h('section', { class: 'card' },
        h('h2', null, t('prospects.about')),
        h('dl', { class: 'facts' }, facts.filter(([, v]) => v).map(([k, v]) => [h('dt', null, t(k)), h('dd', null, v)])),
        h('h3', null, t('prospects.sources')),
        h('ul', { id: 'prospect-sources' }, (prospect.sources ?? []).map(s => h('li', { dataset: { source: s } }, t(`prospects.source.${s}`)))))),
    consentCard(prospect, consent, reload),
    h('section', { class: 'card' },
      h('h2', null, t('prospects.formTests')),
      prospect.doNotContact ? null : h('p', null, h('button', { type: 'button', class: 'secondary', id: 'prospect-test-form', onclick: async e => {
        if (await attempt(() => api.post(`/api/admin/prospects/${encodeURIComponent(prospect.id)}/form-tests`, {}), e.currentTarget)) {
          showMessage(t('prospects.testStarted'));
        }
      } }, t('prospects.testForm'))),
      tests.length === 0 ? h('p', { class: 'empty', id: 'prospect-no-tests' }, t('prospects.noTests'))
        : h('table', { id: 'prospect-form-tests' },
          h('thead', null, h('tr', null, ['prospects.submitted', 'prospects.status', 'prospects.responseTime', 'prospects.tone', 'prospects.testScore']
            .map(k => h('th', { scope: 'col' }, t(k))))),
          h('tbody', null, tests.map(test => h('tr', { dataset: { testId: test.id } },
            h('td', null, formatDateTime(test.testSubmittedAt)),
            h('td', null, h('span', { class: `status-pill ${test.testStatus}` }, t(`prospects.testStatus.${test.testStatus}`))),
            h('td', { class: 'num' }, test.responseTimeMinutes == null ? '–' : t('prospects.minutes', { minutes: formatNumber(test.responseTimeMinutes) })),
            h('td', null, test.autoresponderTone ? t(`prospects.tone.${test.autoresponderTone}`) : '–'),
            h('td', { class: 'num' }, test.score ?? '–')))))));
}

/** The site as a link only when it is a web address (an imported file may say anything); the domain as text otherwise. */
function websiteLink(website, domain) {
  const safe = typeof website === 'string' && /^https?:\/\//i.test(website);
  return safe ? h('a', { href: website, rel: 'noopener noreferrer', target: '_blank', id: 'prospect-website' }, domain) : h('span', { id: 'prospect-website' }, domain);
}

/** CASL: the evidence on which the prospect may be emailed (none: nothing is sent to it), and a way to record consent. */
function consentCard(prospect, consent, reload) {
  const address = h('input', { id: 'consent-address', type: 'email', value: prospect.contactEmail ?? '' });
  const method = h('select', { id: 'consent-method' }, ['web_form', 'email', 'written', 'oral'].map(m => h('option', { value: m }, t(`prospects.consentMethod.${m}`))));
  const note = h('input', { id: 'consent-note' });
  const button = h('button', { type: 'submit', class: 'secondary', id: 'consent-record' }, t('prospects.consentRecord'));
  const record = h('form', { class: 'inline-form', id: 'consent-form', onsubmit: async e => {
    e.preventDefault();
    const body = { kind: 'express_consent', emailAddress: address.value.trim(), method: method.value, seenAt: new Date().toISOString(), note: note.value.trim() };
    if (await attempt(() => api.post(`/api/admin/prospects/${encodeURIComponent(prospect.id)}/consent`, body), button)) {
      showMessage(t('prospects.consentRecorded'));
      await reload();
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'consent-address' }, t('prospects.email')), address),
  h('div', { class: 'field' }, h('label', { for: 'consent-method' }, t('prospects.consentHow')), method),
  h('div', { class: 'field' }, h('label', { for: 'consent-note' }, t('prospects.consentNote')), note), button);
  return h('section', { class: 'card', id: 'prospect-consent' },
    h('h2', null, t('prospects.consentTitle')),
    consent.length === 0 ? h('p', { class: 'banner warning', id: 'prospect-no-consent' }, t('prospects.consentNone'))
      : h('ul', { id: 'prospect-consent-list' }, consent.map(item => h('li', { dataset: { kind: item.kind } },
        h('strong', null, t(`prospects.consentKind.${item.kind}`)), ' · ', item.emailAddress, ' · ', formatDateTime(item.seenAt),
        item.sourceUrl ? h('span', { class: 'sub' }, item.sourceUrl) : null,
        h('span', { class: 'sub' }, `${item.note} — ${item.recordedBy}`)))),
    record);
}
