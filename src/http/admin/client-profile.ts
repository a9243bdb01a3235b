// What every page of a client's profile renders with: the tab's data from the service, plus what
// only the page needs (the country list for the Profile tab's form).
import type { Request } from 'express';
import { COUNTRIES } from '../../lib/countries.js';
import { clientProfileTab, type ClientTab } from '../../services/accounts/client-profile.js';
import { INVITATION_LIST } from '../../services/invitations/invitation-list.js';
import { MEMBER_LIST } from '../../services/memberships/member-list.js';
import { idParam } from '../middleware/guards.js';
import { textParam } from '../schemas/admin/filters.js';
import { listParams } from '../schemas/lists.js';

export const countryOptions = () => COUNTRIES.map((c) => ({ value: c.code, label: c.name }));

/** The locals of admin/clients/show for the client in the path and a tab. */
export async function clientTabLocals(req: Request, tab: ClientTab): Promise<Record<string, unknown>> {
  const accountId = idParam(req);
  const data = await clientProfileTab(accountId, tab, {
    list: listParams(req.query, {}),
    q: textParam(req.query.q),
    users: listParams(req.query, MEMBER_LIST.sorts, 'u'),
    invites: listParams(req.query, INVITATION_LIST.sorts, 'i'),
  });
  const extra = tab === 'profile' ? { countries: countryOptions(), values: data.account } : {};
  return { title: `Client #${accountId}`, ...data, ...extra };
}

/** For formRoute: a failed action on a tab renders that tab again with the error. */
export const onTab = (tab: ClientTab, extra: Record<string, unknown> = {}) => ({
  view: 'admin/clients/show',
  locals: async (req: Request) => ({ ...(await clientTabLocals(req, tab)), ...extra }),
});
