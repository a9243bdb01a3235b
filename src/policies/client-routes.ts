// SPEC §2: every page and action of the client area that reads or changes the selected account's
// data, with the one permission it needs. The route guard reads this table when the routes are
// mounted (src/http/client/gated-router.ts), and tests/integration/permission-matrix.test.ts sends
// a request to every entry, so a route can neither be added without a permission nor lose it.
import type { Permission } from './permissions.js';

export const CLIENT_ROUTE_PERMISSIONS = {
  'GET /account/profile': 'profile',
  'POST /account/profile': 'profile',

  'GET /contacts': 'contacts',
  'GET /contacts/new': 'contacts',
  'POST /contacts': 'contacts',
  'GET /contacts/:id': 'contacts',
  'POST /contacts/:id': 'contacts',
  'POST /contacts/:id/delete': 'contacts',

  'GET /services': 'products',
  'GET /services/:id': 'products',
  'POST /services/:id/password': 'manageproducts',
  'POST /services/:id/sso': 'productsso',
  'GET /services/:id/cancel': 'orders',
  'POST /services/:id/cancel': 'orders',

  'GET /domains': 'domains',
  'GET /domains/:id': 'domains',
  'POST /domains/:id': 'managedomains',

  'GET /invoices': 'invoices',
  'GET /invoices/:id': 'invoices',
  'GET /invoices/:id/pdf': 'invoices',
  'POST /invoices/:id/pay': 'invoices',

  'GET /quotes': 'quotes',
  'GET /quotes/:id': 'quotes',
  'POST /quotes/:id/accept': 'quotes',

  'GET /tickets': 'tickets',
  'GET /tickets/new': 'tickets',
  'POST /tickets': 'tickets',
  'GET /tickets/:id': 'tickets',
  'POST /tickets/:id/reply': 'tickets',
  'POST /tickets/:id/close': 'tickets',

  'GET /affiliates': 'affiliates',
  'POST /affiliates/activate': 'affiliates',
  'POST /affiliates/withdraw': 'affiliates',

  'GET /emails': 'emails',
  'GET /emails/:id': 'emails',

  // Checkout orders into the account chosen in the form, not the selected one: the route only
  // needs a login, and the orders service checks `orders` on the chosen account.
  'POST /checkout': 'orders',
} as const satisfies Record<string, Permission>;

export type ClientRoute = keyof typeof CLIENT_ROUTE_PERMISSIONS;

/** Routes whose permission applies to an account named in the request, checked by the service. */
export const CHOSEN_ACCOUNT_ROUTES: ReadonlySet<ClientRoute> = new Set<ClientRoute>(['POST /checkout']);
