// The new-campaign form (admin): target, templates (with an optional template B for an A/B test), sending mailbox,
// the sender's CASL identity and the follow-up schedule. The grain judges the rest; a refusal names the field.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, label } from '../i18n.js';
import { showError } from '../notices.js';

const BUSINESS_DAYS = [1, 2, 3, 4, 5];

export function campaignForm({ templates, mailboxes, onCreated }) {
  const input = (id, extra = {}) => h('input', { id, ...extra });
  const templateOptions = language => [['', t('campaigns.form.none')],
    ...templates.filter(x => x.language === language && x.category === 'outreach').map(x => [x.id, x.name])];
  const c = {
    name: input('campaign-form-name', { required: true, maxlength: '200' }),
    industries: input('campaign-form-industries', { placeholder: 'plumbing, dental' }),
    regions: input('campaign-form-regions', { placeholder: 'QC, ON' }),
    language: select({ id: 'campaign-form-language' }, [['', t('leads.any')], ['en', label('language', 'en')], ['fr', label('language', 'fr')]], ''),
    minScore: input('campaign-form-min-score', { type: 'number', min: '0', max: '100', inputmode: 'numeric' }),
    templateEn: select({ id: 'campaign-form-template-en' }, templateOptions('en'), ''),
    templateFr: select({ id: 'campaign-form-template-fr' }, templateOptions('fr'), ''),
    abTemplateEn: select({ id: 'campaign-form-ab-template-en' }, templateOptions('en'), ''),
    mailbox: select({ id: 'campaign-form-mailbox' }, mailboxes.map(m => [m.mailboxId, m.mailboxId]), mailboxes[0]?.mailboxId),
    senderName: input('campaign-form-sender-name', { required: true, autocomplete: 'name' }),
    senderAddress: input('campaign-form-sender-address', { required: true, type: 'email', autocomplete: 'email' }),
    company: input('campaign-form-company', { required: true, autocomplete: 'organization' }),
    postalAddress: input('campaign-form-postal-address', { required: true, autocomplete: 'street-address' }),
    followUps: input('campaign-form-follow-ups', { value: '3, 7', inputmode: 'numeric' }),
  };
  const problems = h('div', { id: 'campaign-form-problems', 'aria-live': 'polite' });
  const field = (key, control, help) => h('div', { class: 'field' }, h('label', { for: control.id }, t(key)), control,
    help ? h('span', { class: 'help muted' }, t(help)) : null);
  const list = value => value.split(',').map(x => x.trim()).filter(Boolean);

  return h('form', { class: 'card', id: 'campaign-form', onsubmit: async e => {
    e.preventDefault();
    mount(problems);
    const followUps = list(c.followUps.value).map(Number);
    if (followUps.some(n => !Number.isInteger(n) || n < 1 || n > 30)) {
      mount(problems, h('p', { class: 'banner error', dataset: { problem: 'followUpBusinessDays' } }, t('campaigns.form.followUpsInvalid')));
      return;
    }
    const abTemplateEn = c.abTemplateEn.value || null;
    const body = {
      name: c.name.value.trim(),
      target: {
        industries: list(c.industries.value), regions: list(c.regions.value).map(r => r.toUpperCase()),
        language: c.language.value || null, minScore: c.minScore.value === '' ? null : Number(c.minScore.value),
      },
      settings: {
        sender: {
          mailboxId: c.mailbox.value, name: c.senderName.value.trim(), address: c.senderAddress.value.trim(), company: c.company.value.trim(),
          postalAddress: c.postalAddress.value.trim(),
        },
        templateEn: c.templateEn.value || null, templateFr: c.templateFr.value || null,
        followUpBusinessDays: followUps,
        window: { days: BUSINESS_DAYS, start: '09:00:00', end: '17:00:00' },
        defaultTimeZone: 'America/Toronto',
        abTemplateEn,
        // Reply rate decides (opens never do); half the prospects in the test, the rest get the winner.
        abTest: abTemplateEn ? { decidingMetric: 'reply', significance: 0.05, minimumSamplePerArm: 100, testShare: 0.5 } : null,
      },
    };
    try {
      const created = await api.post('/api/admin/outreach/campaigns', body);
      await onCreated(created);
    } catch (error) {
      if (error instanceof api.ApiError && error.errors) {
        mount(problems, h('ul', { class: 'problems' }, Object.entries(error.errors).map(([key, messages]) =>
          h('li', { dataset: { problem: key } }, h('code', null, key), ' ', [messages].flat().join(' ')))));
      } else { showError(error); }
    }
  } },
  h('h2', null, t('campaigns.form.title')),
  field('campaigns.form.name', c.name),
  field('campaigns.form.industries', c.industries, 'campaigns.form.listHelp'), field('campaigns.form.regions', c.regions, 'campaigns.form.listHelp'),
  field('campaigns.form.language', c.language), field('campaigns.form.minScore', c.minScore),
  field('campaigns.form.templateEn', c.templateEn), field('campaigns.form.templateFr', c.templateFr),
  field('campaigns.form.abTemplateEn', c.abTemplateEn, 'campaigns.form.abHelp'),
  field('campaigns.mailbox', c.mailbox),
  field('campaigns.form.senderName', c.senderName), field('campaigns.form.senderAddress', c.senderAddress),
  field('campaigns.form.company', c.company), field('campaigns.form.postalAddress', c.postalAddress, 'campaigns.form.caslHelp'),
  field('campaigns.form.followUps', c.followUps, 'campaigns.form.followUpsHelp'),
  problems,
  h('button', { type: 'submit', id: 'campaign-form-create' }, t('campaigns.form.create')));
}
