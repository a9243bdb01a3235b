// Admin area: the activity log with who did it (user, admin or System) and the email log.
import { db } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import type { Actor } from './actor.js';
import { listActivity, logActivity, type ActivityFilter } from './activity.js';
import { accountDisplayName, getAccount } from './accounts.js';
import { sendEmailVerification, sendPasswordSetupEmail } from './auth.js';
import { resendInvitation } from './invitations.js';
import { ONE_TIME_LINK_TEMPLATES, resendLogged, type SendResult, type TemplateName } from './mail.js';

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

export interface ResendResult extends SendResult {
  /** True when a new message with a new one-time link was sent instead of the stored copy. */
  reissued: boolean;
}

/**
 * Resend of a failed message only (a sent one would reach the person twice). Logged. A message
 * with a one-time link is not kept with its link (see ONE_TIME_LINK_TEMPLATES), so it is replaced
 * by a new message with a new link, issued by the service that owns the link; the old link, if
 * it ever arrived, stops working.
 */
export async function resendFailedEmail(actor: Actor, id: number): Promise<ResendResult> {
  const email = await getEmail(id);
  if (email.status !== 'failed')
    throw new AppError('CONFLICT', `Only failed emails can be resent; this one is ${email.status}.`);
  if (ONE_TIME_LINK_TEMPLATES.has(email.template as TemplateName)) {
    return { ...(await reissueLink(actor, email)), reissued: true };
  }
  const result = await resendLogged(id);
  await logActivity(actor, `Email resent to ${email.recipient} (Email ID: ${id}): ${result.status}`, email.accountId);
  return { ...result, reissued: false };
}

async function reissueLink(
  actor: Actor,
  email: { template: string; recipient: string; accountId: number | null; userId: number | null },
): Promise<SendResult> {
  if (email.template === 'invitation') {
    const pending = email.accountId
      ? await db().invitation.findFirst({
          where: { accountId: email.accountId, email: email.recipient.toLowerCase(), status: 'pending' },
          select: { id: true },
        })
      : null;
    if (!pending)
      throw new AppError(
        'CONFLICT',
        'This invitation is no longer pending (accepted, cancelled or expired), so its link cannot be sent again.',
      );
    return (await resendInvitation(actor, pending.id)).mail;
  }
  if (!email.userId) throw new AppError('CONFLICT', 'This email is not linked to a user, so no new link can be sent.');
  if (email.template === 'email_verification') return sendEmailVerification(email.userId);
  if (email.template === 'password_reset') return sendPasswordSetupEmail(actor, email.userId, 'password_reset');
  const account = email.accountId ? await getAccount(email.accountId) : null;
  return sendPasswordSetupEmail(actor, email.userId, 'set_password', {
    accountId: account?.id,
    accountName: account ? accountDisplayName(account) : '',
  });
}
