// The account's email history for the client area (`emails`): only this account's rows.
import { accountFor } from '../../policies/authorize.js';
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountContext } from '../actor.js';

export async function listAccountEmails(ctx: AccountContext, page = 1, perPage = 25) {
  const accountId = accountFor(ctx.access, 'emails');
  const current = Math.max(1, page);
  const rows = await db().emailLog.findMany({
    where: { accountId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * perPage,
    take: perPage + 1,
    select: { id: true, recipient: true, subject: true, status: true, createdAt: true, sentAt: true },
  });
  return { emails: rows.slice(0, perPage), page: current, hasNext: rows.length > perPage };
}

export async function getAccountEmail(ctx: AccountContext, emailId: number) {
  const accountId = accountFor(ctx.access, 'emails');
  const email = await db().emailLog.findFirst({
    where: { id: emailId, accountId },
    select: {
      id: true,
      recipient: true,
      subject: true,
      status: true,
      createdAt: true,
      sentAt: true,
      bodyHtml: true,
      bodyText: true,
    },
  });
  if (!email) throw new AppError('NOT_FOUND', msg('That email was not found in this account.'));
  return email;
}
