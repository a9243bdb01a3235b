// src/services/api/credentials.ts: making a credential (checked functions and IP list, a real
// admin), the secret never stored readable, one statement per call that checks the pair and
// counts it (exactly `limit` of many concurrent calls pass), and revocation.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { hashToken } from '../../src/lib/tokens.js';
import { advanceClock, MINUTE } from '../../src/lib/clock.js';
import {
  createApiCredential,
  listApiCredentials,
  revokeApiCredential,
  useApiCredential,
} from '../../src/services/api/credentials.js';
import { buildAdmin, buildApiCredential } from '../factories/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { codeOf } from '../helpers/services.js';

useTestDatabase();
const SYSTEM = { kind: 'system' } as const;

describe('createApiCredential', () => {
  it('stores the SHA-256 of the secret only, and the functions in canonical spelling', async () => {
    const admin = await buildAdmin();
    const { credential, identifier, secret } = await createApiCredential(SYSTEM, {
      admin: { email: admin.email.toUpperCase() },
      name: '  Shop  ',
      actions: ['getclients', 'AddClient'],
      ipAllowList: '192.0.2.0/24',
    });
    const row = await db().apiCredential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(row).toMatchObject({
      adminId: admin.id,
      name: 'Shop',
      identifier,
      secretHash: hashToken(secret),
      allowedActions: ['AddClient', 'GetClients'],
      ipAllowList: ['192.0.2.0/24'],
    });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(await listApiCredentials({ kind: 'system' }))).not.toContain(row.secretHash);
    expect(
      await db().activityLog.count({ where: { description: { contains: `(Credential ID: ${credential.id})` } } }),
    ).toBe(1);
  });

  it('refuses no functions, unknown functions, a bad IP entry, no name, and a disabled or unknown admin', async () => {
    const admin = await buildAdmin();
    const disabled = await buildAdmin({ disabled: true });
    const base = { admin: { id: admin.id }, name: 'X', actions: 'all' as const };
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, actions: [] }))).toBe('VALIDATION');
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, actions: ['Nope'] }))).toBe('VALIDATION');
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, ipAllowList: '999.1.1.1' }))).toBe('VALIDATION');
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, name: '   ' }))).toBe('VALIDATION');
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, admin: { id: disabled.id } }))).toBe('NOT_FOUND');
    expect(await codeOf(createApiCredential(SYSTEM, { ...base, admin: { email: 'nobody@example.test' } }))).toBe(
      'NOT_FOUND',
    );
    expect(await db().apiCredential.count({ where: { adminId: { in: [admin.id, disabled.id] } } })).toBe(0);
  });
});

describe('useApiCredential', () => {
  it('checks the pair, records the use, and refuses revoked credentials', async () => {
    const { credential, identifier, secret } = await buildApiCredential();
    expect(await codeOf(useApiCredential(identifier, 'wrong', '192.0.2.1', 10))).toBe('API_AUTH_FAILED');
    expect(await codeOf(useApiCredential('', '', '192.0.2.1', 10))).toBe('API_AUTH_FAILED');
    const ok = await useApiCredential(identifier, secret, '192.0.2.1', 10);
    expect(ok).toMatchObject({ credentialId: credential.id, allowAllActions: true });
    expect(await db().apiCredential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({
      lastUsedIp: '192.0.2.1',
      windowRequests: 1,
    });
    await revokeApiCredential(SYSTEM, credential.id);
    expect(await codeOf(useApiCredential(identifier, secret, '192.0.2.1', 10))).toBe('API_AUTH_FAILED');
    expect(await codeOf(revokeApiCredential(SYSTEM, credential.id))).toBe('CONFLICT');
  });

  it('lets exactly `limit` of many concurrent calls through in a window, then a new window opens', async () => {
    const { identifier, secret } = await buildApiCredential();
    const limit = 5;
    const results = await Promise.all(
      Array.from({ length: 12 }, () => codeOf(useApiCredential(identifier, secret, '192.0.2.1', limit))),
    );
    expect(results.filter((r) => r === 'resolved')).toHaveLength(limit);
    expect(results.filter((r) => r === 'RATE_LIMITED')).toHaveLength(12 - limit);
    advanceClock(MINUTE);
    expect(await codeOf(useApiCredential(identifier, secret, '192.0.2.1', limit))).toBe('resolved');
  });
});
