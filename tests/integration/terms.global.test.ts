// Issue 13 bug 7: a Terms of Service URL in the admin settings. When set, both registration
// forms (the register page and an invitation's Register) show the box, refuse without it, and
// record the acceptance's time and version; when empty, there is nothing to accept. Global: it
// changes a process-wide setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { SYSTEM } from '../../src/services/actor.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { setSetting } from '../../src/services/settings/settings.js';
import { buildAccountWithOwner, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, postForm } from '../helpers/http.js';

useTestDatabase();
let app: ReturnType<typeof buildTestApp>;
const PASSWORD = 'Lantern-Orbit-Quartz-58';
const registration = (email: string) => ({
  firstName: 'Tess',
  lastName: 'Terms',
  email,
  phone: '+1 555 0100',
  address1: '1 Main St',
  city: 'Springfield',
  postcode: '12345',
  country: 'US',
  password: PASSWORD,
  passwordConfirm: PASSWORD,
});

beforeAll(async () => {
  app = buildTestApp();
  await setSetting(SYSTEM, 'termsUrl', 'https://example.test/terms');
  await setSetting(SYSTEM, 'termsVersion', '2026-12');
});
afterAll(async () => {
  await setSetting(SYSTEM, 'termsUrl', '');
  await setSetting(SYSTEM, 'termsVersion', '1');
});

describe('Terms of Service when a terms URL is set', () => {
  it('the register page links the terms, refuses without the box, and records time and version', async () => {
    const agent = agentFor(app);
    const page = await agent.get('/register');
    expect(page.text).toContain('href="https://example.test/terms"');
    const email = uniqueEmail('terms');
    const refused = await postForm(agent, '/register', registration(email), '/register');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You must accept the Terms of Service.');
    expect(refused.text).toContain('value="Tess"');
    expect(await db().user.count({ where: { email } })).toBe(0);

    const ok = await postForm(agent, '/register', { ...registration(email), acceptTerms: 'on' }, '/register');
    expect(ok.status).toBe(200);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.termsVersion).toBe('2026-12');
    expect(user.termsAcceptedAt).toBeInstanceOf(Date);
  });

  it("an invitation's Register form asks for the terms too", async () => {
    const { owner, account } = await buildAccountWithOwner();
    const { token } = await invite({ kind: 'user', userId: owner.id, ip: '' }, account.id, uniqueEmail('inv'), [
      'tickets',
    ]);
    const agent = agentFor(app);
    const page = await agent.get(`/invite/${token}`);
    expect(page.text).toContain('name="acceptTerms"');
    const email = uniqueEmail('invterms');
    const body = { firstName: 'Ivo', lastName: 'Invited', email, password: PASSWORD, passwordConfirm: PASSWORD };
    const refused = await postForm(agent, `/invite/${token}/register`, body, `/invite/${token}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You must accept the Terms of Service.');
    expect(await db().user.count({ where: { email } })).toBe(0);
    await postForm(agent, `/invite/${token}/register`, { ...body, acceptTerms: 'on' }, `/invite/${token}`);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).termsVersion).toBe('2026-12');
  });

  it('with no terms URL there is no box and nothing is recorded', async () => {
    await setSetting(SYSTEM, 'termsUrl', '');
    try {
      const agent = agentFor(app);
      expect((await agent.get('/register')).text).not.toContain('name="acceptTerms"');
      const email = uniqueEmail('noterms');
      expect((await postForm(agent, '/register', registration(email), '/register')).status).toBe(200);
      const user = await db().user.findUniqueOrThrow({ where: { email } });
      expect(user.termsVersion).toBeNull();
      expect(user.termsAcceptedAt).toBeNull();
    } finally {
      await setSetting(SYSTEM, 'termsUrl', 'https://example.test/terms');
    }
  });
});
