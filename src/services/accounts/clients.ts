// Admin area: the clients list (index-backed prefix search, status filter, pagination), the
// summary counts of a client profile, and "Add New Client" (account + owner user + "set your
// password" email). SPEC rules 16-17.
import { db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Actor } from '../actor.js';
import { ACCOUNT_STATUSES } from './constants.js';
import { logActivity } from '../activity/activity-log.js';
import { accountDisplayName, createOwnedAccountInTx, type BillingProfile } from './accounts.js';
import { sendPasswordSetupEmail } from '../auth/email-links.js';
import { createUserInTx, hashUserPassword, normalizeEmail } from '../users/users.js';

const CLIENTS_PER_PAGE = 25;

export interface ClientSearch {
  query?: string;
  status?: string;
  page?: number;
  perPage?: number;
}

/** LIKE pattern for a prefix match, with the wildcard characters of the input escaped. */
export function prefixPattern(query: string): string {
  return `${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The ids matching a client search. Each UNION branch is a prefix LIKE on an expression that has
 * a text_pattern_ops index (see the init migration), so every branch is an index scan.
 */
export function clientSearchSql(query: string, status: string | undefined, offset: number, limit: number): Prisma.Sql {
  const p = prefixPattern(query);
  const statusFilter = status ? Prisma.sql`WHERE a."status" = ${status}` : Prisma.empty;
  return Prisma.sql`
    SELECT a."id" FROM (
      SELECT "id" FROM "accounts" WHERE lower("email") LIKE ${p}
      UNION SELECT "id" FROM "accounts" WHERE lower("first_name" || ' ' || "last_name") LIKE ${p}
      UNION SELECT "id" FROM "accounts" WHERE lower("last_name") LIKE ${p}
      UNION SELECT "id" FROM "accounts" WHERE lower("company_name") LIKE ${p}
    ) m JOIN "accounts" a ON a."id" = m."id" ${statusFilter}
    ORDER BY a."id" DESC OFFSET ${offset} LIMIT ${limit}`;
}

const CLIENT_LIST_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  companyName: true,
  email: true,
  status: true,
  createdAt: true,
  _count: { select: { services: true, users: true } },
} as const;

export async function searchClients({ query = '', status, page = 1, perPage = CLIENTS_PER_PAGE }: ClientSearch) {
  const q = query.trim();
  const st = status && (ACCOUNT_STATUSES as readonly string[]).includes(status) ? status : undefined;
  const current = Math.max(1, page);
  const offset = (current - 1) * perPage;
  if (!q) {
    const rows = await db().account.findMany({
      where: st ? { status: st } : {},
      select: CLIENT_LIST_SELECT,
      orderBy: { id: 'desc' },
      skip: offset,
      take: perPage + 1,
    });
    return { clients: rows.slice(0, perPage), page: current, hasNext: rows.length > perPage };
  }
  const ids = await db().$queryRaw<{ id: number }[]>(clientSearchSql(q, st, offset, perPage + 1));
  const rows = await db().account.findMany({
    where: { id: { in: ids.slice(0, perPage).map((r) => r.id) } },
    select: CLIENT_LIST_SELECT,
    orderBy: { id: 'desc' },
  });
  return { clients: rows, page: current, hasNext: ids.length > perPage };
}

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
