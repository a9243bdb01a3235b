// API credentials, made through the credential service (so the secret is hashed as in production).
import type { Admin } from '../../src/generated/prisma/client.js';
import { createApiCredential } from '../../src/services/api/credentials.js';
import { buildAdmin } from './people.js';
import { unique } from './unique.js';

export interface ApiCredentialOverrides {
  admin?: Admin;
  actions?: 'all' | readonly string[];
  ipAllowList?: string;
  name?: string;
}

export async function buildApiCredential(overrides: ApiCredentialOverrides = {}) {
  const admin = overrides.admin ?? (await buildAdmin());
  const created = await createApiCredential(
    { kind: 'system' },
    {
      admin: { id: admin.id },
      name: overrides.name ?? `Test credential ${unique()}`,
      actions: overrides.actions ?? 'all',
      ipAllowList: overrides.ipAllowList ?? '',
    },
  );
  return { ...created, admin };
}
