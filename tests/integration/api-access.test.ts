// Issue 11, credentials over HTTP: the pair in identifier/secret and in username/password, every
// refusal WHMCS documents (exact strings), case-insensitive action names, a restricted credential
// limited to its functions, revocation taking effect at once, the IP allow-list, JSON only, and
// the last-used record. Through the whmcs-js client library and through supertest.
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/client.js';
import { API_ACTIONS } from '../../src/policies/api-access.js';
import { revokeApiCredential } from '../../src/services/api/credentials.js';
import { buildAccountWithOwner, buildApiCredential, TEST_PASSWORD } from '../factories/index.js';
import { API_PATH, useApiServer, whmcsClient } from '../helpers/api.js';

const api = useApiServer();

describe('authentication', () => {
  it('accepts identifier/secret, and the same pair in username/password (the legacy fields)', async () => {
    const { identifier, secret } = await buildApiCredential();
    const modern = whmcsClient({ serverUrl: api.endpoint, identifier, secret });
    const legacy = whmcsClient({ serverUrl: api.endpoint, username: identifier, password: secret });
    expect(await modern.call('GetPermissionsList')).toMatchObject({ result: 'success' });
    expect(await legacy.call('GetPermissionsList')).toMatchObject({ result: 'success' });
  });

  it('answers "Authentication Failed" (403) to a wrong secret, an unknown identifier and no credentials', async () => {
    const { identifier, secret } = await buildApiCredential();
    for (const body of [
      { identifier, secret: `${secret}x` },
      { identifier: 'no-such-identifier', secret },
      { identifier: secret, secret: identifier },
      {},
    ]) {
      const res = await api
        .request()
        .post(API_PATH)
        .type('form')
        .send({ action: 'GetClients', ...body });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ result: 'error', message: 'Authentication Failed' });
    }
    const wrong = whmcsClient({ serverUrl: api.endpoint, identifier, secret: 'wrong' });
    expect(await wrong.clients.getClients()).toEqual({ result: 'error', message: 'Authentication Failed' });
  });

  it('stops a revoked credential on its very next call', async () => {
    const client = await api.client();
    expect(await client.call('GetPermissionsList')).toMatchObject({ result: 'success' });
    await revokeApiCredential({ kind: 'system' }, client.credential.id);
    expect(await client.call('GetPermissionsList')).toEqual({ result: 'error', message: 'Authentication Failed' });
  });

  it('refuses a credential whose admin was disabled', async () => {
    const client = await api.client();
    await db().admin.update({ where: { id: client.admin.id }, data: { disabled: true } });
    expect(await client.call('GetPermissionsList')).toEqual({ result: 'error', message: 'Authentication Failed' });
  });

  it('records when and from where a credential was last used', async () => {
    const client = await api.client();
    expect(client.credential.lastUsedAt).toBeNull();
    await client.call('GetPermissionsList');
    const row = await db().apiCredential.findUniqueOrThrow({ where: { id: client.credential.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.lastUsedIp).toBe('127.0.0.1');
  });
});

describe('action names', () => {
  it('answers "Command Not Found" (404) to an unknown action', async () => {
    const client = await api.client();
    expect(await client.call('GetNothingAtAll')).toEqual({ result: 'error', message: 'Command Not Found' });
    const res = await api
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier: client.identifier, secret: client.secret, action: '' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ result: 'error', message: 'Command Not Found' });
  });

  it('matches action names case-insensitively, as old clients send them', async () => {
    const { owner } = await buildAccountWithOwner();
    const client = await api.client();
    for (const action of ['validatelogin', 'VALIDATELOGIN', 'ValidateLogin', 'vAlIdAtElOgIn'])
      expect(await client.call(action, { email: owner.email, password2: TEST_PASSWORD })).toMatchObject({
        result: 'success',
        userid: owner.id,
      });
  });
});

describe('a credential restricted to some functions', () => {
  it('calls its functions and is refused every other one, echoing the name as sent', async () => {
    const allowed = ['GetPermissionsList', 'GetUsers'];
    const client = await api.client({ actions: allowed });
    expect(await client.call('GetPermissionsList')).toMatchObject({ result: 'success' });
    expect(await client.call('getusers')).toMatchObject({ result: 'success' });
    for (const action of API_ACTIONS.filter((a) => !allowed.includes(a))) {
      expect(await client.call(action), action).toEqual({
        result: 'error',
        message: `Invalid Permissions: API action "${action}" is not allowed`,
      });
    }
    expect(await client.call('getclients')).toEqual({
      result: 'error',
      message: 'Invalid Permissions: API action "getclients" is not allowed',
    });
    const res = await api
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier: client.identifier, secret: client.secret, action: 'AddClient' });
    expect(res.status).toBe(403);
  });

  it('writes nothing when refused', async () => {
    const client = await api.client({ actions: ['GetUsers'] });
    const answer = await client.clients.addClient({ firstname: 'No', lastname: 'Way', email: 'no@example.test' });
    expect(answer.result).toBe('error');
    expect(await db().activityLog.count({ where: { apiCredentialId: client.credential.id } })).toBe(0);
    expect(await db().account.count({ where: { email: 'no@example.test' } })).toBe(0);
  });
});

describe('IP allow-list', () => {
  it('lets an address on the list in (a single address or a CIDR range)', async () => {
    for (const ipAllowList of ['127.0.0.1', '127.0.0.0/8', '192.0.2.1\n127.0.0.1/32']) {
      const client = await api.client({ ipAllowList });
      expect(await client.call('GetPermissionsList'), ipAllowList).toMatchObject({ result: 'success' });
    }
  });

  it('refuses any other address with "Invalid IP <ip>" (403)', async () => {
    const client = await api.client({ ipAllowList: '192.0.2.0/24, 2001:db8::/32' });
    expect(await client.call('GetPermissionsList')).toEqual({ result: 'error', message: 'Invalid IP 127.0.0.1' });
    const res = await api
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier: client.identifier, secret: client.secret, action: 'GetPermissionsList' });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/^Invalid IP (127\.0\.0\.1|::1)$/);
  });
});

describe('parameters', () => {
  it('refuses control characters in any parameter, as every form does, and writes nothing', async () => {
    const client = await api.client();
    const answer = await client.call('AddUser', {
      firstname: 'Nul\u0000Byte',
      lastname: 'L',
      email: 'nul-byte@example.test',
      password2: 'Correct-Horse-Battery-42',
    });
    expect(answer).toEqual({ result: 'error', message: 'firstname contains characters that are not allowed' });
    expect(await db().user.count({ where: { email: 'nul-byte@example.test' } })).toBe(0);
  });
});

describe('response type', () => {
  it('answers responsetype=xml with an XML error saying JSON only, not with JSON', async () => {
    const { identifier, secret } = await buildApiCredential();
    const res = await api
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier, secret, action: 'GetClients', responsetype: 'xml' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.text).toContain('<result>error</result>');
    expect(res.text).toContain('this API answers JSON only');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('answers nvp the same way in its own format, and json (or nothing) normally', async () => {
    const { identifier, secret } = await buildApiCredential();
    const nvp = await api
      .request()
      .post(API_PATH)
      .type('form')
      .send({ identifier, secret, action: 'GetPermissionsList', responsetype: 'nvp' });
    expect(nvp.status).toBe(400);
    expect(nvp.text).toMatch(/^result=error;message=.*JSON only/);
    for (const responsetype of ['json', 'JSON', undefined]) {
      const res = await api
        .request()
        .post(API_PATH)
        .type('form')
        .send({ identifier, secret, action: 'GetPermissionsList', ...(responsetype ? { responsetype } : {}) });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.result).toBe('success');
    }
  });

  it('answers a GET with a JSON error asking for POST, and a malformed JSON body with a JSON error', async () => {
    const get = await api.request().get(API_PATH);
    expect(get.status).toBe(405);
    expect(get.body.result).toBe('error');
    const bad = await api.request().post(API_PATH).set('Content-Type', 'application/json').send('{"action":');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ result: 'error', message: 'The request body could not be read.' });
  });
});
