// The page frame around every view: the header with its navigation, the user and the language switch.
import { h } from './dom.js';
import * as api from './api.js';
import { t } from './i18n.js';
import { session, setSession } from './session.js';
import { navigate } from './navigation.js';
import { showError } from './notices.js';
import { languageToggle } from './components/language-toggle.js';

/** The header, with `active` (a nav key) marked as the current page. */
export function header(active) {
  const user = session.user;
  const link = (name, href) => h('a', { href, class: active === name ? 'active' : null, 'aria-current': active === name ? 'page' : null, 'data-nav': name }, t(`nav.${name}`));
  const nav = h('nav', { class: 'nav', id: 'nav', 'aria-label': t('nav.menu') },
    link('leads', '#/leads'),
    link('growth', '#/growth'),
    link('activity', '#/activity'),
    link('settings', '#/settings'),
    user.isAdmin ? link('admin', '#/admin/clients') : null,
    user.isAdmin ? link('prospects', '#/admin/prospects') : null,
    user.isAdmin ? link('campaigns', '#/admin/campaigns') : null,
    user.isAdmin ? link('prompts', '#/admin/prompts') : null,
    user.isAdmin ? link('performance', '#/admin/performance') : null);
  const menu = h('button', { type: 'button', class: 'menu-toggle', 'aria-controls': 'nav', 'aria-expanded': 'false',
    onclick: e => { const open = nav.classList.toggle('open'); e.currentTarget.setAttribute('aria-expanded', String(open)); } }, '☰ ', t('nav.menu'));
  // Replies paused after an intake spike: said on every page until the client resumes them (Settings).
  const paused = user.autoRepliesPausedAt
    ? h('div', { class: 'banner warning', role: 'status', id: 'auto-replies-paused' },
      t('shell.paused'), ' ', h('a', { href: '#/settings' }, t('shell.pausedLink')))
    : null;
  return [h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/leads' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), t('app.name')),
    menu,
    nav,
    h('div', { class: 'user' },
      h('span', { class: 'business', title: user.email }, user.businessName || user.email),
      languageToggle(),
      h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, t('nav.signOut')))), paused];
}

async function signOut() {
  try { await api.post('/api/auth/logout', {}, { quiet401: true }); } catch (error) { if (error.status !== 401) showError(error); }
  setSession(null);
  navigate('#/signin');
}
