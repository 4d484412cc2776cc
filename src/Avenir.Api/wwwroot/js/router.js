// The hash router: which page renders which route, who may see it, and the clean-up between pages.
import { h, mount } from './dom.js';
import { t } from './i18n.js';
import { session } from './session.js';
import { navigate, currentRoute } from './navigation.js';
import { notices } from './notices.js';
import { header } from './shell.js';
import { renderSignIn } from './pages/signin.js';
import { renderLeads } from './pages/leads.js';
import { renderLead } from './pages/lead.js';
import { renderActivity } from './pages/activity.js';
import { renderSettings } from './pages/settings.js';
import { renderAdminClients } from './pages/admin.js';
import { renderGrowth } from './pages/growth.js';
import { renderPerformance } from './pages/performance.js';
import { renderPromptTests } from './pages/prompts.js';
import { renderProspects } from './pages/prospects.js';
import { renderProspect } from './pages/prospect.js';
import { renderProspectSettings } from './pages/prospect-settings.js';
import { renderCampaigns } from './pages/campaigns.js';
import { renderCampaign } from './pages/campaign.js';
import { renderTemplates } from './pages/templates.js';

const routes = [
  { pattern: /^\/signin$/, render: renderSignIn, public: true },
  { pattern: /^\/leads$/, render: renderLeads, nav: 'leads' },
  { pattern: /^\/leads\/([^/]+)$/, render: renderLead, nav: 'leads' },
  { pattern: /^\/growth$/, render: renderGrowth, nav: 'growth' },
  { pattern: /^\/activity$/, render: renderActivity, nav: 'activity' },
  { pattern: /^\/settings$/, render: renderSettings, nav: 'settings' },
  { pattern: /^\/admin\/clients$/, render: renderAdminClients, nav: 'admin', admin: true },
  { pattern: /^\/admin\/prompts$/, render: renderPromptTests, nav: 'prompts', admin: true },
  { pattern: /^\/admin\/prospects$/, render: renderProspects, nav: 'prospects', admin: true },
  { pattern: /^\/admin\/prospects\/settings$/, render: renderProspectSettings, nav: 'prospects', admin: true },
  { pattern: /^\/admin\/prospects\/([^/]+)$/, render: renderProspect, nav: 'prospects', admin: true },
  { pattern: /^\/admin\/campaigns$/, render: renderCampaigns, nav: 'campaigns', admin: true },
  { pattern: /^\/admin\/templates$/, render: renderTemplates, nav: 'campaigns', admin: true },
  { pattern: /^\/admin\/campaigns\/([^/]+)$/, render: renderCampaign, nav: 'campaigns', admin: true },
  { pattern: /^\/admin\/performance$/, render: renderPerformance, nav: 'performance', admin: true },
];

const root = document.getElementById('app');
let cleanup = null;
let routing = 0;

/** Renders the page of the current hash (cleaning up the previous one). */
export async function route() {
  const ticket = ++routing;
  if (cleanup) { try { cleanup(); } catch { /* a page's cleanup must not stop navigation */ } cleanup = null; }
  const { path, query } = currentRoute();
  const match = routes.map(r => ({ r, m: path.match(r.pattern) })).find(x => x.m);
  if (!match) { navigate('#/leads'); return; }
  if (!match.r.public && !session.user) { navigate(`#/signin?next=${encodeURIComponent(location.hash)}`); return; }
  if (match.r.public && session.user) { navigate('#/leads'); return; }

  const view = h('main', { id: 'view', class: 'view', tabindex: '-1' });
  mount(root, match.r.public ? null : header(match.r.nav), view, notices);
  document.title = `${t('app.name')}`;
  if (match.r.admin && !session.user.isAdmin) {
    mount(view, h('p', { class: 'empty' }, t('common.forbidden')));
    return;
  }
  const result = await match.r.render(view, match.m.slice(1).map(decodeURIComponent), query);
  if (ticket !== routing) { if (typeof result === 'function') result(); return; }
  cleanup = typeof result === 'function' ? result : null;
}
