// Every API function, by name. The names a credential can be allowed come from src/policies
// (API_ACTIONS); this module refuses to load if the two lists ever differ.
import { API_ACTIONS, type ApiActionName } from '../../policies/api-access.js';
import type { ApiAction } from './action.js';
import { AUTH_ACTIONS } from './actions/auth.js';
import { CLIENT_CHANGE_ACTIONS } from './actions/client-changes.js';
import { CLIENT_DETAIL_ACTIONS } from './actions/client-details.js';
import { CLIENT_READ_ACTIONS } from './actions/clients.js';
import { CONTACT_ACTIONS } from './actions/contacts.js';
import { LOG_ACTIONS } from './actions/logs.js';
import { SUPPORT_ACTIONS } from './actions/support.js';
import { USER_CLIENT_ACTIONS } from './actions/user-clients.js';
import { USER_ACTIONS } from './actions/users.js';

const ALL: readonly ApiAction[] = [
  ...USER_ACTIONS,
  ...USER_CLIENT_ACTIONS,
  ...CLIENT_READ_ACTIONS,
  ...CLIENT_DETAIL_ACTIONS,
  ...CLIENT_CHANGE_ACTIONS,
  ...CONTACT_ACTIONS,
  ...AUTH_ACTIONS,
  ...SUPPORT_ACTIONS,
  ...LOG_ACTIONS,
];

export const API_CATALOG: ReadonlyMap<ApiActionName, ApiAction> = new Map(ALL.map((a) => [a.name, a]));

const missing = API_ACTIONS.filter((name) => !API_CATALOG.has(name));
if (missing.length || API_CATALOG.size !== ALL.length || ALL.length !== API_ACTIONS.length)
  throw new Error(`API catalog and API_ACTIONS differ (missing: ${missing.join(', ') || 'none'})`);

/** The functions in the reference page's order (API_ACTIONS'). */
export const API_FUNCTIONS: readonly ApiAction[] = API_ACTIONS.map((name) => API_CATALOG.get(name)!);
