// Polling: how the dashboard stays current (the same JSON endpoints any other tool can poll).

export const POLL_INTERVAL_MS = 5000;

/**
 * Calls `tick` every `interval` ms while the tab is visible (and once at once when it becomes visible
 * again). Returns a function that stops it. A tick never overlaps the previous one.
 */
export function poll(tick, interval = POLL_INTERVAL_MS) {
  let stopped = false;
  let running = false;
  let timer = null;
  const run = async () => {
    if (stopped || running || document.hidden) return;
    running = true;
    try { await tick(); } catch (error) { if (error?.status !== 401) console.warn('poll', error); }
    finally { running = false; }
  };
  const schedule = () => { timer = setTimeout(async () => { await run(); if (!stopped) schedule(); }, interval); };
  const visibility = () => { if (!document.hidden) run(); };
  document.addEventListener('visibilitychange', visibility);
  schedule();
  return () => { stopped = true; clearTimeout(timer); document.removeEventListener('visibilitychange', visibility); };
}
