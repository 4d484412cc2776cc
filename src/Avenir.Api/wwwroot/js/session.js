// Who is signed in: the session (from POST /api/auth/login or GET /api/auth/me) and its CSRF token.
import * as api from './api.js';
import { setLanguage, hasChosenLanguage } from './i18n.js';

/** The signed-in user ({clientId,email,businessName,isAdmin,language,csrfToken}) or null. */
export const session = { user: null };

export function setSession(user) {
  session.user = user;
  api.setCsrfToken(user?.csrfToken);
  if (user?.language && !hasChosenLanguage()) setLanguage(user.language, { remember: false, notify: false });
}
