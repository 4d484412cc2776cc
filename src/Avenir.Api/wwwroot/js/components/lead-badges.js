// A lead's status badges (converted, archived, deleted), on the list and the detail page.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function statusBadges(lead) {
  const badges = [];
  if (lead.converted) badges.push(h('span', { class: 'badge converted' }, t('lead.converted')));
  if (lead.archived) badges.push(h('span', { class: 'badge archived' }, t('lead.archived')));
  if (lead.deleted) badges.push(h('span', { class: 'badge deleted' }, t('lead.deleted')));
  return badges.length ? h('span', { class: 'badges' }, badges) : null;
}

/** A value as a CSS-class-safe slug (tags as classes). */
export const slug = text => String(text).toLowerCase().replace(/[^a-z0-9]+/g, '-');
