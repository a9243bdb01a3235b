// The admin's client profile (SPEC rule 16): the header every tab shows (account, owner, counts)
// and each tab's own data. One call per page, callable without a request.
import { db } from '../../db/client.js';
import { listActivityWithActors } from '../activity/with-actors.js';
import { BILLING_CYCLES } from '../billing/constants.js';
import { SERVICE_STATUSES } from '../hosting/constants.js';
import { listInvitations } from '../invitations/invitations.js';
import { listEmails } from '../mail/email-log.js';
import { listAccountUsers } from '../memberships/memberships.js';
import { listTickets } from '../tickets/staff-tickets.js';
import { ACCOUNT_STATUSES } from './constants.js';
import { clientSummary } from './clients.js';

export const CLIENT_TABS = [
  ['summary', 'Summary'],
  ['profile', 'Profile'],
  ['users', 'Users'],
  ['contacts', 'Contacts'],
  ['services', 'Products/Services'],
  ['domains', 'Domains'],
  ['invoices', 'Invoices'],
  ['quotes', 'Quotes'],
  ['tickets', 'Tickets'],
  ['emails', 'Emails'],
  ['log', 'Log'],
] as const;
export type ClientTab = (typeof CLIENT_TABS)[number][0];

/** What the tab shows besides the header. */
async function tabData(accountId: number, tab: ClientTab, page: number): Promise<Record<string, unknown>> {
  switch (tab) {
    case 'summary':
      return { activity: (await listActivityWithActors({ accountId, perPage: 10 })).entries };
    case 'profile':
      return { statuses: ACCOUNT_STATUSES };
    case 'users': {
      const [users, invitations] = await Promise.all([listAccountUsers(accountId), listInvitations(accountId)]);
      return {
        users,
        pendingInvites: invitations.filter((i) => i.state === 'pending' || i.state === 'expired'),
        acceptedInvites: invitations.filter((i) => i.state === 'accepted').slice(0, 10),
      };
    }
    case 'contacts':
      return { contacts: await db().contact.findMany({ where: { accountId }, orderBy: { id: 'asc' } }) };
    case 'services': {
      const [services, products] = await Promise.all([
        db().service.findMany({
          where: { accountId },
          orderBy: { id: 'desc' },
          include: { product: { select: { name: true } } },
        }),
        db().product.findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
      ]);
      return { services, products, serviceStatuses: SERVICE_STATUSES, billingCycles: BILLING_CYCLES };
    }
    case 'domains':
      return { domains: await db().domain.findMany({ where: { accountId }, orderBy: { name: 'asc' } }) };
    case 'invoices':
      return {
        invoices: await db().invoice.findMany({
          where: { accountId },
          orderBy: { id: 'desc' },
          include: { items: true },
        }),
      };
    case 'quotes':
      return {
        quotes: await db().quote.findMany({ where: { accountId }, orderBy: { id: 'desc' }, include: { items: true } }),
      };
    case 'tickets':
      return listTickets({ accountId, page });
    case 'emails':
      return listEmails({ accountId, page });
    case 'log':
      return listActivityWithActors({ accountId, page });
  }
}

/** The client profile's header plus one tab's data (NOT_FOUND for an unknown client). */
export async function clientProfileTab(accountId: number, tab: ClientTab, page = 1) {
  const [summary, data] = await Promise.all([clientSummary(accountId), tabData(accountId, tab, page)]);
  return { tab, tabs: CLIENT_TABS, ...summary, ...data };
}

/** One service of a client, for the admin's service page (null when it is not this client's). */
export async function clientService(accountId: number, serviceId: number) {
  const [service, summary] = await Promise.all([
    db().service.findFirst({ where: { id: serviceId, accountId }, include: { product: { select: { name: true } } } }),
    clientSummary(accountId),
  ]);
  return { service, account: summary.account, serviceStatuses: SERVICE_STATUSES };
}
