// The end of a client account (staff only): Close keeps the record and stops the billing; Delete
// removes the account and everything it owns, optionally with the users it leaves with no
// account at all. Each is one transaction with its activity entries.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { accountDisplayName } from './accounts.js';

type StaffActor = Actor & { kind: 'admin' | 'system' };

/**
 * WHMCS's CloseClient: the account's status becomes Closed, its unpaid invoices are cancelled,
 * pending services are cancelled and running (or suspended) ones terminated. Its users keep
 * their access (they can still read the history); nothing is deleted.
 */
export async function closeAccount(actor: StaffActor, accountId: number) {
  await assertStaffMay(actor, 'clients.write');
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "accounts" WHERE id = ${accountId} FOR UPDATE`;
    if (!locked.length) throw new AppError('ACCOUNT_NOT_FOUND', 'Account not found.');
    await tx.account.update({ where: { id: accountId }, data: { status: 'Closed' } });
    const invoices = await tx.invoice.updateMany({
      where: { accountId, status: 'Unpaid' },
      data: { status: 'Cancelled' },
    });
    const cancelled = await tx.service.updateMany({
      where: { accountId, status: 'Pending' },
      data: { status: 'Cancelled' },
    });
    const terminated = await tx.service.updateMany({
      where: { accountId, status: { in: ['Active', 'Suspended'] } },
      data: { status: 'Terminated' },
    });
    await logActivity(
      actor,
      `Client account closed: ${invoices.count} unpaid invoice(s) cancelled, ${cancelled.count} service(s) cancelled, ${terminated.count} terminated`,
      accountId,
      tx,
    );
    return {
      invoicesCancelled: invoices.count,
      servicesCancelled: cancelled.count,
      servicesTerminated: terminated.count,
    };
  });
}

/**
 * WHMCS's DeleteClient: removes the account with its memberships, invitations, contacts,
 * services, domains, invoices, transactions, quotes and tickets (the foreign keys cascade); the
 * activity and email logs keep their rows without the account. With `deleteUsers`, the account's
 * users who can reach no other account are deleted too (their sessions die with them).
 */
export async function deleteAccount(actor: StaffActor, accountId: number, options: { deleteUsers?: boolean } = {}) {
  await assertStaffMay(actor, 'clients.write');
  return db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "accounts" WHERE id = ${accountId} FOR UPDATE`;
    if (!locked.length) throw new AppError('ACCOUNT_NOT_FOUND', 'Account not found.');
    const account = await tx.account.findUniqueOrThrow({
      where: { id: accountId },
      include: { users: { select: { userId: true } } },
    });
    const userIds = account.users.map((u) => u.userId);
    await tx.account.delete({ where: { id: accountId } });
    await logActivity(
      actor,
      `Client account deleted: ${accountDisplayName(account)} (Account ID: ${accountId})`,
      null,
      tx,
    );
    let deletedUsers: { id: number; email: string }[] = [];
    if (options.deleteUsers && userIds.length) {
      // Users left with no account at all; anyone still associated elsewhere is kept.
      deletedUsers = await tx.user.findMany({
        where: { id: { in: userIds }, memberships: { none: {} } },
        select: { id: true, email: true },
      });
      await tx.user.deleteMany({ where: { id: { in: deletedUsers.map((u) => u.id) } } });
      for (const u of deletedUsers)
        await logActivity(
          actor,
          `User deleted with client account #${accountId}: ${u.email} (User ID: ${u.id})`,
          null,
          tx,
        );
    }
    return { accountId, deletedUserIds: deletedUsers.map((u) => u.id) };
  });
}
