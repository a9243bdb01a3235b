// The activity log: every state change writes one entry (SPEC rule 22).
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
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
    },
  });
}

export interface ActivityFilter {
  accountId?: number;
  userId?: number;
  adminId?: number;
  text?: string;
  from?: Date;
  to?: Date;
  page?: number;
  perPage?: number;
}

export async function listActivity(filter: ActivityFilter) {
  const perPage = filter.perPage ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const where: Prisma.ActivityLogWhereInput = {
    ...(filter.accountId ? { accountId: filter.accountId } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.adminId ? { adminId: filter.adminId } : {}),
    ...(filter.text ? { description: { contains: filter.text, mode: 'insensitive' as const } } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } }
      : {}),
  };
  const rows = await db().activityLog.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * perPage,
    take: perPage + 1,
    include: { account: { select: { id: true, firstName: true, lastName: true, companyName: true } } },
  });
  return { entries: rows.slice(0, perPage), page, hasNext: rows.length > perPage };
}
