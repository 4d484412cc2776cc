// Notices: errors from problem bodies (title and detail) and confirmations, in one live region.
import { h } from './dom.js';
import { t } from './i18n.js';

export const notices = h('div', { class: 'notices', id: 'notices', 'aria-live': 'polite' });

export function showError(error) {
  const title = error?.status === 0 ? t('common.network') : (error?.title || t('common.error'));
  // A code the dictionaries explain is said in the user's language; the server's English detail otherwise.
  const explained = error?.code ? t(`problem.${error.code}`) : null;
  const detail = error?.status === 0 ? null : (explained && explained !== `problem.${error.code}` ? explained : error?.detail);
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

/** Runs an action, showing its error; resolves to true when it succeeded. */
export async function attempt(action, button) {
  if (button) button.disabled = true;
  try { await action(); return true; } catch (error) { showError(error); return false; }
  finally { if (button && button.isConnected) button.disabled = false; }
}
