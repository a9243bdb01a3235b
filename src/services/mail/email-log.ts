// The email log (SPEC rules 23-24): staff read every message, the client area an account's
// history (with `emails`), and a failed message can be sent again.
import { db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import {
  allIds,
  containsWords,
  inOrder,
  type ListRequest,
  type ListSpec,
  pageOfIds,
  whereAll,
} from '../lists/paging.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { accountDisplayName, getAccount } from '../accounts/accounts.js';
import { sendEmailVerification, sendPasswordSetupEmail } from '../auth/email-links.js';
import { resendInvitation } from '../invitations/invitations.js';
import { resendLogged, type SendResult } from './mailer.js';
import { ONE_TIME_LINK_TEMPLATES, REMOVED_TOKEN, type TemplateName } from './templates.js';

export type EmailSort = 'date' | 'recipient' | 'status';

export const EMAIL_LIST: ListSpec<EmailSort> = {
  from: Prisma.sql`"email_log" e`,
  id: Prisma.sql`e."id"`,
  sorts: {
    date: { label: 'Date', columns: [{ sql: Prisma.sql`e."created_at"`, type: 'timestamptz' }] },
    recipient: { label: 'To', columns: [{ sql: Prisma.sql`e."recipient"`, type: 'text' }] },
    status: {
      label: 'Status',
      columns: [
        { sql: Prisma.sql`e."status"`, type: 'text' },
        { sql: Prisma.sql`e."created_at"`, type: 'timestamptz' },
      ],
    },
  },
  defaultSort: 'date',
  defaultDir: 'desc',
};

export interface EmailFilter {
  accountId?: number;
  status?: string;
  /** Recipient or subject contains (email_log_search_trgm_idx). */
  query?: string;
}

export function emailWhere(f: EmailFilter): Prisma.Sql {
  const q = f.query?.trim();
  return whereAll([
    f.accountId !== undefined && Prisma.sql`e."account_id" = ${f.accountId}`,
    !!f.status && Prisma.sql`e."status" = ${f.status}`,
    !!q && containsWords(Prisma.sql`lower(e."recipient" || ' ' || e."subject")`, q ?? ''),
  ]);
}

const EMAIL_ROW = {
  id: true,
  recipient: true,
  subject: true,
  template: true,
  status: true,
  language: true,
  error: true,
  createdAt: true,
  sentAt: true,
  accountId: true,
  userId: true,
} as const;

const emailsFor = async (ids: number[]) =>
  ids.length ? inOrder(ids, await db().emailLog.findMany({ where: { id: { in: ids } }, select: EMAIL_ROW })) : [];

/** The Email Log (SPEC rules 23-24) and a client's Emails tab: one page, with where it stands. */
export async function listEmails(filter: EmailFilter, req: ListRequest<EmailSort> = {}) {
  const { ids, info } = await pageOfIds(EMAIL_LIST, emailWhere(filter), req);
  return { emails: await emailsFor(ids), info, page: info.page, hasNext: info.next !== null };
}

/** Every matching message (without bodies), a batch at a time (CSV export). */
export async function* exportEmails(filter: EmailFilter, req: Pick<ListRequest<EmailSort>, 'sort' | 'dir'>) {
  for await (const ids of allIds(EMAIL_LIST, emailWhere(filter), req)) yield await emailsFor(ids);
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
  await assertStaffMay(actor, 'clients.write');
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
