// Issue 15: which language a client page is in (Accept-Language, the picker's cookie, the user's
// own setting), the footer's picker (POST /language), and dates, money and flash messages in the
// reader's language. Expected texts come from the message files (translator), so the test reads
// what a German or Arabic reader reads, and each is checked to differ from the English.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { translator } from '../../src/lib/i18n.js';
import { buildAccountWithOwner, buildInvoice } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, loggedInOwner, loginAs, postForm } from '../helpers/http.js';

useTestDatabase();

const de = translator('de');
const ar = translator('ar');

/** Text as EJS prints it with <%= %>. */
const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** The German (or Arabic) text for an English key, which must really be translated, as printed. */
function translated(t: typeof de, key: string): string {
  const text = t(key);
  expect(text, key).not.toBe(key);
  return html(text);
}

const LOGIN_INTRO = html("Log in with your user's email address and password.");
const LOGIN_INTRO_KEY = "Log in with your user's email address and password.";

describe('the language of a page', () => {
  it('follows Accept-Language before login, and says so in Content-Language', async () => {
    const app = buildTestApp();
    const res = await agentFor(app).get('/login').set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.5');
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('de');
    expect(res.text).toContain('<html lang="de" dir="ltr">');
    expect(res.text).toContain(translated(de, LOGIN_INTRO_KEY));
    expect(res.text).not.toContain(LOGIN_INTRO);
  });

  it('is English without a preference, and for a language we do not have', async () => {
    const app = buildTestApp();
    const plain = await agentFor(app).get('/login');
    expect(plain.text).toContain(LOGIN_INTRO);
    expect(plain.headers['content-language']).toBe('en');
    const other = await agentFor(app).get('/login').set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(other.text).toContain(LOGIN_INTRO);
  });

  it('follows the picker cookie over Accept-Language: lang=ar is Arabic, right to left', async () => {
    const app = buildTestApp();
    const res = await agentFor(app).get('/login').set('Cookie', 'lang=ar').set('Accept-Language', 'de');
    expect(res.text).toContain('<html lang="ar" dir="rtl">');
    expect(res.text).toContain('bootstrap.rtl.min.css');
    expect(res.text).toContain(translated(ar, LOGIN_INTRO_KEY));
    expect(res.headers['content-language']).toBe('ar');
  });

  it("is the logged-in user's own language, whatever the browser asks for", async () => {
    const app = buildTestApp();
    const { owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const home = await agent.get('/').set('Accept-Language', 'en').set('Cookie', 'lang=en');
    expect(home.status).toBe(200);
    expect(home.headers['content-language']).toBe('de');
    expect(home.text).toContain('<html lang="de"');
    expect(home.text).toContain(translated(de, 'Shortcuts'));
  });
});

describe('the footer language picker', () => {
  it('is on every page, logged in or not, with each language named in its own language', async () => {
    const app = buildTestApp();
    const page = await agentFor(app).get('/login');
    expect(page.text).toContain('action="/language"');
    expect(page.text).toMatch(/<option value="de" lang="de"\s*>Deutsch<\/option>/);
    expect(page.text).toMatch(/<option value="ar" lang="ar"\s*>العربية<\/option>/);
    expect(page.text).toMatch(/<option value="en" lang="en" selected>English<\/option>/);
    const { agent } = await loggedInOwner(app);
    expect((await agent.get('/')).text).toContain('action="/language"');
  });

  it('sets the lang cookie for a year and goes back to the page it was sent from', async () => {
    const app = buildTestApp();
    const agent = agentFor(app);
    // A visitor who only read a page has no session and sends the picker without a token.
    const res = await agent.post('/language').type('form').send({ language: 'de', returnTo: '/register?x=1' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/register?x=1');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('lang='));
    expect(cookie).toMatch(/^lang=de;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const after = await agent.get('/register');
    expect(after.text).toContain('<html lang="de"');
  });

  it('goes back only to a page of this site', async () => {
    const app = buildTestApp();
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const res = await agentFor(app).post('/language').type('form').send({ language: 'de', returnTo });
      expect(res.status, returnTo).toBe(302);
      expect(res.headers.location, returnTo).toBe('/');
    }
  });

  it('refuses an unknown language with 400 and sets no cookie', async () => {
    const app = buildTestApp();
    for (const language of ['fr', 'xx', '', 'de-DE']) {
      const res = await agentFor(app).post('/language').type('form').send({ language });
      expect(res.status, language).toBe(400);
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/lang=/);
    }
  });

  it("saves a logged-in user's choice as their language setting; without the token it is refused", async () => {
    const { agent, owner } = await loggedInOwner();
    const forged = await agent.post('/language').type('form').send({ language: 'de' });
    expect(forged.status).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).language).toBe('en');
    const res = await postForm(agent, '/language', { language: 'de', returnTo: '/user/profile' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/user/profile');
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).language).toBe('de');
    const profile = await agent.get('/user/profile').set('Accept-Language', 'en');
    expect(profile.text).toContain('<html lang="de"');
  });

  it('needs the token from a visitor whose session has one', async () => {
    const app = buildTestApp();
    const agent = agentFor(app);
    await csrfOf(agent, '/login');
    const refused = await agent.post('/language').type('form').send({ language: 'de' });
    expect(refused.status).toBe(403);
    const ok = await postForm(agent, '/language', { language: 'de' }, '/login');
    expect(ok.status).toBe(302);
  });

  it('refuses a switch sent from another site', async () => {
    const app = buildTestApp();
    const res = await agentFor(app)
      .post('/language')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ language: 'de' });
    expect(res.status).toBe(403);
  });
});

describe('what a page says, in German', () => {
  it('shows a flash message in German', async () => {
    const app = buildTestApp();
    const { owner } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const saved = await postForm(
      agent,
      '/user/profile',
      { firstName: owner.firstName, lastName: owner.lastName, email: owner.email, language: 'de' },
      '/user/profile',
    );
    expect(saved.status).toBe(302);
    const page = await agent.get('/user/profile');
    expect(page.text).toContain(translated(de, 'Your profile was saved.'));
  });

  it('writes dates and money the German way', async () => {
    const app = buildTestApp();
    const { owner, account } = await buildAccountWithOwner({ owner: { language: 'de' } });
    const invoice = await buildInvoice({
      accountId: account.id,
      dueAt: new Date('2099-03-24T12:00:00Z'),
      items: [{ description: 'Hosting', amount: '12.50' }],
    });
    const agent = agentFor(app);
    await loginAs(agent, owner.email);
    const list = await agent.get('/invoices');
    expect(list.status).toBe(200);
    // Intl puts a no-break space between the amount and the sign.
    expect(list.text).toContain('12,50\u00a0$');
    expect(list.text).not.toContain('$12.50');
    expect(list.text).toContain('24.03.2099');
    const one = await agent.get(`/invoices/${invoice.id}`);
    expect(one.text).toContain('12,50\u00a0$');
    expect(one.text).not.toMatch(/\$\s*12,50/);
  });
});
