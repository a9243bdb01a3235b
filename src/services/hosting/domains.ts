// An account's domains: list, detail, and the settings `managedomains` may change.
import { accountFor } from '../../policies/authorize.js';
import type { Permission } from '../../policies/permissions.js';
import { db, type Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import type { AccountContext } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';

export function listDomains(ctx: AccountContext) {
  const accountId = accountFor(ctx.access, 'domains');
  return db().domain.findMany({ where: { accountId }, orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }] });
}

async function findDomain(client: Tx, accountId: number, domainId: number) {
  const domain = await client.domain.findFirst({ where: { id: domainId, accountId } });
  if (!domain) throw new AppError('NOT_FOUND', msg('That domain was not found in this account.'));
  return domain;
}

export function getDomain(ctx: AccountContext, domainId: number, permission: Permission = 'domains') {
  const accountId = accountFor(ctx.access, permission);
  return findDomain(db(), accountId, domainId);
}

export interface DomainSettings {
  nameservers: string[];
  autoRenew: boolean;
  locked: boolean;
}

export async function updateDomainSettings(ctx: AccountContext, domainId: number, settings: DomainSettings) {
  const accountId = accountFor(ctx.access, 'managedomains');
  return db().$transaction(async (tx) => {
    const domain = await findDomain(tx, accountId, domainId);
    const updated = await tx.domain.update({ where: { id: domain.id }, data: settings });
    const changes = [
      domain.nameservers.join(',') !== settings.nameservers.join(',')
        ? `nameservers: ${settings.nameservers.join(', ')}`
        : '',
      domain.autoRenew !== settings.autoRenew ? `auto-renew ${settings.autoRenew ? 'on' : 'off'}` : '',
      domain.locked !== settings.locked ? `registrar lock ${settings.locked ? 'on' : 'off'}` : '',
    ].filter(Boolean);
    await logActivity(
      ctx.actor,
      `Domain settings updated for ${domain.name}: ${changes.join('; ') || 'no changes'}`,
      accountId,
      tx,
    );
    return updated;
  });
}
