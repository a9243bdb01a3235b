// The admin header's quick search (issue 14): one box for clients (id, #id, name, company, email,
// email domain), users (name, email), tickets (number, subject) and invoices (number), answered
// grouped by kind. Each word typed matches inside words, in any order, through the trigram indexes
// of the list migration, so one word needs three characters; a number finds that id in every kind.
import { languageLabel } from '../../lib/languages.js';
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { accountDisplayName } from '../accounts/accounts.js';
import { CLIENT_SEARCH_TEXT, idInQuery } from '../accounts/client-list.js';
import { containsWords, inOrder } from '../lists/paging.js';
import { USER_SEARCH_TEXT } from '../users/search.js';

export const QUICK_SEARCH_MIN_TEXT = 3;
const PER_GROUP = 5;

export type ResultKind = 'client' | 'user' | 'ticket' | 'invoice';

export interface QuickResult {
  kind: ResultKind;
  id: number;
  title: string;
  detail: string;
  href: string;
}

export interface QuickGroup {
  kind: ResultKind;
  label: string;
  results: QuickResult[];
  /** More matched than are shown: the list page with the same search has them all. */
  more: boolean;
  /** The full list with this search, when there is one. */
  listHref: string | null;
}

export interface QuickSearchResult {
  query: string;
  /** Why nothing was searched (too short), or null. */
  hint: string | null;
  groups: QuickGroup[];
}

/** An invoice number as staff type it: 123, #123, INV-123. */
function invoiceNumber(q: string): number | null {
  const m = /^(?:#|inv-?)?(\d{1,9})$/i.exec(q.trim());
  return m ? Number(m[1]) : null;
}

const idRows = (sql: Prisma.Sql) =>
  db()
    .$queryRaw<{ id: number }[]>(sql)
    .then((rows) => rows.map((r) => r.id));

async function clients(q: string, id: number | null, text: boolean): Promise<number[]> {
  const match = text ? containsWords(CLIENT_SEARCH_TEXT, q) : Prisma.sql`FALSE`;
  return idRows(Prisma.sql`
    SELECT a."id" FROM "accounts" a WHERE a."id" = ${id ?? 0} OR ${match}
    ORDER BY (a."id" = ${id ?? 0}) DESC, a."id" DESC LIMIT ${PER_GROUP + 1}`);
}

async function users(q: string, id: number | null, text: boolean): Promise<number[]> {
  const match = text ? containsWords(USER_SEARCH_TEXT, q) : Prisma.sql`FALSE`;
  return idRows(Prisma.sql`
    SELECT u."id" FROM "users" u WHERE u."id" = ${id ?? 0} OR ${match}
    ORDER BY (u."id" = ${id ?? 0}) DESC, u."id" DESC LIMIT ${PER_GROUP + 1}`);
}

async function tickets(q: string, id: number | null, text: boolean): Promise<number[]> {
  const match = text ? containsWords(Prisma.sql`lower(t."subject")`, q) : Prisma.sql`FALSE`;
  return idRows(Prisma.sql`
    SELECT t."id" FROM "tickets" t WHERE t."id" = ${id ?? 0} OR ${match}
    ORDER BY (t."id" = ${id ?? 0}) DESC, t."last_reply_at" DESC, t."id" DESC LIMIT ${PER_GROUP + 1}`);
}

const group = (
  kind: ResultKind,
  label: string,
  ids: number[],
  results: QuickResult[],
  listHref: string | null,
): QuickGroup => ({ kind, label, results: results.slice(0, PER_GROUP), more: ids.length > PER_GROUP, listHref });

export async function quickSearch(raw: string): Promise<QuickSearchResult> {
  const query = raw.trim().slice(0, 100);
  const id = idInQuery(query);
  const invoice = invoiceNumber(query);
  // Words are matched one by one (any order); one of them must be long enough for the index.
  const text = query.split(/\s+/).some((w) => w.length >= QUICK_SEARCH_MIN_TEXT);
  if (!query || (!text && id === null && invoice === null)) {
    return {
      query,
      hint: query ? `Type at least ${QUICK_SEARCH_MIN_TEXT} characters, or a number.` : null,
      groups: [],
    };
  }
  const [clientIds, userIds, ticketIds, invoiceRow] = await Promise.all([
    clients(query, id, text),
    users(query, id, text),
    tickets(query, id, text),
    invoice !== null
      ? db().invoice.findUnique({
          where: { id: invoice },
          select: {
            id: true,
            status: true,
            total: true,
            account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
          },
        })
      : null,
  ]);
  const firstPage = (ids: number[]) => ids.slice(0, PER_GROUP);
  const [clientRows, userRows, ticketRows] = await Promise.all([
    db().account.findMany({
      where: { id: { in: firstPage(clientIds) } },
      select: { id: true, firstName: true, lastName: true, companyName: true, email: true, status: true },
    }),
    db().user.findMany({
      where: { id: { in: firstPage(userIds) } },
      select: { id: true, firstName: true, lastName: true, email: true, language: true },
    }),
    db().ticket.findMany({
      where: { id: { in: firstPage(ticketIds) } },
      select: { id: true, subject: true, status: true, requesterEmail: true, accountId: true },
    }),
  ]);
  const q = encodeURIComponent(query);
  const groups: QuickGroup[] = [
    group(
      'client',
      'Clients',
      clientIds,
      inOrder(clientIds, clientRows).map((c) => ({
        kind: 'client',
        id: c.id,
        title: `#${c.id} ${accountDisplayName(c)}`,
        detail: `${c.email} · ${c.status}`,
        href: `/admin/clients/${c.id}`,
      })),
      `/admin/clients?q=${q}`,
    ),
    group(
      'user',
      'Users',
      userIds,
      inOrder(userIds, userRows).map((u) => ({
        kind: 'user',
        id: u.id,
        title: `${u.firstName} ${u.lastName}`.trim() || u.email,
        detail: `${u.email} · User #${u.id} · ${languageLabel(u.language)}`,
        href: `/admin/users/${u.id}`,
      })),
      `/admin/users?q=${q}`,
    ),
    group(
      'ticket',
      'Tickets',
      ticketIds,
      inOrder(ticketIds, ticketRows).map((t) => ({
        kind: 'ticket',
        id: t.id,
        title: `#${t.id} ${t.subject}`,
        detail: `${t.status} · ${t.accountId ? `client #${t.accountId}` : `guest ${t.requesterEmail}`}`,
        href: `/admin/tickets/${t.id}`,
      })),
      `/admin/tickets?q=${q}`,
    ),
    group(
      'invoice',
      'Invoices',
      invoiceRow ? [invoiceRow.id] : [],
      invoiceRow
        ? [
            {
              kind: 'invoice',
              id: invoiceRow.id,
              title: `Invoice #${invoiceRow.id}`,
              detail: `${invoiceRow.status} · ${invoiceRow.total.toFixed(2)} · ${accountDisplayName(invoiceRow.account)}`,
              href: `/admin/clients/${invoiceRow.account.id}/invoices#invoice-${invoiceRow.id}`,
            },
          ]
        : [],
      null,
    ),
  ];
  return { query, hint: null, groups: groups.filter((g) => g.results.length) };
}
