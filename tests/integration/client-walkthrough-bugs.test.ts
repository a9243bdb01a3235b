// Issue 13's walk-through defects over HTTP: deep links kept through Choose Account (bug 4), a
// removed user told why (bug 5), and the small ones of bug 6. Each test fails on the code before.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { safeReturnTo } from '../../src/http/client/login-session.js';
import { formatDateTime, formatsFor } from '../../src/lib/format.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { removeUser } from '../../src/services/memberships/memberships.js';
import {
  buildAccountWithOwner,
  buildInvoice,
  buildMembership,
  buildProduct,
  buildUser,
  uniqueEmail,
} from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loginAs, postForm } from '../helpers/http.js';

useTestDatabase();
let app: ReturnType<typeof buildTestApp>;
beforeAll(() => {
  app = buildTestApp();
});

async function twoAccountUser() {
  const user = await buildUser();
  const a = await buildAccountWithOwner({ account: { companyName: `Alpha ${user.id}` } });
  const b = await buildAccountWithOwner({ account: { companyName: `Beta ${user.id}` } });
  await buildMembership({ accountId: a.account.id, userId: user.id, permissions: ['invoices'] });
  await buildMembership({ accountId: b.account.id, userId: user.id, permissions: ['invoices'] });
  return { user, a, b };
}

describe('bug 4: a deep link survives Choose Account', () => {
  it('opens /invoices/:id after login and the chooser', async () => {
    const { user, a } = await twoAccountUser();
    const invoice = await buildInvoice({ accountId: a.account.id });
    const agent = agentFor(app);
    const first = await agent.get(`/invoices/${invoice.id}`);
    expect(first.headers.location).toBe('/login');
    const afterLogin = await loginAs(agent, user.email);
    // Either straight to the chooser or via the deep link, which needs an account first.
    const chooser = afterLogin === '/accounts/choose' ? afterLogin : (await agent.get(afterLogin)).headers.location;
    expect(chooser).toBe('/accounts/choose');
    const chosen = await postForm(agent, '/accounts/choose', { accountId: a.account.id }, '/accounts/choose');
    expect(chosen.headers.location).toBe(`/invoices/${invoice.id}`);
    expect((await agent.get(`/invoices/${invoice.id}`)).status).toBe(200);
    // Used once: switching later goes home.
    await agent.get('/accounts/switch');
    const again = await postForm(agent, '/accounts/choose', { accountId: a.account.id }, '/accounts/choose');
    expect(again.headers.location).toBe('/');
  });

  it('follows only paths of this site', () => {
    expect(safeReturnTo('/invoices/3?x=1#top')).toBe('/invoices/3?x=1#top');
    for (const bad of ['//evil.test/x', '/\\evil.test', '/\t/evil.test', 'https://evil.test', 'evil', undefined])
      expect(safeReturnTo(bad), String(bad)).toBeUndefined();
  });
});

describe('bug 5: a removed user is told why', () => {
  it('names the account whose access was removed, and the chooser does not say "several" for one', async () => {
    const { user, a, b } = await twoAccountUser();
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    await postForm(agent, '/accounts/choose', { accountId: a.account.id }, '/accounts/choose');
    await removeUser({ kind: 'user', userId: a.owner.id, ip: '' }, a.account.id, user.id);
    const next = await agent.get('/invoices');
    expect(next.headers.location).toBe('/accounts/choose');
    const chooser = await agent.get('/accounts/choose');
    expect(chooser.text).toContain(`Your access to Alpha ${user.id} was removed.`);
    expect(chooser.text).not.toContain('several client accounts');
    expect(chooser.text).toContain(`Beta ${user.id}`);
    expect(chooser.text).not.toContain(`Alpha ${user.id}</span>`);
    void b;
  });
});

describe('bug 6', () => {
  it('logs "User selected this account" once for a login followed by an order into that account', async () => {
    const { owner, account } = await buildAccountWithOwner();
    const product = await buildProduct();
    const agent = agentFor(app);
    await postForm(agent, '/cart/add', { productId: product.id }, '/store');
    await loginAs(agent, owner.email);
    const order = await postForm(agent, '/checkout', { account: String(account.id) }, '/checkout');
    expect(order.status).toBe(302);
    const entries = await db().activityLog.count({
      where: { userId: owner.id, description: 'User selected this account' },
    });
    expect(entries).toBe(1);
  });

  it('choosing the account already selected writes nothing', async () => {
    const { user, a } = await twoAccountUser();
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    await postForm(agent, '/accounts/choose', { accountId: a.account.id }, '/accounts/choose');
    await postForm(agent, '/accounts/choose', { accountId: a.account.id }, '/accounts/choose');
    expect(
      await db().activityLog.count({ where: { userId: user.id, description: 'User selected this account' } }),
    ).toBe(1);
  });

  it('greets a first login with "Welcome" and a later one with "Welcome back"', async () => {
    const { owner } = await buildAccountWithOwner({ owner: { lastLoginAt: null } });
    const first = agentFor(app);
    await loginAs(first, owner.email);
    const home = await first.get('/');
    expect(home.text).toContain(`Welcome, ${owner.firstName}`);
    expect(home.text).not.toContain('Welcome back');
    const second = agentFor(app);
    await loginAs(second, owner.email);
    expect((await second.get('/')).text).toContain(`Welcome back, ${owner.firstName}`);
  });

  it('error pages offer the dashboard only to someone who has one', async () => {
    const visitor = await agentFor(app).get('/no-such-page');
    expect(visitor.status).toBe(404);
    expect(visitor.text).not.toContain('Go to the dashboard');
    expect(visitor.text).toContain('href="/login"');
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const user = await agent.get('/no-such-page');
    expect(user.text).toContain('Go to the dashboard');
    const noAccount = await buildUser();
    const lonely = agentFor(app);
    await loginAs(lonely, noAccount.email);
    const page = await lonely.get('/no-such-page');
    expect(page.text).not.toContain('Go to the dashboard');
  });

  it("shows the footer's Store link only to visitors and users with the orders permission", async () => {
    const { account } = await buildAccountWithOwner();
    const user = await buildUser();
    await buildMembership({ accountId: account.id, userId: user.id, permissions: ['tickets'] });
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    const footer = (html: string) => html.slice(html.indexOf('<footer'));
    expect(footer((await agent.get('/')).text)).not.toContain('href="/store"');
    expect(footer((await agentFor(app).get('/login')).text)).toContain('href="/store"');
  });

  it("marks the checkout's required new-account fields", async () => {
    const { owner } = await buildAccountWithOwner();
    const product = await buildProduct();
    const agent = agentFor(app);
    await postForm(agent, '/cart/add', { productId: product.id }, '/store');
    await loginAs(agent, owner.email);
    const page = await agent.get('/checkout');
    for (const id of ['firstName', 'lastName', 'email', 'phone']) {
      expect(page.text, id).toMatch(
        new RegExp(`for="f-${id}"[^>]*>[^<]*<span class="text-danger" aria-hidden="true">\\*</span>`),
      );
    }
  });

  it('writes dates one way: the invitation email writes them as the client-area pages of its language do', async () => {
    const { owner, account } = await buildAccountWithOwner();
    const email = uniqueEmail('dated');
    const { invitation } = await invite({ kind: 'user', userId: owner.id, ip: '' }, account.id, email, ['tickets']);
    const logged = await db().emailLog.findFirstOrThrow({ where: { recipient: email, template: 'invitation' } });
    // Issue 15: pages and emails both write a date with formatsFor(language) (src/lib/format.ts).
    expect(logged.bodyText).toContain(formatsFor('en').dateTime(invitation.expiresAt));
    expect(logged.bodyText).not.toMatch(/GMT/);
    expect(formatDateTime(new Date('2026-11-30T09:05:00Z'))).toBe('2026-11-30 09:05 UTC');
  });

  it('"Order Now" buttons carry their visible text in their accessible name', async () => {
    const product = await buildProduct();
    const page = await agentFor(app).get('/store');
    const button = new RegExp(
      `<button[^>]*>Order Now<span class="visually-hidden">[^<]*${product.name}</span></button>`,
    );
    expect(page.text).toMatch(button);
    expect(page.text).not.toContain(`aria-label="Order ${product.name}"`);
    expect(await csrfOf(agentFor(app), '/store')).toBeTruthy();
  });
});
