// Hardening issue, item 6: nothing tells a visitor whether an address is registered. Register and
// the invitation page's Register answer the same page for a new and a taken address (the owner of
// a taken one is told by email instead); forgot-password does the same work for both.
import { describe, expect, it } from 'vitest';
import { database, db, setDatabase } from '../../src/db/client.js';
import { userActor } from '../../src/services/actor.js';
import { invite } from '../../src/services/invitations/invitations.js';
import { buildAccountWithOwner, buildUser, uniqueEmail } from '../factories/index.js';
import { connectTestDatabase, isPglite, useTestDatabase } from '../helpers/db.js';
import { agentFor, buildTestApp, csrfOf, type Agent } from '../helpers/http.js';
import { deferredMailSentTo, newestDelivered } from '../helpers/outbox.js';

useTestDatabase();

const PASSWORD = 'Quiet-Harbour-Lantern-42';

function registration(email: string) {
  return {
    firstName: 'Casey',
    lastName: 'Probe',
    email,
    phone: '+1 555 0100',
    address1: '1 Main Street',
    city: 'Springfield',
    postcode: '12345',
    country: 'US',
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    acceptTerms: 'on',
  };
}

/** The page with the address taken out: what is left must be the same for both. */
const withoutEmail = (html: string, email: string) =>
  html
    .replaceAll(email, '<email>')
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .replace(/content="[^"]+"/g, '');

async function register(agent: Agent, email: string) {
  const _csrf = await csrfOf(agent, '/register');
  return agent
    .post('/register')
    .type('form')
    .send({ ...registration(email), _csrf });
}

// First in the file: no mail worker of an earlier test may run while statements are counted.
describe('forgot-password does the same work for a known and an unknown address (item 6)', () => {
  it('runs the same statements either way, and only the known address gets mail', async () => {
    if (isPglite()) return; // a second connection is not available on PGlite
    const app = buildTestApp();
    const known = await buildUser();
    const unknown = uniqueEmail('ghost');
    const statements: string[][] = [];
    for (const email of [known.email, unknown]) {
      const agent = agentFor(app);
      const _csrf = await csrfOf(agent, '/password/forgot');
      const queries: string[] = [];
      const counted = connectTestDatabase({ onQuery: (q) => queries.push(q.replace(/\$\d+/g, '?')) });
      const previous = database();
      setDatabase(counted);
      try {
        const res = await agent.post('/password/forgot').type('form').send({ email, _csrf });
        expect(res.status).toBe(200);
      } finally {
        setDatabase(previous);
        await new Promise((r) => setTimeout(r, 50));
        await counted.close();
      }
      // The request's own work ends with recording the wish; what follows is the mail worker's.
      const recorded = queries.findIndex((q) => /INSERT INTO "public"\."deferred_emails"/.test(q));
      expect(recorded).toBeGreaterThanOrEqual(0);
      statements.push(queries.slice(0, recorded + 1));
      await deferredMailSentTo(email);
    }
    // The request itself: the same statements; no lookup of the user at all.
    expect(statements[0]).toEqual(statements[1]);
    expect(statements[0]?.some((q) => /"users"/.test(q))).toBe(false);
    expect(await db().emailLog.count({ where: { recipient: known.email, template: 'password_reset' } })).toBe(1);
    expect(await db().emailLog.count({ where: { recipient: unknown } })).toBe(0);
  });
});

describe('registering does not reveal a registered address (item 6)', () => {
  it('answers a taken address exactly like a new one, creates nothing, and tells the owner by email', async () => {
    const app = buildTestApp();
    const existing = await buildUser();
    const fresh = uniqueEmail('fresh');
    const a = await register(agentFor(app), existing.email);
    const b = await register(agentFor(app), fresh);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(withoutEmail(a.text, existing.email)).toBe(withoutEmail(b.text, fresh));
    expect(a.text).not.toMatch(/already (exists|in use)/i);
    // Nothing was created for the taken address; the owner hears of the attempt.
    expect(await db().accountUser.count({ where: { userId: existing.id } })).toBe(0);
    const notice = await newestDelivered(existing.email, 'account_exists');
    expect(notice.subject).toBe('Someone tried to register with your email address');
    // The new address got its account, and cannot log in before following its link.
    const created = await db().user.findUniqueOrThrow({ where: { email: fresh } });
    expect(created.activationPending).toBe(true);
    const visitor = agentFor(app);
    const _csrf = await csrfOf(visitor, '/login');
    const login = await visitor.post('/login').type('form').send({ email: fresh, password: PASSWORD, _csrf });
    expect(login.status).toBe(401);
  });

  it("the invitation page's Register answers a taken address like a new one", async () => {
    const app = buildTestApp();
    const { account, owner } = await buildAccountWithOwner();
    const existing = await buildUser();
    const fresh = uniqueEmail('fresh');
    const answers = [];
    for (const email of [existing.email, fresh]) {
      const { token } = await invite(userActor(owner.id), account.id, uniqueEmail('inv'), ['tickets']);
      const agent = agentFor(app);
      const _csrf = await csrfOf(agent, `/invite/${token}`);
      const res = await agent
        .post(`/invite/${token}/register`)
        .type('form')
        .send({ firstName: 'Casey', lastName: 'Probe', email, password: PASSWORD, passwordConfirm: PASSWORD, _csrf });
      answers.push({ status: res.status, page: withoutEmail(res.text, email) });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.status).toBe(200);
    expect((await newestDelivered(existing.email, 'account_exists')).text).toContain('/invite/');
  });
});
