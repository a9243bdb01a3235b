// The admin's client profile (SPEC rule 16): the header every tab shows (account, owner, counts)
// and each tab's own data. One call per page, callable without a request.
import { db } from '../../db/client.js';
import { listActivityWithActors } from '../activity/with-actors.js';
import { BILLING_CYCLES } from '../billing/constants.js';
import { SERVICE_STATUSES } from '../hosting/constants.js';
import { pageOpenInvitations, recentlyAccepted } from '../invitations/invitation-list.js';
import type { ListRequest } from '../lists/paging.js';
import { listEmails } from '../mail/email-log.js';
import { pageAccountMembers, type MemberSort } from '../memberships/member-list.js';
import { listTickets } from '../tickets/staff-tickets.js';
import { listClientNotes } from './client-notes.js';
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

/** What a tab's lists were asked for: the page of a list tab, the Users tab's search and pages. */
export interface TabQuery {
  list?: Pick<ListRequest, 'page' | 'perPage' | 'after' | 'before'>;
  q?: string;
  users?: ListRequest<MemberSort>;
  invites?: ListRequest<'sent' | 'email'>;
}

/** What the tab shows besides the header. */
async function tabData(accountId: number, tab: ClientTab, query: TabQuery): Promise<Record<string, unknown>> {
  const list = query.list ?? {};
  switch (tab) {
    case 'summary': {
      const [activity, notes] = await Promise.all([
        listActivityWithActors({ accountId }, { perPage: 10 }),
        listClientNotes(accountId),
      ]);
      return { activity: activity.entries, notes };
    }
    case 'profile':
      return { statuses: ACCOUNT_STATUSES };
    case 'users': {
      // Thousands of users and invitations: a page of each, searched together.
      const q = query.q ?? '';
      const [members, invites, acceptedInvites] = await Promise.all([
        pageAccountMembers(accountId, q, query.users ?? {}),
        pageOpenInvitations(accountId, q, query.invites ?? {}),
        recentlyAccepted(accountId),
      ]);
      return {
        q,
        users: members.users,
        usersInfo: members.info,
        pendingInvites: invites.invitations,
        invitesInfo: invites.info,
        acceptedInvites,
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
      return listTickets({ accountId }, list);
    case 'emails':
      return listEmails({ accountId }, list);
    case 'log':
      return listActivityWithActors({ accountId }, list);
  }
}

/** The client profile's header plus one tab's data (NOT_FOUND for an unknown client). */
export async function clientProfileTab(accountId: number, tab: ClientTab, query: TabQuery = {}) {
  const [summary, data] = await Promise.all([clientSummary(accountId), tabData(accountId, tab, query)]);
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
