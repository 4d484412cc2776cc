// A secret shown once (a new API key) with a copy button.
import { h, copyText } from '../dom.js';
import { t } from '../i18n.js';

export function secretBox(caption, secret) {
  return h('div', { class: 'secret' },
    h('p', null, caption),
    h('div', { class: 'secret-row' }, h('code', { class: 'secret-value' }, secret), copyButton(secret)));
}

export function copyButton(text) {
  return h('button', { type: 'button', class: 'secondary small copy', onclick: async e => {
    const button = e.currentTarget;
    if (await copyText(text)) { button.textContent = t('settings.copied'); setTimeout(() => { button.textContent = t('settings.copy'); }, 1500); }
  } }, t('settings.copy'));
}
