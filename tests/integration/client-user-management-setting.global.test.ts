// SPEC rule 11 in the client area: with "Disable Client Area User Management" on, owners see no
// User Management and every such request is refused. A .global test: the setting is process-wide,
// so this file runs alone (see vitest.config.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { setSetting } from '../../src/services/settings/settings.js';
import { buildAuthorizedUser, uniqueEmail } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { csrfOf, loggedInOwner } from '../helpers/http.js';

useTestDatabase();

const ownerAgent = () => loggedInOwner();

describe('User Management (owner)', () => {
  describe('with "Disable Client Area User Management" on', () => {
    afterEach(async () => {
      await setSetting({ kind: 'system' }, 'disableClientUserManagement', false);
    });
    it('answers 403 to the owner on pages and actions, and hides the link', async () => {
      const { agent, account, owner } = await ownerAgent();
      const { user } = await buildAuthorizedUser(account.id, ['tickets']);
      const csrf = await csrfOf(agent, '/');
      await setSetting({ kind: 'system' }, 'disableClientUserManagement', true);
      expect((await agent.get('/account/users')).status).toBe(403);
      expect((await agent.get('/')).text).not.toContain('href="/account/users"');
      const invited = await agent
        .post('/account/users/invite')
        .type('form')
        .send({ email: uniqueEmail('d'), permissionMode: 'all', _csrf: csrf });
      expect(invited.status).toBe(403);
      const rm = await agent.post(`/account/users/${user.id}/remove`).type('form').send({ _csrf: csrf });
      expect(rm.status).toBe(403);
      expect(await db().invitation.count({ where: { accountId: account.id } })).toBe(0);
      expect(await db().accountUser.count({ where: { accountId: account.id } })).toBe(2);
      expect(owner.id).toBeGreaterThan(0);
    });
  });
});
