// Domains reachable (issue 13): staff add a domain on the client's Domains tab; in the client area
// `domains` shows it read-only and `managedomains` changes nameservers, auto-renew and the lock.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildAccountWithOwner, buildAuthorizedUser, unique } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAs, postForm } from '../helpers/http.js';

useTestDatabase();
const s = useAdminSession();

describe('domains added by staff, managed by the client', () => {
  it('staff add a domain; a viewer sees it; a manager changes its settings', async () => {
    const { account } = await buildAccountWithOwner();
    const name = `client-${unique()}.test`;
    const bad = await postForm(s.agent, `/admin/clients/${account.id}/domains`, { name: 'not a domain', years: 1 });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a domain like example.com.');
    const added = await postForm(s.agent, `/admin/clients/${account.id}/domains`, {
      name,
      years: 2,
      nameservers: 'ns1.host.test, ns2.host.test',
    });
    expect(added.status).toBe(302);
    const domain = await db().domain.findUniqueOrThrow({ where: { name } });
    expect(domain).toMatchObject({ accountId: account.id, nameservers: ['ns1.host.test', 'ns2.host.test'] });
    const again = await postForm(s.agent, `/admin/clients/${account.id}/domains`, { name, years: 1 });
    expect(again.status).toBe(409);

    const { user: viewer } = await buildAuthorizedUser(account.id, ['domains']);
    const viewerAgent = agentFor(s.app);
    await loginAs(viewerAgent, viewer.email);
    expect((await viewerAgent.get('/domains')).text).toContain(name);
    const page = await viewerAgent.get(`/domains/${domain.id}`);
    expect(page.text).toContain('does not include changing domain settings');
    expect(
      (await postForm(viewerAgent, `/domains/${domain.id}`, { ns1: 'a.dns.test', ns2: 'b.dns.test' })).status,
    ).toBe(403);

    const { user: manager } = await buildAuthorizedUser(account.id, ['domains', 'managedomains']);
    const managerAgent = agentFor(s.app);
    await loginAs(managerAgent, manager.email);
    const saved = await postForm(managerAgent, `/domains/${domain.id}`, { ns1: 'a.dns.test', ns2: 'b.dns.test' });
    expect(saved.status).toBe(302);
    expect(await db().domain.findUniqueOrThrow({ where: { id: domain.id } })).toMatchObject({
      nameservers: ['a.dns.test', 'b.dns.test'],
      autoRenew: false,
      locked: false,
    });
  });
});
