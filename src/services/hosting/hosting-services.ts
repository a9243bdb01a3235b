// An account's products & services: list, detail, password (see/reset), control-panel SSO and
// cancellation requests. Every function is scoped by accountId: another account's id is a 404.
import { accountFor } from '../../policies/authorize.js';
import type { Permission } from '../../policies/permissions.js';
import { randomInt } from 'node:crypto';
import { db, type Tx } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { open, seal } from '../../lib/secretbox.js';
import { signSsoToken } from '../../lib/sso-token.js';
import type { AccountContext } from '../actor.js';
import { type CancellationType } from './constants.js';
import { logActivity } from '../activity/activity-log.js';

export function listServices(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'products');
  return db().service.findMany({
    where: { accountId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { product: { select: { name: true } } },
  });
}

async function findService(client: Tx, accountId: number, serviceId: number) {
  const service = await client.service.findFirst({
    where: { id: serviceId, accountId },
    include: {
      product: { select: { name: true, description: true } },
      cancellations: { orderBy: { createdAt: 'desc' } },
    },
  });
  if (!service) throw new AppError('NOT_FOUND', msg('That service was not found in this account.'));
  return service;
}

/** The service without its sealed password. */
export async function getService(ctx: AccountContext, serviceId: number, permission: Permission = 'products') {
  const accountId = accountFor(ctx.access, permission);
  const { passwordEnc, ...service } = await findService(db(), accountId, serviceId);
  return { ...service, hasPassword: passwordEnc !== '' };
}

/** The service's login password in clear. Callers check `manageproducts`. */
export async function revealServicePassword(ctx: AccountContext, serviceId: number): Promise<string> {
  const accountId = accountFor(ctx.access, 'manageproducts');
  const service = await findService(db(), accountId, serviceId);
  return service.passwordEnc ? open(service.passwordEnc) : '';
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^*-_';

export function generateServicePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Generates, seals and stores a new password; returns it so the page can show it once. */
export async function resetServicePassword(ctx: AccountContext, serviceId: number): Promise<string> {
  const accountId = accountFor(ctx.access, 'manageproducts');
  const password = generateServicePassword();
  await db().$transaction(async (tx) => {
    await findService(tx, accountId, serviceId);
    await tx.service.update({ where: { id: serviceId }, data: { passwordEnc: seal(password) } });
    await logActivity(ctx.actor, `Service password reset (Service ID: ${serviceId})`, accountId, tx);
  });
  return password;
}

/** Records the single sign-on and returns the panel URL carrying a 60-second signed token. */
export async function startServiceSso(ctx: AccountContext, serviceId: number): Promise<string> {
  const accountId = accountFor(ctx.access, 'productsso');
  const service = await findService(db(), accountId, serviceId);
  if (!service.panelUrl) throw new AppError('CONFLICT', msg('This service has no control panel to log in to.'));
  const url = new URL(service.panelUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('CONFLICT', msg('This service has no control panel to log in to.'));
  url.searchParams.set('token', signSsoToken(service.id, ctx.actor.userId));
  await logActivity(ctx.actor, `Single sign-on to control panel (Service ID: ${serviceId})`, accountId);
  return url.toString();
}

export async function requestCancellation(
  ctx: AccountContext,
  serviceId: number,
  input: { reason: string; type: CancellationType },
) {
  const accountId = accountFor(ctx.access, 'orders');
  return db().$transaction(async (tx) => {
    const service = await findService(tx, accountId, serviceId);
    if (service.status === 'Cancelled' || service.status === 'Terminated') {
      throw new AppError('CONFLICT', msg('This service is already cancelled.'));
    }
    const already = () => new AppError('CONFLICT', msg('A cancellation has already been requested for this service.'));
    if (service.cancellations.length) throw already();
    // One per service (a unique index): of many requests sent at once, exactly one is recorded.
    const request = await tx.cancellationRequest
      .create({
        data: {
          serviceId,
          reason: input.reason,
          type: input.type,
          requestedByUserId: ctx.actor.userId,
          createdAt: now(),
        },
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? already() : e;
      });
    await logActivity(ctx.actor, `Cancellation requested (${input.type}) for Service ID: ${serviceId}`, accountId, tx);
    return request;
  });
}
