// The account's affiliate programme: referral code (made when the account activates it),
// balance, withdrawals. Reading the page never writes anything.
import { accountFor } from '../../policies/authorize.js';
import { randomBytes } from 'node:crypto';
import { db } from '../../db/client.js';
import { now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { AccountContext } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';

export const MIN_WITHDRAWAL = new Prisma.Decimal('0.01');

const include = { withdrawals: { orderBy: { createdAt: 'desc' as const } } };

/** The account's affiliate record, or null while the account has not activated the programme. */
export function getAffiliate(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'affiliates');
  return db().affiliate.findUnique({ where: { accountId }, include });
}

/** The explicit "Activate" button: a random referral code, once (a second activation is a no-op). */
export async function activateAffiliate(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'affiliates');
  const existing = await db().affiliate.findUnique({ where: { accountId }, include });
  if (existing) return existing;
  try {
    return await db().$transaction(async (tx) => {
      const affiliate = await tx.affiliate.create({
        data: { accountId, code: randomBytes(6).toString('base64url'), createdAt: now() },
        include,
      });
      await logActivity(ctx.actor, `Affiliate account activated (code ${affiliate.code})`, accountId, tx);
      return affiliate;
    });
  } catch (e) {
    // Two activations at once: the other one made it.
    if (isUniqueViolation(e)) return db().affiliate.findUniqueOrThrow({ where: { accountId }, include });
    throw e;
  }
}

/** Moves `amount` from the balance into a pending withdrawal; never more than the balance. */
export async function requestWithdrawal(ctx: AccountContext, requested: string) {
  const accountId = accountFor(ctx.access, 'affiliates');
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(requested))
    throw new AppError('VALIDATION', msg('Enter an amount like 25.00.'), {
      amount: msg('Enter an amount like 25.00.'),
    });
  const amount = new Prisma.Decimal(requested);
  if (amount.lessThan(MIN_WITHDRAWAL))
    throw new AppError('VALIDATION', msg('Enter a positive amount.'), { amount: msg('Enter a positive amount.') });
  return db().$transaction(async (tx) => {
    const affiliate = await tx.affiliate.findUnique({ where: { accountId } });
    if (!affiliate) throw new AppError('NOT_FOUND', msg('This account has no affiliate account yet.'));
    // Conditional decrement: concurrent requests can never take the balance below zero.
    const { count } = await tx.affiliate.updateMany({
      where: { id: affiliate.id, balance: { gte: amount } },
      data: { balance: { decrement: amount }, withdrawn: { increment: amount } },
    });
    if (!count) {
      throw new AppError(
        'VALIDATION',
        msg('The amount is more than your available balance.'),
        { amount: msg('You can withdraw at most {{amount}}.') },
        { params: { amount: affiliate.balance.toFixed(2) } },
      );
    }
    const withdrawal = await tx.affiliateWithdrawal.create({
      data: {
        affiliateId: affiliate.id,
        amount,
        status: 'Pending',
        requestedByUserId: ctx.actor.userId,
        createdAt: now(),
      },
    });
    await logActivity(ctx.actor, `Affiliate withdrawal requested: ${amount.toFixed(2)}`, accountId, tx);
    return withdrawal;
  });
}
