// Issue 14, "lists that scale": total count, Page X of Y, jump to page, sort by column, 25/50/100
// per page, Previous/Next as keyset cursors that land on the same rows as the page numbers,
// searches that match inside words, streamed CSV exports; and the Users tab of an account with
// 2,000 users and 1,000 invitations, paged and searchable.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccount, buildAccountWithOwner, unique, uniqueEmail } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';

const t = useTestDatabase();
const s = useAdminSession();

const clientIds = (html: string) => [...html.matchAll(/<tr data-client-id="(\d+)">/g)].map((m) => Number(m[1]));
const hrefOf = (html: string, rel: 'next' | 'prev') =>
  (new RegExp(`rel="${rel}" href="([^"]+)"`).exec(html)?.[1] ?? '').replace(/&amp;/g, '&');

/** A CSV body as rows of cells (the test data has no quotes or newlines inside cells). */
const csvRows = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(','));

describe('clients list', () => {
  async function thirtyClients() {
    const tag = `lst${unique().replace(/-/g, '')}`;
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcd';
    const made = [];
    for (let i = 0; i < 30; i++)
      made.push(
        await buildAccount({
          firstName: 'List',
          lastName: `Client ${i}`,
          companyName: `Acme Web ${tag} Ltd ${letters[29 - i]}`,
          email: uniqueEmail('list'),
        }),
      );
    return { tag, made };
  }

  it('matches inside words, counts, pages (Page X of Y, per page, jump) and sorts by column', async () => {
    const { tag, made } = await thirtyClients();
    // "eb <tag>" is inside "Acme Web <tag> Ltd": a starts-with search would find nothing.
    const q = encodeURIComponent(`eb ${tag}`);
    const p1 = await s.agent.get(`/admin/clients?q=${q}`);
    expect(p1.status).toBe(200);
    expect(p1.text).toContain('Showing 1–25 of 30 · Page 1 of 2');
    expect(clientIds(p1.text)).toEqual(
      made
        .slice(5)
        .map((c) => c.id)
        .reverse(),
    );

    const all = await s.agent.get(`/admin/clients?q=${q}&per=50`);
    expect(all.text).toContain('Page 1 of 1');
    expect(clientIds(all.text)).toHaveLength(30);

    // Sort by company ascending: the company letters run backwards from the creation order.
    const byCompany = await s.agent.get(`/admin/clients?q=${q}&sort=company&dir=asc&per=100`);
    expect(clientIds(byCompany.text)).toEqual(made.map((c) => c.id).reverse());
    expect(byCompany.text).toContain('aria-sort="ascending"');

    // Jump to page 2, and past the end (the last page).
    const p2 = await s.agent.get(`/admin/clients?q=${q}&page=2`);
    expect(p2.text).toContain('Showing 26–30 of 30 · Page 2 of 2');
    expect(clientIds(p2.text)).toEqual(
      made
        .slice(0, 5)
        .map((c) => c.id)
        .reverse(),
    );
    expect(clientIds((await s.agent.get(`/admin/clients?q=${q}&page=9999`)).text)).toEqual(clientIds(p2.text));

    // A client by id, typed as #id.
    const byId = await s.agent.get(`/admin/clients?q=${encodeURIComponent(`#${made[3]!.id}`)}`);
    expect(clientIds(byId.text)).toContain(made[3]!.id);
  });

  it('Next and Previous are keyset cursors that land on the same rows as the page numbers', async () => {
    const { tag } = await thirtyClients();
    const q = encodeURIComponent(`web ${tag}`);
    for (const sort of ['id', 'name', 'company', 'email']) {
      const p1 = await s.agent.get(`/admin/clients?q=${q}&sort=${sort}&dir=asc`);
      const next = hrefOf(p1.text, 'next');
      expect(next, sort).toContain('after=');
      const viaCursor = await s.agent.get(`/admin/clients${next}`);
      const viaNumber = await s.agent.get(`/admin/clients?q=${q}&sort=${sort}&dir=asc&page=2`);
      expect(clientIds(viaCursor.text), sort).toEqual(clientIds(viaNumber.text));
      expect(viaCursor.text).toContain('Page 2 of 2');
      const back = await s.agent.get(`/admin/clients${hrefOf(viaCursor.text, 'prev')}`);
      expect(clientIds(back.text), sort).toEqual(clientIds(p1.text));
    }
    // A tampered cursor is ignored: the page number is used, never a 500.
    const bad = await s.agent.get(`/admin/clients?q=${q}&page=2&after=not-a-cursor_x`);
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Page 2 of 2');
    const weird = await s.agent.get(`/admin/clients?q=${q}&per=7&sort=drop&dir=sideways&page=-1`);
    expect(weird.status).toBe(200);
    expect(weird.text).toContain('Page 1 of 2');
  });

  it('exports the filtered list as a streamed CSV, in the chosen order, formulas defused', async () => {
    const { tag, made } = await thirtyClients();
    await db().account.update({ where: { id: made[0]!.id }, data: { firstName: '=HYPERLINK("http://x")' } });
    const res = await s.agent.get(`/admin/clients.csv?q=${encodeURIComponent(`web ${tag}`)}&sort=company&dir=asc`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?clients.csv"?$/);
    // Streamed: chunked, no Content-Length computed from a body built in memory.
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-length']).toBeUndefined();
    const rows = csvRows(res.text);
    expect(rows[0]).toEqual([
      'ID',
      'First Name',
      'Last Name',
      'Company',
      'Email',
      'Users',
      'Services',
      'Created',
      'Status',
    ]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(made.map((c) => c.id).reverse());
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('Manage Users, activity and email lists', () => {
  it('users: search inside names and emails, sort by email, export', async () => {
    const tag = `usr${unique().replace(/-/g, '')}`;
    const users = [];
    for (const name of ['Zed', 'Amy', 'Kim'])
      users.push(
        await db().user.create({
          data: { email: `${name.toLowerCase()}.${tag}@example.test`, firstName: name, lastName: `Mac${tag}` },
        }),
      );
    const res = await s.agent.get(`/admin/users?q=${encodeURIComponent(`ac${tag}`)}&sort=email&dir=asc`);
    expect(res.text).toContain('of 3 · Page 1 of 1');
    const order = ['amy', 'kim', 'zed'].map((n) => res.text.indexOf(`${n}.${tag}@`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const csv = csvRows((await s.agent.get(`/admin/users.csv?q=${tag}&sort=email&dir=asc`)).text);
    expect(csv.slice(1).map((r) => r[3])).toEqual(['amy', 'kim', 'zed'].map((n) => `${n}.${tag}@example.test`));
  });

  it('activity: total and pages with the filters kept; export with the same filters', async () => {
    const { account } = await buildAccountWithOwner();
    const tag = `act${unique().replace(/-/g, '')}`;
    await db().activityLog.createMany({
      data: Array.from({ length: 60 }, (_v, i) => ({
        description: `${tag} entry ${i}`,
        actorType: 'system',
        accountId: account.id,
        createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
      })),
    });
    const p1 = await s.agent.get(`/admin/activity?text=${tag}&per=25`);
    expect(p1.text).toContain('Showing 1–25 of 60 · Page 1 of 3');
    expect(p1.text).toContain(`${tag} entry 59<`);
    const p3 = await s.agent.get(`/admin/activity?text=${tag}&page=3`);
    expect(p3.text).toContain(`${tag} entry 0<`);
    expect(p3.text).not.toContain(`${tag} entry 10<`);
    const csv = csvRows((await s.agent.get(`/admin/activity.csv?text=${tag}&dir=asc`)).text);
    expect(csv).toHaveLength(61);
    expect(csv[1]![2]).toBe(`${tag} entry 0`);
  });

  it('email log: search by recipient and by subject', async () => {
    const tag = `eml${unique().replace(/-/g, '')}`;
    const base = { template: 'test', bodyHtml: '', bodyText: '', status: 'sent' };
    await db().emailLog.createMany({
      data: [
        { ...base, recipient: `someone.${tag}@example.test`, subject: 'Welcome aboard' },
        { ...base, recipient: 'other@example.test', subject: `Renewal notice ${tag}` },
        { ...base, recipient: 'third@example.test', subject: 'Unrelated' },
      ],
    });
    const byRecipient = await s.agent.get(`/admin/emails?q=${encodeURIComponent(`one.${tag}`)}`);
    expect(byRecipient.text).toContain(`someone.${tag}@example.test`);
    expect(byRecipient.text).not.toContain(`Renewal notice ${tag}`);
    const bySubject = await s.agent.get(`/admin/emails?q=${encodeURIComponent(`notice ${tag}`)}`);
    expect(bySubject.text).toContain(`Renewal notice ${tag}`);
    expect(bySubject.text).toContain('of 1 · Page 1 of 1');
    const csv = csvRows((await s.agent.get(`/admin/emails.csv?q=${tag}`)).text);
    expect(csv).toHaveLength(3);
  });
});

describe('the Users tab of a big account (2,000 users, 1,000 invitations)', () => {
  it('is paged and searchable, each page small', async () => {
    const { account } = await buildAccountWithOwner();
    const tag = `big${unique().replace(/-/g, '')}`;
    await t.pool.query(
      `WITH u AS (
         INSERT INTO users (email, first_name, last_name, updated_at)
         SELECT 'member' || g || '.' || $1 || '@example.test', 'Member', 'No' || g, now() FROM generate_series(1, 2000) g
         RETURNING id)
       INSERT INTO account_users (account_id, user_id, is_owner, permissions) SELECT $2, id, false, ARRAY['tickets'] FROM u`,
      [tag, account.id],
    );
    // Far from expiring, so the invitation-expiry sweep of another file leaves them alone.
    await t.pool.query(
      `INSERT INTO invitations (account_id, email, token_hash, permissions, status, sent_at, expires_at)
       SELECT $2, 'invitee' || g || '.' || $1 || '@example.test', md5($1 || g), ARRAY['tickets'], 'pending',
              now() - (g || ' seconds')::interval, now() + interval '365 days'
       FROM generate_series(1, 1000) g`,
      [tag, account.id],
    );
    const started = Date.now();
    const tab = await s.agent.get(`/admin/clients/${account.id}/users`);
    const ms = Date.now() - started;
    expect(tab.status).toBe(200);
    expect(tab.text).toContain('Showing 1–25 of 2,001 · Page 1 of 81');
    expect(tab.text).toContain('Showing 1–25 of 1,000 · Page 1 of 40');
    expect((tab.text.match(/<tr data-user-id=/g) ?? []).length).toBe(25);
    expect((tab.text.match(/<tr data-invite-id=/g) ?? []).length).toBe(25);
    expect(tab.text.length).toBeLessThan(300_000); // was 3.75 MB with every row on one page
    expect(ms).toBeLessThan(5_000);

    const last = await s.agent.get(`/admin/clients/${account.id}/users?upage=81&ipage=40`);
    expect(last.text).toContain('Showing 2,001–2,001 of 2,001 · Page 81 of 81');
    expect(last.text).toContain('Showing 976–1,000 of 1,000 · Page 40 of 40');
    expect(last.text).toContain(`member2000.${tag}@`);

    const found = await s.agent.get(`/admin/clients/${account.id}/users?q=${encodeURIComponent(`member1234.${tag}`)}`);
    expect(found.text).toContain('Showing 1–1 of 1 · Page 1 of 1');
    expect(found.text).toContain(`member1234.${tag}@example.test`);
    expect(found.text).toContain('No pending invites.');
    const invitee = await s.agent.get(`/admin/clients/${account.id}/users?q=${encodeURIComponent(`invitee77.${tag}`)}`);
    expect(invitee.text).toContain(`invitee77.${tag}@example.test`);
  }, 60_000);
});
