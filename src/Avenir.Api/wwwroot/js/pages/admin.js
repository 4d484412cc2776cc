import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatDateTime, formatRelative, formatNumber } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { ask } from '../components/dialog.js';
import { EMAIL_TONES } from '../vocabulary.js';
import { secretBox } from '../components/secret-box.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export async function renderAdminClients(view) {
  const list = h('div', { id: 'clients' }, h('p', { class: 'muted' }, t('common.loading')));
  const secret = h('div', { id: 'admin-secret', 'aria-live': 'polite' });

  const form = createForm(async created => {
    mount(secret, created?.apiKey ? secretBox(t('admin.newKey', { name: created.businessName ?? '' }), created.apiKey) : null);
    showMessage(t('admin.created'));
    await load({ force: true });
  });

  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('admin.title'))),
    secret,
    h('div', { class: 'admin-grid' }, h('div', null, list), form));

  let lastJson = '';
  const load = async ({ force = false } = {}) => {
    const data = await api.get('/api/admin/clients');
    const json = JSON.stringify(data);
    if (!force && json === lastJson) return;
    lastJson = json;
    const clients = Array.isArray(data) ? data : (data.items ?? data.clients ?? []);
    if (clients.length === 0) { mount(list, h('p', { class: 'empty' }, t('admin.empty'))); return; }
    mount(list, h('div', { class: 'table-wrap' }, h('table', { class: 'clients', id: 'clients-table' },
      h('thead', null, h('tr', null, ['admin.business', 'admin.health', 'admin.lastLead', 'admin.leadsThisWeek', 'admin.actions'].map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, clients.map(client => row(client, secret))))));
  };

  try { await load({ force: true }); } catch (error) { mount(list); showError(error); }
  return poll(() => load());
}

function row(client, secret) {
  const id = client.clientId ?? client.id;
  const name = client.businessName ?? client.email;
  const lastLead = client.lastLeadReceived ?? client.lastLeadAt ?? client.lastLeadReceivedAt ?? null;
  const healthy = lastLead && Date.now() - new Date(lastLead).getTime() < WEEK_MS;
  return h('tr', { dataset: { clientId: id } },
    h('td', { 'data-label': t('admin.business') },
      h('strong', null, name),
      client.isInternal ? h('span', { class: 'badge' }, t('admin.internalBadge')) : null,
      client.isTest ? h('span', { class: 'badge archived' }, t('admin.testBadge')) : null,
      h('span', { class: 'sub' }, client.email ?? '')),
    h('td', { 'data-label': t('admin.health') },
      h('span', { class: ['health', healthy ? 'ok' : 'quiet'] }, healthy ? t('admin.healthy') : t('admin.quiet'))),
    h('td', { 'data-label': t('admin.lastLead') },
      lastLead ? h('time', { datetime: lastLead, title: formatDateTime(lastLead) }, formatRelative(lastLead)) : t('admin.never')),
    h('td', { 'data-label': t('admin.leadsThisWeek'), class: 'num' }, formatNumber(client.leadsThisWeek ?? 0)),
    h('td', { 'data-label': t('admin.actions'), class: 'row-actions' },
      h('a', { class: 'button secondary small', href: `#/growth?client=${encodeURIComponent(id)}`, dataset: { adminAction: 'growth' } }, t('admin.growth')),
      h('button', { type: 'button', class: 'secondary small', dataset: { adminAction: 'password' }, onclick: async e => {
        const button = e.currentTarget;
        const password = await ask({ title: t('admin.resetPassword'), field: t('admin.newPassword', { name }), type: 'password', required: t('admin.password'), confirm: t('admin.resetPassword') });
        if (password === null) return;
        if (await attempt(() => api.post(`/api/admin/clients/${encodeURIComponent(id)}/password`, { newPassword: password }), button)) showMessage(t('admin.passwordReset'));
      } }, t('admin.resetPassword')),
      h('button', { type: 'button', class: 'secondary small', dataset: { adminAction: 'rotate' }, onclick: async e => {
        const button = e.currentTarget;
        if (await ask({ title: t('admin.rotateKey'), text: t('admin.confirmRotate', { name }), confirm: t('admin.rotateKey'), danger: true }) === null) return;
        await attempt(async () => {
          const rotated = await api.post(`/api/admin/clients/${encodeURIComponent(id)}/rotate-key`, {});
          mount(secret, secretBox(t('admin.newKey', { name }), rotated.apiKey));
          secret.scrollIntoView({ block: 'nearest' });
        }, button);
      } }, t('admin.rotateKey'))));
}

function createForm(onCreated) {
  const input = (id, type, extra = {}) => h('input', { id, type, ...extra });
  const controls = {
    businessName: input('client-business', 'text', { required: true, maxlength: 200 }),
    email: input('client-email', 'email', { required: true, autocomplete: 'off' }),
    password: input('client-password', 'password', { required: true, minlength: 12, autocomplete: 'new-password' }),
    language: select({ id: 'client-language' }, [['en', label('language', 'en')], ['fr', label('language', 'fr')]], 'en'),
    emailTone: select({ id: 'client-tone' }, EMAIL_TONES.map(tone => [tone, label('tone', tone)]), 'Professional'),
    industry: input('client-industry', 'text', { maxlength: 100 }),
    isInternal: input('client-internal', 'checkbox'),
  };
  const field = (id, key, control) => h('div', { class: 'field' }, h('label', { for: id }, t(key)), control);
  const form = h('form', { class: 'card form', id: 'create-client', onsubmit: async e => {
    e.preventDefault();
    const body = {
      businessName: controls.businessName.value.trim(),
      email: controls.email.value.trim(),
      password: controls.password.value,
      language: controls.language.value,
      emailTone: controls.emailTone.value,
      industry: controls.industry.value.trim() || null,
      isInternal: controls.isInternal.checked,
    };
    let created = null;
    if (await attempt(async () => { created = await api.post('/api/admin/clients', body); }, e.submitter)) {
      form.reset();
      await onCreated({ businessName: body.businessName, ...created }).catch(showError);
    }
  } },
    h('h2', null, t('admin.create')),
    field('client-business', 'admin.businessName', controls.businessName),
    field('client-email', 'admin.email', controls.email),
    field('client-password', 'admin.password', controls.password),
    field('client-language', 'admin.language', controls.language),
    field('client-tone', 'settings.emailTone', controls.emailTone),
    field('client-industry', 'admin.industry', controls.industry),
    h('div', { class: 'field check' }, controls.isInternal, h('label', { for: 'client-internal' }, t('admin.internal'))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('admin.create'))));
  return form;
}
