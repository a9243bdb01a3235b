// Staff add a service to a client and edit it (status, panel, login). Service passwords are
// stored sealed (AES-256-GCM); every change is logged.
import { db } from '../../db/client.js';
import { DAY, now } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { seal } from '../../lib/secretbox.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

const CYCLE_MONTHS: Record<string, number> = {
  'One Time': 0,
  Monthly: 1,
  Quarterly: 3,
  'Semi-Annually': 6,
  Annually: 12,
  Biennially: 24,
};

function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export async function addService(
  actor: Actor,
  accountId: number,
  input: { productId: number; domain: string; status: string; username: string; password: string },
) {
  await assertStaffMay(actor, 'clients.write');
  const product = await db().product.findUnique({ where: { id: input.productId } });
  if (!product) throw new AppError('VALIDATION', 'Choose a product.', { productId: 'Choose a product from the list.' });
  return db().$transaction(async (tx) => {
    const months = CYCLE_MONTHS[product.billingCycle] ?? 1;
    const service = await tx.service.create({
      data: {
        accountId,
        productId: product.id,
        domain: input.domain,
        status: input.status,
        billingCycle: product.billingCycle,
        amount: product.price,
        nextDueDate: months ? addMonths(now(), months) : new Date(now().getTime() + 30 * DAY),
        username: input.username,
        passwordEnc: input.password ? seal(input.password) : '',
        panelUrl: product.panelUrl,
      },
    });
    await logActivity(
      actor,
      `Service added: ${product.name} ${input.domain} (Service ID: ${service.id})`,
      accountId,
      tx,
    );
    return service;
  });
}

export async function updateService(
  actor: Actor,
  accountId: number,
  serviceId: number,
  input: { status: string; panelUrl: string; username: string; password: string; domain: string },
) {
  await assertStaffMay(actor, 'clients.write');
  await db().$transaction(async (tx) => {
    const service = await tx.service.findFirst({ where: { id: serviceId, accountId } });
    if (!service) throw new AppError('NOT_FOUND', 'Service not found.');
    await tx.service.update({
      where: { id: serviceId },
      data: {
        status: input.status,
        panelUrl: input.panelUrl,
        username: input.username,
        domain: input.domain,
        ...(input.password ? { passwordEnc: seal(input.password) } : {}),
      },
    });
    const changes = [
      service.status !== input.status ? `status ${service.status} -> ${input.status}` : '',
      service.panelUrl !== input.panelUrl ? 'panel URL' : '',
      service.username !== input.username ? 'username' : '',
      input.password ? 'password' : '',
      service.domain !== input.domain ? 'domain' : '',
    ].filter(Boolean);
    await logActivity(
      actor,
      `Service updated (Service ID: ${serviceId}): ${changes.join(', ') || 'no changes'}`,
      accountId,
      tx,
    );
  });
}
