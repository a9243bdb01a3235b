// Issue 13, small comforts: recovery codes can be regenerated (with a current code from the app,
// used once), copied and downloaded. The old codes stop working at once.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { advanceClock } from '../../src/lib/clock.js';
import { seal } from '../../src/lib/secretbox.js';
import { currentTotp, newRecoveryCodes, newTotpSecret } from '../../src/lib/totp.js';
import { buildAccountWithOwner, buildUser } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, loginAs, postForm } from '../helpers/http.js';

useTestDatabase();

/** A user with 2FA on, logged in (password and code), with their secret and first codes. */
async function loggedInWithTwoFactor() {
  const app = buildTestApp(); // configures the key seal() below uses
  const secret = newTotpSecret();
  const first = newRecoveryCodes();
  const user = await buildUser({ totpEnabled: true, totpSecret: seal(secret), recoveryCodeHashes: first.hashes });
  const { account } = await buildAccountWithOwner();
  await db().accountUser.create({ data: { accountId: account.id, userId: user.id, permissions: ['tickets'] } });
  const agent = agentFor(app);
  expect(await loginAs(agent, user.email)).toBe('/login/2fa');
  expect((await postForm(agent, '/login/2fa', { code: currentTotp(secret) }, '/login/2fa')).status).toBe(302);
  // That code was used: the next one is a time step later (RFC 6238 §5.2).
  advanceClock(30_000);
  return { app, agent, user, secret, oldCodes: first.codes };
}

const codesOn = (html: string) => [...html.matchAll(/<li class="col mb-1">([a-z0-9-]+)<\/li>/g)].map((m) => m[1]!);

describe('recovery codes', () => {
  it('are regenerated with a current code: ten new ones work, the old ones no longer do', async () => {
    const { app, agent, user, secret, oldCodes } = await loggedInWithTwoFactor();
    const security = await agent.get('/user/security');
    expect(security.text).toContain('href="/user/security/recovery-codes"');
    expect((await agent.get('/user/security/recovery-codes')).status).toBe(200);

    const made = await postForm(
      agent,
      '/user/security/recovery-codes',
      { code: currentTotp(secret) },
      '/user/security/recovery-codes',
    );
    expect(made.status).toBe(200);
    expect(made.headers['cache-control']).toContain('no-store');
    const codes = codesOn(made.text);
    expect(codes).toHaveLength(10);
    expect(codes.some((c) => oldCodes.includes(c))).toBe(false);

    const withOld = agentFor(app);
    await loginAs(withOld, user.email);
    expect((await postForm(withOld, '/login/2fa', { code: oldCodes[0]! }, '/login/2fa')).status).toBe(401);
    const withNew = agentFor(app);
    await loginAs(withNew, user.email);
    expect((await postForm(withNew, '/login/2fa', { code: codes[0]! }, '/login/2fa')).status).toBe(302);
    const activity = await db().activityLog.findFirst({
      where: { description: `Recovery codes regenerated for User ID: ${user.id}` },
    });
    expect(activity).not.toBeNull();
  });

  it('refuses a wrong code and a code already used, and keeps the old codes', async () => {
    const { agent, user, secret } = await loggedInWithTwoFactor();
    const before = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).recoveryCodeHashes;
    const wrongCode = currentTotp(secret) === '000000' ? '111111' : '000000';
    const wrong = await postForm(
      agent,
      '/user/security/recovery-codes',
      { code: wrongCode },
      '/user/security/recovery-codes',
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The code is not correct.');
    expect(codesOn(wrong.text)).toHaveLength(0);

    const code = currentTotp(secret);
    expect(
      (await postForm(agent, '/user/security/recovery-codes', { code }, '/user/security/recovery-codes')).status,
    ).toBe(200);
    const after = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).recoveryCodeHashes;
    // The same code a second time: refused, and the codes just made stay.
    const again = await postForm(agent, '/user/security/recovery-codes', { code }, '/user/security/recovery-codes');
    expect(again.status).toBe(401);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).recoveryCodeHashes).toEqual(after);
    expect(after).not.toEqual(before);
  });

  it('without two-factor there is nothing to regenerate', async () => {
    const { owner } = await buildAccountWithOwner();
    const agent = agentFor(buildTestApp());
    await loginAs(agent, owner.email);
    expect((await agent.get('/user/security/recovery-codes')).headers.location).toBe('/user/security');
    const refused = await postForm(agent, '/user/security/recovery-codes', { code: '123456' }, '/user/security');
    expect(refused.status).toBe(409);
  });

  it('offer a download of the codes as text, and a Copy button for browsers with a clipboard', async () => {
    const { agent, secret } = await loggedInWithTwoFactor();
    const made = await postForm(
      agent,
      '/user/security/recovery-codes',
      { code: currentTotp(secret) },
      '/user/security/recovery-codes',
    );
    const codes = codesOn(made.text);
    const link = /<a[^>]*data-testid="download-codes"[^>]*>/.exec(made.text)![0];
    expect(link).toContain('download="recovery-codes.txt"');
    const href = /href="data:text\/plain;charset=utf-8,([^"]+)"/.exec(link)![1]!;
    const text = decodeURIComponent(href);
    for (const c of codes) expect(text).toContain(c);
    expect(made.text).toContain('data-testid="copy-codes"');
  });
});
