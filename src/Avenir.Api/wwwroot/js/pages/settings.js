import { h, mount, select, copyText } from '../dom.js';
import * as api from '../api.js';
import { t, label, language, setLanguage, formatDateTime } from '../i18n.js';
import { showError, showMessage, attempt } from '../notices.js';
import { ask } from '../components/dialog.js';
import { EMAIL_TONES } from '../vocabulary.js';
import { secretBox, copyButton } from '../components/secret-box.js';
import { session, setSession } from '../session.js';


export async function renderSettings(view) {
  mount(view, h('p', { class: 'muted' }, t('common.loading')));
  let settings;
  let snippet = null;
  try {
    [settings, snippet] = await Promise.all([
      api.get('/api/dashboard/settings'),
      api.get('/api/dashboard/snippet').catch(error => { showError(error); return null; }),
    ]);
  } catch (error) {
    mount(view, h('h1', null, t('settings.title')));
    showError(error);
    return;
  }

  const field = (id, key, control, help) => h('div', { class: 'field' }, h('label', { for: id }, t(key)), control, help ? h('p', { class: 'help muted' }, t(help)) : null);
  const controls = {
    language: select({ id: 'settings-language', name: 'language' }, [['en', label('language', 'en')], ['fr', label('language', 'fr')]], settings.language),
    emailTone: select({ id: 'settings-tone', name: 'emailTone' },
      [...new Set([...EMAIL_TONES, settings.emailTone].filter(Boolean))].map(tone => [tone, label('tone', tone)]), settings.emailTone),
    aiPersonalizedReply: h('input', { type: 'checkbox', id: 'settings-autoreply', name: 'aiPersonalizedReply', checked: !!settings.aiPersonalizedReply }),
    bookingLink: h('input', { type: 'url', id: 'settings-booking', name: 'bookingLink', value: settings.bookingLink ?? '', placeholder: 'https://' }),
    allowedOrigins: h('textarea', { id: 'settings-origins', name: 'allowedOrigins', rows: 3, spellcheck: 'false' }),
    thankYouUrl: h('input', { type: 'url', id: 'settings-thankyou', name: 'thankYouUrl', value: settings.thankYouUrl ?? '', placeholder: 'https://' }),
  };
  controls.allowedOrigins.value = (settings.allowedOrigins ?? []).join('\n');

  const profile = h('form', { class: 'card form', id: 'settings-form', onsubmit: async e => {
    e.preventDefault();
    const body = {
      language: controls.language.value,
      emailTone: controls.emailTone.value,
      aiPersonalizedReply: controls.aiPersonalizedReply.checked,
      bookingLink: controls.bookingLink.value.trim() || null,
      allowedOrigins: controls.allowedOrigins.value.split(/[\s,]+/).map(o => o.trim()).filter(Boolean),
      thankYouUrl: controls.thankYouUrl.value.trim() || null,
    };
    if (await attempt(() => api.put('/api/dashboard/settings', body), e.submitter)) showMessage(t('settings.saved'));
  } },
    h('h2', null, t('settings.profile')),
    field('settings-language', 'settings.language', controls.language),
    field('settings-tone', 'settings.emailTone', controls.emailTone),
    h('div', { class: 'field check' }, controls.aiPersonalizedReply, h('label', { for: 'settings-autoreply' }, t('settings.autoReply'))),
    field('settings-booking', 'settings.bookingLink', controls.bookingLink),
    field('settings-origins', 'settings.allowedOrigins', controls.allowedOrigins, 'settings.allowedOriginsHelp'),
    field('settings-thankyou', 'settings.thankYouUrl', controls.thankYouUrl),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('settings.save'))));

  const interfaceLanguage = select({ id: 'settings-ui-language' }, [['en', 'English'], ['fr', 'Français']], language());
  interfaceLanguage.addEventListener('change', () => setLanguage(interfaceLanguage.value));

  const keyResult = h('div', { id: 'new-key', 'aria-live': 'polite' });
  // Rotate keeps the old key a short while (integrations move over); revoke ends it at once (a leaked key).
  const replaceKey = (id, path, title, confirmText) => h('button', { type: 'button', class: id === 'revoke-key' ? 'danger' : 'secondary', id,
    onclick: async e => {
      const button = e.currentTarget;
      if (await ask({ title, text: confirmText, confirm: title, danger: true }) === null) return;
      await attempt(async () => {
        const rotated = await api.post(path, {});
        mount(keyResult, secretBox(t('settings.newKey'), rotated.apiKey),
          rotated.previousKeyValidUntil ? h('p', { class: 'muted' }, t('settings.oldKeyUntil', { time: formatDateTime(rotated.previousKeyValidUntil) })) : null);
      }, button);
    } }, title);
  const keyCard = h('section', { class: 'card' },
    h('h2', null, t('settings.key')),
    h('p', { class: 'muted' }, t('settings.keyHelp')),
    settings.apiKeyPrefix ? h('p', { id: 'key-prefix' }, h('code', null, t('settings.keyPrefix', { prefix: settings.apiKeyPrefix }))) : null,
    keyResult,
    h('div', { class: 'form-actions' },
      replaceKey('rotate-key', '/api/dashboard/settings/rotate-key', t('settings.rotate'), t('settings.confirmRotate')),
      replaceKey('revoke-key', '/api/dashboard/settings/revoke-key', t('settings.revoke'), t('settings.confirmRevoke'))));

  const snippetCode = h('div', { id: 'snippet-code' });
  const showSnippet = current => mount(snippetCode, [current.html, current.script].filter(Boolean).map((code, index) => h('div', { class: 'code-block' },
    h('pre', { id: index === 0 ? 'snippet-html' : 'snippet-script' }, h('code', null, code)),
    copyButton(code))));
  const snippetCard = snippet ? h('section', { class: 'card' },
    h('h2', null, t('settings.snippet')),
    h('p', { class: 'muted' }, t('settings.snippetHelp')),
    snippetCode,
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'secondary', id: 'rotate-form-key', onclick: async e => {
      const button = e.currentTarget;
      const title = t('settings.rotateFormKey');
      if (await ask({ title, text: t('settings.confirmRotateFormKey'), confirm: title, danger: true }) === null) return;
      let rotated = null;
      if (await attempt(async () => { rotated = await api.post('/api/dashboard/settings/rotate-form-key', {}); }, button)) {
        showSnippet(rotated);
        showMessage(t('settings.formKeyRotated'));
      }
    } }, t('settings.rotateFormKey')))) : null;
  if (snippet) showSnippet(snippet);

  // Replies paused after the hourly limit: leads are still stored; the client decides when replies go out again.
  const pausedCard = settings.autoReplyPausedAt ? h('section', { class: 'card warning', id: 'auto-replies-paused-card', role: 'status' },
    h('h2', null, t('settings.pausedTitle')),
    h('p', null, t('settings.pausedText', { time: formatDateTime(settings.autoReplyPausedAt) })),
    h('button', { type: 'button', class: 'primary', id: 'resume-auto-replies', onclick: async e => {
      if (await attempt(() => api.post('/api/dashboard/settings/auto-replies/resume', {}), e.currentTarget)) {
        if (session.user) setSession({ ...session.user, autoRepliesPausedAt: null });
        showMessage(t('settings.resumed'));
        await renderSettings(view);
      }
    } }, t('settings.resume'))) : null;

  const current = h('input', { type: 'password', id: 'password-current', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', id: 'password-new', autocomplete: 'new-password', required: true, minlength: 12 });
  const password = h('form', { class: 'card form', id: 'password-form', onsubmit: async e => {
    e.preventDefault();
    if (await attempt(() => api.post('/api/auth/password', { currentPassword: current.value, newPassword: next.value }), e.submitter)) {
      current.value = '';
      next.value = '';
      showMessage(t('settings.passwordChanged'));
    }
  } },
    h('h2', null, t('settings.password')),
    field('password-current', 'settings.currentPassword', current),
    field('password-new', 'settings.newPassword', next),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'secondary' }, t('settings.changePassword'))));

  mount(view,
    h('div', { class: 'page-head' }, h('h1', null, t('settings.title'))),
    pausedCard,
    h('div', { class: 'settings-grid' },
      h('div', null, profile, snippetCard),
      h('div', null,
        h('section', { class: 'card' }, h('h2', null, t('settings.interface')), interfaceLanguage),
        keyCard,
        password)));
}

