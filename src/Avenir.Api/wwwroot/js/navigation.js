// Where the dashboard is: the hash route. Pages move with navigate(); the router (router.js) listens.

/** Goes to `hash`; to the same hash, renders the page again. */
export function navigate(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The current hash as a path and its query parameters. */
export function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/leads';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}
