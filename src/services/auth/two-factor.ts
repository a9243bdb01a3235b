// Two-factor authentication for users (SPEC rule 26): TOTP enrolment with recovery codes, and
// turning it off (the user with a current code; an admin without one, SPEC rule 18).
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { seal } from '../../lib/secretbox.js';
import { newRecoveryCodes, totpStep } from '../../lib/totp.js';
import { acceptTotpCode } from './totp-once.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { getUser } from '../users/users.js';

/** Turns 2FA on once the user proves their app produces codes for the secret. */
export async function enableTotp(actor: Actor, userId: number, secret: string, code: string): Promise<string[]> {
  const step = totpStep(secret, code);
  if (step === null) {
    throw new AppError('INVALID_TOTP', msg('That code does not match. Check the time on your device and try again.'), {
      code: msg('The code is not correct.'),
    });
  }
  const { codes, hashes } = newRecoveryCodes();
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      // The enrolment code counts as used: it cannot log in a minute later.
      data: { totpEnabled: true, totpSecret: seal(secret), recoveryCodeHashes: hashes, totpLastStep: step },
    });
    await logActivity(actor, `Two-factor authentication enabled for User ID: ${userId}`, null, tx);
  });
  return codes;
}

/** The user turns 2FA off with a current code; an admin may turn it off without one (SPEC rule 18). */
export async function disableTotp(actor: Actor, userId: number, code?: string): Promise<void> {
  await assertStaffMay(actor, 'clients.write');
  if (actor.kind === 'user') {
    const user = await getUser(userId);
    if (!code || !(await acceptTotpCode('user', user, code))) {
      throw new AppError(
        'INVALID_TOTP',
        msg('Enter a current code from your authenticator app to turn two-factor off.'),
        {
          code: msg('The code is not correct.'),
        },
      );
    }
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { totpEnabled: false, totpSecret: null, recoveryCodeHashes: [], totpLastStep: null },
    });
    await logActivity(actor, `Two-factor authentication disabled for User ID: ${userId}`, null, tx);
  });
}

/**
 * New recovery codes for a user with 2FA on (issue 13): the old ones stop working at once. It
 * takes a current code from the app (used once, like a login code), so a session left open
 * cannot be used to mint codes that outlive it. The codes are returned to be shown once.
 */
export async function regenerateRecoveryCodes(actor: Actor, userId: number, code: string): Promise<string[]> {
  const user = await getUser(userId);
  if (!user.totpEnabled) {
    throw new AppError('CONFLICT', msg('Two-factor authentication is off, so there are no recovery codes to replace.'));
  }
  if (!(await acceptTotpCode('user', user, code))) {
    throw new AppError(
      'INVALID_TOTP',
      msg('Enter a current code from your authenticator app to get new recovery codes.'),
      {
        code: msg('The code is not correct.'),
      },
    );
  }
  const { codes, hashes } = newRecoveryCodes();
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { recoveryCodeHashes: hashes } });
    await logActivity(actor, `Recovery codes regenerated for User ID: ${userId}`, null, tx);
  });
  return codes;
}
