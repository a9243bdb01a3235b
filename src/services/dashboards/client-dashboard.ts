// The client home page (issue 13): panels that answer "what needs me?" — services with their
// status, invoices due (overdue first), recent tickets, domains expiring soon, open quotes — each
// read only when the user holds its permission, all in ONE statement (the account-scoped page's
// query budget is 3, and the per-request user read is one of them: bench/budget.ts).
import { database } from '../../db/client.js';
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
  activeServices: string | null;
  invoices: InvoiceRow[] | null;
  unpaid: string | null;
  unpaidTotal: string | null;
  overdue: string | null;
  tickets: TicketRow[] | null;
  openTickets: string | null;
  domains: DomainRow[] | null;
  totalDomains: string | null;
  openQuotes: string | null;
}

// $1 account, $2-$6 may see products/invoices/tickets/domains/quotes, $7 today, $8 expiry limit, $9 rows.
const HOME_PANELS_SQL = `
  SELECT
    CASE WHEN $2::boolean THEN (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT s.id, p.name AS "productName", s.domain, s.status, s.next_due_date AS "nextDueDate"
      FROM services s JOIN products p ON p.id = s.product_id
      WHERE s.account_id = $1 AND s.status IN ('Active', 'Pending', 'Suspended')
      ORDER BY (s.status = 'Active') DESC, s.next_due_date, s.id LIMIT $9) x) END AS services,
    CASE WHEN $2::boolean THEN (SELECT count(*) FROM services
      WHERE account_id = $1 AND status = 'Active') END AS "activeServices",
    CASE WHEN $3::boolean THEN (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT i.id, i.due_at AS "dueAt", i.total::text AS total, (i.due_at < $7::date) AS overdue
      FROM invoices i WHERE i.account_id = $1 AND i.status = 'Unpaid'
      ORDER BY i.due_at, i.id LIMIT $9) x) END AS invoices,
    CASE WHEN $3::boolean THEN (SELECT count(*) FROM invoices
      WHERE account_id = $1 AND status = 'Unpaid') END AS unpaid,
    CASE WHEN $3::boolean THEN (SELECT coalesce(sum(total), 0)::text FROM invoices
      WHERE account_id = $1 AND status = 'Unpaid') END AS "unpaidTotal",
    CASE WHEN $3::boolean THEN (SELECT count(*) FROM invoices
      WHERE account_id = $1 AND status = 'Unpaid' AND due_at < $7::date) END AS overdue,
    CASE WHEN $4::boolean THEN (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT t.id, t.subject, t.status, t.last_reply_at AS "lastReplyAt"
      FROM tickets t WHERE t.account_id = $1
      ORDER BY t.last_reply_at DESC, t.id DESC LIMIT $9) x) END AS tickets,
    CASE WHEN $4::boolean THEN (SELECT count(*) FROM tickets
      WHERE account_id = $1 AND status <> 'Closed') END AS "openTickets",
    CASE WHEN $5::boolean THEN (SELECT coalesce(json_agg(x), '[]') FROM (
      SELECT d.id, d.name, d.expires_at AS "expiresAt", d.auto_renew AS "autoRenew"
      FROM domains d WHERE d.account_id = $1 AND d.expires_at <= $8::date
      ORDER BY d.expires_at, d.id LIMIT $9) x) END AS domains,
    CASE WHEN $5::boolean THEN (SELECT count(*) FROM domains WHERE account_id = $1) END AS "totalDomains",
    CASE WHEN $6::boolean THEN (SELECT count(*) FROM quotes
      WHERE account_id = $1 AND status = 'Delivered') END AS "openQuotes"`;

export async function homePanels(ctx: AccountContext): Promise<HomePanels> {
  const { access } = ctx;
  const accountId = access.accountId;
  const [products, invoices, tickets, domains, quotes] = (
    ['products', 'invoices', 'tickets', 'domains', 'quotes'] as const
  ).map((p) => can(access, p));
  const today = new Date(now().toISOString().slice(0, 10));
  const expiryLimit = new Date(today.getTime() + DOMAIN_EXPIRY_WINDOW_DAYS * DAY);
  // Each part is behind its permission flag: PostgreSQL skips a sub-select whose CASE is false.
  // Plain pg and a named statement: this runs on every visit of the home page (speed issue).
  const { rows } = await database().pool.query<Row>({
    name: 'home-panels',
    text: HOME_PANELS_SQL,
    values: [accountId, products, invoices, tickets, domains, quotes, today, expiryLimit, PANEL_ROWS],
  });
  const row = rows[0];
  const n = (v: bigint | string | null | undefined) => Number(v ?? 0);
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
