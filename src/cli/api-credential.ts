// npm run api:credential -- --admin <email> --name <name> [--actions AddUser,GetUsers,...|all]
//                           [--description "..."] [--ips 192.0.2.10,198.51.100.0/24]
// Creates an API credential for an admin and prints its identifier and secret, once. Without
// --actions the credential may call every function (as the admin area's "All functions").
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { startRuntime } from '../boot.js';
import { AppError } from '../lib/errors.js';
import { createApiCredential } from '../services/api/credentials.js';

const USAGE =
  'Usage: npm run api:credential -- --admin admin@example.com --name "Provisioning" [--actions AddUser,GetUsers] [--description ...] [--ips 192.0.2.10,198.51.100.0/24]';

const { values } = parseArgs({
  options: {
    admin: { type: 'string' },
    name: { type: 'string' },
    actions: { type: 'string', default: 'all' },
    description: { type: 'string', default: '' },
    ips: { type: 'string', default: '' },
  },
});
if (!values.admin || !values.name) {
  console.error(USAGE);
  process.exit(2);
}

const actions =
  values.actions.trim().toLowerCase() === 'all'
    ? ('all' as const)
    : values.actions
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);

const runtime = await startRuntime(parseConfig());
try {
  const { credential, identifier, secret } = await createApiCredential(
    { kind: 'system' },
    {
      admin: { email: values.admin },
      name: values.name,
      description: values.description,
      actions,
      ipAllowList: values.ips,
    },
  );
  console.log(`API credential created: ${credential.name} (ID ${credential.id}) for ${credential.admin.email}`);
  console.log(`identifier: ${identifier}`);
  console.log(`secret:     ${secret}`);
  console.log('The secret is shown once: only its hash is kept.');
} catch (e) {
  if (e instanceof AppError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await runtime.close();
}
