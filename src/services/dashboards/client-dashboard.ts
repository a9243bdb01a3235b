// The numbers on the client dashboard, in one query.
import { db } from '../../db/client.js';

export interface DashboardCounts {
  activeServices: number;
  domains: number;
  unpaidInvoices: number;
  unpaidTotal: string;
  openQuotes: number;
  openTickets: number;
  contacts: number;
}

export async function dashboardCounts(accountId: number): Promise<DashboardCounts> {
  const [row] = await db().$queryRaw<Record<string, bigint | string | null>[]>`
    SELECT
      (SELECT count(*) FROM "services" WHERE "account_id" = ${accountId} AND "status" = 'Active') AS "activeServices",
      (SELECT count(*) FROM "domains" WHERE "account_id" = ${accountId}) AS "domains",
      (SELECT count(*) FROM "invoices" WHERE "account_id" = ${accountId} AND "status" = 'Unpaid') AS "unpaidInvoices",
      (SELECT coalesce(sum("total"), 0)::text FROM "invoices" WHERE "account_id" = ${accountId} AND "status" = 'Unpaid') AS "unpaidTotal",
      (SELECT count(*) FROM "quotes" WHERE "account_id" = ${accountId} AND "status" = 'Delivered') AS "openQuotes",
      (SELECT count(*) FROM "tickets" WHERE "account_id" = ${accountId} AND "status" <> 'Closed') AS "openTickets",
      (SELECT count(*) FROM "contacts" WHERE "account_id" = ${accountId}) AS "contacts"`;
  const n = (v: bigint | string | null | undefined) => Number(v ?? 0);
  return {
    activeServices: n(row?.activeServices),
    domains: n(row?.domains),
    unpaidInvoices: n(row?.unpaidInvoices),
    unpaidTotal: String(row?.unpaidTotal ?? '0'),
    openQuotes: n(row?.openQuotes),
    openTickets: n(row?.openTickets),
    contacts: n(row?.contacts),
  };
}
