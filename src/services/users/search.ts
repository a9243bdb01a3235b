// Finding users: the admin's Manage Users list (SPEC rule 19) and the Associate User type-ahead,
// both matching inside names and emails through the trigram index of the list migration, and
// the names shown in the logs.
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import {
  allIds,
  containsPattern,
  containsWords,
  inOrder,
  type ListRequest,
  type ListSpec,
  pageOfIds,
  whereAll,
} from '../lists/paging.js';
import { PUBLIC_USER_SELECT } from './users.js';

export type UserSort = 'id' | 'name' | 'email' | 'lastLogin';

export const USER_LIST: ListSpec<UserSort> = {
  from: Prisma.sql`"users" u`,
  id: Prisma.sql`u."id"`,
  sorts: {
    id: { label: 'ID', columns: [] },
    name: {
      label: 'Name',
      columns: [
        { sql: Prisma.sql`u."last_name"`, type: 'text' },
        { sql: Prisma.sql`u."first_name"`, type: 'text' },
      ],
    },
    email: { label: 'Email', columns: [{ sql: Prisma.sql`u."email"`, type: 'text' }] },
    // Never logged in sorts as the epoch (users_last_login_sort_idx has the same expression).
    lastLogin: {
      label: 'Last Login',
      columns: [
        { sql: Prisma.sql`coalesce(u."last_login_at", '1970-01-01 00:00:00+00'::timestamptz)`, type: 'timestamptz' },
      ],
    },
  },
  defaultSort: 'id',
  defaultDir: 'desc',
};

/** The indexed search text of a user (users_search_trgm_idx): the same expression. */
export const USER_SEARCH_TEXT = Prisma.sql`lower(u."first_name" || ' ' || u."last_name" || ' ' || u."email")`;

export function userWhere(query = ''): Prisma.Sql {
  const q = query.trim();
  if (!q) return whereAll([]);
  const id = /^#?(\d{1,9})$/.exec(q)?.[1];
  const text = containsWords(USER_SEARCH_TEXT, q);
  return id ? Prisma.sql`(u."id" = ${Number(id)} OR ${text})` : text;
}

export interface UserSearch {
  query?: string;
  perPage?: number;
}

/**
 * The type-ahead of Associate User: users whose name or email contains the text, those whose
 * email or name starts with it first.
 */
export async function searchUsers({ query = '', perPage = 10 }: UserSearch) {
  const q = query.trim().toLowerCase();
  if (!q) return { users: [] };
  const starts = containsPattern(q).slice(1);
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT u."id" FROM "users" u WHERE ${userWhere(q)}
    ORDER BY (u."email" LIKE ${starts} OR lower(u."first_name" || ' ' || u."last_name") LIKE ${starts}) DESC, u."id" DESC
    LIMIT ${perPage}`;
  const list = ids.map((r) => r.id);
  const users = await db().user.findMany({ where: { id: { in: list } }, select: PUBLIC_USER_SELECT });
  return { users: inOrder(list, users) };
}

export interface UserWindow {
  /** Words of the email, first or last name, each found anywhere (as Manage Users searches). */
  search?: string;
  offset: number;
  limit: number;
  descending?: boolean;
}

/**
 * Users by id with the accounts each reaches (the API's GetUsers): an offset window, the total,
 * and the same search as Manage Users (its trigram index). Three statements whatever the window.
 */
export async function listUserWindow(w: UserWindow) {
  const where = userWhere(w.search ?? '');
  const direction = Prisma.raw(w.descending ? 'DESC' : 'ASC');
  const [ids, [count]] = await Promise.all([
    db().$queryRaw<{ id: number }[]>`
      SELECT u."id" FROM "users" u WHERE ${where} ORDER BY u."id" ${direction} OFFSET ${w.offset} LIMIT ${w.limit}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "users" u WHERE ${where}`,
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
  return { total: count?.n ?? 0, users };
}

/** Email addresses of the given users, for showing who did what (account activity log). */
export async function userEmailsById(ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.id, r.email]));
}

async function withAccounts(ids: number[]) {
  const [users, links] = ids.length
    ? await Promise.all([
        db().user.findMany({ where: { id: { in: ids } }, select: PUBLIC_USER_SELECT }),
        db().accountUser.findMany({
          where: { userId: { in: ids } },
          select: {
            userId: true,
            isOwner: true,
            account: { select: { id: true, firstName: true, lastName: true, companyName: true } },
          },
          orderBy: [{ isOwner: 'desc' }, { accountId: 'asc' }],
        }),
      ])
    : [[], []];
  const accountsByUser = new Map<number, typeof links>();
  for (const l of links) accountsByUser.set(l.userId, [...(accountsByUser.get(l.userId) ?? []), l]);
  return { users: inOrder(ids, users), accountsByUser };
}

/** The admin's Manage Users list (SPEC rule 19): a page of users, each with the accounts they reach. */
export async function listUsers(query: string, req: ListRequest<UserSort> = {}) {
  const { ids, info } = await pageOfIds(USER_LIST, userWhere(query), req);
  return { ...(await withAccounts(ids)), info };
}

/** Every user the search matches, with their accounts, a batch at a time (CSV export). */
export async function* exportUsers(query: string, req: Pick<ListRequest<UserSort>, 'sort' | 'dir'>) {
  for await (const ids of allIds(USER_LIST, userWhere(query), req)) yield await withAccounts(ids);
}
