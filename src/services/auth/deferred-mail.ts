// Mail a request only records (hardening item 6). A password reset for an unknown address, and
// a registration with an address that is already taken, must answer exactly like the other
// case: the request does the same work either way (one INSERT here) and a worker in any
// instance does the rest: looks the address up, issues the link, sends the right message.
// Rows are claimed with FOR UPDATE SKIP LOCKED, so several instances never send one twice.
import { db } from '../../db/client.js';
import { MINUTE, now } from '../../lib/clock.js';
import { open, seal } from '../../lib/secretbox.js';
import { logger } from '../../logger.js';
import { findUserByEmail, getUser } from '../users/users.js';
import { sendAccountExistsNotice, sendActivationLink, sendPasswordResetLink } from './email-links.js';

export type DeferredKind = 'password_reset' | 'account_exists' | 'activation';

interface Payload {
  /** activation: the user to activate; account_exists for an invitation: its link and account. */
  userId?: number;
  accountName?: string;
  inviteToken?: string;
}

/** As stored: a live invitation token only sealed (AES-GCM under the app secret), never in clear. */
interface StoredPayload extends Omit<Payload, 'inviteToken'> {
  sealedInviteToken?: string;
}

interface Row {
  id: number;
  kind: DeferredKind;
  email: string;
  ip: string;
  payload: StoredPayload;
}

const MAX_ATTEMPTS = 5;

/**
 * Records the wish; this instance sends it right after the answer went out. Another instance
 * only picks it up if this one did not manage within ABANDONED_AFTER (it crashed, say).
 */
export async function deferEmail(kind: DeferredKind, email: string, ip: string, payload: Payload = {}): Promise<void> {
  const { inviteToken, ...rest } = payload;
  const stored: StoredPayload = inviteToken ? { ...rest, sealedInviteToken: seal(inviteToken) } : rest;
  const row = await db().deferredEmail.create({
    data: { kind, email: email.trim().toLowerCase(), ip, payload: { ...stored } },
    select: { id: true },
  });
  setImmediate(() => void sendDeferred(row.id).catch((err: unknown) => logger.error({ err }, 'deferred mail failed')));
}

async function handle(row: Row): Promise<void> {
  if (row.kind === 'password_reset') {
    const user = await findUserByEmail(row.email);
    if (user) await sendPasswordResetLink(user, row.ip);
    return;
  }
  if (row.kind === 'activation' && row.payload.userId) {
    await sendActivationLink(await getUser(row.payload.userId), row.payload.accountName ?? '');
    return;
  }
  if (row.kind === 'account_exists') {
    const user = await findUserByEmail(row.email);
    const { sealedInviteToken, accountName } = row.payload;
    const inviteToken = sealedInviteToken ? open(sealedInviteToken) : undefined;
    if (user)
      await sendAccountExistsNotice(
        user,
        inviteToken ? { token: inviteToken, accountName: accountName ?? '' } : undefined,
      );
  }
}

const ABANDONED_AFTER = MINUTE;

async function run(rows: Row[]): Promise<number> {
  for (const row of rows) {
    try {
      await handle(row);
      await db().deferredEmail.delete({ where: { id: row.id } });
    } catch (err) {
      // Left locked for a minute, then tried again by the sweep, at most MAX_ATTEMPTS times (the
      // email log records failed deliveries themselves; this is for failures before a message exists).
      logger.error({ err, deferredEmailId: row.id, kind: row.kind }, 'deferred mail failed; will retry');
    }
  }
  return rows.length;
}

/** Sends one recorded message now (the recording instance, right after its answer). */
export async function sendDeferred(id: number): Promise<number> {
  const rows = await db().$queryRaw<Row[]>`
    UPDATE "deferred_emails" SET "locked_until" = ${new Date(now().getTime() + MINUTE)}, "attempts" = "attempts" + 1
    WHERE "id" = (SELECT "id" FROM "deferred_emails" WHERE "id" = ${id} AND "locked_until" IS NULL FOR UPDATE SKIP LOCKED)
    RETURNING "id", "kind", "email", "ip", "payload"`;
  return run(rows);
}

/**
 * The periodic sweep (any instance): what was recorded over a minute ago and is not being sent
 * (its instance died, or the send failed and its lock ran out). Returns how many were tried.
 */
export async function sweepDeferredEmails(batch = 20): Promise<number> {
  const at = now();
  const rows = await db().$queryRaw<Row[]>`
    UPDATE "deferred_emails" SET "locked_until" = ${new Date(at.getTime() + MINUTE)}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "deferred_emails"
      WHERE "created_at" < ${new Date(at.getTime() - ABANDONED_AFTER)}
        AND ("locked_until" IS NULL OR "locked_until" < ${at}) AND "attempts" < ${MAX_ATTEMPTS}
      ORDER BY "id" LIMIT ${batch} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "email", "ip", "payload"`;
  return run(rows);
}
