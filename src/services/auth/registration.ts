// Registration through the forms (SPEC rules 1 and 13; hardening item 6). The page answers the
// same whether or not the address already has a user: "check your email". A new address gets
// its account (and user) at once, unconfirmed, and a link that confirms it and logs in; a taken
// address gets a message telling its owner someone tried, and nothing is created. The password
// is hashed first in both cases, and the mail is sent by the deferred-mail worker, so neither the
// page nor the time it takes tells the two apart. Logging in waits for the link (login.ts), or
// else a second attempt with the chosen password would tell them apart instead.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { hashToken } from '../../lib/tokens.js';
import { userActor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName, createOwnedAccountInTx, type Registration } from '../accounts/accounts.js';
import { usableInvitationInTx } from '../invitations/accept.js';
import { claimInvitationInTx } from '../invitations/accept.js';
import { getSettings } from '../settings/settings.js';
import { hit } from '../throttles/throttles.js';
import { REQUEST_RULES } from '../throttles/request-throttles.js';
import { createUserInTx, findUserByEmail, hashUserPassword, normalizeEmail } from '../users/users.js';
import { deferEmail } from './deferred-mail.js';

/**
 * The Terms of Service the person must accept (issue 13 bug 7): none while the admin has set no
 * terms URL; otherwise the box must be ticked, and the version is what the new user records.
 */
async function acceptedTermsVersion(acceptTerms: boolean | undefined): Promise<string | null> {
  const { termsUrl, termsVersion } = await getSettings();
  if (!termsUrl) return null;
  if (!acceptTerms)
    throw new AppError('VALIDATION', msg('Please accept the Terms of Service to register.'), {
      acceptTerms: msg('You must accept the Terms of Service.'),
    });
  return termsVersion;
}

/** The register page: a new account owned by a new, unconfirmed user; or the owner is told. */
export async function beginRegistration(input: Registration & { acceptTerms?: boolean }, ip = ''): Promise<void> {
  const termsVersion = await acceptedTermsVersion(input.acceptTerms);
  await hit(REQUEST_RULES.registerPerIp, ip);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashUserPassword(input.password);
  if (await findUserByEmail(email)) return deferEmail('account_exists', email, ip);
  const userId = await db()
    .$transaction(async (tx) => {
      const user = await createUserInTx(tx, { ...input, email, passwordHash, activationPending: true, termsVersion });
      const account = await createOwnedAccountInTx(tx, user.id, input);
      const actor = userActor(user.id, ip);
      await logActivity(actor, `User registered: ${user.email} (User ID: ${user.id})`, account.id, tx);
      await logActivity(
        actor,
        `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id})`,
        account.id,
        tx,
      );
      return user.id;
    })
    .catch((e: unknown) => {
      // Registered a moment ago by a concurrent request: that is the "taken" case too.
      if (e instanceof AppError && e.code === 'EMAIL_TAKEN') return null;
      throw e;
    });
  if (userId === null) return deferEmail('account_exists', email, ip);
  await deferEmail('activation', email, ip, { userId });
}

export interface InvitationRegistration {
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  acceptTerms?: boolean;
  /** The language the person registered in (req.language): the new user's setting, and their emails'. */
  language?: string;
}

/**
 * The Register form of an invitation page: a new user who accepts at once (SPEC rule 13) and
 * confirms by email before logging in; or, for a taken address, its owner is sent the way to
 * accept with their existing user. A dead link refuses before anything is written.
 */
export async function registerForInvitation(token: string, input: InvitationRegistration, ip = ''): Promise<void> {
  const termsVersion = await acceptedTermsVersion(input.acceptTerms);
  await hit(REQUEST_RULES.registerPerIp, ip);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashUserPassword(input.password);
  const invitation = await db().$transaction((tx) => usableInvitationInTx(tx, hashToken(token)));
  if (await findUserByEmail(email))
    return deferEmail('account_exists', email, ip, { inviteToken: token, accountName: invitation.accountName });
  const userId = await db()
    .$transaction(async (tx) => {
      const inv = await usableInvitationInTx(tx, hashToken(token));
      const user = await createUserInTx(tx, { ...input, email, passwordHash, activationPending: true, termsVersion });
      await logActivity(
        userActor(user.id, ip),
        `User registered: ${user.email} (User ID: ${user.id})`,
        inv.accountId,
        tx,
      );
      await claimInvitationInTx(tx, token, user.id, ip);
      return user.id;
    })
    .catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'EMAIL_TAKEN') return null;
      throw e;
    });
  if (userId === null)
    return deferEmail('account_exists', email, ip, { inviteToken: token, accountName: invitation.accountName });
  await deferEmail('activation', email, ip, { userId, accountName: invitation.accountName });
}
