// Admin area: the summary counts of a client profile, and "Add New Client" (account + owner user +
// "set your password" email). SPEC rules 16-17. The clients list is in client-list.ts.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../actor.js';
import { logActivity } from '../activity/activity-log.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { accountDisplayName, createOwnedAccountInTx, type BillingProfile } from './accounts.js';
import { sendPasswordSetupEmail } from '../auth/email-links.js';
import { createUserInTx, hashUserPassword, normalizeEmail } from '../users/users.js';

/** The client profile's header and Summary tab: the account, its owner and counts. */
export async function clientSummary(accountId: number) {
  const account = await db().account.findUnique({
    where: { id: accountId },
    include: {
      users: {
        where: { isOwner: true },
        include: { user: { select: { id: true, email: true, firstName: true, lastName: true } } },
      },
      _count: {
        select: {
          users: true,
          contacts: true,
          services: true,
          domains: true,
          invoices: true,
          quotes: true,
          tickets: true,
          emails: true,
        },
      },
    },
  });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Client not found.');
  const unpaid = await db().invoice.aggregate({
    where: { accountId, status: 'Unpaid' },
    _sum: { total: true },
    _count: true,
  });
  const owner = account.users[0]?.user ?? null;
  return {
    account,
    owner,
    counts: account._count,
    unpaidCount: unpaid._count,
    unpaidTotal: unpaid._sum.total?.toString() ?? '0.00',
  };
}

export interface NewClient extends BillingProfile {
  /** The owner user's login email (defaults to the billing email). */
  ownerEmail?: string;
  language?: string;
  /** The owner's password when the caller has one (the API's AddClient); else an email asks for it. */
  password?: string;
}

/**
 * "Add New Client": the account and its owner user in one transaction; without a password the
 * user gets a "set your password" email. An email that already belongs to a user is refused
 * (associate that user from the new client's Users tab instead).
 */
export async function createAccountWithOwnerByAdmin(actor: Actor & { kind: 'admin' | 'system' }, input: NewClient) {
  await assertStaffMay(actor, 'clients.write');
  const ownerEmail = normalizeEmail(input.ownerEmail || input.email);
  const passwordHash = await hashUserPassword(input.password); // before the transaction opens
  const { account, user } = await db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: ownerEmail }, select: { id: true } });
    if (existing) {
      throw new AppError(
        'EMAIL_TAKEN',
        `A user with the email ${ownerEmail} already exists. Use another owner email, or associate that user with an existing client from its Users tab.`,
        {
          ownerEmail: 'A user with this email address already exists.',
        },
      );
    }
    const user = await createUserInTx(tx, {
      email: ownerEmail,
      firstName: input.firstName,
      lastName: input.lastName,
      language: input.language,
      passwordHash,
    });
    const account = await createOwnedAccountInTx(tx, user.id, input);
    await logActivity(actor, `User created: ${user.email} (User ID: ${user.id})`, account.id, tx);
    await logActivity(
      actor,
      `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id})`,
      account.id,
      tx,
    );
    return { account, user };
  });
  if (!input.password)
    await sendPasswordSetupEmail(actor, user.id, 'set_password', {
      accountId: account.id,
      accountName: accountDisplayName(account),
    });
  return { account, user };
}

/** A new client account owned by an existing user (the API's AddClient with owner_user_id). */
export async function createAccountForOwner(
  actor: Actor & { kind: 'admin' | 'system' },
  ownerUserId: number,
  profile: BillingProfile,
) {
  await assertStaffMay(actor, 'clients.write');
  return db().$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: ownerUserId }, select: { id: true, email: true } });
    if (!owner) throw new AppError('USER_NOT_FOUND', 'User not found.', { ownerUserId: 'No user with this ID.' });
    const account = await createOwnedAccountInTx(tx, owner.id, profile);
    await logActivity(
      actor,
      `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id}), owned by ${owner.email} (User ID: ${owner.id})`,
      account.id,
      tx,
    );
    return account;
  });
}
