// Issue 15: what the services and the form schemas say reaches a client-area reader in their
// language (the user's setting, else the picker's cookie, else Accept-Language): field messages,
// the form's error, zod's own messages, service refusals and the error pages. The admin area
// answers the same refusal in English.
import supertest from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { translator } from '../../src/lib/i18n.js';
import { userActor } from '../../src/services/actor.js';
import { deferredMailSentTo, newestDelivered } from '../helpers/outbox.js';
import { acceptInvitation } from '../../src/services/invitations/accept.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { buildAccountWithOwner, buildAdmin, buildUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import {
  TEST_PASSWORD,
  agentFor,
  buildTestApp,
  csrfOf,
  loginAdmin,
  loginAs,
  postForm,
  type Agent,
} from '../helpers/http.js';

useTestDatabase();

let app: ReturnType<typeof buildTestApp>;
beforeAll(() => {
  app = buildTestApp();
});

/** A visitor whose browser asks for `language` first; every request of the agent says so. */
function visitor(language: string): Agent {
  const agent = agentFor(app);
  agent.set('Accept-Language', `${language},en;q=0.5`);
  return agent;
}

/** Register with the first name missing and the address too long (no message of ours: zod's own). */
async function badRegistration(agent: Agent) {
  const _csrf = await csrfOf(agent, '/register');
  return agent
    .post('/register')
    .type('form')
    .send({
      _csrf,
      firstName: '',
      lastName: 'Schmidt',
      email: 'not-an-email',
      address1: 'x'.repeat(201),
      city: 'Berlin',
      postcode: '10115',
      country: 'DE',
      phone: '+49 30 123456',
      password: 'short',
      passwordConfirm: 'other',
    });
}

describe('the register form', () => {
  it('with Accept-Language: de re-renders with German field messages, a German form error and zod’s German', async () => {
    const res = await badRegistration(visitor('de'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Bitte korrigieren Sie die markierten Felder.');
    expect(res.text).toContain('Bitte geben Sie Ihren Vornamen ein.');
    expect(res.text).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
    expect(res.text).toContain('Verwenden Sie mindestens 10 Zeichen.');
    expect(res.text).toContain('Die Passwörter stimmen nicht überein.');
    // address1 has no message of ours for its length: zod's German locale says it.
    expect(res.text).toMatch(/Zu groß: erwartet, dass string &lt;=200 Zeichen hat/);
    // What was typed stays in the form.
    expect(res.text).toContain('value="Schmidt"');
    expect(res.text).not.toContain('Please correct the highlighted fields.');
    expect(res.text).not.toContain('Enter your first name.');
    expect(res.text).not.toContain('Too big');
  });

  it('a German registrant is saved as German, and the activation email is German', async () => {
    const agent = visitor('de');
    const email = uniqueEmail('neu');
    const _csrf = await csrfOf(agent, '/register');
    const res = await agent.post('/register').type('form').send({
      _csrf,
      firstName: 'Greta',
      lastName: 'Schmidt',
      email,
      address1: 'Hauptstraße 1',
      city: 'Berlin',
      postcode: '10115',
      country: 'DE',
      phone: '+49 30 123456',
      password: 'Lantern-Orbit-Quartz-58',
      passwordConfirm: 'Lantern-Orbit-Quartz-58',
    });
    expect(res.status).toBe(200);
    await deferredMailSentTo(email);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).language).toBe('de');
    const activation = await newestDelivered(email, 'account_activation');
    expect(activation.subject).toBe(translator('de', 'emails')('Confirm your email address'));
    expect(activation.subject).not.toBe('Confirm your email address');
  });

  it('the footer picker’s cookie wins over Accept-Language', async () => {
    const agent = visitor('en');
    agent.set('Cookie', 'lang=de');
    const res = await badRegistration(agent);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Bitte geben Sie Ihren Vornamen ein.');
  });

  it('in Arabic, zod’s messages and ours are Arabic', async () => {
    const res = await badRegistration(visitor('ar'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('يُرجى تصحيح الحقول المميَّزة.');
    expect(res.text).toContain('أدخل اسمك الأول.');
    expect(res.text).toContain('أكبر من اللازم');
  });

  it('an English browser still reads English', async () => {
    const res = await badRegistration(visitor('en'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Please correct the highlighted fields.');
    expect(res.text).toContain('Enter your first name.');
    expect(res.text).toContain('Too big: expected string to have &lt;=200 characters');
  });
});

describe('service refusals', () => {
  it('a German user is told in German that the email address is taken', async () => {
    const user = await buildUser({ language: 'de' });
    const other = await buildUser();
    const agent = agentFor(app);
    await loginAs(agent, user.email);
    const res = await postForm(
      agent,
      '/user/profile',
      { firstName: 'Max', lastName: 'Muster', email: other.email, language: 'de', currentPassword: TEST_PASSWORD },
      '/user/profile',
    );
    expect(res.status).toBe(409);
    expect(res.text).toContain('Diese E-Mail-Adresse wird bereits verwendet.');
    expect(res.text).not.toContain('already in use');
  });

  it('a German owner inviting someone already in the account is told in German', async () => {
    const { owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const res = await postForm(
      agent,
      '/account/users/invite',
      { email: owner.email, permissionMode: 'all' },
      '/account/users',
    );
    expect(res.status).toBe(409);
    expect(res.text).toContain('Diese Person hat bereits Zugriff auf dieses Konto.');
    expect(res.text).toContain('Diese E-Mail-Adresse gehört bereits einem Benutzer dieses Kontos.');
  });

  it('resending an invitation already accepted is refused in German on the error page', async () => {
    const { account, owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const { invitation, token } = await invite(userActor(owner.id), account.id, uniqueEmail('used'), ['tickets']);
    await acceptInvitation(token, (await buildUser()).id);
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const res = await postForm(agent, `/account/users/invitations/${invitation.id}/resend`, {}, '/account/users');
    expect(res.status).toBe(410);
    expect(res.text).toContain('Link nicht mehr gültig');
    expect(res.text).toContain('Diese Einladung wurde bereits angenommen.');
    expect(res.text).not.toContain('already been accepted');
  });

  it('wrong login details: German in the client area, English in the admin area', async () => {
    const client = visitor('de');
    const _csrf = await csrfOf(client, '/login');
    const refused = await client
      .post('/login')
      .type('form')
      .send({ _csrf, email: uniqueEmail('x'), password: 'nope' });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Die Anmeldedaten sind nicht korrekt. Bitte versuchen Sie es erneut.');

    const admin = await buildAdmin();
    const staff = visitor('de');
    const adminCsrf = await csrfOf(staff, '/admin/login');
    const adminRefused = await staff
      .post('/admin/login')
      .type('form')
      .send({ _csrf: adminCsrf, email: admin.email, password: 'wrong-password' });
    expect(adminRefused.status).toBe(401);
    expect(adminRefused.text).toContain('Login details incorrect. Please try again.');
    expect(adminRefused.text).not.toContain('Anmeldedaten');
  });
});

describe('error pages', () => {
  it('page not found: German in the client area, English in the admin area', async () => {
    const client = await supertest(app).get('/no-such-page').set('Accept-Language', 'de');
    expect(client.status).toBe(404);
    expect(client.text).toContain('Diese Seite konnten wir nicht finden.');

    const staff = visitor('de');
    await loginAdmin(staff, (await buildAdmin()).email);
    const admin = await staff.get('/admin/no-such-page');
    expect(admin.status).toBe(404);
    expect(admin.text).toContain('We could not find that page.');
    expect(admin.text).not.toContain('Diese Seite');
  });

  it('an expired form (no CSRF token) is explained in German', async () => {
    const res = await visitor('de').post('/login').type('form').send({ email: 'a@example.test', password: 'x' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Formular abgelaufen');
    expect(res.text).toContain('Ihr Formular ist abgelaufen oder wurde von einer anderen Website gesendet.');
  });
});
