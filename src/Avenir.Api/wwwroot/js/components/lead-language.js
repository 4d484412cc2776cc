// A lead's language as the dashboard shows it: English, French, or "Other language (Spanish · es)" — a lead in
// another language is never shown as English — and its summary in the dashboard's language, the original one click away.
import { h } from '../dom.js';
import { t, label, language } from '../i18n.js';

/** The language's name in the dashboard's language (Intl), or the code itself. */
export function languageName(code) {
  try {
    return new Intl.DisplayNames([language() === 'fr' ? 'fr-CA' : 'en-CA'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "English" / "French", or "Other language: Spanish (es)" with a low-confidence hint. */
export function leadLanguage(lead) {
  if (lead.language !== 'other') return label('language', lead.language);
  const code = lead.detectedLanguage;
  return h('span', { class: 'lead-language other', id: 'lead-language-other', dataset: { detectedLanguage: code ?? '' } },
    label('language', 'other'), code ? `: ${languageName(code)} (${code})` : '',
    h('span', { class: 'help muted' }, ' — ', t('lead.otherLanguageHelp')));
}

/** A badge for the list: the lead's message is in another language. */
export function otherLanguageBadge(lead) {
  return lead.language === 'other' ? h('span', { class: 'badge other-language' }, label('language', 'other')) : null;
}

/**
 * The summary in the dashboard's language when a translation into it exists, with a button between it and the original;
 * otherwise the original. `empty` is what shows when there is no summary.
 */
export function summaryText(lead, empty) {
  const original = lead.summary;
  if (!original) return h('p', { class: 'summary', id: 'lead-summary' }, empty);
  const translated = lead.summaryTranslation && lead.summaryTranslationLanguage === language() && lead.summaryLanguage !== language();
  const source = lead.summarySource ? h('span', { class: 'help muted', id: 'lead-summary-source' }, ' ', t(`lead.summarySource.${lead.summarySource}`)) : null;
  if (!translated) return h('p', { class: 'summary', id: 'lead-summary' }, original, source);
  const text = h('span', { id: 'lead-summary-text' }, lead.summaryTranslation);
  let showingOriginal = false;
  const toggle = h('button', { type: 'button', class: 'link-button', id: 'lead-summary-toggle', onclick: () => {
    showingOriginal = !showingOriginal;
    text.textContent = showingOriginal ? original : lead.summaryTranslation;
    toggle.textContent = showingOriginal ? t('lead.showTranslation') : t('lead.showOriginal');
  } }, t('lead.showOriginal'));
  return h('p', { class: 'summary', id: 'lead-summary' }, text, ' ', h('span', { class: 'help muted' }, t('lead.translated')), ' ', toggle, source);
}
