// WattOS console: a small single-page app (ES modules, hash routing) on the public REST API only. Each view is its
// own module under views/; this file only wires paths and navigation. A new view: add its module, one route() line
// and, if it belongs in the navigation, one navEntry() line.
import { route, navEntry, start } from './core/router.js';
import { login } from './views/login.js';
import { tenants } from './views/tenants.js';
import { spaces } from './views/spaces.js';
import { space } from './views/space.js';
import { crawl } from './views/crawl.js';
import { search } from './views/search.js';
import { chat } from './views/chat.js';
import { widgets } from './views/widgets.js';
import { widget } from './views/widget.js';
import { providers } from './views/providers.js';
import { usage } from './views/usage.js';
import { dashboard } from './views/dashboard.js';
import { users } from './views/users.js';
import { apikeys } from './views/apikeys.js';
import { audit } from './views/audit.js';
import { settings } from './views/settings.js';
import { account } from './views/account.js';
import { characters, character } from './views/characters.js';
import { personas } from './views/personas.js';
import { agents } from './views/agents.js';
import { reviews, review } from './views/reviews.js';
import { inbox } from './views/inbox.js';
import { routing } from './views/routing.js';
import { sync } from './views/sync.js';
import { articles, article } from './views/articles.js';
import { voice } from './views/voice.js';
import { avatars } from './views/avatars.js';
import { reports } from './views/reports.js';

route('/login', login, { public: true });
route('/tenants', tenants, { nav: 'tenants', noTenant: true });
route('/account', account, { nav: 'account', noTenant: true });
route('/spaces', spaces, { nav: 'spaces' });
route('/spaces/:space', space, { name: 'space', nav: 'spaces' });
route('/crawls/:id', crawl, { name: 'crawl', nav: 'spaces' });
route('/search', search, { nav: 'search' });
route('/chat', chat, { nav: 'chat' });
route('/widgets', widgets, { nav: 'widgets' });
route('/widgets/:id', widget, { name: 'widget', nav: 'widgets' });
route('/providers', providers, { nav: 'providers' });
route('/usage', usage, { nav: 'usage' });
route('/dashboards', dashboard, { nav: 'dashboards' });
route('/settings', settings, { nav: 'settings' });
route('/users', users, { nav: 'users' });
route('/apikeys', apikeys, { nav: 'apikeys' });
route('/audit', audit, { nav: 'audit' });
route('/characters', characters, { nav: 'characters' });
route('/characters/:id', character, { name: 'character', nav: 'characters' });
route('/personas', personas, { nav: 'personas' });
route('/agents', agents, { nav: 'agents' });
route('/reviews', reviews, { nav: 'reviews' });
route('/reviews/:id', review, { name: 'review', nav: 'reviews' });
route('/inbox', inbox, { nav: 'inbox' });
route('/routing', routing, { nav: 'routing' });
route('/sync', sync, { nav: 'sync' });
route('/articles', articles, { nav: 'articles' });
route('/articles/:id', article, { name: 'article', nav: 'articles' });
route('/voice', voice, { nav: 'voice' });
route('/avatars', avatars, { nav: 'avatars' });
route('/reports', reports, { nav: 'reports' });

navEntry('tenants', { platform: true });
for (const key of ['dashboards', 'spaces', 'search', 'chat', 'characters', 'personas', 'agents', 'inbox', 'routing', 'widgets', 'articles', 'reviews', 'sync', 'providers', 'voice', 'avatars', 'usage', 'reports', 'settings', 'users', 'apikeys', 'audit']) navEntry(key);

start();
