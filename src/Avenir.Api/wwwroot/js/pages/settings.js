import { h, mount, select, copyText } from '../dom.js';
import * as api from '../api.js';
import { t, label, language, setLanguage, formatDateTime } from '../i18n.js';
import { showError, showMessage, attempt } from '../notices.js';
import { ask } from '../components/dialog.js';
import { EMAIL_TONES } from '../vocabulary.js';
import { secretBox, copyButton } from '../components/secret-box.js';


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
  const keyCard = h('section', { class: 'card' },
    h('h2', null, t('settings.key')),
    h('p', { class: 'muted' }, t('settings.keyHelp')),
    keyResult,
    h('button', { type: 'button', class: 'secondary', id: 'rotate-key', onclick: async e => {
      const button = e.currentTarget;
      if (await ask({ title: t('settings.rotate'), text: t('settings.confirmRotate'), confirm: t('settings.rotate'), danger: true }) === null) return;
      await attempt(async () => {
        const rotated = await api.post('/api/dashboard/settings/rotate-key', {});
        mount(keyResult, secretBox(t('settings.newKey'), rotated.apiKey),
          rotated.previousKeyValidUntil ? h('p', { class: 'muted' }, t('settings.oldKeyUntil', { time: formatDateTime(rotated.previousKeyValidUntil) })) : null);
      }, button);
    } }, t('settings.rotate')));

  const snippetCard = snippet ? h('section', { class: 'card' },
    h('h2', null, t('settings.snippet')),
    h('p', { class: 'muted' }, t('settings.snippetHelp')),
    [snippet.html, snippet.script].filter(Boolean).map((code, index) => h('div', { class: 'code-block' },
      h('pre', { id: index === 0 ? 'snippet-html' : 'snippet-script' }, h('code', null, code)),
      copyButton(code)))) : null;

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
    h('div', { class: 'settings-grid' },
      h('div', null, profile, snippetCard),
      h('div', null,
        h('section', { class: 'card' }, h('h2', null, t('settings.interface')), interfaceLanguage),
        keyCard,
        password)));
}

