// Staff add a domain to a client (issue 13: until now no domain could exist, so the `domains` and
// `managedomains` permissions gated empty pages). The client then manages it in the client area.
import { db } from '../../db/client.js';
import { DAY, now } from '../../lib/clock.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';

export interface NewDomain {
  name: string;
  years: number;
  nameservers: string[];
}

/** Needs the role that may change the client's services (a domain is billed like one). */
export async function addDomainForClient(actor: Actor, accountId: number, input: NewDomain) {
  await assertStaffMay(actor, 'clients.write');
  const account = await db().account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw new AppError('NOT_FOUND', 'Client not found.');
  const registered = now();
  return db()
    .$transaction(async (tx) => {
      const domain = await tx.domain.create({
        data: {
          accountId,
          name: input.name,
          registeredAt: registered,
          expiresAt: new Date(registered.getTime() + input.years * 365 * DAY),
          nameservers: input.nameservers,
        },
      });
      await logActivity(actor, `Domain added: ${domain.name} (Domain ID: ${domain.id})`, accountId, tx);
      return domain;
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e))
        throw new AppError('CONFLICT', 'That domain already exists.', {
          name: 'This domain is already registered here.',
        });
      throw e;
    });
}
