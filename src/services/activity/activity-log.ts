// The activity log: every state change writes one entry (SPEC rule 22).
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import type { Prisma } from '../../generated/prisma/client.js';

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
      adminId: actor.kind === 'admin' ? actor.adminId : null,
      ip: actor.kind === 'system' ? '' : actor.ip,
      apiCredentialId: actor.kind === 'admin' ? (actor.apiCredentialId ?? null) : null,
    },
  });
}

/** Staff write their own entry (the API's LogActivity): about an account, or about nothing. */
export async function logStaffNote(actor: Actor, description: string, accountId: number | null): Promise<void> {
  if (accountId !== null && !(await db().account.findUnique({ where: { id: accountId }, select: { id: true } })))
    throw new AppError('ACCOUNT_NOT_FOUND', 'Account not found.');
  await logActivity(actor, description, accountId);
}

export interface ActivityFilter {
  accountId?: number;
  userId?: number;
  adminId?: number;
  text?: string;
  /** The IP the entry was made from (exact). */
  ip?: string;
  from?: Date;
  to?: Date;
  page?: number;
  perPage?: number;
}

function activityWhere(filter: ActivityFilter): Prisma.ActivityLogWhereInput {
  return {
    ...(filter.accountId ? { accountId: filter.accountId } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.adminId ? { adminId: filter.adminId } : {}),
    ...(filter.text ? { description: { contains: filter.text, mode: 'insensitive' as const } } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
      : {}),
    ...(filter.ip ? { ip: filter.ip } : {}),
  };
}

export async function listActivity(filter: ActivityFilter) {
  const perPage = filter.perPage ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db().activityLog.findMany({
    where: activityWhere(filter),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * perPage,
    take: perPage + 1,
    include: { account: { select: { id: true, firstName: true, lastName: true, companyName: true } } },
  });
  return { entries: rows.slice(0, perPage), page, hasNext: rows.length > perPage };
}

/** An offset window of the log, newest first, and how many entries match in all (the API). */
export async function listActivityWindow(filter: ActivityFilter & { offset: number; limit: number }) {
  const where = activityWhere(filter);
  const [total, entries] = await Promise.all([
    db().activityLog.count({ where }),
    db().activityLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: filter.offset,
      take: filter.limit,
    }),
  ]);
  return { total, entries };
}
