// A modal built on <dialog> (never window.confirm/prompt): resolves to the entered text ('' when there is
// no field) when confirmed, or null when cancelled.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function ask({ title, text, field, multiline = false, required = null, confirm, danger = false, value = '', type = 'text' }) {
  return new Promise(resolve => {
    const input = field ? (multiline ? h('textarea', { rows: 3, id: 'dialog-input' }) : h('input', { type, id: 'dialog-input', autocomplete: 'off' })) : null;
    if (input) input.value = value;
    const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
    let result = null;
    const dialog = h('dialog', { class: 'modal' },
      h('form', { method: 'dialog', onsubmit: e => {
        if (input && required && !input.value.trim()) { e.preventDefault(); error.textContent = required; error.hidden = false; input.focus(); return; }
        result = input ? input.value.trim() : '';
      } },
        h('h2', null, title),
        text ? h('p', null, text) : null,
        input ? [h('label', { for: 'dialog-input' }, field), input] : null,
        error,
        h('div', { class: 'modal-actions' },
          h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('common.cancel')),
          h('button', { type: 'submit', class: danger ? 'danger' : 'primary', id: 'dialog-confirm' }, confirm ?? t('common.confirm')))));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.appendChild(dialog);
    dialog.showModal();
    (input ?? dialog.querySelector('#dialog-confirm')).focus();
  });
}
