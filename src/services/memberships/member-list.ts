// The admin Users tab of an account with thousands of users (issue 14): one page of its users,
// owner first then in the order they were added, searchable by name or email.
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import { containsWords, inOrder, type ListRequest, type ListSpec, pageOfIds, whereAll } from '../lists/paging.js';
import { MEMBER_SELECT, toMember } from './memberships.js';

export type MemberSort = 'added' | 'name' | 'email' | 'lastLogin';

export const MEMBER_LIST: ListSpec<MemberSort> = {
  from: Prisma.sql`"account_users" au JOIN "users" u ON u."id" = au."user_id"`,
  id: Prisma.sql`au."id"`,
  sorts: {
    // The owner first, then by when they were given access.
    added: {
      label: 'Added',
      columns: [
        { sql: Prisma.sql`(CASE WHEN au."is_owner" THEN 0 ELSE 1 END)`, type: 'int' },
        { sql: Prisma.sql`au."created_at"`, type: 'timestamptz' },
      ],
    },
    name: {
      label: 'User',
      columns: [
        { sql: Prisma.sql`u."last_name"`, type: 'text' },
        { sql: Prisma.sql`u."first_name"`, type: 'text' },
      ],
    },
    email: { label: 'Email', columns: [{ sql: Prisma.sql`u."email"`, type: 'text' }] },
    lastLogin: {
      label: 'Last Login',
      columns: [
        { sql: Prisma.sql`coalesce(u."last_login_at", '1970-01-01 00:00:00+00'::timestamptz)`, type: 'timestamptz' },
      ],
    },
  },
  defaultSort: 'added',
  defaultDir: 'asc',
};

export async function pageAccountMembers(accountId: number, query: string, req: ListRequest<MemberSort>) {
  const q = query.trim();
  const where = whereAll([
    Prisma.sql`au."account_id" = ${accountId}`,
    !!q && containsWords(Prisma.sql`lower(u."first_name" || ' ' || u."last_name" || ' ' || u."email")`, q),
  ]);
  const { ids, info } = await pageOfIds(MEMBER_LIST, where, req);
  const links = ids.length
    ? await db().accountUser.findMany({ where: { id: { in: ids } }, select: { id: true, ...MEMBER_SELECT } })
    : [];
  return { users: inOrder(ids, links).map(toMember), info };
}
