import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t, label, formatDateTime, formatPercent } from '../i18n.js';
import { poll } from '../poll.js';
import { showError, showMessage, attempt } from '../notices.js';
import { TAGS } from '../vocabulary.js';
import { statusBadges, slug } from '../components/lead-badges.js';
import { actionName } from '../components/action-name.js';
import { ask } from '../components/dialog.js';
import { leadLanguage, summaryText } from '../components/lead-language.js';

export async function renderLead(view, [id]) {
  const base = `/api/dashboard/leads/${encodeURIComponent(id)}`;
  let lead = null;
  let lastJson = '';

  // While the user is typing or editing, a poll must not replace what they are working on.
  const editing = () => view.querySelector('.note-editor') !== null
    || [...view.querySelectorAll('textarea')].some(area => area.value.trim() !== '')
    || document.querySelector('dialog[open]') !== null;

  const load = async ({ force = false } = {}) => {
    const next = await api.get(base);
    const json = JSON.stringify(next);
    if (!force && (json === lastJson || editing())) return;
    lastJson = json;
    lead = next;
    render();
  };

  const act = async (path, body, button) => {
    if (await attempt(() => api.post(`${base}/${path}`, body ?? {}), button)) {
      showMessage(t('action.done'));
      await load({ force: true }).catch(showError);
    }
  };

  const render = () => {
    const isTagged = tag => lead.tag === tag;
    const tagButtons = TAGS.map(tag => h('button', {
      type: 'button', class: ['tag-button', `tag-${slug(tag)}`, isTagged(tag) ? 'selected' : null],
      'aria-pressed': String(isTagged(tag)), dataset: { tag },
      onclick: e => act('tag', { tag }, e.currentTarget),
    }, label('tag', tag)));

    const buttons = [];
    const button = (key, onclick, extra = {}) => h('button', { type: 'button', class: 'secondary', dataset: { action: key }, onclick, ...extra }, t(`action.${key}`));
    if (lead.deleted) {
      buttons.push(button('restore', e => act('restore', null, e.currentTarget)));
    } else {
      buttons.push(lead.archived
        ? button('unarchive', e => act('unarchive', null, e.currentTarget))
        : button('archive', e => act('archive', null, e.currentTarget)));
      if (lead.archived || lead.converted) buttons.push(button('reactivate', e => act('reactivate', null, e.currentTarget)));
      buttons.push(lead.converted
        ? button('revert', async e => {
          const target = e.currentTarget;
          const reason = await ask({ title: t('action.revert'), field: t('action.reason'), multiline: true, required: t('action.reasonRequired'), confirm: t('action.revert') });
          if (reason !== null) await act('revert-conversion', { reason }, target);
        })
        : button('convert', e => act('convert', null, e.currentTarget), { class: 'primary' }));
      buttons.push(button('delete', async e => {
        const target = e.currentTarget;
        if (await ask({ title: t('action.delete'), text: t('action.confirmDelete'), confirm: t('action.delete'), danger: true }) !== null) await act('delete', null, target);
      }, { class: 'danger' }));
    }

    const analysis = [
      ['lead.intent', lead.intent ? label('intent', lead.intent) : t('leads.pending')],
      ['lead.urgency', lead.urgency ? h('span', { class: `pill urgency-${String(lead.urgency).toLowerCase()}` }, label('urgency', lead.urgency)) : t('common.none')],
      ['lead.tone', label('tone', lead.tone)],
      ['lead.confidence', confidenceMeter(lead.confidence)],
      ['lead.language', leadLanguage(lead)],
      ['lead.received', h('time', { datetime: lead.receivedAt }, formatDateTime(lead.receivedAt))],
    ];
    const contact = [
      ['lead.email', lead.email ? h('a', { href: `mailto:${lead.email}` }, lead.email) : null],
      ['lead.phone', lead.phone ? h('a', { href: `tel:${lead.phone}` }, lead.phone) : null],
      ['lead.company', lead.company],
      ['lead.autoReply', lead.autoReply?.status
        ? [label('autoReply', lead.autoReply.status), lead.autoReply.sentAt ? ` · ${formatDateTime(lead.autoReply.sentAt)}` : '',
          lead.autoReply.reason ? h('span', { class: 'help muted', id: 'auto-reply-reason' }, ' — ', t(`autoReplyReason.${lead.autoReply.reason}`)) : null]
        : null],
    ].filter(([, value]) => value);

    mount(view,
      h('a', { href: '#/leads', class: 'back' }, '‹ ', t('lead.back')),
      h('div', { class: 'page-head lead-head' },
        h('div', null,
          h('h1', { id: 'lead-name' }, lead.name || lead.email),
          h('div', { class: 'head-badges' },
            lead.tag ? h('span', { class: `tag tag-${slug(lead.tag)}`, id: 'lead-tag' }, label('tag', lead.tag)) : h('span', { class: 'muted', id: 'lead-tag' }, t('lead.noTag')),
            statusBadges(lead)))),
      h('section', { class: 'card actions-card', 'aria-label': t('lead.actions') },
        h('div', { class: 'tag-buttons', role: 'group', 'aria-label': t('lead.tag') }, tagButtons),
        h('div', { class: 'action-buttons' }, buttons)),
      h('div', { class: 'lead-grid' },
        h('div', { class: 'lead-main' },
          h('section', { class: 'card summary-card' },
            h('h2', null, t('lead.summary')),
            summaryText(lead, lead.intent ? t('common.none') : t('leads.pending')),
            h('dl', { class: 'facts' }, analysis.map(([key, value]) => [h('dt', null, t(key)), h('dd', { dataset: { fact: key.split('.')[1] } }, value)]))),
          h('section', { class: 'card' },
            h('h2', null, t('lead.message')),
            h('div', { class: 'message', id: 'lead-message' }, lead.message ?? lead.messagePreview ?? '')),
          notesSection(),
          h('section', { class: 'card' },
            h('h2', null, t('lead.timeline')),
            timeline(lead.actions))),
        h('aside', { class: 'lead-side' },
          contact.length ? h('section', { class: 'card' }, h('h2', null, t('lead.contact')),
            h('dl', { class: 'facts' }, contact.map(([key, value]) => [h('dt', null, t(key)), h('dd', null, value)]))) : null,
          h('section', { class: 'card' },
            h('h2', null, t('lead.histories')),
            history('lead.urgencyHistory', lead.urgencyHistory, v => label('urgency', v)),
            history('lead.toneHistory', lead.toneHistory, v => label('tone', v)),
            history('lead.confidenceHistory', lead.confidenceHistory, v => formatPercent(v))),
          keyValues('lead.metadata', lead.metadata),
          keyValues('lead.enrichment', lead.enrichment))));
  };

  const notesSection = () => {
    const notes = lead.notes ?? [];
    const text = h('textarea', { id: 'note-text', name: 'text', rows: 3, placeholder: t('notes.placeholder'), 'aria-label': t('notes.add'), maxlength: 5000 });
    const add = h('form', { class: 'note-add', onsubmit: async e => {
      e.preventDefault();
      const value = text.value.trim();
      if (!value) return;
      const submit = e.currentTarget.querySelector('button');
      if (await attempt(() => api.post(`${base}/notes`, { text: value }), submit)) {
        text.value = '';
        await load({ force: true }).catch(showError);
      }
    } }, text, h('button', { type: 'submit', class: 'primary', id: 'note-add' }, t('notes.add')));

    return h('section', { class: 'card notes' },
      h('details', { open: true, id: 'notes' },
        h('summary', null, h('h2', null, t('notes.count', { count: notes.length }))),
        notes.length ? h('ul', { class: 'note-list' }, notes.map(note)) : h('p', { class: 'muted' }, t('notes.empty')),
        add));
  };

  const note = item => {
    const body = h('p', { class: 'note-text' }, item.text);
    const meta = h('p', { class: 'note-meta muted' },
      [item.performedBy, formatDateTime(item.createdAt)].filter(Boolean).join(' · '),
      edited(item) ? ` · ${t('notes.edited', { time: formatDateTime(item.updatedAt) })}` : '');
    const li = h('li', { class: 'note', dataset: { noteId: item.id } }, body, meta);
    const controls = h('div', { class: 'note-controls' },
      h('button', { type: 'button', class: 'link', dataset: { noteAction: 'edit' }, onclick: () => {
        const area = h('textarea', { rows: 3, 'aria-label': t('notes.edit'), maxlength: 5000 });
        area.value = item.text;
        const editor = h('form', { class: 'note-editor', onsubmit: async e => {
          e.preventDefault();
          const value = area.value.trim();
          if (!value) return;
          const save = e.currentTarget.querySelector('button[type=submit]');
          if (await attempt(() => api.put(`${base}/notes/${encodeURIComponent(item.id)}`, { text: value }), save)) {
            await load({ force: true }).catch(showError);
          }
        } }, area, h('div', { class: 'inline' },
          h('button', { type: 'submit', class: 'primary' }, t('notes.save')),
          h('button', { type: 'button', class: 'secondary', onclick: () => { editor.replaceWith(body); controls.hidden = false; } }, t('notes.cancel'))));
        body.replaceWith(editor);
        controls.hidden = true;
        area.focus();
      } }, t('notes.edit')),
      h('button', { type: 'button', class: 'link danger-text', dataset: { noteAction: 'delete' }, onclick: async e => {
        const target = e.currentTarget;
        if (await ask({ title: t('notes.delete'), text: t('notes.confirmDelete'), confirm: t('notes.delete'), danger: true }) === null) return;
        if (await attempt(() => api.del(`${base}/notes/${encodeURIComponent(item.id)}`), target)) await load({ force: true }).catch(showError);
      } }, t('notes.delete')));
    li.appendChild(controls);
    return li;
  };

  mount(view, h('p', { class: 'muted' }, t('common.loading')));
  try {
    await load({ force: true });
  } catch (error) {
    mount(view, h('a', { href: '#/leads', class: 'back' }, '‹ ', t('lead.back')),
      h('p', { class: 'empty' }, error.status === 404 ? t('lead.notFound') : (error.title || t('common.error'))));
    if (error.status !== 404) showError(error);
    return null;
  }
  return poll(() => load());
}

const edited = item => (Array.isArray(item.editHistory) ? item.editHistory.length > 0
  : !!item.updatedAt && new Date(item.updatedAt).getTime() - new Date(item.createdAt).getTime() > 1000);

function confidenceMeter(value) {
  if (value === null || value === undefined) return t('common.none');
  const percent = Math.max(0, Math.min(1, Number(value)));
  return h('span', { class: 'meter' },
    h('span', { class: 'meter-bar', 'aria-hidden': 'true' }, h('span', { class: 'meter-fill', style: { width: `${Math.round(percent * 100)}%` } })),
    formatPercent(value));
}

/** A history array: plain values, or objects with a value and a time under any of the usual names. */
function history(titleKey, entries, format) {
  const list = Array.isArray(entries) ? entries : [];
  return h('div', { class: 'history' },
    h('h3', null, t(titleKey)),
    list.length === 0 ? h('p', { class: 'muted small' }, t('lead.noHistory'))
      : h('ol', { class: 'history-list' }, list.map(entry => {
        const value = entry !== null && typeof entry === 'object' ? (entry.value ?? entry.tone ?? entry.urgency ?? entry.confidence ?? entry.to) : entry;
        const at = entry !== null && typeof entry === 'object' ? (entry.at ?? entry.changedAt ?? entry.timestamp ?? entry.recordedAt) : null;
        return h('li', null, h('span', null, format(value)), at ? h('time', { class: 'muted small', datetime: at }, formatDateTime(at)) : null);
      })));
}

function timeline(actions) {
  const list = Array.isArray(actions) ? actions : [];
  if (list.length === 0) return h('p', { class: 'muted' }, t('lead.noActions'));
  return h('ol', { class: 'timeline', id: 'lead-actions' }, list.map(action => h('li', { dataset: { action: action.action } },
    h('span', { class: 'timeline-what' }, actionName(action.action), action.tag ? ` · ${label('tag', action.tag)}` : ''),
    action.reason ? h('span', { class: 'timeline-reason' }, action.reason) : null,
    h('span', { class: 'muted small' }, [action.performedBy ? t('action.by', { who: action.performedBy }) : null, formatDateTime(action.at)].filter(Boolean).join(' · ')))));
}


function keyValues(titleKey, object) {
  if (!object || typeof object !== 'object' || Object.keys(object).length === 0) return null;
  return h('section', { class: 'card' },
    h('details', null,
      h('summary', null, h('h2', null, t(titleKey))),
      h('dl', { class: 'facts kv' }, Object.entries(object).map(([key, value]) => [
        h('dt', null, key),
        h('dd', null, value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value ?? '')),
      ]))));
}
