// API credentials (issue 11): an identifier/secret pair made for an admin, with the functions it may
// call and an optional IP allow-list. The secret is shown once, at creation; only its SHA-256 is
// stored (it is 192 random bits, not a password: a slow hash would add nothing but CPU per call).
// Every call is one UPDATE that checks the pair, records the last use and counts the request in
// the credential's one-minute window, so the throttle holds across any number of app processes.
import { randomBytes } from 'node:crypto';
import { db } from '../../db/client.js';
import { MINUTE, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken } from '../../lib/tokens.js';
import { parseActionList, parseIpAllowList, type ApiActionName } from '../../policies/api-access.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

export const THROTTLE_WINDOW_MS = MINUTE;

export interface NewApiCredential {
  /** The admin the credential acts as (by id, or by email for the command line). */
  admin: { id: number } | { email: string };
  name: string;
  description?: string;
  /** 'all', or the functions chosen from the list. */
  actions: 'all' | readonly string[];
  /** Typed allow-list (addresses or CIDR ranges, one per line or comma); empty = any address. */
  ipAllowList?: string;
}

export const CREDENTIAL_SELECT = {
  id: true,
  name: true,
  description: true,
  identifier: true,
  allowAllActions: true,
  allowedActions: true,
  ipAllowList: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  revokedAt: true,
  admin: { select: { id: true, email: true, firstName: true, lastName: true } },
} as const;

const randomKey = () => randomBytes(24).toString('base64url');

/** Creates a credential; returns the identifier and the secret, which are never readable again. */
export async function createApiCredential(actor: Actor & { kind: 'admin' | 'system' }, input: NewApiCredential) {
  // A credential acts with its admin's role; making or revoking one is a full administrator's job.
  await assertStaffMay(actor, 'settings');
  const name = input.name.trim();
  if (!name || name.length > 100)
    throw new AppError('VALIDATION', 'Give the credential a name (at most 100 characters).', {
      name: 'Enter a name, e.g. "Provisioning script".',
    });
  const allowAllActions = input.actions === 'all';
  const allowedActions: ApiActionName[] = input.actions === 'all' ? [] : parseActionList(input.actions);
  if (!allowAllActions && !allowedActions.length)
    throw new AppError('VALIDATION', 'Choose the API functions this credential may call, or "All".', {
      actions: 'Choose at least one function.',
    });
  const ipAllowList = parseIpAllowList(input.ipAllowList ?? '');
  const where = 'id' in input.admin ? { id: input.admin.id } : { email: input.admin.email.trim().toLowerCase() };
  const admin = await db().admin.findFirst({ where: { ...where, disabled: false }, select: { id: true, email: true } });
  if (!admin)
    throw new AppError('NOT_FOUND', 'No active admin with that id or email.', { adminId: 'Choose an admin.' });

  const identifier = randomKey();
  const secret = randomKey();
  const credential = await db().$transaction(async (tx) => {
    const created = await tx.apiCredential.create({
      data: {
        adminId: admin.id,
        name,
        description: (input.description ?? '').trim().slice(0, 500),
        identifier,
        secretHash: hashToken(secret),
        allowAllActions,
        allowedActions,
        ipAllowList,
        createdAt: now(),
      },
      select: CREDENTIAL_SELECT,
    });
    const scope = allowAllActions ? 'all functions' : allowedActions.join(', ');
    await logActivity(
      actor,
      `API credential created: ${name} (Credential ID: ${created.id}) for admin ${admin.email}, allowed: ${scope}`,
      null,
      tx,
    );
    return created;
  });
  return { credential, identifier, secret };
}

/** The credentials list: who holds which is a full administrator's to see, as to make or revoke. */
export async function listApiCredentials(actor: Actor & { kind: 'admin' | 'system' }) {
  await assertStaffMay(actor, 'settings');
  return db().apiCredential.findMany({ select: CREDENTIAL_SELECT, orderBy: [{ revokedAt: 'desc' }, { id: 'desc' }] });
}

/** Revoking takes effect on the very next call: every call checks revoked_at in its UPDATE. */
export async function revokeApiCredential(actor: Actor & { kind: 'admin' | 'system' }, credentialId: number) {
  await assertStaffMay(actor, 'settings');
  await db().$transaction(async (tx) => {
    const credential = await tx.apiCredential.findUnique({ where: { id: credentialId }, select: { name: true } });
    if (!credential) throw new AppError('NOT_FOUND', 'API credential not found.');
    const { count } = await tx.apiCredential.updateMany({
      where: { id: credentialId, revokedAt: null },
      data: { revokedAt: now() },
    });
    if (!count) throw new AppError('CONFLICT', 'This API credential was already revoked.');
    await logActivity(actor, `API credential revoked: ${credential.name} (Credential ID: ${credentialId})`, null, tx);
  });
}

/** What a call may do, once the pair is checked. */
export interface AuthenticatedCredential {
  credentialId: number;
  adminId: number;
  allowAllActions: boolean;
  allowedActions: string[];
  ipAllowList: string[];
}

interface UseRow extends AuthenticatedCredential {
  windowRequests: number;
  windowStartedAt: Date;
}

/**
 * Checks an identifier/secret pair and counts the call, in one statement: a wrong pair, a revoked
 * credential or a disabled admin is "Authentication Failed"; the call past `perMinute` in the
 * current window is refused with RATE_LIMITED (the window starts at its first call).
 */
export async function useApiCredential(
  identifier: string,
  secret: string,
  ip: string,
  perMinute: number,
): Promise<AuthenticatedCredential> {
  if (!identifier || !secret) throw authenticationFailed();
  const at = now();
  const windowOpenSince = new Date(at.getTime() - THROTTLE_WINDOW_MS);
  const [row] = await db().$queryRaw<UseRow[]>`
    UPDATE "api_credentials" AS c SET
      "window_requests" = CASE WHEN c."window_started_at" > ${windowOpenSince} THEN c."window_requests" + 1 ELSE 1 END,
      "window_started_at" = CASE WHEN c."window_started_at" > ${windowOpenSince} THEN c."window_started_at" ELSE ${at} END,
      "last_used_at" = ${at},
      "last_used_ip" = ${ip}
    FROM "admins" AS a
    WHERE c."identifier" = ${identifier} AND c."secret_hash" = ${hashToken(secret)}
      AND c."revoked_at" IS NULL AND a."id" = c."admin_id" AND NOT a."disabled"
    RETURNING c."id" AS "credentialId", c."admin_id" AS "adminId", c."allow_all_actions" AS "allowAllActions",
      c."allowed_actions" AS "allowedActions", c."ip_allow_list" AS "ipAllowList",
      c."window_requests" AS "windowRequests", c."window_started_at" AS "windowStartedAt"`;
  if (!row) throw authenticationFailed();
  if (row.windowRequests > perMinute) {
    const wait = Math.max(1, Math.ceil((row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS - at.getTime()) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `Too many requests: this API credential may make ${perMinute} calls a minute. Try again in ${wait} seconds.`,
      {},
      wait,
    );
  }
  return {
    credentialId: row.credentialId,
    adminId: row.adminId,
    allowAllActions: row.allowAllActions,
    allowedActions: row.allowedActions ?? [],
    ipAllowList: row.ipAllowList ?? [],
  };
}

const authenticationFailed = () => new AppError('API_AUTH_FAILED', 'Authentication Failed');
