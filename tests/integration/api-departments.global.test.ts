// Issue 11, GetSupportDepartments through whmcs-js. It counts every ticket of each department, so it
// runs alone (a *.global file): no other file adds tickets between the two reads.
import { describe, expect, it } from 'vitest';
import { buildTicket } from '../factories/index.js';
import { useApiServer } from '../helpers/api.js';

const api = useApiServer();

describe('GetSupportDepartments', () => {
  it('lists the departments with counts of open tickets and tickets awaiting a reply', async () => {
    const c = await api.client();
    const before = await c.tickets.getSupportDepartments();
    await buildTicket({ department: 'Billing' });
    await buildTicket({ department: 'Billing', status: 'Answered' });
    await buildTicket({ department: 'Billing', status: 'Closed' });
    const after = await c.tickets.getSupportDepartments();
    expect(after).toMatchObject({ result: 'success', totalresults: 3 });
    const billing = (a: Record<string, unknown>) =>
      (a.departments as { department: { id: number; name: string; awaitingreply: number; opentickets: number }[] })
        .department[2]!;
    expect((after.departments as { department: { name: string }[] }).department.map((d) => d.name)).toEqual([
      'Support',
      'Sales',
      'Billing',
    ]);
    expect(billing(after).id).toBe(3);
    expect(billing(after).awaitingreply - billing(before).awaitingreply).toBe(1);
    expect(billing(after).opentickets - billing(before).opentickets).toBe(2);
  });
});
