// Finding users: the admin's Manage Users list and type-ahead, and names for the logs.
import { PUBLIC_USER_SELECT } from './users.js';
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';

/** LIKE pattern for a prefix match of lower-cased input, its wildcard characters escaped. */
const likePrefix = (q: string) => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface UserSearch {
  query?: string;
  page?: number;
  perPage?: number;
}

/**
 * Admin "Manage Users" and the type-ahead: prefix match on email, first, last or full name.
 * Written in SQL so each branch uses its text_pattern_ops index (see the init migration).
 */
export async function searchUsers({ query = '', page = 1, perPage = 25 }: UserSearch) {
  const q = query.trim().toLowerCase();
  const offset = (Math.max(1, page) - 1) * perPage;
  if (!q) {
    const users = await db().user.findMany({
      select: PUBLIC_USER_SELECT,
      orderBy: { id: 'desc' },
      skip: offset,
      take: perPage + 1,
    });
    return { users: users.slice(0, perPage), page, hasNext: users.length > perPage };
  }
  const prefix = likePrefix(q);
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM (
      SELECT id FROM "users" WHERE "email" LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("first_name") LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("last_name") LIKE ${prefix}
      UNION SELECT id FROM "users" WHERE lower("first_name" || ' ' || "last_name") LIKE ${prefix}
    ) matches ORDER BY id DESC OFFSET ${offset} LIMIT ${perPage + 1}`;
  const users = await db().user.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: PUBLIC_USER_SELECT,
    orderBy: { id: 'desc' },
  });
  return { users: users.slice(0, perPage), page, hasNext: ids.length > perPage };
}

export interface UserWindow {
  /** Prefix of email, first, last or full name (case-insensitive). */
  search?: string;
  offset: number;
  limit: number;
  descending?: boolean;
}

/**
 * Users by id with the accounts each reaches (the API's GetUsers): an offset window, the total,
 * and the same prefix search as Manage Users. Three statements whatever the window size.
 */
export async function listUserWindow(w: UserWindow) {
  const q = (w.search ?? '').trim().toLowerCase();
  const prefix = likePrefix(q);
  const matching = q
    ? Prisma.sql`WHERE "id" IN (
        SELECT id FROM "users" WHERE "email" LIKE ${prefix}
        UNION SELECT id FROM "users" WHERE lower("first_name") LIKE ${prefix}
        UNION SELECT id FROM "users" WHERE lower("last_name") LIKE ${prefix}
        UNION SELECT id FROM "users" WHERE lower("first_name" || ' ' || "last_name") LIKE ${prefix})`
    : Prisma.empty;
  const direction = Prisma.raw(w.descending ? 'DESC' : 'ASC');
  const [ids, [count]] = await Promise.all([
    db().$queryRaw<{ id: number }[]>`
      SELECT id FROM "users" ${matching} ORDER BY id ${direction} OFFSET ${w.offset} LIMIT ${w.limit}`,
    db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS "n" FROM "users" ${matching}`,
  ]);
  const users = ids.length
    ? await db().user.findMany({
        where: { id: { in: ids.map((r) => r.id) } },
        select: {
          ...PUBLIC_USER_SELECT,
          memberships: { select: { accountId: true, isOwner: true }, orderBy: { accountId: 'asc' } },
        },
        orderBy: { id: w.descending ? 'desc' : 'asc' },
      })
    : [];
  return { total: Number(count?.n ?? 0), users };
}

/** Email addresses of the given users, for showing who did what (account activity log). */
export async function userEmailsById(ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** The admin's Manage Users list (SPEC rule 19): a page of users, each with the accounts they reach. */
export async function searchUsersWithAccounts(search: UserSearch) {
  const result = await searchUsers(search);
  const ids = result.users.map((u) => u.id);
  const links = ids.length
    ? await db().accountUser.findMany({
        where: { userId: { in: ids } },
        select: {
          userId: true,
          isOwner: true,
          account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
        },
        orderBy: [{ isOwner: 'desc' }, { accountId: 'asc' }],
      })
    : [];
  const accountsByUser = new Map<number, typeof links>();
  for (const l of links) accountsByUser.set(l.userId, [...(accountsByUser.get(l.userId) ?? []), l]);
  return { ...result, accountsByUser };
}
