// The dashboard's entry point: restores the session, then routes. Imports flow one way: main → router → pages →
// shared modules (dom, api, i18n, session, navigation, notices, poll, vocabulary, charts, components); no page imports
// another page or the router.
import * as api from './api.js';
import { language, setLanguage, onLanguageChange, hasChosenLanguage } from './i18n.js';
import { session, setSession } from './session.js';
import { navigate } from './navigation.js';
import { route } from './router.js';

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
