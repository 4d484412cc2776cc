// The dashboard shell: session, header, hash router, notices and polling.
import { h, mount } from './dom.js';
import * as api from './api.js';
import { t, language, setLanguage, onLanguageChange, hasChosenLanguage } from './i18n.js';
import { renderSignIn } from './pages/signin.js';
import { renderLeads } from './pages/leads.js';
import { renderLead } from './pages/lead.js';
import { renderActivity } from './pages/activity.js';
import { renderSettings } from './pages/settings.js';
import { renderAdminClients } from './pages/admin.js';
import { renderGrowth } from './pages/growth.js';
import { renderPerformance } from './pages/performance.js';
import { renderPromptTests } from './pages/prompts.js';

export const POLL_INTERVAL_MS = 5000;

/** The signed-in user ({clientId,email,businessName,isAdmin,language,csrfToken}) or null. */
export const session = { user: null };

const routes = [
  { pattern: /^\/signin$/, render: renderSignIn, public: true },
  { pattern: /^\/leads$/, render: renderLeads, nav: 'leads' },
  { pattern: /^\/leads\/([^/]+)$/, render: renderLead, nav: 'leads' },
  { pattern: /^\/growth$/, render: renderGrowth, nav: 'growth' },
  { pattern: /^\/activity$/, render: renderActivity, nav: 'activity' },
  { pattern: /^\/settings$/, render: renderSettings, nav: 'settings' },
  { pattern: /^\/admin\/clients$/, render: renderAdminClients, nav: 'admin', admin: true },
  { pattern: /^\/admin\/prompts$/, render: renderPromptTests, nav: 'prompts', admin: true },
  { pattern: /^\/admin\/performance$/, render: renderPerformance, nav: 'performance', admin: true },
];

const root = document.getElementById('app');
let cleanup = null;
let routing = 0;

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** The current hash as a path and its query parameters. */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/leads';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

export function setSession(user) {
  session.user = user;
  api.setCsrfToken(user?.csrfToken);
  if (user?.language && !hasChosenLanguage()) setLanguage(user.language, { remember: false, notify: false });
}

async function route() {
  const ticket = ++routing;
  if (cleanup) { try { cleanup(); } catch { /* a page's cleanup must not stop navigation */ } cleanup = null; }
  const { path, query } = currentRoute();
  const match = routes.map(r => ({ r, m: path.match(r.pattern) })).find(x => x.m);
  if (!match) { navigate('#/leads'); return; }
  if (!match.r.public && !session.user) { navigate(`#/signin?next=${encodeURIComponent(location.hash)}`); return; }
  if (match.r.public && session.user) { navigate('#/leads'); return; }

  const view = h('main', { id: 'view', class: 'view', tabindex: '-1' });
  mount(root, match.r.public ? null : header(match.r.nav), view, notices);
  document.title = `${t('app.name')}`;
  if (match.r.admin && !session.user.isAdmin) {
    mount(view, h('p', { class: 'empty' }, t('common.forbidden')));
    return;
  }
  const result = await match.r.render(view, match.m.slice(1).map(decodeURIComponent), query);
  if (ticket !== routing) { if (typeof result === 'function') result(); return; }
  cleanup = typeof result === 'function' ? result : null;
}

function header(active) {
  const user = session.user;
  const link = (name, href) => h('a', { href, class: active === name ? 'active' : null, 'aria-current': active === name ? 'page' : null, 'data-nav': name }, t(`nav.${name}`));
  const nav = h('nav', { class: 'nav', id: 'nav', 'aria-label': t('nav.menu') },
    link('leads', '#/leads'),
    link('growth', '#/growth'),
    link('activity', '#/activity'),
    link('settings', '#/settings'),
    user.isAdmin ? link('admin', '#/admin/clients') : null,
    user.isAdmin ? link('prompts', '#/admin/prompts') : null,
    user.isAdmin ? link('performance', '#/admin/performance') : null);
  const menu = h('button', { type: 'button', class: 'menu-toggle', 'aria-controls': 'nav', 'aria-expanded': 'false',
    onclick: e => { const open = nav.classList.toggle('open'); e.currentTarget.setAttribute('aria-expanded', String(open)); } }, '☰ ', t('nav.menu'));
  return h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/leads' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'A'), t('app.name')),
    menu,
    nav,
    h('div', { class: 'user' },
      h('span', { class: 'business', title: user.email }, user.businessName || user.email),
      languageToggle(),
      h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, t('nav.signOut'))));
}

export function languageToggle() {
  const next = language() === 'fr' ? 'en' : 'fr';
  return h('button', { type: 'button', class: 'lang', id: 'language-toggle', lang: next, 'aria-label': t('lang.toggleLabel'),
    onclick: () => setLanguage(next) }, t('lang.toggle'));
}

async function signOut() {
  try { await api.post('/api/auth/logout', {}, { quiet401: true }); } catch (error) { if (error.status !== 401) showError(error); }
  setSession(null);
  navigate('#/signin');
}

// Notices: errors from problem bodies (title and detail) and confirmations.
const notices = h('div', { class: 'notices', id: 'notices', 'aria-live': 'polite' });

export function showError(error) {
  const title = error?.status === 0 ? t('common.network') : (error?.title || t('common.error'));
  const detail = error?.status === 0 ? null : error?.detail;
  // Validation problems list their fields; skip what the detail already says.
  const fields = error?.errors && typeof error.errors === 'object'
    ? Object.entries(error.errors)
      .map(([field, messages]) => [field, [].concat(messages).join(' ')])
      .filter(([, text]) => !(detail ?? '').includes(text))
      .map(([field, text]) => h('li', null, `${field}: ${text}`))
    : [];
  notice('error', title, detail && detail !== title ? detail : null, fields.length ? h('ul', null, fields) : null);
}

export function showMessage(text) { notice('ok', text); }

function notice(kind, title, detail, extra) {
  const item = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'notice-body' }, h('strong', { class: 'notice-title' }, title), detail ? h('p', { class: 'notice-detail' }, detail) : null, extra),
    h('button', { type: 'button', class: 'close', 'aria-label': t('common.close'), onclick: () => item.remove() }, '×'));
  // One confirmation at a time, and at most three errors: older ones make way.
  const same = [...notices.querySelectorAll(`.notice.${kind}`)];
  same.slice(0, Math.max(0, same.length - (kind === 'ok' ? 0 : 2))).forEach(old => old.remove());
  notices.appendChild(item);
  setTimeout(() => item.remove(), kind === 'error' ? 12000 : 4000);
}

/**
 * Calls `tick` every `interval` ms while the tab is visible (and once at once when it becomes visible
 * again). Returns a function that stops it. A tick never overlaps the previous one.
 */
export function poll(tick, interval = POLL_INTERVAL_MS) {
  let stopped = false;
  let running = false;
  let timer = null;
  const run = async () => {
    if (stopped || running || document.hidden) return;
    running = true;
    try { await tick(); } catch (error) { if (error?.status !== 401) console.warn('poll', error); }
    finally { running = false; }
  };
  const schedule = () => { timer = setTimeout(async () => { await run(); if (!stopped) schedule(); }, interval); };
  const visibility = () => { if (!document.hidden) run(); };
  document.addEventListener('visibilitychange', visibility);
  schedule();
  return () => { stopped = true; clearTimeout(timer); document.removeEventListener('visibilitychange', visibility); };
}

/** Runs an action, showing its error; resolves to true when it succeeded. */
export async function attempt(action, button) {
  if (button) button.disabled = true;
  try { await action(); return true; } catch (error) { showError(error); return false; }
  finally { if (button && button.isConnected) button.disabled = false; }
}

api.onUnauthorized(() => {
  if (!session.user) return;
  setSession(null);
  navigate(`#/signin?next=${encodeURIComponent(location.hash)}`);
});

onLanguageChange(() => route());
window.addEventListener('hashchange', route);

async function start() {
  setLanguage(language(), { remember: hasChosenLanguage(), notify: false });
  try { setSession(await api.get('/api/auth/me', { quiet401: true })); } catch { setSession(null); }
  document.body.classList.remove('booting');
  await route();
}

start();
