// The JSON API: same-origin fetch with the session cookie, the CSRF header on every mutating call,
// and RFC 9457 problem bodies turned into errors the UI can show.

let csrfToken = null;
const unauthorizedListeners = new Set();

export function setCsrfToken(token) { csrfToken = token ?? null; }

/** Called with no arguments when the server answers 401 (the session ended). */
export function onUnauthorized(listener) { unauthorizedListeners.add(listener); }

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title ?? null;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? null;
    /** The problem's stable `code` (e.g. lead_deleted), which the UI explains in its own language. */
    this.code = problem?.code ?? null;
  }
}

export function request(method, path, body, { quiet401 = false } = {}) {
  const write = method !== 'GET' && method !== 'HEAD';
  return send(method, path, write ? JSON.stringify(body ?? {}) : undefined, write ? 'application/json' : null, quiet401);
}

/** POSTs a file as the request body, with its own content type (e.g. a CSV import), and the CSRF header. */
export function postFile(path, file, contentType) {
  return send('POST', path, file, contentType || file.type || 'application/octet-stream', false);
}

/** One request: the CSRF header on writes, a 401 told to the listeners, the JSON answer or an ApiError from its problem body. */
async function send(method, path, body, contentType, quiet401) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (contentType) {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body });
  } catch (error) {
    throw new ApiError(0, { title: 'network', detail: error.message });
  }
  if (response.status === 401 && !quiet401) {
    unauthorizedListeners.forEach(listener => listener());
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 300) }; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const put = (path, body) => request('PUT', path, body);
export const del = path => request('DELETE', path);

/** "/path?a=1&b=2" from an object, leaving out empty values. */
export function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
