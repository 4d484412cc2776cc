import { h, mount } from '../dom.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import { setSession } from '../session.js';
import { navigate } from '../navigation.js';
import { languageToggle } from '../components/language-toggle.js';

export function renderSignIn(view, _params, query) {
  const error = h('p', { class: 'form-error', role: 'alert', id: 'signin-error', hidden: true });
  const email = h('input', { type: 'email', id: 'signin-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'signin-password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'signin-submit' }, t('signin.submit'));

  const form = h('form', { class: 'signin-card', novalidate: false, onsubmit: async event => {
    event.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = t('signin.busy');
    try {
      const user = await api.post('/api/auth/login', { email: email.value.trim(), password: password.value }, { quiet401: true });
      setSession(user);
      const next = query.get('next');
      navigate(next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/leads');
    } catch (failure) {
      error.textContent = failure.status === 401 ? t('signin.failed')
        : failure.status === 429 ? t('signin.tooMany')
        : failure.status === 0 ? t('common.network')
        : [failure.title, failure.detail].filter(Boolean).join(' — ') || t('common.error');
      error.hidden = false;
      password.select();
    } finally {
      if (submit.isConnected) { submit.disabled = false; submit.textContent = t('signin.submit'); }
    }
  } },
    h('div', { class: 'signin-brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), h('span', null, t('app.name'))),
    h('h1', null, t('signin.title')),
    h('p', { class: 'muted' }, t('signin.subtitle')),
    h('label', { for: 'signin-email' }, t('signin.email')), email,
    h('label', { for: 'signin-password' }, t('signin.password')), password,
    error,
    submit);

  mount(view, h('div', { class: 'signin' }, h('div', { class: 'signin-lang' }, languageToggle()), form));
  view.classList.add('view-signin');
  email.focus();
}
