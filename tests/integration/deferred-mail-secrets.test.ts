// Issue 9 follow-up: a deferred "someone tried to register with your email" notice from an
// invitation page carries the invitation's live link; the row waiting for the worker must not hold
// that token in clear (a database dump or a read-only SQL user would otherwise have a live link).
// Mail is deliberately NOT configured in this file, so the send fails and the row stays to be read.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { configureSecretKey, open } from '../../src/lib/secretbox.js';
import { deferEmail } from '../../src/services/auth/deferred-mail.js';
import { buildUser } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase();
configureSecretKey('deferred-mail-secrets-test-secret-0123456789');

describe('a deferred notice with an invitation link', () => {
  it('stores the token sealed, never in clear, and the worker can still open it', async () => {
    const user = await buildUser();
    const token = 'LiveInvitationToken_abcdefghijklmnopqrstuvwxyz012345';
    await deferEmail('account_exists', user.email, '127.0.0.1', { inviteToken: token, accountName: 'Acme' });
    let row = await db().deferredEmail.findFirst({ where: { email: user.email } });
    for (let i = 0; i < 50 && !row; i++) row = await db().deferredEmail.findFirst({ where: { email: user.email } });
    expect(row).not.toBeNull();
    const stored = JSON.stringify(row!.payload);
    expect(stored).not.toContain(token);
    const payload = row!.payload as { sealedInviteToken?: string; accountName?: string };
    expect(open(payload.sealedInviteToken!)).toBe(token);
    expect(payload.accountName).toBe('Acme');
    // Sealed under this file's key: no other file's worker could open it, so it goes.
    await db().deferredEmail.delete({ where: { id: row!.id } });
  });
});
