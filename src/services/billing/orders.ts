// Checkout (SPEC rule 2): the cart's products become Pending services plus ONE unpaid invoice on
// an account the user may order for (`orders`), or on a new account the user will own. All of it
// happens in one transaction: nothing is half-written.
import { db, type Tx } from '../../db/client.js';
import { now, DAY } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { effectivePermissions } from '../../policies/authorize.js';
import type { Actor } from '../actor.js';
import { accountDisplayName, createOwnedAccountInTx, type BillingProfile } from '../accounts/accounts.js';
import { logActivity } from '../activity/activity-log.js';
import { sendOrderEmails } from './billing-mail.js';
import { createInvoiceInTx } from './invoices.js';

export type OrderTarget = { kind: 'existing'; accountId: number } | { kind: 'new'; profile: BillingProfile };

export interface OrderResult {
  accountId: number;
  invoiceId: number;
  serviceIds: number[];
}

const CYCLE_DAYS: Record<string, number> = {
  Monthly: 30,
  Quarterly: 91,
  'Semi-Annually': 182,
  Annually: 365,
  Biennially: 730,
};

async function placeOrderInTx(
  tx: Tx,
  actor: Actor & { kind: 'user' },
  accountId: number,
  productIds: readonly number[],
  checkoutKey: string | null,
): Promise<OrderResult> {
  const ids = [...new Set(productIds)];
  const products = await tx.product.findMany({ where: { id: { in: ids }, active: true } });
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines = productIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
  if (!lines.length || lines.length !== productIds.length) {
    throw new AppError(
      'CONFLICT',
      msg('Your cart is empty or holds a product that is no longer available. Please review your cart.'),
    );
  }
  const start = now();
  const items = [];
  const serviceIds: number[] = [];
  for (const product of lines) {
    const service = await tx.service.create({
      data: {
        accountId,
        productId: product.id,
        status: 'Pending',
        billingCycle: product.billingCycle,
        amount: product.price,
        nextDueDate: new Date(start.getTime() + (CYCLE_DAYS[product.billingCycle] ?? 30) * DAY),
        panelUrl: product.panelUrl,
        createdAt: start,
      },
    });
    serviceIds.push(service.id);
    items.push({
      description: `${product.name} (${product.billingCycle})`,
      amount: product.price,
      serviceId: service.id,
    });
  }
  const invoice = await createInvoiceInTx(tx, accountId, items, 7, checkoutKey);
  await logActivity(
    actor,
    `Order placed: ${lines.length} item(s), Invoice #${invoice.id} (${invoice.total.toFixed(2)})`,
    accountId,
    tx,
  );
  return { accountId, invoiceId: invoice.id, serviceIds };
}

/**
 * Places the cart's order. `checkoutKey` names the cart: the same cart sent twice (a double
 * click, two tabs, a retry) places one order, and the repeat gets that order back (hardening
 * item 11). The key is on the invoice under a unique index, so even concurrent sends agree.
 */
export async function checkout(
  actor: Actor & { kind: 'user' },
  target: OrderTarget,
  productIds: readonly number[],
  checkoutKey: string | null = null,
): Promise<OrderResult> {
  if (!productIds.length) throw new AppError('CONFLICT', msg('Your cart is empty.'));
  try {
    const order = await placeOrder(actor, target, productIds, checkoutKey);
    // Only for the order placed now: a repeat of the same cart gets the order back, no new email.
    await sendOrderEmails(order.invoiceId);
    return order;
  } catch (e) {
    if (!checkoutKey || !isUniqueViolation(e)) throw e;
    const placed = await db().invoice.findUnique({
      where: { checkoutKey },
      select: { id: true, accountId: true, items: { select: { serviceId: true } } },
    });
    if (!placed) throw e;
    return {
      accountId: placed.accountId,
      invoiceId: placed.id,
      serviceIds: placed.items.flatMap((i) => (i.serviceId ? [i.serviceId] : [])),
    };
  }
}

function placeOrder(
  actor: Actor & { kind: 'user' },
  target: OrderTarget,
  productIds: readonly number[],
  checkoutKey: string | null,
): Promise<OrderResult> {
  return db().$transaction(async (tx) => {
    let accountId: number;
    if (target.kind === 'existing') {
      // Read again here, not trusted from the form: the membership and its `orders` permission.
      const link = await tx.accountUser.findUnique({
        where: { accountId_userId: { accountId: target.accountId, userId: actor.userId } },
        select: { isOwner: true, permissions: true },
      });
      if (!link) throw new AppError('NOT_FOUND', msg('That account was not found among the accounts you can access.'));
      if (!effectivePermissions(link.isOwner, link.permissions).includes('orders')) {
        throw new AppError('FORBIDDEN', msg('You do not have permission to place orders for that account.'));
      }
      accountId = target.accountId;
    } else {
      const account = await createOwnedAccountInTx(tx, actor.userId, target.profile);
      await logActivity(
        actor,
        `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id})`,
        account.id,
        tx,
      );
      accountId = account.id;
    }
    return placeOrderInTx(tx, actor, accountId, productIds, checkoutKey);
  });
}
