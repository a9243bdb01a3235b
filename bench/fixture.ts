// The bench's own data, made with a few set-based statements and unique emails, so it can be
// added to any database (empty or seeded with a million users) without clashing:
//   owner  — known password; owns account A (50 users, 20 pending invitations) and account C
//            (5 users, for the N+1 check); an authorized user of account B.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../src/lib/passwords.js';
import { ALL_PERMISSIONS } from '../src/policies/permissions.js';

export const BENCH_PASSWORD = 'Bench-Password-42!x';

export interface Fixture {
  tag: string;
  ownerEmail: string;
  ownerId: number;
  password: string;
  accountA: { id: number; name: string };
  accountB: { id: number; name: string };
  accountC: { id: number; name: string };
}

export async function seedFixture(pool: pg.Pool, passwordHash?: string): Promise<Fixture> {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const hash = passwordHash ?? (await hashPassword(BENCH_PASSWORD));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const user = async (email: string, first: string, last: string) =>
      (
        await client.query<{ id: number }>(
          `INSERT INTO users (email, first_name, last_name, password_hash, email_verified_at, updated_at) VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`,
          [email, first, last, hash],
        )
      ).rows[0]!.id;
    const account = async (name: string, email: string) =>
      (
        await client.query<{ id: number }>(
          `INSERT INTO accounts (first_name, last_name, company_name, email, updated_at) VALUES ('Bench', 'Owner', $1, $2, now()) RETURNING id`,
          [name, email],
        )
      ).rows[0]!.id;
    const ownerEmail = `owner.${tag}@bench.example`;
    const ownerId = await user(ownerEmail, 'Bench', 'Owner');
    const otherOwnerId = await user(`bowner.${tag}@bench.example`, 'Other', 'Owner');
    const names = { A: `Bench A ${tag}`, B: `Bench B ${tag}`, C: `Bench C ${tag}` };
    const a = await account(names.A, ownerEmail);
    const b = await account(names.B, `bowner.${tag}@bench.example`);
    const c = await account(names.C, ownerEmail);
    const link = `INSERT INTO account_users (account_id, user_id, is_owner, permissions) VALUES ($1, $2, $3, $4)`;
    await client.query(link, [a, ownerId, true, ALL_PERMISSIONS]);
    await client.query(link, [c, ownerId, true, ALL_PERMISSIONS]);
    await client.query(link, [b, otherOwnerId, true, ALL_PERMISSIONS]);
    await client.query(link, [b, ownerId, false, ALL_PERMISSIONS]);
    // 49 more users in A, 4 more in C: one INSERT ... SELECT each.
    const members = async (accountId: number, prefix: string, count: number) => {
      await client.query(
        `WITH u AS (
           INSERT INTO users (email, first_name, last_name, password_hash, updated_at)
           SELECT $1 || g || '.' || $2 || '@bench.example', 'Member', 'No' || g, $3, now() FROM generate_series(1, $4::int) g
           RETURNING id)
         INSERT INTO account_users (account_id, user_id, is_owner, permissions, last_login_at, last_login_ip)
         SELECT $5, id, false, ARRAY['profile', 'contacts', 'invoices', 'tickets'], now(), '127.0.0.1' FROM u`,
        [prefix, tag, hash, count, accountId],
      );
    };
    await members(a, 'a', 49);
    await members(c, 'c', 4);
    await client.query(
      `INSERT INTO invitations (account_id, email, token_hash, permissions, invited_by_user_id, status, sent_at, expires_at)
       SELECT $1, 'invitee' || g || '.' || $2 || '@bench.example', md5($2 || g || random()::text), ARRAY['invoices'], $3, 'pending', now(), now() + interval '7 days'
       FROM generate_series(1, 20) g`,
      [a, tag, ownerId],
    );
    await client.query('COMMIT');
    return {
      tag,
      ownerEmail,
      ownerId,
      password: BENCH_PASSWORD,
      accountA: { id: a, name: names.A },
      accountB: { id: b, name: names.B },
      accountC: { id: c, name: names.C },
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
