// The admin area's "Manage API Credentials" form (zod). The functions and the IP allow-list are
// checked by the credential service (src/services/api/credentials.ts) against src/policies.
import { z } from 'zod';
import { fields } from '../forms.js';

export const apiCredentialForm = z.object({
  name: fields.name('a name for the credential'),
  description: fields.optional(500),
  adminId: z.coerce.number({ error: 'Choose an admin.' }).int().positive('Choose an admin.'),
  scope: z.enum(['all', 'chosen'], { error: 'Choose "All functions" or pick functions from the list.' }),
  actions: fields.list,
  ipAllowList: fields.optional(2000),
});
