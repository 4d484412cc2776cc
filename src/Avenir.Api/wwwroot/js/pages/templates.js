// Outreach email templates (admin): EN/FR subject, HTML and text with declared variables, validated at save (a refused
// save names the variable), and a preview rendered with a real prospect.
import { h, mount, select } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatNumber } from '../i18n.js';
import { showError, showMessage, attempt } from '../notices.js';
import { emailFrame } from '../components/email-frame.js';

const BASE = '/api/admin/outreach/templates';

/** "business_name*, city" ⇄ [{ name: 'business_name', required: true }, { name: 'city', required: false }] */
const parseVariables = text => text.split(',').map(s => s.trim()).filter(Boolean)
  .map(s => ({ name: s.replace(/\*$/, ''), required: s.endsWith('*') }));
const formatVariables = variables => (Array.isArray(variables) ? variables : [])
  .map(v => `${v.name}${v.required ? '*' : ''}`).join(', ');

export async function renderTemplates(view) {
  const list = h('div', { id: 'templates' }, h('p', { class: 'muted' }, t('common.loading')));
  const editor = h('div', { id: 'template-editor' });
  mount(view,
    h('p', null, h('a', { href: '#/admin/campaigns', id: 'templates-back' }, '‹ ', t('campaigns.back'))),
    h('div', { class: 'page-head' }, h('h1', null, t('templates.title')),
      h('div', { class: 'page-actions' }, h('button', { type: 'button', id: 'template-new', onclick: () => open(null) }, t('templates.new')))),
    h('div', { class: 'admin-grid' }, list, editor));

  let prospects = [];
  const refresh = async () => {
    const templates = await api.get(BASE);
    mount(list, (templates ?? []).length === 0 ? h('p', { class: 'empty', id: 'templates-empty' }, t('templates.empty'))
      : h('table', { id: 'templates-table' },
        h('thead', null, h('tr', null, ['templates.name', 'templates.language', 'templates.subject', 'templates.usage'].map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', null, templates.map(template => h('tr', { class: 'template-row', dataset: { templateId: template.id } },
          h('td', null, h('a', { href: '#', class: 'template-name', onclick: e => { e.preventDefault(); open(template.id); } }, template.name)),
          h('td', null, label('language', template.language)), h('td', null, template.subject),
          h('td', { class: 'num' }, formatNumber(template.usageCount ?? 0)))))));
  };
  const open = async id => {
    const template = id ? await api.get(`${BASE}/${encodeURIComponent(id)}`) : null;
    mount(editor, form(template, prospects, async saved => { await refresh(); await open(saved.id); }));
  };

  try {
    const [page] = await Promise.all([api.get(api.withQuery('/api/admin/prospects', { pageSize: 50, sort: 'name' })), refresh()]);
    prospects = page?.items ?? [];
    await open(null);
  } catch (error) { showError(error); }
  return null;
}

function form(template, prospects, onSaved) {
  const input = (id, value, extra = {}) => h('input', { id, value: value ?? '', ...extra });
  const area = (id, value, rows) => { const control = h('textarea', { id, rows: String(rows) }); control.value = value ?? ''; return control; };
  const c = {
    name: input('template-name', template?.name, { required: true }),
    language: select({ id: 'template-language' }, [['en', label('language', 'en')], ['fr', label('language', 'fr')]], template?.language ?? 'en'),
    subject: input('template-subject', template?.subject, { required: true }),
    variables: input('template-variables', formatVariables(template?.variables)),
    html: area('template-html', template?.html, 8),
    text: area('template-text', template?.text, 6),
  };
  const problems = h('div', { id: 'template-problems', 'aria-live': 'polite' });
  const preview = h('div', { id: 'template-preview' });
  const field = (key, control, help) => h('div', { class: 'field' }, h('label', { for: control.id }, t(key)), control,
    help ? h('span', { class: 'help muted' }, t(help)) : null);
  const save = h('button', { type: 'submit', id: 'template-save' }, t('templates.save'));
  const prospect = select({ id: 'template-prospect' }, prospects.map(p => [p.id, `${p.businessName} (${p.domain})`]), prospects[0]?.id);
  const previewButton = h('button', { type: 'button', class: 'secondary', id: 'template-preview-button', disabled: !template, onclick: async e => {
    mount(problems);
    try {
      const rendered = await api.post(`${BASE}/${encodeURIComponent(template.id)}/preview`, { prospectId: prospect.value });
      mount(preview, h('h3', { id: 'template-preview-subject' }, rendered.subject),
        emailFrame(rendered.subject, rendered.html),
        h('pre', { class: 'email-text', id: 'template-preview-text' }, rendered.text));
    } catch (error) { showProblems(problems, error); }
    e.currentTarget?.blur?.();
  } }, t('templates.preview'));

  return h('form', { class: 'card', id: 'template-form', onsubmit: async e => {
    e.preventDefault();
    mount(problems);
    const body = {
      name: c.name.value.trim(), language: c.language.value, category: 'outreach', subject: c.subject.value, html: c.html.value,
      text: c.text.value, variables: parseVariables(c.variables.value), isActive: true, description: template?.description ?? null,
    };
    try {
      const saved = template ? await api.put(`${BASE}/${encodeURIComponent(template.id)}`, body) : await api.post(BASE, body);
      showMessage(t('templates.saved'));
      await onSaved(saved);
    } catch (error) { showProblems(problems, error); }
  } },
  h('h2', null, template ? template.name : t('templates.new')),
  field('templates.name', c.name), field('templates.language', c.language), field('templates.subject', c.subject),
  field('templates.variables', c.variables, 'templates.variablesHelp'),
  field('templates.html', c.html), field('templates.text', c.text),
  problems, save,
  h('div', { class: 'field' }, h('label', { for: 'template-prospect' }, t('templates.previewWith')), prospect), previewButton, preview);
}

/** A refused save or preview: each problem by the variable (or part) it is about, as the API names it. */
function showProblems(container, error) {
  if (!(error instanceof api.ApiError) || !error.errors) { showError(error); return; }
  mount(container, h('ul', { class: 'problems' }, Object.entries(error.errors).flatMap(([key, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map(message => h('li', { dataset: { problem: key } }, h('code', null, key), ' ', message)))));
}
