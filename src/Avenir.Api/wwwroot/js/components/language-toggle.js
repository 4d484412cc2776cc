// The EN/FR switch (header and sign-in page).
import { h } from '../dom.js';
import { t, language, setLanguage } from '../i18n.js';

export function languageToggle() {
  const next = language() === 'fr' ? 'en' : 'fr';
  return h('button', { type: 'button', class: 'lang', id: 'language-toggle', lang: next, 'aria-label': t('lang.toggleLabel'),
    onclick: () => setLanguage(next) }, t('lang.toggle'));
}
