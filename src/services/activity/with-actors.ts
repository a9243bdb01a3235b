// Who did what: the activity log with the names of the users and admins who acted.
import { db } from '../../db/client.js';
import type { ListRequest } from '../lists/paging.js';
import { exportActivity, listActivity, listActivityWindow, type ActivityFilter } from './activity-log.js';
import type { AccountAccess } from '../../policies/authorize.js';
import { authorizeAccountActivity } from '../../policies/user-management.js';
import { userEmailsById } from '../users/search.js';

/** An offset window with the total (the API's GetActivityLog), with who acted. */
export async function listActivityWindowWithActors(filter: ActivityFilter & { offset: number; limit: number }) {
  const result = await listActivityWindow(filter);
  return { ...result, entries: await withActors(result.entries) };
}

/** The names of the users and admins who acted (two more queries, batched, whatever the count). */
async function withActors<E extends { userId: number | null; adminId: number | null }>(entries: E[]) {
  const userIds = [...new Set(entries.map((e) => e.userId).filter((x): x is number => x !== null))];
  const adminIds = [...new Set(entries.map((e) => e.adminId).filter((x): x is number => x !== null))];
  const [users, admins] = await Promise.all([
    userIds.length
      ? db().user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, email: true, firstName: true, lastName: true },
        })
      : [],
    adminIds.length
      ? db().admin.findMany({
          where: { id: { in: adminIds } },
          select: { id: true, email: true, firstName: true, lastName: true },
        })
      : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const adminById = new Map(admins.map((a) => [a.id, a]));
  return entries.map((e) => ({
    ...e,
    user: e.userId !== null ? (userById.get(e.userId) ?? null) : null,
    admin: e.adminId !== null ? (adminById.get(e.adminId) ?? null) : null,
  }));
}

/** listActivity plus the names of the users and admins who acted. */
export async function listActivityWithActors(filter: ActivityFilter, req: ListRequest<'date'> = {}) {
  const result = await listActivity(filter, req);
  return { ...result, entries: await withActors(result.entries) };
}

/** exportActivity plus the names of who acted. */
export async function* exportActivityWithActors(filter: ActivityFilter, req: Pick<ListRequest<'date'>, 'dir'>) {
  for await (const batch of exportActivity(filter, req)) yield await withActors(batch);
}

const ACCOUNT_LOG_PER_PAGE = 25;

/**
 * The account's own log for its owner in the client area (SPEC rule 22): who acted is a user's
 * email, "Admin" (staff are not named to customers) or "System".
 */
export async function listAccountActivity(access: AccountAccess, page: number) {
  const { accountId } = authorizeAccountActivity(access);
  const { entries, hasNext } = await listActivity({ accountId }, { page, perPage: ACCOUNT_LOG_PER_PAGE });
  const emails = await userEmailsById(entries.flatMap((e) => (e.userId ? [e.userId] : [])));
  const rows = entries.map((e) => ({
    id: e.id,
    createdAt: e.createdAt,
    description: e.description,
    ip: e.ip,
    who:
      e.actorType === 'admin'
        ? 'Admin'
        : e.actorType === 'system'
          ? 'System'
          : (emails.get(e.userId ?? 0) ?? `Deleted user #${e.userId ?? '?'}`),
  }));
  return { rows, hasNext };
}
