// The email log (SPEC rules 23-24): staff read every message, the client area an account's
// history (with `emails`), and a failed message can be sent again.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName, getAccount } from '../accounts/accounts.js';
import { sendEmailVerification, sendPasswordSetupEmail } from '../auth/email-links.js';
import { resendInvitation } from '../invitations/invitations.js';
import { resendLogged, type SendResult } from './mailer.js';
import { ONE_TIME_LINK_TEMPLATES, REMOVED_TOKEN, type TemplateName } from './templates.js';

export async function listEmails(filter: { accountId?: number; status?: string; page?: number; perPage?: number }) {
  const perPage = filter.perPage ?? 25;
  const page = Math.max(1, filter.page ?? 1);
  const rows = await db().emailLog.findMany({
    where: {
      ...(filter.accountId ? { accountId: filter.accountId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * perPage,
    take: perPage + 1,
    select: {
      id: true,
      recipient: true,
      subject: true,
      template: true,
      status: true,
      error: true,
      createdAt: true,
      accountId: true,
      userId: true,
    },
  });
  return { emails: rows.slice(0, perPage), page, hasNext: rows.length > perPage };
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
  if (email.bodyText.includes(REMOVED_TOKEN))
    throw new AppError('CONFLICT', 'This message carried a one-time link that is not kept, so it cannot be resent.');
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
