// The product catalog as staff manage it (Setup > Products). Every change is logged.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

export interface ProductInput {
  name: string;
  description: string;
  price: string;
  billingCycle: string;
  panelUrl: string;
  active: boolean;
  sortOrder: number;
}

export function listProducts() {
  return db().product.findMany({
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: { _count: { select: { services: true } } },
  });
}

export async function getProduct(id: number) {
  const product = await db().product.findUnique({ where: { id } });
  if (!product) throw new AppError('NOT_FOUND', 'Product not found.');
  return product;
}

export async function createProduct(actor: Actor, input: ProductInput) {
  await assertStaffMay(actor, 'settings');
  return db().$transaction(async (tx) => {
    const product = await tx.product.create({ data: input });
    await logActivity(actor, `Product created: ${product.name} (Product ID: ${product.id})`, null, tx);
    return product;
  });
}

export async function updateProduct(actor: Actor, id: number, input: ProductInput) {
  await assertStaffMay(actor, 'settings');
  await getProduct(id);
  return db().$transaction(async (tx) => {
    const product = await tx.product.update({ where: { id }, data: input });
    await logActivity(actor, `Product updated: ${product.name} (Product ID: ${id})`, null, tx);
    return product;
  });
}

/** A product with services cannot be deleted (deactivate it instead). */
export async function deleteProduct(actor: Actor, id: number) {
  await assertStaffMay(actor, 'settings');
  const product = await getProduct(id);
  await db().$transaction(async (tx) => {
    const used = await tx.service.count({ where: { productId: id } });
    if (used)
      throw new AppError('CONFLICT', `This product has ${used} service(s); deactivate it instead of deleting it.`);
    await tx.product.delete({ where: { id } });
    await logActivity(actor, `Product deleted: ${product.name} (Product ID: ${id})`, null, tx);
  });
}
