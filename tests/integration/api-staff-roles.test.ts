// Staff roles hold through the API too (issue 14 roles, issue 11 API): a credential acts as its
// admin, so a Support or Billing admin's credential is refused what their role refuses in the
// admin area, with the same service refusal (result error, "Your staff role (...) does not allow
// this"), and nothing is written. These seven functions once skipped the check.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildAdmin, buildUser, unique, uniqueEmail } from '../factories/index.js';
import { useApiServer } from '../helpers/api.js';

const api = useApiServer();
const STRONG = 'Correct-Horse-Battery-42';

type Params = Record<string, string | number>;

/**
 * Each function with the parameters of a call a full admin could make, and what a refused call
 * must leave as it was (rows of this call only: other test files write beside this one).
 */
const CASES: { action: string; call: () => Promise<{ params: Params; unchanged: () => Promise<unknown> }> }[] = [
  {
    action: 'AddUser',
    call: async () => {
      const email = uniqueEmail('adduser');
      return {
        params: { firstname: 'Ada', lastname: 'Lovelace', email, password2: STRONG },
        unchanged: async () => expect(await db().user.count({ where: { email } })).toBe(0),
      };
    },
  },
  {
    action: 'AddClient',
    call: async () => {
      const owner = await buildUser();
      return {
        params: {
          owner_user_id: owner.id,
          firstname: 'Grace',
          lastname: `Hopper ${unique()}`,
          email: uniqueEmail('billing'),
          skipvalidation: 'true',
        },
        unchanged: async () => expect(await db().accountUser.count({ where: { userId: owner.id } })).toBe(0),
      };
    },
  },
  {
    action: 'DeleteClient',
    call: async () => {
      const { account } = await buildAccountWithOwner();
      return { params: { clientid: account.id }, unchanged: () => stillActive(account.id) };
    },
  },
  {
    action: 'CloseClient',
    call: async () => {
      const { account } = await buildAccountWithOwner();
      return { params: { clientid: account.id }, unchanged: () => stillActive(account.id) };
    },
  },
  {
    action: 'AddContact',
    call: async () => {
      const { account } = await buildAccountWithOwner();
      return {
        params: { clientid: account.id, firstname: 'Cora', lastname: 'Contact', email: uniqueEmail('contact') },
        unchanged: async () => expect(await db().contact.count({ where: { accountId: account.id } })).toBe(0),
      };
    },
  },
  {
    action: 'LogActivity',
    call: async () => {
      const { account } = await buildAccountWithOwner();
      const description = `Note ${unique()}`;
      return {
        params: { clientid: account.id, description },
        unchanged: async () => expect(await db().activityLog.count({ where: { description } })).toBe(0),
      };
    },
  },
  {
    action: 'CreateSsoToken',
    call: async () => {
      const { account } = await buildAccountWithOwner();
      return {
        params: { client_id: account.id },
        unchanged: async () => expect(await db().ssoToken.count({ where: { accountId: account.id } })).toBe(0),
      };
    },
  },
];

async function stillActive(accountId: number) {
  expect((await db().account.findUniqueOrThrow({ where: { id: accountId } })).status).toBe('Active');
}

const LABELS = { support: 'Support', billing: 'Billing' } as const;

describe('a restricted admin’s credential is refused what the role refuses', () => {
  for (const role of ['support', 'billing'] as const) {
    for (const { action, call } of CASES) {
      it(`${action} as ${LABELS[role]}`, async () => {
        const c = await api.client({ admin: await buildAdmin({ role }) });
        const { params, unchanged } = await call();
        const answer = await c.call(action, params);
        expect(answer).toMatchObject({ result: 'error' });
        expect(String(answer.message)).toContain(`Your staff role (${LABELS[role]}) does not allow this`);
        expect(await db().activityLog.count({ where: { apiCredentialId: c.credential.id } })).toBe(0);
        await unchanged();
      });
    }
  }

  it('the same calls succeed for a full administrator (the refusal is the role, not the call)', async () => {
    const c = await api.client({ admin: await buildAdmin({ role: 'full' }) });
    for (const { action, call } of CASES) {
      const answer = await c.call(action, (await call()).params);
      expect({ action, result: answer.result, message: answer.message }).toEqual({
        action,
        result: 'success',
        message: undefined,
      });
    }
  });
});
