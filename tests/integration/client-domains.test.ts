// Domains reachable (issue 13): staff add a domain on the client's Domains tab; in the client area
// `domains` shows it read-only and `managedomains` changes nameservers, auto-renew and the lock.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { adminActor } from '../../src/services/actor.js';
import { addDomainForClient } from '../../src/services/hosting/staff-domains.js';
import { buildAccountWithOwner, buildAdmin, buildAuthorizedUser, unique } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { useTestDatabase } from '../helpers/db.js';
import { agentFor, loginAdmin, loginAs, postForm } from '../helpers/http.js';
import { codeOf } from '../helpers/services.js';

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

describe('adding a domain takes the role that may change a client', () => {
  it('support and billing are refused (403, nothing added, no form shown), in the route and the service', async () => {
    const { account } = await buildAccountWithOwner();
    for (const role of ['support', 'billing'] as const) {
      const admin = await buildAdmin({ role });
      const agent = agentFor(s.app);
      await loginAdmin(agent, admin.email);
      const tab = await agent.get(`/admin/clients/${account.id}/domains`);
      expect(tab.status).toBe(200);
      expect(tab.text).not.toContain('data-testid="add-domain"');
      const name = `refused-${unique()}.test`;
      const res = await postForm(agent, `/admin/clients/${account.id}/domains`, { name, years: 1 });
      expect(res.status).toBe(403);
      expect(res.text).toContain('does not allow this');
      expect(
        await codeOf(addDomainForClient(adminActor(admin.id), account.id, { name, years: 1, nameservers: [] })),
      ).toBe('FORBIDDEN');
      expect(await db().domain.count({ where: { name } })).toBe(0);
    }
    // A full administrator is offered the form.
    expect((await s.agent.get(`/admin/clients/${account.id}/domains`)).text).toContain('data-testid="add-domain"');
  });
});
