// Client accounts as staff tools read them (the API's GetClients and GetClientsDetails): an offset
// window with the total, sorted on a chosen column, and one client with its users and owner.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { whereAll } from '../lists/paging.js';
import { clientWhere } from './client-list.js';

/** Sortable columns, by the names WHMCS's GetClients uses. */
export const CLIENT_ORDER_COLUMNS = {
  id: 'id',
  firstname: 'first_name',
  lastname: 'last_name',
  companyname: 'company_name',
  email: 'email',
  datecreated: 'created_at',
  status: 'status',
} as const;

export type ClientOrder = keyof typeof CLIENT_ORDER_COLUMNS;

export interface ClientWindow {
  /** Words of the name, company or email, each found anywhere, case-insensitive (or a client id). */
  search?: string;
  status?: string;
  offset: number;
  limit: number;
  orderBy?: ClientOrder;
  descending?: boolean;
}

interface ClientRow {
  id: number;
  firstName: string;
  lastName: string;
  companyName: string;
  email: string;
  status: string;
  createdAt: Date;
  total: bigint;
}

/**
 * One window of the clients list and how many match in all: one statement. The search is the
 * admin clients list's (each word found anywhere in the name, company or email, through the
 * trigram index of the list migration; a number also finds that id).
 */
export async function listClientWindow(w: ClientWindow) {
  // The status exactly as asked (an unknown one matches nothing, as WHMCS answers).
  const status = w.status ? Prisma.sql`a."status" = ${w.status}` : null;
  const where = Prisma.sql`WHERE ${whereAll([clientWhere({ query: w.search }), status])}`;
  const column = Prisma.raw(`a."${CLIENT_ORDER_COLUMNS[w.orderBy ?? 'id']}"`);
  const direction = Prisma.raw(w.descending ? 'DESC' : 'ASC');
  const rows = await db().$queryRaw<ClientRow[]>`
    SELECT a."id", a."first_name" AS "firstName", a."last_name" AS "lastName", a."company_name" AS "companyName",
      a."email", a."status", a."created_at" AS "createdAt", count(*) OVER () AS "total"
    FROM "accounts" a ${where}
    ORDER BY ${column} ${direction}, a."id" ${direction}
    OFFSET ${w.offset} LIMIT ${w.limit}`;
  const total = rows[0] ? Number(rows[0].total) : await countClients(where);
  return { total, clients: rows.map(({ total: _t, ...c }) => c) };
}

/** The total when the window is past the last row (count(*) OVER () then has no row to ride on). */
async function countClients(where: Prisma.Sql): Promise<number> {
  const [row] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS "n" FROM "accounts" a ${where}`;
  return Number(row?.n ?? 0);
}

/** The account whose billing email this is (case-insensitive); the oldest when several share it. */
export async function findAccountIdByEmail(email: string): Promise<number> {
  const account = await db().account.findFirst({
    where: { email: { equals: email.trim(), mode: 'insensitive' } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Client not found.');
  return account.id;
}

/** One client with its users (owner first) and the owner's login details. */
export async function clientWithUsers(accountId: number) {
  const account = await db().account.findUnique({
    where: { id: accountId },
    include: {
      users: {
        orderBy: [{ isOwner: 'desc' }, { createdAt: 'asc' }],
        select: {
          isOwner: true,
          lastLoginAt: true,
          user: {
            select: { id: true, email: true, firstName: true, lastName: true, language: true, emailVerifiedAt: true },
          },
        },
      },
    },
  });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Client not found.');
  const owner = account.users.find((u) => u.isOwner) ?? null;
  return { account, owner, users: account.users };
}
