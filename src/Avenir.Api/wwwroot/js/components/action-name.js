// The name of a lead action (lead_actions.action_type) in the current language.
import { t } from '../i18n.js';

export function actionName(action) {
  const key = `actionName.${String(action ?? '').toLowerCase().replace(/[- ]/g, '_')}`;
  const text = t(key);
  return text === key ? String(action ?? '') : text;
}
