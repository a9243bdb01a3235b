// A TOTP code is accepted once (RFC 6238 section 5.2; hardening item 3), for users and admins:
// the time step of the last accepted code is stored, and a code is accepted only when its step is
// newer, by one conditional UPDATE, so two requests with the same code cannot both succeed.
import { db } from '../../db/client.js';
import { open } from '../../lib/secretbox.js';
import { totpStep } from '../../lib/totp.js';

export interface TotpHolder {
  id: number;
  totpSecret: string | null;
  totpLastStep: bigint | null;
}

export async function acceptTotpCode(who: 'user' | 'admin', holder: TotpHolder, code: string): Promise<boolean> {
  if (!holder.totpSecret) return false;
  const step = totpStep(open(holder.totpSecret), code, holder.totpLastStep);
  if (step === null) return false;
  const claimed =
    who === 'user'
      ? await db().$executeRaw`UPDATE "users" SET "totp_last_step" = ${step}
          WHERE "id" = ${holder.id} AND ("totp_last_step" IS NULL OR "totp_last_step" < ${step})`
      : await db().$executeRaw`UPDATE "admins" SET "totp_last_step" = ${step}
          WHERE "id" = ${holder.id} AND ("totp_last_step" IS NULL OR "totp_last_step" < ${step})`;
  return claimed === 1;
}
