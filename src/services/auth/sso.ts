// Single sign-on links made by staff through the API (WHMCS's CreateSsoToken): a token that logs a
// user in to one client account and lands on a chosen page. Single use, valid 60 seconds, 256
// random bits of which only the SHA-256 is stored; refused for a client whose single sign-on is
// switched off (checked when made and again when used). Redeeming goes through completeLogin /
// enterAccount like every other way in, so the membership is checked at that moment too.
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { userActor, type Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { getAccount } from '../accounts/accounts.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { getUser } from '../users/users.js';
import { completeLogin, type CompletedLogin, type LoginMeta } from './enter-account.js';
import { resolveDestination, type DestinationRequest } from './sso-destinations.js';

export const SSO_LINK_LIFETIME_MS = 60_000;

/** Where the client area redeems a link (WHMCS's own path, so the URLs look as clients expect). */
export const SSO_REDEEM_PATH = '/oauth/singlesignon.php';

export interface SsoRequest extends DestinationRequest {
  /** The client account to enter. Without it, the user's only account. */
  accountId?: number;
  /** The user to log in. Without it, the owner of the account. */
  userId?: number;
}

// Of this file's refusals only those of a link being used reach the client area, so only they are
// translated (msg); the others answer the API, which stays English.
const ssoBlocked = (accountId: number) =>
  new AppError(
    'SSO_DISABLED',
    msg('Single sign-on is turned off for client #{{accountId}}.'),
    { client_id: String(accountId) },
    { params: { accountId } },
  );

/** Which account and user a request means; every refusal is its own code (see the API's table). */
async function resolveTarget(req: SsoRequest): Promise<{ accountId: number; userId: number; email: string }> {
  if (req.accountId === undefined && req.userId === undefined)
    throw new AppError('VALIDATION', 'Name the client account or the user to log in.', { client_id: 'Required.' });
  const user = req.userId !== undefined ? await getUser(req.userId) : null;
  let accountId = req.accountId;
  if (accountId === undefined) {
    const links = await db().accountUser.findMany({ where: { userId: user!.id }, select: { accountId: true } });
    if (!links.length) throw new AppError('NOT_A_MEMBER', 'This user has no client account to enter.');
    if (links.length > 1)
      throw new AppError('CONFLICT', 'This user can reach several client accounts: name the one to enter (client_id).');
    accountId = links[0]!.accountId;
  }
  const account = await getAccount(accountId);
  const link = await db().accountUser.findFirst({
    where: { accountId, ...(user ? { userId: user.id } : { isOwner: true }) },
    select: { userId: true, user: { select: { email: true } } },
  });
  if (!link) throw new AppError('NOT_A_MEMBER', 'That user does not have access to this client account.');
  if (!account.allowSingleSignOn) throw ssoBlocked(accountId);
  return { accountId, userId: link.userId, email: link.user.email };
}

/** Makes a link; the raw token exists only in the answer to the caller. */
export async function createSsoToken(actor: Actor & { kind: 'admin' | 'system' }, req: SsoRequest) {
  // The admin area's "Login as Client" right: a link logs its holder in as the user.
  await assertStaffMay(actor, 'loginAsClient');
  const target = await resolveTarget(req);
  const destination = await resolveDestination(target.accountId, req);
  const { token, hash } = newToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + SSO_LINK_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    // Spent and expired links of this user are of no further use: keep the table small.
    await tx.ssoToken.deleteMany({ where: { userId: target.userId, expiresAt: { lt: at } } });
    await tx.ssoToken.create({
      data: {
        tokenHash: hash,
        userId: target.userId,
        accountId: target.accountId,
        destination,
        expiresAt,
        createdAt: at,
      },
    });
    await logActivity(
      actor,
      `Single sign-on link created for ${target.email} (User ID: ${target.userId}) to ${destination}`,
      target.accountId,
      tx,
    );
  });
  return { token, expiresAt, ...target, destination };
}

/**
 * Uses a link: one conditional UPDATE claims it (unused, unexpired, client still allows single
 * sign-on), so it works exactly once however many requests race; then the login is completed
 * into its account. A dead link says why, and nothing is written.
 */
export async function signInWithSsoToken(
  token: string,
  meta: LoginMeta,
): Promise<{ login: CompletedLogin; destination: string }> {
  const tokenHash = hashToken(token);
  const at = now();
  const [claimed] = await db().$queryRaw<{ userId: number; accountId: number; destination: string }[]>`
    UPDATE "sso_tokens" AS t SET "used_at" = ${at}
    FROM "accounts" AS a
    WHERE t."token_hash" = ${tokenHash} AND t."used_at" IS NULL AND t."expires_at" > ${at}
      AND a."id" = t."account_id" AND a."allow_single_sign_on"
    RETURNING t."user_id" AS "userId", t."account_id" AS "accountId", t."destination"`;
  if (!claimed) throw await whyUnusable(tokenHash, at);
  const login = await completeLogin(claimed.userId, meta, claimed.accountId);
  await logActivity(userActor(claimed.userId, meta.ip), 'Logged in with a single sign-on link', claimed.accountId);
  return { login, destination: claimed.destination };
}

async function whyUnusable(tokenHash: string, at: Date): Promise<AppError> {
  const row = await db().ssoToken.findUnique({
    where: { tokenHash },
    select: { usedAt: true, expiresAt: true, accountId: true },
  });
  if (!row || row.usedAt)
    return new AppError('TOKEN_INVALID', msg('This sign-in link is not valid or was already used.'));
  if (row.expiresAt <= at)
    return new AppError('TOKEN_EXPIRED', msg('This sign-in link has expired. Ask for a new one.'));
  return ssoBlocked(row.accountId ?? 0);
}
