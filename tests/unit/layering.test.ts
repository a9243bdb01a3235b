// The layering rule in eslint.config.js (structure issue): routes never reach the database, and
// the admin and client areas never import each other. Linted here on made-up files so a change
// to the config that stops catching them fails the suite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it('refuses a route that imports the database client or the generated Prisma client', async () => {
    const route = 'src/http/client/sections/probe.ts';
    expect(await restricted(route, "import { db } from '../../../db/client.js';\nvoid db;\n")).toHaveLength(1);
    expect(
      await restricted(route, "import { Prisma } from '../../../generated/prisma/client.js';\nvoid Prisma;\n"),
    ).toHaveLength(1);
    expect(await restricted('src/http/admin/probe.ts', "import pg from 'pg';\nvoid pg;\n")).toHaveLength(1);
  });

  it('refuses the admin area importing the client area, and the other way round', async () => {
    expect(
      await restricted('src/http/admin/probe.ts', "import { x } from '../client/login-session.js';\nvoid x;\n"),
    ).toHaveLength(1);
    expect(
      await restricted('src/http/client/user-area/probe.ts', "import { x } from '../../admin/guard.js';\nvoid x;\n"),
    ).toHaveLength(1);
  });

  it('refuses the API sub-app importing the database or either area', async () => {
    expect(
      await restricted('src/http/api/actions/probe.ts', "import { db } from '../../../db/client.js';\nvoid db;\n"),
    ).toHaveLength(1);
    expect(await restricted('src/http/api/probe.ts', "import { x } from '../admin/guard.js';\nvoid x;\n")).toHaveLength(
      1,
    );
    expect(
      await restricted(
        'src/http/api/actions/probe.ts',
        "import { x } from '../../client/login-session.js';\nvoid x;\n",
      ),
    ).toHaveLength(1);
  });

  it('lets routes call services and shared middleware', async () => {
    const ok =
      "import { a } from '../../services/accounts/accounts.js';\nimport { b } from '../middleware/session.js';\nvoid a;\nvoid b;\n";
    expect(await restricted('src/http/admin/probe.ts', ok)).toEqual([]);
  });
});
