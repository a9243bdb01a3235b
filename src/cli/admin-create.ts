// npm run admin:create -- --email a@b.c [--first Jane --last Doe] [--password ...]
// Creates an admin. Without --password one is generated and printed once.
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { startRuntime } from '../boot.js';
import { createAdmin, generatePassword } from '../services/admins/admins.js';
import { AppError } from '../lib/errors.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    first: { type: 'string', default: 'Admin' },
    last: { type: 'string', default: 'User' },
    password: { type: 'string' },
  },
});
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
  console.error(
    'Usage: npm run admin:create -- --email admin@example.com [--first Jane] [--last Doe] [--password ...]',
  );
  process.exit(2);
}
const runtime = await startRuntime(parseConfig());
try {
  const password = values.password ?? generatePassword();
  const admin = await createAdmin({ email: values.email, firstName: values.first, lastName: values.last, password });
  console.log(`Admin created: ${admin.email} (ID ${admin.id})`);
  if (!values.password) console.log(`Password (shown once): ${password}`);
} catch (e) {
  if (e instanceof AppError) {
    // A weak --password is refused like any other (the strength rule of every new password).
    console.error(values.password && e.fields.password ? `Password refused: ${e.message}` : e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await runtime.close();
}
