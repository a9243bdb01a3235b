// An app and an admin logged in to it, shared by the tests of one file.
//
//   const s = useAdminSession();
//   it('...', async () => { await s.agent.get('/admin/clients'); s.admin.id; agentFor(s.app); });
import type { Admin } from '../../src/generated/prisma/client.js';
import { beforeAll } from 'vitest';
import { buildAdmin } from '../factories/index.js';
import { agentFor, buildTestApp, loginAdmin, type Agent } from './http.js';

export interface AdminSession {
  readonly app: ReturnType<typeof buildTestApp>;
  readonly agent: Agent;
  readonly admin: Admin;
}

export function useAdminSession(): AdminSession {
  let state: AdminSession | undefined;
  beforeAll(async () => {
    const app = buildTestApp();
    const admin = await buildAdmin();
    const agent = agentFor(app);
    await loginAdmin(agent, admin.email);
    state = { app, agent, admin };
  });
  const current = () => {
    if (!state) throw new Error('useAdminSession(): only available inside tests and hooks');
    return state;
  };
  return {
    get app() {
      return current().app;
    },
    get agent() {
      return current().agent;
    },
    get admin() {
      return current().admin;
    },
  };
}
