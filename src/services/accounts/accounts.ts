// Client accounts: registration (account + owner user, one transaction), another account for
// a logged-in user (checkout "Create a New Account"), and the billing profile.
import { db, type Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { msg } from '../../lib/i18n.js';
import { accountFor } from '../../policies/authorize.js';
import { ALL_PERMISSIONS } from '../../policies/permissions.js';
import { userActor, type AccountContext, type Actor } from '../actor.js';
import { assertStaffMay } from '../admins/staff-access.js';
import { logActivity } from '../activity/activity-log.js';
import { createUserInTx, hashUserPassword } from '../users/users.js';
import type { Account, User } from '../../generated/prisma/client.js';
import type { AccountStatus } from './constants.js';

export interface BillingProfile {
  firstName: string;
  lastName: string;
  companyName?: string;
  email: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  postcode?: string;
  country?: string;
  phone?: string;
}

export interface Registration extends BillingProfile {
  password: string;
  language?: string;
}

function profileData(p: BillingProfile) {
  return {
    firstName: p.firstName.trim(),
    lastName: p.lastName.trim(),
    companyName: p.companyName?.trim() ?? '',
    email: p.email.trim().toLowerCase(),
    address1: p.address1?.trim() ?? '',
    address2: p.address2?.trim() ?? '',
    city: p.city?.trim() ?? '',
    state: p.state?.trim() ?? '',
    postcode: p.postcode?.trim() ?? '',
    country: p.country?.trim() || 'US',
    phone: p.phone?.trim() ?? '',
  };
}

export function accountDisplayName(a: Pick<Account, 'firstName' | 'lastName' | 'companyName'>): string {
  return a.companyName || `${a.firstName} ${a.lastName}`;
}

/** Creates an account owned by userId inside the caller's transaction. */
export async function createOwnedAccountInTx(tx: Tx, userId: number, profile: BillingProfile): Promise<Account> {
  const account = await tx.account.create({ data: profileData(profile) });
  await tx.accountUser.create({
    data: { accountId: account.id, userId, isOwner: true, permissions: [...ALL_PERMISSIONS] },
  });
  return account;
}

/** SPEC rule 1: anyone can register; this makes an account and a user who owns it. */
export async function register(input: Registration, ip = ''): Promise<{ user: User; account: Account }> {
  const passwordHash = await hashUserPassword(input.password);
  return db().$transaction(async (tx) => {
    const user = await createUserInTx(tx, { ...input, passwordHash });
    const account = await createOwnedAccountInTx(tx, user.id, input);
    const actor = userActor(user.id, ip);
    await logActivity(actor, `User registered: ${user.email} (User ID: ${user.id})`, account.id, tx);
    await logActivity(
      actor,
      `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id})`,
      account.id,
      tx,
    );
    return { user, account };
  });
}

/** SPEC rule 2: a logged-in user creates another account (at checkout); they own it. */
export async function createAccountForUser(actor: Actor & { kind: 'user' }, profile: BillingProfile): Promise<Account> {
  return db().$transaction(async (tx) => {
    const account = await createOwnedAccountInTx(tx, actor.userId, profile);
    await logActivity(
      actor,
      `Client account created: ${accountDisplayName(account)} (Account ID: ${account.id})`,
      account.id,
      tx,
    );
    return account;
  });
}

export async function getAccount(accountId: number): Promise<Account> {
  const account = await db().account.findUnique({ where: { id: accountId } });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
  return account;
}

/** Edits the billing profile (admins; users go through updateAccountProfileAsUser). */
export function updateAccountProfile(actor: Actor, accountId: number, profile: BillingProfile): Promise<Account> {
  return updateAccount(actor, accountId, profile);
}

/**
 * Staff change any of the billing profile's fields and the status, in one transaction (the API's
 * UpdateClient sends only the fields it changes). Fields not given keep their value.
 */
export async function updateAccount(
  actor: Actor,
  accountId: number,
  changes: Partial<BillingProfile> & { status?: AccountStatus },
): Promise<Account> {
  // Support and Billing only read clients (src/policies/staff.ts); the API is held to it too.
  await assertStaffMay(actor, 'clients.write');
  const { status, ...profile } = changes;
  return db().$transaction(async (tx) => {
    const before = await tx.account.findUnique({ where: { id: accountId } });
    if (!before) throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
    const merged = { ...before, ...stripUndefined(profile) };
    const account = await tx.account.update({
      where: { id: accountId },
      data: { ...profileData(merged), ...(status ? { status } : {}) },
    });
    if (Object.keys(stripUndefined(profile)).length)
      await logActivity(actor, `Account profile updated (Account ID: ${accountId})`, accountId, tx);
    if (status && status !== before.status)
      await logActivity(actor, `Account status changed to ${status}`, accountId, tx);
    return account;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The billing profile as a user with `profile` access sees it. */
export function getAccountProfile(ctx: AccountContext): Promise<Account> {
  return getAccount(accountFor(ctx.access, 'profile'));
}

/** A user with `profile` access edits the account's billing profile. */
export function updateAccountProfileAsUser(ctx: AccountContext, profile: BillingProfile) {
  return updateAccountProfile(ctx.actor, accountFor(ctx.access, 'profile'), profile);
}

/**
 * WHMCS's "Allow Single Sign-On" for a client: when off, the API makes no sign-in link into it and
 * staff cannot "Login as Owner/User" (issue 14).
 */
export async function setAccountSingleSignOn(actor: Actor, accountId: number, allowed: boolean): Promise<void> {
  await assertStaffMay(actor, 'clients.write');
  await db().$transaction(async (tx) => {
    const { count } = await tx.account.updateMany({ where: { id: accountId }, data: { allowSingleSignOn: allowed } });
    if (!count) throw new AppError('ACCOUNT_NOT_FOUND', msg('Account not found.'));
    await logActivity(actor, `Single sign-on ${allowed ? 'allowed' : 'blocked'} for this client`, accountId, tx);
  });
}

export async function setAccountStatus(actor: Actor, accountId: number, status: AccountStatus) {
  await assertStaffMay(actor, 'clients.write');
  return db().$transaction(async (tx) => {
    const account = await tx.account.update({ where: { id: accountId }, data: { status } });
    await logActivity(actor, `Account status changed to ${status}`, accountId, tx);
    return account;
  });
}
