// Issue 11, authentication functions: ValidateLogin, and CreateSsoToken's links: single use, valid
// 60 seconds (the clock is moved), bound to the client account they name, landing on the
// destination, never into a client the user does not belong to, refused where the client
// switched single sign-on off.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { setAccountSingleSignOn } from '../../src/services/accounts/accounts.js';
import {
  buildAccountWithOwner,
  buildAuthorizedUser,
  buildMembership,
  buildService,
  buildUser,
  TEST_PASSWORD,
  uniqueEmail,
} from '../factories/index.js';
import { entriesOf, useApiServer } from '../helpers/api.js';
import { agentFor, type Agent } from '../helpers/http.js';

const api = useApiServer();

describe('ValidateLogin', () => {
  it("answers the user's id and whether a second factor is on; never a password hash", async () => {
    const c = await api.client();
    const user = await buildUser();
    const answer = await c.auth.validateLogin({ email: user.email.toUpperCase(), password2: TEST_PASSWORD });
    expect(answer).toEqual({ result: 'success', userid: user.id, twoFactorEnabled: false });
    const twoFactor = await buildUser({ totpEnabled: true, totpSecret: 'sealed-elsewhere' });
    expect(await c.auth.validateLogin({ email: twoFactor.email, password2: TEST_PASSWORD })).toEqual({
      result: 'success',
      userid: twoFactor.id,
      twoFactorEnabled: true,
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ lastLoginAt: null });
  });

  it('answers "Email or Password Invalid" to a wrong password, an unknown email, or nothing', async () => {
    const c = await api.client();
    const user = await buildUser();
    for (const params of [
      { email: user.email, password2: 'wrong-password' },
      { email: uniqueEmail('nobody'), password2: TEST_PASSWORD },
      { email: user.email },
      {},
    ])
      expect(await c.auth.validateLogin(params)).toEqual({ result: 'error', message: 'Email or Password Invalid' });
  });
});

/** Follows a redirect_url in a fresh "browser" (a supertest agent with its own cookies). */
async function follow(redirectUrl: string, agent: Agent = agentFor(api.app)) {
  const url = new URL(redirectUrl);
  expect(url.origin).toBe(api.baseUrl);
  expect(url.pathname).toBe('/oauth/singlesignon.php');
  const res = await agent.get(`${url.pathname}${url.search}`);
  return { res, agent };
}

describe('CreateSsoToken', () => {
  it('logs the user in, bound to that client account, on the requested destination', async () => {
    const c = await api.client();
    const { account: first } = await buildAccountWithOwner({ account: { companyName: 'First Co' } });
    const { account: second } = await buildAccountWithOwner({ account: { companyName: 'Second Co' } });
    const { user } = await buildAuthorizedUser(first.id, ['tickets']);
    await buildMembership({ accountId: second.id, userId: user.id, permissions: ['tickets'] });

    const answer = await c.call('CreateSsoToken', {
      client_id: second.id,
      user_id: user.id,
      destination: 'clientarea:tickets',
    });
    expect(answer).toEqual({
      result: 'success',
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      redirect_url: `${api.baseUrl}/oauth/singlesignon.php?access_token=${answer.access_token as string}`,
    });
    // Only the token's hash is kept.
    expect(await db().ssoToken.count({ where: { tokenHash: answer.access_token as string } })).toBe(0);

    const { res, agent } = await follow(answer.redirect_url as string);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/tickets');
    const tickets = await agent.get('/tickets');
    expect(tickets.status).toBe(200);
    // Bound to the second account: no chooser, its name in the header.
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Second Co');
    const link = await db().accountUser.findUniqueOrThrow({
      where: { accountId_userId: { accountId: second.id, userId: user.id } },
    });
    expect(link.lastLoginAt).toBeInstanceOf(Date);
    expect((await entriesOf(c))[0]).toMatchObject({
      description: `Single sign-on link created for ${user.email} (User ID: ${user.id}) to /tickets`,
      accountId: second.id,
    });
    expect(
      await db().activityLog.count({
        where: { userId: user.id, accountId: second.id, description: 'Logged in with a single sign-on link' },
      }),
    ).toBe(1);
  });

  it('works once: a second use, even concurrent, is refused and logs nobody in', async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const answer = await c.call('CreateSsoToken', { client_id: account.id });
    const attempts = await Promise.all([1, 2, 3, 4].map(() => follow(answer.redirect_url as string)));
    const statuses = attempts.map((a) => a.res.status).sort();
    expect(statuses).toEqual([302, 400, 400, 400]);
    const refused = attempts.find((a) => a.res.status === 400)!;
    expect(refused.res.text).toContain('This sign-in link is not valid or was already used.');
    expect((await refused.agent.get('/')).headers.location).toBe('/login');
    const winner = attempts.find((a) => a.res.status === 302)!;
    expect(winner.res.headers.location).toBe('/');
    expect((await winner.agent.get('/')).status).toBe(200);
    expect(
      await db().activityLog.count({
        where: { userId: owner.id, description: 'Logged in with a single sign-on link' },
      }),
    ).toBe(1);
  });

  it('expires after 60 seconds', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const fresh = await c.call('CreateSsoToken', { client_id: account.id });
    const stale = await c.call('CreateSsoToken', { client_id: account.id });
    advanceClock(59_000);
    expect((await follow(fresh.redirect_url as string)).res.status).toBe(302);
    advanceClock(2_000);
    const late = await follow(stale.redirect_url as string);
    expect(late.res.status).toBe(410);
    expect(late.res.text).toContain('This sign-in link has expired.');
  });

  it('cannot enter a client the user does not belong to, at creation or at use', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const stranger = await buildUser();
    expect(await c.call('CreateSsoToken', { client_id: account.id, user_id: stranger.id })).toEqual({
      result: 'error',
      message: 'Invalid user_id for client',
    });
    // Access removed between the link being made and used: completeLogin/enterAccount refuse it.
    const { user } = await buildAuthorizedUser(account.id, ['tickets']);
    const answer = await c.call('CreateSsoToken', { client_id: account.id, user_id: user.id });
    await db().accountUser.deleteMany({ where: { accountId: account.id, userId: user.id } });
    const { res, agent } = await follow(answer.redirect_url as string);
    expect(res.status).toBe(404);
    expect((await agent.get('/')).headers.location).toBe('/login');
  });

  it('is refused where the client switched single sign-on off, also for links made before', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const early = await c.call('CreateSsoToken', { client_id: account.id });
    await setAccountSingleSignOn({ kind: 'system' }, account.id, false);
    expect(await c.call('CreateSsoToken', { client_id: account.id })).toEqual({
      result: 'error',
      message: `SSO authentication blocked for client ${account.id}`,
    });
    const { res } = await follow(early.redirect_url as string);
    expect(res.status).toBe(403);
    await setAccountSingleSignOn({ kind: 'system' }, account.id, true);
    expect((await c.call('CreateSsoToken', { client_id: account.id })).result).toBe('success');
  });

  it("defaults: the client's owner without user_id, the user's only client without client_id", async () => {
    const c = await api.client();
    const { account, owner } = await buildAccountWithOwner();
    const byClient = await c.call('CreateSsoToken', { client_id: account.id, destination: 'clientarea:profile' });
    const { res } = await follow(byClient.redirect_url as string);
    expect(res.headers.location).toBe('/account/profile');
    expect(await db().ssoToken.findFirst({ where: { userId: owner.id } })).not.toBeNull();
    const byUser = await c.call('CreateSsoToken', { user_id: owner.id });
    expect(byUser.result).toBe('success');
    await buildMembership({ accountId: (await buildAccountWithOwner()).account.id, userId: owner.id });
    expect((await c.call('CreateSsoToken', { user_id: owner.id })).message).toBe(
      'This user can reach several client accounts: name the one to enter (client_id).',
    );
  });

  it('lands on a product page of the client, or a custom path of this site', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const service = await buildService({ accountId: account.id });
    const other = await buildService();
    const product = await c.call('CreateSsoToken', {
      client_id: account.id,
      destination: 'clientarea:product_details',
      service_id: service.id,
    });
    expect((await follow(product.redirect_url as string)).res.headers.location).toBe(`/services/${service.id}`);
    const custom = await c.call('CreateSsoToken', {
      client_id: account.id,
      destination: 'sso:custom_redirect',
      sso_redirect_path: 'tickets/new',
    });
    expect((await follow(custom.redirect_url as string)).res.headers.location).toBe('/tickets/new');
    for (const params of [
      { destination: 'clientarea:nowhere' },
      { destination: 'clientarea:product_details', service_id: other.id },
      { destination: 'sso:custom_redirect', sso_redirect_path: '//evil.example/' },
      { destination: 'sso:custom_redirect', sso_redirect_path: 'https://evil.example/' },
    ])
      expect(await c.call('CreateSsoToken', { client_id: account.id, ...params }), JSON.stringify(params)).toEqual({
        result: 'error',
        message: 'Invalid destination',
      });
  });

  it('answers the other documented errors', async () => {
    const c = await api.client();
    const { account } = await buildAccountWithOwner();
    const cases: [Record<string, string | number>, string][] = [
      [{}, 'A valid client_id or user_id is required'],
      [{ client_id: 2_000_000_000 }, 'Invalid client_id'],
      [{ client_id: 'twelve' }, 'Invalid client_id'],
      [{ client_id: account.id, user_id: 2_000_000_000 }, 'Invalid user_id'],
    ];
    for (const [params, message] of cases)
      expect(await c.call('CreateSsoToken', params), message).toEqual({ result: 'error', message });
    expect(await db().ssoToken.count({ where: { accountId: account.id } })).toBe(0);
  });

  it('a malformed link is refused with a clear page', async () => {
    const res = await agentFor(api.app).get('/oauth/singlesignon.php?access_token=short');
    expect(res.status).toBe(400);
    expect(res.text).toContain('This sign-in link is not valid.');
  });
});
