// "Login as Owner/User" from the admin Users tab (issue 14): a single-use link, valid one minute,
// issued to an admin whose role allows it, for a user of a client that allows single sign-on.
// Following it opens a client-area session of its own (src/http/client/staff-session.ts) bound
// to that account, entered through enterAccountAsStaff (the activity entry is the admin's).
import { db } from '../../db/client.js';
import { MINUTE, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { adminActor, type AdminActor } from '../actor.js';
import type { AccountAccess } from '../../policies/authorize.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { enterAccountAsStaff, type LoginMeta } from './enter-account.js';

const LIFETIME = MINUTE;

const ssoOff = () =>
  new AppError(
    'FORBIDDEN',
    'Single sign-on is turned off for this client, so staff cannot log in as its users. Turn it on in the Profile tab.',
  );

/** The token of the link; only its SHA-256 is stored. */
export async function issueStaffLogin(actor: AdminActor, accountId: number, userId: number): Promise<string> {
  await assertStaffMay(actor, 'loginAsClient');
  const account = await db().account.findUnique({ where: { id: accountId }, select: { allowSingleSignOn: true } });
  if (!account) throw new AppError('NOT_FOUND', 'Client not found.');
  if (!account.allowSingleSignOn) throw ssoOff();
  const member = await db().accountUser.findUnique({
    where: { accountId_userId: { accountId, userId } },
    select: { id: true },
  });
  if (!member) throw new AppError('NOT_A_MEMBER', 'That user does not have access to this client.');
  const { token, hash } = newToken();
  const at = now();
  await db().staffLoginToken.create({
    data: {
      adminId: actor.adminId,
      userId,
      accountId,
      tokenHash: hash,
      expiresAt: new Date(at.getTime() + LIFETIME),
      createdAt: at,
    },
  });
  return token;
}

export interface StaffLogin {
  userId: number;
  accountId: number;
  adminId: number;
  adminName: string;
  access: AccountAccess;
}

/** Uses the link up (one conditional UPDATE: it works once) and enters the account as staff. */
export async function useStaffLogin(token: string, meta: LoginMeta): Promise<StaffLogin> {
  const at = now();
  const [row] = await db().$queryRaw<{ adminId: number; userId: number; accountId: number }[]>`
    UPDATE "staff_login_tokens" SET "used_at" = ${at}
    WHERE "token_hash" = ${hashToken(token)} AND "used_at" IS NULL AND "expires_at" > ${at}
    RETURNING "admin_id" AS "adminId", "user_id" AS "userId", "account_id" AS "accountId"`;
  if (!row) throw new AppError('TOKEN_INVALID', 'This staff login link is not valid, was already used or expired.');
  // The role is read again: an admin demoted or disabled since the link was made cannot use it.
  await assertStaffMay(adminActor(row.adminId, meta.ip), 'loginAsClient');
  const admin = await db().admin.findUniqueOrThrow({
    where: { id: row.adminId },
    select: { firstName: true, lastName: true },
  });
  const access = await enterAccountAsStaff(row.adminId, row.userId, row.accountId, meta);
  return { ...row, adminName: `${admin.firstName} ${admin.lastName}`.trim(), access };
}
