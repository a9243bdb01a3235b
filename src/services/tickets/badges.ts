// SPEC rule 21: the badge on each reply of a ticket in the admin view. A pure decision over a
// context loaded with ONE query (loadBadgeContext), so a ticket with many replies costs no
// query per reply.
import { db } from '../../db/client.js';

export type BadgeKind = 'admin' | 'owner' | 'authorized' | 'subaccount' | 'external' | 'guest';

export interface Badge {
  kind: BadgeKind;
  label: string;
}

export interface BadgeContext {
  /** The account's current users: id -> owner flag. */
  members: ReadonlyMap<number, boolean>;
  /** The same users by (lower-case) email -> user id. */
  memberEmails: ReadonlyMap<string, number>;
  /** The account's contacts' emails (lower-case). */
  contactEmails: ReadonlySet<string>;
  /** Registered users (any account or none) by lower-case email -> id, for replies that only carry an email. */
  registeredEmails: ReadonlyMap<string, number>;
}

export interface ReplyAuthor {
  userId: number | null;
  adminId: number | null;
  email: string;
  /** For admin replies: the admin's name (current, else as recorded on the reply). */
  adminName?: string | null;
}

export const BADGE_LABELS: Record<Exclude<BadgeKind, 'admin'>, string> = {
  owner: 'Owner',
  authorized: 'Authorized User',
  subaccount: 'Sub-account',
  external: 'External User',
  guest: 'Guest',
};

const badge = (kind: Exclude<BadgeKind, 'admin'>): Badge => ({ kind, label: BADGE_LABELS[kind] });

/**
 * Order of the decision:
 * 1. written by an admin -> the admin's name;
 * 2. the reply's user (its userId, else the registered user with its email) is the owner -> Owner,
 *    a current user of the account -> Authorized User;
 * 3. the email is one of the account's contacts -> Sub-account;
 * 4. a registered user not associated with the account (e.g. removed later) -> External User;
 * 5. otherwise -> Guest.
 */
export function badgeFor(reply: ReplyAuthor, ctx: BadgeContext): Badge {
  if (reply.adminId !== null) return { kind: 'admin', label: reply.adminName?.trim() || 'Staff' };
  const email = reply.email.trim().toLowerCase();
  const userId = reply.userId ?? ctx.memberEmails.get(email) ?? ctx.registeredEmails.get(email) ?? null;
  if (userId !== null && ctx.members.has(userId)) return badge(ctx.members.get(userId) ? 'owner' : 'authorized');
  if (email && ctx.contactEmails.has(email)) return badge('subaccount');
  if (userId !== null) return badge('external');
  return badge('guest');
}

interface ContextRow {
  kind: 'member' | 'contact' | 'user';
  /** The account a member or contact row belongs to; null for registered users. */
  account_id: number | null;
  user_id: number | null;
  email: string;
  is_owner: boolean;
}

/**
 * One query: the account's users, its contacts, and registered users matching the reply emails.
 * A guest's ticket (no account) has no users or contacts: its writers are Guest or External User
 * (no account has id 0, so 0 stands for "none").
 */
export async function loadBadgeContext(
  accountId: number | null,
  replyEmails: readonly string[],
): Promise<BadgeContext> {
  return (await loadBadgeContexts([accountId ?? 0], replyEmails)).get(accountId ?? 0)!;
}

/** The same for several accounts at once (a list of tickets), still one query. */
export async function loadBadgeContexts(
  accountIds: readonly number[],
  replyEmails: readonly string[],
): Promise<Map<number, BadgeContext>> {
  const ids = [...new Set(accountIds)];
  const emails = [...new Set(replyEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const rows = await db().$queryRaw<ContextRow[]>`
    SELECT 'member' AS "kind", au."account_id", au."user_id", u."email", au."is_owner"
      FROM "account_users" au JOIN "users" u ON u."id" = au."user_id" WHERE au."account_id" = ANY(${ids}::int[])
    UNION ALL
    SELECT 'contact', c."account_id", NULL, lower(c."email"), false FROM "contacts" c WHERE c."account_id" = ANY(${ids}::int[])
    UNION ALL
    SELECT 'user', NULL, u."id", u."email", false FROM "users" u WHERE u."email" = ANY(${emails}::text[])`;
  const registered = rows.filter((r) => r.account_id === null);
  return new Map(ids.map((id) => [id, buildBadgeContext([...rows.filter((r) => r.account_id === id), ...registered])]));
}

export function buildBadgeContext(rows: readonly Omit<ContextRow, 'account_id'>[]): BadgeContext {
  const members = new Map<number, boolean>();
  const memberEmails = new Map<string, number>();
  const contactEmails = new Set<string>();
  const registeredEmails = new Map<string, number>();
  for (const r of rows) {
    if (r.kind === 'member' && r.user_id !== null) {
      members.set(r.user_id, r.is_owner);
      memberEmails.set(r.email.toLowerCase(), r.user_id);
    } else if (r.kind === 'contact') contactEmails.add(r.email.toLowerCase());
    else if (r.kind === 'user' && r.user_id !== null) registeredEmails.set(r.email.toLowerCase(), r.user_id);
  }
  return { members, memberEmails, contactEmails, registeredEmails };
}
