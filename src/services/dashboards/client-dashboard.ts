// The client home page (issue 13): panels that answer "what needs me?" — services with their
// status, invoices due (overdue first), recent tickets, domains expiring soon, open quotes — each
// read only when the user holds its permission, all in ONE statement (the account-scoped page's
// query budget is 3, and the per-request user read is one of them: bench/budget.ts).
import { db } from '../../db/client.js';
import { DAY, now } from '../../lib/clock.js';
import { can } from '../../policies/authorize.js';
import type { AccountContext } from '../actor.js';

/** How many rows each panel lists, and how far ahead "expiring soon" looks. */
export const PANEL_ROWS = 5;
export const DOMAIN_EXPIRY_WINDOW_DAYS = 60;

export interface ServiceRow {
  id: number;
  productName: string;
  domain: string;
  status: string;
  nextDueDate: string;
}
export interface InvoiceRow {
  id: number;
  dueAt: string;
  total: string;
  overdue: boolean;
}
export interface TicketRow {
  id: number;
  subject: string;
  status: string;
  lastReplyAt: string;
}
export interface DomainRow {
  id: number;
  name: string;
  expiresAt: string;
  autoRenew: boolean;
}

/** A panel is null when the user may not see it (and nothing of it was read). */
export interface HomePanels {
  services: { rows: ServiceRow[]; active: number } | null;
  invoices: { rows: InvoiceRow[]; unpaid: number; unpaidTotal: string; overdue: number } | null;
  tickets: { rows: TicketRow[]; open: number } | null;
  domains: { rows: DomainRow[]; total: number } | null;
  quotes: { open: number } | null;
}

interface Row {
  services: ServiceRow[] | null;
  activeServices: bigint | null;
  invoices: InvoiceRow[] | null;
  unpaid: bigint | null;
  unpaidTotal: string | null;
  overdue: bigint | null;
  tickets: TicketRow[] | null;
  openTickets: bigint | null;
  domains: DomainRow[] | null;
  totalDomains: bigint | null;
  openQuotes: bigint | null;
}

export async function homePanels(ctx: AccountContext): Promise<HomePanels> {
  const { access } = ctx;
  const accountId = access.accountId;
  const [products, invoices, tickets, domains, quotes] = (
    ['products', 'invoices', 'tickets', 'domains', 'quotes'] as const
  ).map((p) => can(access, p));
  const today = new Date(now().toISOString().slice(0, 10));
  const expiryLimit = new Date(today.getTime() + DOMAIN_EXPIRY_WINDOW_DAYS * DAY);
  // Each part is behind its permission flag: PostgreSQL skips a sub-select whose CASE is false.
  const [row] = await db().$queryRaw<Row[]>`
    SELECT
      CASE WHEN ${products} THEN (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT s.id, p.name AS "productName", s.domain, s.status, s.next_due_date AS "nextDueDate"
        FROM services s JOIN products p ON p.id = s.product_id
        WHERE s.account_id = ${accountId} AND s.status IN ('Active', 'Pending', 'Suspended')
        ORDER BY (s.status = 'Active') DESC, s.next_due_date, s.id LIMIT ${PANEL_ROWS}) x) END AS services,
      CASE WHEN ${products} THEN (SELECT count(*) FROM services
        WHERE account_id = ${accountId} AND status = 'Active') END AS "activeServices",
      CASE WHEN ${invoices} THEN (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT i.id, i.due_at AS "dueAt", i.total::text AS total, (i.due_at < ${today}::date) AS overdue
        FROM invoices i WHERE i.account_id = ${accountId} AND i.status = 'Unpaid'
        ORDER BY i.due_at, i.id LIMIT ${PANEL_ROWS}) x) END AS invoices,
      CASE WHEN ${invoices} THEN (SELECT count(*) FROM invoices
        WHERE account_id = ${accountId} AND status = 'Unpaid') END AS unpaid,
      CASE WHEN ${invoices} THEN (SELECT coalesce(sum(total), 0)::text FROM invoices
        WHERE account_id = ${accountId} AND status = 'Unpaid') END AS "unpaidTotal",
      CASE WHEN ${invoices} THEN (SELECT count(*) FROM invoices
        WHERE account_id = ${accountId} AND status = 'Unpaid' AND due_at < ${today}::date) END AS overdue,
      CASE WHEN ${tickets} THEN (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT t.id, t.subject, t.status, t.last_reply_at AS "lastReplyAt"
        FROM tickets t WHERE t.account_id = ${accountId}
        ORDER BY t.last_reply_at DESC, t.id DESC LIMIT ${PANEL_ROWS}) x) END AS tickets,
      CASE WHEN ${tickets} THEN (SELECT count(*) FROM tickets
        WHERE account_id = ${accountId} AND status <> 'Closed') END AS "openTickets",
      CASE WHEN ${domains} THEN (SELECT coalesce(json_agg(x), '[]') FROM (
        SELECT d.id, d.name, d.expires_at AS "expiresAt", d.auto_renew AS "autoRenew"
        FROM domains d WHERE d.account_id = ${accountId} AND d.expires_at <= ${expiryLimit}::date
        ORDER BY d.expires_at, d.id LIMIT ${PANEL_ROWS}) x) END AS domains,
      CASE WHEN ${domains} THEN (SELECT count(*) FROM domains WHERE account_id = ${accountId}) END AS "totalDomains",
      CASE WHEN ${quotes} THEN (SELECT count(*) FROM quotes
        WHERE account_id = ${accountId} AND status = 'Delivered') END AS "openQuotes"`;
  const n = (v: bigint | null | undefined) => Number(v ?? 0);
  return {
    services: products ? { rows: row?.services ?? [], active: n(row?.activeServices) } : null,
    invoices: invoices
      ? {
          rows: row?.invoices ?? [],
          unpaid: n(row?.unpaid),
          unpaidTotal: row?.unpaidTotal ?? '0',
          overdue: n(row?.overdue),
        }
      : null,
    tickets: tickets ? { rows: row?.tickets ?? [], open: n(row?.openTickets) } : null,
    domains: domains ? { rows: row?.domains ?? [], total: n(row?.totalDomains) } : null,
    quotes: quotes ? { open: n(row?.openQuotes) } : null,
  };
}
