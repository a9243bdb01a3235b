// A successful form POST does only its own work: the page a failure would render again is
// resolved only when the form fails (formRoute, src/http/forms.ts). Before that, marking an
// invoice paid first loaded the whole client profile for a failure that did not happen.
import { describe, expect, it } from 'vitest';
import { database, setDatabase } from '../../src/db/client.js';
import { buildAccountWithOwner, buildInvoice } from '../factories/index.js';
import { useAdminSession } from '../helpers/admin.js';
import { connectTestDatabase, isPglite, useTestDatabase } from '../helpers/db.js';
import { csrfOf } from '../helpers/http.js';

/**
 * The admin, the staff role check (the billing service reads the role fresh, issue 14), the
 * invoice, the conditional update, the transaction row, the log entry, COMMIT (was 9 before
 * formRoute).
 */
const BUDGET = 7;

useTestDatabase();
const s = useAdminSession();

/** The Prisma statements a request costs (the session store's own are not counted). */
async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  const queries: string[] = [];
  const counted = connectTestDatabase({ onQuery: (q) => queries.push(q) });
  const previous = database();
  setDatabase(counted);
  try {
    await run();
  } finally {
    setDatabase(previous);
    await counted.close();
  }
  return queries;
}

describe('form POSTs that succeed', () => {
  it('marking an invoice paid runs no query of the failure page', async () => {
    if (isPglite()) return; // a second connection is not available on PGlite
    const { account } = await buildAccountWithOwner();
    const invoice = await buildInvoice({ accountId: account.id });
    const _csrf = await csrfOf(s.agent, '/admin/account');
    let status = 0;
    const queries = await statementsOf(async () => {
      const res = await s.agent
        .post(`/admin/clients/${account.id}/invoices/${invoice.id}/paid`)
        .type('form')
        .send({ _csrf });
      status = res.status;
    });
    expect(status).toBe(302);
    // The admin, then the payment's own transaction: no client summary, no invoice list.
    expect(queries.filter((q) => /FROM "public"\."accounts"/.test(q))).toEqual([]);
    expect(queries.filter((q) => /FROM "public"\."invoices"/.test(q) && /ORDER BY/.test(q))).toEqual([]);
    expect(queries.length).toBeLessThanOrEqual(BUDGET);
  });
});
