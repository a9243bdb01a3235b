// Issue 14, "find anything": the header's quick search over clients (id, #id, name, company,
// email, email domain), users, tickets (number, subject) and invoices (number), grouped by kind.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import type { QuickSearchResult } from '../../src/services/search/quick-search.js';
import { buildAccount, buildInvoice, buildTicket, unique } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { agentFor } from '../helpers/http.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase();
const s = useAdminSession();

async function search(q: string): Promise<QuickSearchResult> {
  const res = await s.agent.get(`/admin/search.json?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body as QuickSearchResult;
}
const idsOf = (r: QuickSearchResult, kind: string) =>
  r.groups.find((g) => g.kind === kind)?.results.map((x) => x.id) ?? [];

async function desk() {
  const tag = `qs${unique().replace(/-/g, '')}`;
  const client = await buildAccount({
    firstName: 'Olga',
    lastName: 'Quick',
    companyName: `Zebra Web ${tag} Ltd`,
    email: `billing@${tag}.example`,
  });
  const user = await db().user.create({
    data: { email: `jo@${tag}.example`, firstName: 'Jo', lastName: `Searcher${tag}` },
  });
  const ticket = await buildTicket({ accountId: client.id, subject: `Mailbox ${tag} is down` });
  const invoice = await buildInvoice({ accountId: client.id });
  return { tag, client, user, ticket, invoice };
}

describe('quick search', () => {
  it('finds a client by a word inside its company name, and by its email domain together with its users', async () => {
    const { tag, client, user } = await desk();
    expect(idsOf(await search(`web ${tag}`), 'client')).toEqual([client.id]);
    // Each word on its own, in any order.
    expect(idsOf(await search(`${tag} zebra`), 'client')).toEqual([client.id]);
    expect(idsOf(await search(`${tag} zebra nosuchword`), 'client')).toEqual([]);
    const byDomain = await search(`@${tag}.example`);
    expect(idsOf(byDomain, 'client')).toEqual([client.id]);
    expect(idsOf(byDomain, 'user')).toEqual([user.id]);
    expect(byDomain.groups.map((g) => g.label)).toEqual(['Clients', 'Users']);
  });

  it('finds by number: the client id, #ticket and the invoice number, each in its group', async () => {
    const { client, ticket, invoice } = await desk();
    expect(idsOf(await search(`#${client.id}`), 'client')[0]).toBe(client.id);
    const byTicket = await search(`#${ticket.id}`);
    expect(idsOf(byTicket, 'ticket')[0]).toBe(ticket.id);
    expect(byTicket.groups.find((g) => g.kind === 'ticket')?.results[0]?.href).toBe(`/admin/tickets/${ticket.id}`);
    for (const q of [String(invoice.id), `INV-${invoice.id}`]) {
      const r = await search(q);
      expect(idsOf(r, 'invoice'), q).toEqual([invoice.id]);
      expect(r.groups.find((g) => g.kind === 'invoice')?.results[0]?.href).toContain(
        `/admin/clients/${client.id}/invoices`,
      );
    }
  });

  it('finds a ticket by a word of its subject and a user by part of the name', async () => {
    const { tag, ticket, user } = await desk();
    expect(idsOf(await search(`mailbox ${tag}`), 'ticket')).toEqual([ticket.id]);
    expect(idsOf(await search(`earcher${tag}`), 'user')).toEqual([user.id]);
  });

  it('shows five per group and says there are more, with the full list linked', async () => {
    const tag = `many${unique().replace(/-/g, '')}`;
    for (let i = 0; i < 7; i++) await buildAccount({ companyName: `${tag} Hosting ${i}` });
    const r = await search(`${tag} hosting`);
    const clients = r.groups.find((g) => g.kind === 'client')!;
    expect(clients.results).toHaveLength(5);
    expect(clients.more).toBe(true);
    expect(clients.listHref).toBe(`/admin/clients?q=${encodeURIComponent(`${tag} hosting`)}`);
  });

  it('asks for three characters (text) and answers the page without JavaScript', async () => {
    expect((await search('ab')).hint).toContain('at least 3 characters');
    expect((await search('ab')).groups).toEqual([]);
    const { tag } = await desk();
    const page = await s.agent.get(`/admin/search?q=${encodeURIComponent(`web ${tag}`)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-group="client"');
    expect(page.text).toContain(`Zebra Web ${tag} Ltd`);
    // The header of every admin page carries the box.
    expect((await s.agent.get('/admin')).text).toContain('data-testid="quick-search"');
    // Staff only.
    expect((await agentFor(s.app).get('/admin/search.json?q=abc')).status).toBe(302);
  });
});
