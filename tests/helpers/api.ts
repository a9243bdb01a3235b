// The API on a real HTTP port, for WHMCS client libraries (whmcs-js fetches a URL) and supertest.
//
//   const api = useApiServer();                       // beforeAll/afterAll hooks
//   it('...', async () => { const c = await api.client(); await c.call('GetClients'); });
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import whmcs, { type WhmcsAnswer, type WhmcsConfig } from 'whmcs-js';
import { afterAll, beforeAll, expect } from 'vitest';
import { db } from '../../src/db/client.js';
import { buildApiCredential, type ApiCredentialOverrides } from '../factories/index.js';
import { useTestDatabase } from './db.js';
import { buildTestApp } from './http.js';

export const API_PATH = '/includes/api.php';

/** A WHMCS client library bound to one credential: named methods and any action by name. */
export interface WhmcsClient {
  clients: InstanceType<typeof whmcs.Clients>;
  auth: InstanceType<typeof whmcs.Authentication>;
  support: InstanceType<typeof whmcs.Support>;
  tickets: InstanceType<typeof whmcs.Tickets>;
  system: InstanceType<typeof whmcs.System>;
  call(action: string, params?: Record<string, string | number | boolean | undefined>): Promise<WhmcsAnswer>;
}

export function whmcsClient(config: WhmcsConfig): WhmcsClient {
  const system = new whmcs.System(config);
  return {
    clients: new whmcs.Clients(config),
    auth: new whmcs.Authentication(config),
    support: new whmcs.Support(config),
    tickets: new whmcs.Tickets(config),
    system,
    call: (action, params = {}) => system.callApi({ ...params, action }),
  };
}

export interface ApiServer {
  readonly baseUrl: string;
  readonly endpoint: string;
  readonly app: ReturnType<typeof buildTestApp>;
  /** A new credential (all functions unless said otherwise) and a whmcs-js client using it. */
  client(overrides?: ApiCredentialOverrides): Promise<WhmcsClient & Awaited<ReturnType<typeof buildApiCredential>>>;
  /** supertest against the same app (status codes, headers, raw bodies). */
  request(): ReturnType<typeof supertest>;
}

export function useApiServer(options: { env?: Record<string, string> } = {}): ApiServer {
  useTestDatabase();
  let server: Server | undefined;
  let app: ReturnType<typeof buildTestApp> | undefined;
  let baseUrl = '';
  beforeAll(async () => {
    app = buildTestApp({ env: options.env });
    const listening = app;
    server = await new Promise<Server>((resolve) => {
      const s = listening.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { setSettingDefault } = await import('../../src/services/settings/settings.js');
    setSettingDefault('publicUrl', baseUrl);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  const self: ApiServer = {
    get baseUrl() {
      return baseUrl;
    },
    get endpoint() {
      return `${baseUrl}${API_PATH}`;
    },
    get app() {
      if (!app) throw new Error('useApiServer(): only inside tests and hooks');
      return app;
    },
    async client(overrides = {}) {
      const credential = await buildApiCredential(overrides);
      const client = whmcsClient({
        serverUrl: self.endpoint,
        identifier: credential.identifier,
        secret: credential.secret,
      });
      return { ...client, ...credential };
    },
    request: () => supertest(self.app),
  };
  return self;
}

/**
 * The activity entries a credential wrote: each is the credential's admin acting, marked with
 * the credential (issue 11: every write through the API is logged that way).
 */
export async function entriesOf(credential: { credential: { id: number }; admin: { id: number } }) {
  const entries = await db().activityLog.findMany({
    where: { apiCredentialId: credential.credential.id },
    orderBy: { id: 'asc' },
  });
  for (const e of entries)
    expect({ actorType: e.actorType, adminId: e.adminId }).toEqual({
      actorType: 'admin',
      adminId: credential.admin.id,
    });
  return entries;
}
