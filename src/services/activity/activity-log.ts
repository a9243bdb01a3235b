// The activity log: every state change writes one entry (SPEC rule 22).
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { Actor } from '../actor.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { Prisma } from '../../generated/prisma/client.js';
import {
  allIds,
  containsPattern,
  inOrder,
  pageOfIds,
  whereAll,
  type ListRequest,
  type ListSpec,
} from '../lists/paging.js';

export async function logActivity(
  actor: Actor,
  description: string,
  accountId: number | null,
  client: Tx = db(),
): Promise<void> {
  await client.activityLog.create({
    data: {
      createdAt: now(),
      description,
      accountId,
      actorType: actor.kind,
      userId: actor.kind === 'user' ? actor.userId : null,
      // A user's action in a session staff opened as them also names the admin (Login as Client).
      adminId: actor.kind === 'admin' ? actor.adminId : actor.kind === 'user' ? (actor.byAdminId ?? null) : null,
      ip: actor.ip ?? '',
      apiCredentialId: actor.kind === 'admin' ? (actor.apiCredentialId ?? null) : null,
    },
  });
}

/**
 * Staff write their own entry (the API's LogActivity): about an account, or about nothing. The
 * log is each client's record of what was done to it, which no role writes to by hand in the
 * admin area, so adding to it takes the right to change clients (notes have their own table).
 */
export async function logStaffNote(actor: Actor, description: string, accountId: number | null): Promise<void> {
  await assertStaffMay(actor, 'clients.write');
  if (accountId !== null && !(await db().account.findUnique({ where: { id: accountId }, select: { id: true } })))
    throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
  await logActivity(actor, description, accountId);
}

export interface ActivityFilter {
  accountId?: number;
  userId?: number;
  adminId?: number;
  /** "Description contains": taken literally (% and _ are not wildcards). */
  text?: string;
  /** The IP the entry was made from (exact). */
  ip?: string;
  from?: Date;
  to?: Date;
}

export const ACTIVITY_LIST: ListSpec<'date'> = {
  from: Prisma.sql`"activity_log" l`,
  id: Prisma.sql`l."id"`,
  sorts: { date: { label: 'Date', columns: [{ sql: Prisma.sql`l."created_at"`, type: 'timestamptz' }] } },
  defaultSort: 'date',
  defaultDir: 'desc',
};

/** The filters as SQL; the description search uses activity_log_description_trgm_idx. */
export function activityWhere(f: ActivityFilter): Prisma.Sql {
  return whereAll([
    f.accountId !== undefined && Prisma.sql`l."account_id" = ${f.accountId}`,
    f.userId !== undefined && Prisma.sql`l."user_id" = ${f.userId}`,
    f.adminId !== undefined && Prisma.sql`l."admin_id" = ${f.adminId}`,
    !!f.ip && Prisma.sql`l."ip" = ${f.ip}`,
    !!f.text?.trim() && Prisma.sql`lower(l."description") LIKE ${containsPattern(f.text ?? '')}`,
    f.from && Prisma.sql`l."created_at" >= ${f.from}`,
    f.to && Prisma.sql`l."created_at" <= ${f.to}`,
  ]);
}

const ACCOUNT_OF_ENTRY = { select: { id: true, firstName: true, lastName: true, companyName: true } } as const;

async function entriesFor(ids: number[]) {
  if (!ids.length) return [];
  const rows = await db().activityLog.findMany({ where: { id: { in: ids } }, include: { account: ACCOUNT_OF_ENTRY } });
  return inOrder(ids, rows);
}

export async function listActivity(filter: ActivityFilter, req: ListRequest<'date'> = {}) {
  const { ids, info } = await pageOfIds(ACTIVITY_LIST, activityWhere(filter), req);
  return { entries: await entriesFor(ids), info, page: info.page, hasNext: info.next !== null };
}

/** Every matching entry, newest first unless asked otherwise, a batch at a time (CSV export). */
export async function* exportActivity(filter: ActivityFilter, req: Pick<ListRequest<'date'>, 'dir'>) {
  for await (const ids of allIds(ACTIVITY_LIST, activityWhere(filter), req)) yield await entriesFor(ids);
}

/**
 * A failed login (issue 14): the email tried, why it failed and from where, never the password.
 * Attributed to the user or admin whose login it was (so filtering the log by them shows it), or
 * to System with the visitor's IP when the email belongs to nobody.
 */
export async function logFailedLogin(
  area: 'client' | 'admin',
  attempt: { email: string; ip: string; userId?: number; adminId?: number },
  reason: string,
): Promise<void> {
  const actor: Actor =
    attempt.userId !== undefined
      ? { kind: 'user', userId: attempt.userId, ip: attempt.ip }
      : attempt.adminId !== undefined
        ? { kind: 'admin', adminId: attempt.adminId, ip: attempt.ip }
        : { kind: 'system', ip: attempt.ip };
  const where = area === 'admin' ? 'admin area' : 'client area';
  await logActivity(actor, `Failed login (${where}) for ${attempt.email.slice(0, 254)}: ${reason}`, null);
}

/**
 * An offset window of the log, newest first, and how many entries match in all (the API's
 * GetActivityLog). The same filters as the admin list, so "contains" is literal there too.
 */
export async function listActivityWindow(filter: ActivityFilter & { offset: number; limit: number }) {
  const where = activityWhere(filter);
  const [[{ n: total }], rows] = await Promise.all([
    db().$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM "activity_log" l WHERE ${where}`,
    db().$queryRaw<{ id: number }[]>`
      SELECT l."id" FROM "activity_log" l WHERE ${where}
      ORDER BY l."created_at" DESC, l."id" DESC OFFSET ${filter.offset} LIMIT ${filter.limit}`,
  ]);
  const ids = rows.map((r) => r.id);
  const entries = ids.length ? inOrder(ids, await db().activityLog.findMany({ where: { id: { in: ids } } })) : [];
  return { total, entries };
}
