// The product catalog used by checkout. The admin area manages it; the embedded default
// starts with a few products so a new install has something to order.
import { db } from '../../db/client.js';

const DEFAULT_PRODUCTS = [
  {
    name: 'Starter Hosting',
    description: '10 GB SSD storage, 1 website, free SSL, daily backups.',
    price: '4.99',
    billingCycle: 'Monthly',
    panelUrl: 'https://panel.example.com',
    sortOrder: 1,
  },
  {
    name: 'Business Hosting',
    description: '50 GB SSD storage, unlimited websites, staging, priority support.',
    price: '12.99',
    billingCycle: 'Monthly',
    panelUrl: 'https://panel.example.com',
    sortOrder: 2,
  },
  {
    name: 'VPS 2 GB',
    description: '2 vCPU, 2 GB RAM, 60 GB NVMe, root access.',
    price: '119.00',
    billingCycle: 'Annually',
    panelUrl: 'https://vps.example.com',
    sortOrder: 3,
  },
];

export async function seedCatalogIfEmpty(): Promise<void> {
  if ((await db().product.count()) > 0) return;
  await db().product.createMany({ data: DEFAULT_PRODUCTS });
}

export function listActiveProducts() {
  return db().product.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
}

export async function getActiveProduct(productId: number) {
  return db().product.findFirst({ where: { id: productId, active: true } });
}

/**
 * The cart: each product id in it that is still on sale, with its product, and the total due
 * today as a plain number (summed in cents, so 0.1 + 0.2 stays 0.30).
 */
export async function cartView(productIds: readonly number[]) {
  const ids = [...new Set(productIds)];
  const products = ids.length ? await db().product.findMany({ where: { id: { in: ids }, active: true } }) : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines = productIds.flatMap((id, index) => {
    const product = byId.get(id);
    return product ? [{ index, product }] : [];
  });
  const cents = lines.reduce((sum, l) => sum + Math.round(Number(l.product.price) * 100), 0);
  return { lines, total: cents / 100 };
}
