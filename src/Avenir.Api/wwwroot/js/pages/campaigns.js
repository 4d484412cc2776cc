// Outreach campaigns (admin): every campaign with its counts, each sending mailbox's limit and use today, and a new one.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, formatNumber, formatRelative, formatDateTime } from '../i18n.js';
import { navigate } from '../navigation.js';
import { poll } from '../poll.js';
import { showError } from '../notices.js';
import { CAMPAIGN_STATUSES } from '../vocabulary.js';
import { campaignForm } from '../components/campaign-form.js';

export async function renderCampaigns(view, _params, query) {
  const status = CAMPAIGN_STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const filter = select({ id: 'campaign-filter-status', name: 'status', onchange: e => navigate(e.target.value ? `#/admin/campaigns?status=${e.target.value}` : '#/admin/campaigns') },
    [['', t('leads.any')], ...CAMPAIGN_STATUSES.map(s => [s, t(`campaigns.status.${s}`)])], status);
  const list = h('div', { id: 'campaigns' }, h('p', { class: 'muted' }, t('common.loading')));
  const mailboxes = h('div', { id: 'mailboxes' });
  const creator = h('div', { id: 'campaign-creator' });
  const openForm = async e => {
    const button = e.currentTarget;
    button.disabled = true;
    try {
      const [templates, usage] = await Promise.all([api.get('/api/admin/outreach/templates'), api.get('/api/admin/outreach/mailboxes')]);
      mount(creator, campaignForm({ templates: templates ?? [], mailboxes: usage ?? [],
        onCreated: created => navigate(`#/admin/campaigns/${encodeURIComponent(created.id)}`) }));
      creator.querySelector('input')?.focus();
    } catch (error) { showError(error); } finally { button.disabled = false; }
  };
  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('campaigns.title')),
      h('div', { class: 'page-actions' },
        h('button', { type: 'button', id: 'campaign-new', onclick: openForm }, t('campaigns.form.title')),
        h('a', { class: 'button secondary', href: '#/admin/templates', id: 'campaigns-templates' }, t('templates.title')))),
    creator,
    h('div', { class: 'admin-grid' },
      h('div', null, h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'campaign-filter-status' }, t('campaigns.statusLabel')), filter)), list),
      h('section', { class: 'card' }, h('h2', null, t('campaigns.mailboxes')), mailboxes)));

  let lastJson = '';
  const load = async () => {
    const [campaigns, usage] = await Promise.all([
      api.get(api.withQuery('/api/admin/outreach/campaigns', { status })),
      api.get('/api/admin/outreach/mailboxes').catch(() => []),
    ]);
    const json = JSON.stringify([campaigns, usage]);
    if (json === lastJson) return;
    lastJson = json;
    renderList(list, campaigns ?? []);
    renderMailboxes(mailboxes, usage ?? []);
  };
  try { await load(); } catch (error) { mount(list); showError(error); }
  return poll(load);
}

function renderList(container, campaigns) {
  if (campaigns.length === 0) { mount(container, h('p', { class: 'empty', id: 'campaigns-empty' }, t('campaigns.empty'))); return; }
  const counts = ['sent', 'opened', 'clicked', 'replied', 'bounced', 'unsubscribed'];
  mount(container, h('div', { class: 'table-wrap' }, h('table', { id: 'campaigns-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('campaigns.name')), h('th', { scope: 'col' }, t('campaigns.statusLabel')),
      counts.map(c => h('th', { scope: 'col', class: 'num' }, t(`campaigns.metric.${c}`))), h('th', { scope: 'col' }, t('campaigns.updated')))),
    h('tbody', null, campaigns.map(campaign => h('tr', { class: 'campaign-row', dataset: { campaignId: campaign.id } },
      h('td', { 'data-label': t('campaigns.name') }, h('a', { href: `#/admin/campaigns/${encodeURIComponent(campaign.id)}`, class: 'campaign-name' }, campaign.name)),
      h('td', { 'data-label': t('campaigns.statusLabel') }, h('span', { class: `status-pill ${campaign.status}` }, t(`campaigns.status.${campaign.status}`))),
      counts.map(c => h('td', { 'data-label': t(`campaigns.metric.${c}`), class: 'num', dataset: { metric: c } }, formatNumber(campaign[c] ?? 0))),
      h('td', { 'data-label': t('campaigns.updated') }, h('time', { datetime: campaign.updatedAt, title: formatDateTime(campaign.updatedAt) }, formatRelative(campaign.updatedAt)))))))));
}

function renderMailboxes(container, usage) {
  if (usage.length === 0) { mount(container, h('p', { class: 'empty' }, t('campaigns.noMailbox'))); return; }
  mount(container, h('table', { id: 'mailboxes-table' },
    h('thead', null, h('tr', null, ['campaigns.mailbox', 'campaigns.dailyLimit', 'campaigns.sent24h', 'campaigns.lastSent'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', null, usage.map(mailbox => h('tr', { dataset: { mailboxId: mailbox.mailboxId } },
      h('td', null, mailbox.mailboxId),
      h('td', { class: 'num' }, formatNumber(mailbox.dailyLimit)),
      h('td', { class: 'num', dataset: { sent24h: '' } }, formatNumber(mailbox.sentInLast24Hours)),
      h('td', null, mailbox.lastSentAt ? formatRelative(mailbox.lastSentAt) : t('admin.never')))))));
}
