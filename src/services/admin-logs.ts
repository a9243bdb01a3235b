// Admin area: the activity log with who did it (user, admin or System) and the email log.
import { db } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import type { Actor } from './actor.js';
import { listActivity, logActivity, type ActivityFilter } from './activity.js';
import { resendLogged, type SendResult } from './mail.js';

/** listActivity plus the names of the users and admins who acted (two more queries, batched). */
export async function listActivityWithActors(filter: ActivityFilter) {
  const result = await listActivity(filter);
  const userIds = [...new Set(result.entries.map((e) => e.userId).filter((x): x is number => x !== null))];
  const adminIds = [...new Set(result.entries.map((e) => e.adminId).filter((x): x is number => x !== null))];
  const [users, admins] = await Promise.all([
    userIds.length
      ? db().user.findMany({
          where: { id: { in: userIds } },
          select: { id: true, email: true, firstName: true, lastName: true },
        })
      : [],
    adminIds.length
      ? db().admin.findMany({ where: { id: { in: adminIds } }, select: { id: true, firstName: true, lastName: true } })
      : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const adminById = new Map(admins.map((a) => [a.id, a]));
  return {
    ...result,
    entries: result.entries.map((e) => ({
      ...e,
      user: e.userId !== null ? (userById.get(e.userId) ?? null) : null,
      admin: e.adminId !== null ? (adminById.get(e.adminId) ?? null) : null,
    })),
  };
}

export function listAdmins() {
  return db().admin.findMany({
    select: { id: true, firstName: true, lastName: true, email: true },
    orderBy: { id: 'asc' },
  });
}

export async function getEmail(id: number) {
  const email = await db().emailLog.findUnique({
    where: { id },
    include: { account: { select: { id: true, firstName: true, lastName: true, companyName: true } } },
  });
  if (!email) throw new AppError('NOT_FOUND', 'Email not found.');
  return email;
}

/** Resend of a failed message only (a sent one would reach the person twice). Logged. */
export async function resendFailedEmail(actor: Actor, id: number): Promise<SendResult> {
  const email = await getEmail(id);
  if (email.status !== 'failed')
    throw new AppError('CONFLICT', `Only failed emails can be resent; this one is ${email.status}.`);
  const result = await resendLogged(id);
  await logActivity(actor, `Email resent to ${email.recipient} (Email ID: ${id}): ${result.status}`, email.accountId);
  return result;
}
