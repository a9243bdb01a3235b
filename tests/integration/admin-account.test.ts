// An admin turns on two-factor for their own login, and login then asks for a code (SPEC 15).
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/clock.js';
import { currentTotp } from '../../src/lib/totp.js';
import { buildAdmin, TEST_PASSWORD } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loginAdmin, postForm } from '../helpers/http.js';

const t = useTestDatabase();

describe('admin two-factor authentication', () => {
  it('enrols with a code from the shown key; the next login needs a code; disabling needs one too', async () => {
    const app = buildTestApp();
    const admin = await buildAdmin();
    const agent = agentFor(app);
    await loginAdmin(agent, admin.email);

    const page = await agent.get('/admin/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data:image/png;base64');
    const secret = /data-testid="admin-totp-secret">([A-Z2-7]+)</.exec(page.text)?.[1];
    expect(secret).toBeTruthy();

    const wrong = await postForm(agent, '/admin/account/2fa/enable', { code: '000000' }, '/admin/account');
    expect(wrong.status).toBe(401);
    expect((await t.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabled).toBe(false);
    const ok = await postForm(agent, '/admin/account/2fa/enable', { code: currentTotp(secret!) }, '/admin/account');
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(ok.status).toBe(302);
    const stored = await t.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } });
    expect(stored.totpEnabled).toBe(true);
    expect(stored.totpSecret).not.toContain(secret!); // sealed, never stored in clear

    // A new login stops at the code step.
    const next = agentFor(app);
    const _csrf = await csrfOf(next, '/admin/login');
    const step1 = await next
      .post('/admin/login')
      .type('form')
      .send({ email: admin.email, password: TEST_PASSWORD, _csrf });
    expect(step1.headers.location).toBe('/admin/login/2fa');
    expect((await next.get('/admin')).headers.location).toBe('/admin/login');
    const bad = await postForm(next, '/admin/login/2fa', { code: '123456' }, '/admin/login/2fa');
    expect(bad.status).toBe(401);
    const good = await postForm(next, '/admin/login/2fa', { code: currentTotp(secret!) }, '/admin/login/2fa');
    // A code works once (RFC 6238 §5.2): the next one is 30 seconds later.
    advanceClock(30_000);
    expect(good.headers.location).toBe('/admin');
    expect((await next.get('/admin')).status).toBe(200);

    const off = await postForm(next, '/admin/account/2fa/disable', { code: currentTotp(secret!) }, '/admin/account');
    expect(off.status).toBe(302);
    expect((await t.prisma.admin.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabled).toBe(false);
  });
});
