import { describe, expect, it } from 'vitest';
import { type Emulator, generateClients } from '../../emulator/index.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();

async function login(emu: Emulator, secret = emu.credentials.clientSecret, id = emu.credentials.clientId): Promise<Response> {
  return fetch(`${emu.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`, 'latin1').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
}

async function tokenFor(emu: Emulator, id?: string, secret?: string): Promise<string> {
  const res = await login(emu, secret, id);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

async function api(emu: Emulator, token: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    // The SDK sends a JSON content type on every call, bodiless GET and DELETE included.
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

const ccClient = (overrides: Record<string, unknown> = {}) => ({
  name: 'ci-deployer',
  authorizedGrantType: 'CLIENT-CREDENTIALS',
  roleDivisions: [{ roleId: 'role-developer', divisionId: 'div-home' }],
  ...overrides,
});

describe('login', () => {
  it('issues a bearer token for the own client and rejects a wrong secret like Genesys does', async () => {
    const emu = await start();
    const good = await login(emu);
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ token_type: 'bearer', expires_in: 86_400, access_token: expect.stringMatching(/^\S{20,}$/) });
    const bad = await login(emu, 'wrong-secret');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: 'invalid_client',
      description: 'authentication failed',
      error_description: 'authentication failed',
    });
  });

  it('refuses API calls without a valid token with 401 bad.credentials and logs them as tokenOk false', async () => {
    const emu = await start();
    const answer = await api(emu, 'not-a-token', 'GET', '/api/v2/oauth/clients');
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('bad.credentials');
    expect(emu.requests.at(-1)).toMatchObject({ path: '/api/v2/oauth/clients', status: 401, tokenOk: false });
  });

  it('stops honouring tokens after revokeTokens', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    emu.revokeTokens();
    expect((await api(emu, token, 'GET', '/api/v2/tokens/me')).status).toBe(401);
  });

  it('reports the caller and its role grants in tokens/me under the capitalised OAuthClient key', async () => {
    const emu = await start({ selfName: 'sync-bot', selfGrants: [{ roleId: 'role-admin', divisionId: 'div-sales' }] });
    const me = await api(emu, await tokenFor(emu), 'GET', '/api/v2/tokens/me');
    expect(me.body.OAuthClient).toMatchObject({
      id: 'action-client-id',
      name: 'sync-bot',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      state: 'active',
      roleDivisions: [{ roleId: 'role-admin', divisionId: 'div-sales' }],
      organization: { id: me.body.organization.id },
    });
  });
});

describe('OAuth clients', () => {
  it('lists the own and the seeded clients on one page, without secrets', async () => {
    const emu = await start({ clients: [{ name: 'web', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://a.example/cb'] }] });
    const list = await api(emu, await tokenFor(emu), 'GET', '/api/v2/oauth/clients');
    expect(list.body).toMatchObject({ pageNumber: 1, pageCount: 1, total: 2 });
    expect(list.body.entities.map((c: { name: string }) => c.name)).toEqual(['genesys-oauth-sync', 'web']);
    expect(list.body.entities.every((c: object) => !('secret' in c) && 'authorizedGrantType' in c)).toBe(true);
  });

  it('leaves authorizedGrantType out of list entities on a legacy org but not out of a single read', async () => {
    const emu = await start({ legacyListing: true, clients: [{ id: 'c-1', name: 'web', authorizedGrantType: 'PASSWORD' }] });
    const token = await tokenFor(emu);
    const list = await api(emu, token, 'GET', '/api/v2/oauth/clients');
    expect(list.body.entities.some((c: object) => 'authorizedGrantType' in c)).toBe(false);
    expect((await api(emu, token, 'GET', '/api/v2/oauth/clients/c-1')).body.authorizedGrantType).toBe('PASSWORD');
  });

  it('returns the secret only on create and on regenerate', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    const created = await api(emu, token, 'POST', '/api/v2/oauth/clients', ccClient());
    expect(created.status).toBe(200);
    expect(created.body.secret).toEqual(emu.getClient(created.body.id)?.secret);
    const path = `/api/v2/oauth/clients/${created.body.id}`;
    expect((await api(emu, token, 'GET', path)).body).not.toHaveProperty('secret');
    expect((await api(emu, token, 'PUT', path, ccClient())).body).not.toHaveProperty('secret');
    const regenerated = await api(emu, token, 'POST', `${path}/secret`);
    expect(regenerated.body.secret).toEqual(expect.any(String));
    expect(regenerated.body.secret).not.toBe(created.body.secret);
  });

  it('treats PUT as a full replace that clears or defaults every omitted field', async () => {
    const emu = await start({
      clients: [
        {
          id: 'c-1',
          name: 'web',
          authorizedGrantType: 'CODE',
          description: 'old',
          scope: ['a'],
          registeredRedirectUri: ['https://x.example/cb'],
          accessTokenValiditySeconds: 600,
          state: 'inactive',
        },
      ],
    });
    const answer = await api(emu, await tokenFor(emu), 'PUT', '/api/v2/oauth/clients/c-1', {
      name: 'web',
      authorizedGrantType: 'PASSWORD',
    });
    expect(answer.status).toBe(200);
    expect(emu.getClient('c-1')).toMatchObject({
      description: '',
      scope: [],
      registeredRedirectUri: [],
      accessTokenValiditySeconds: 86_400,
      state: 'active',
      authorizedGrantType: 'PASSWORD',
    });
  });

  it('refuses to delete an active client and deletes an inactive one', async () => {
    const emu = await start({ clients: [{ id: 'c-1', name: 'old', authorizedGrantType: 'PASSWORD' }] });
    const token = await tokenFor(emu);
    const refused = await api(emu, token, 'DELETE', '/api/v2/oauth/clients/c-1');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'bad.request', message: expect.stringContaining('inactive') });
    emu.editClient('c-1', { state: 'inactive' });
    const deleted = await api(emu, token, 'DELETE', '/api/v2/oauth/clients/c-1');
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await api(emu, token, 'GET', '/api/v2/oauth/clients/c-1')).body.code).toBe('not.found');
  });

  it.each([
    ['an unknown role', ccClient({ roleDivisions: [{ roleId: 'role-nope', divisionId: 'div-home' }] }), 'invalid.value'],
    ['an unknown division', ccClient({ roleDivisions: [{ roleId: 'role-admin', divisionId: 'div-nope' }] }), 'invalid.value'],
    ['a missing name', ccClient({ name: ' ' }), 'invalid.value'],
    ['a missing grant type', ccClient({ authorizedGrantType: undefined }), 'grant.type.required'],
    ['a grant type outside the enum', ccClient({ authorizedGrantType: 'CLIENT_CREDENTIALS' }), 'bad.grant.type'],
    ['a client-credentials client without roles', ccClient({ roleDivisions: [] }), 'missing.client.roles'],
    ['a CODE client without redirect URIs', { name: 'w', authorizedGrantType: 'CODE', scope: ['x'] }, 'invalid.value'],
    ['a token lifetime under 300 s', ccClient({ accessTokenValiditySeconds: 299 }), 'invalid.value'],
    ['a token lifetime over 48 h without a SCIM role', ccClient({ accessTokenValiditySeconds: 172_801 }), 'invalid.value'],
    ['the state disabled', ccClient({ state: 'disabled' }), 'invalid.value'],
  ])('rejects %s with 400 %s and creates nothing', async (_what, body, code) => {
    const emu = await start();
    const answer = await api(emu, await tokenFor(emu), 'POST', '/api/v2/oauth/clients', body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(code);
    expect(emu.listClients()).toHaveLength(1);
  });

  it('accepts a long token lifetime for a SCIM client and stores SAML2BEARER as SAML2-BEARER', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    const scim = await api(
      emu,
      token,
      'POST',
      '/api/v2/oauth/clients',
      ccClient({ accessTokenValiditySeconds: 38_880_000, roleDivisions: [{ roleId: 'role-scim', divisionId: '*' }] }),
    );
    expect(scim.status).toBe(200);
    const saml = await api(emu, token, 'POST', '/api/v2/oauth/clients', { name: 's', authorizedGrantType: 'SAML2BEARER', scope: ['x'] });
    expect(saml.body.authorizedGrantType).toBe('SAML2-BEARER');
  });

  it('refuses with 403 missing.permissions, naming the role, a grant the caller does not hold in that division', async () => {
    const emu = await start({
      selfGrants: [
        { roleId: 'role-admin', divisionId: '*' },
        { roleId: 'role-developer', divisionId: 'div-sales' },
      ],
    });
    const token = await tokenFor(emu);
    const grant = (roleId: string, divisionId: string) =>
      api(
        emu,
        token,
        'POST',
        '/api/v2/oauth/clients',
        ccClient({ name: `${roleId}@${divisionId}`, roleDivisions: [{ roleId, divisionId }] }),
      );
    expect((await grant('role-admin', 'div-support')).status).toBe(200);
    expect((await grant('role-developer', 'div-sales')).status).toBe(200);
    const refused = await grant('role-developer', 'div-home');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'missing.permissions', message: expect.stringContaining('"Developer"') });
    expect((await grant('role-developer', '*')).status).toBe(403);
  });

  it('refuses writes to a client disabled by support', async () => {
    const emu = await start({ clients: [{ id: 'c-1', name: 'x', authorizedGrantType: 'PASSWORD', state: 'disabled' }] });
    const answer = await api(emu, await tokenFor(emu), 'PUT', '/api/v2/oauth/clients/c-1', { name: 'x', authorizedGrantType: 'PASSWORD' });
    expect(answer.status).toBe(400);
    expect(emu.getClient('c-1')?.state).toBe('disabled');
  });

  it('puts the same context id in every error body and its inin-correlation-id header, and 404s unknown routes', async () => {
    const emu = await start();
    const answer = await api(emu, await tokenFor(emu), 'GET', '/api/v2/no/such/thing');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'not.found', status: 404, details: [], errors: [] });
    expect(answer.body.contextId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(answer.headers.get('inin-correlation-id')).toBe(answer.body.contextId);
  });
});

describe('roles, divisions and integration credentials', () => {
  const roles = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, name: `Role ${i}` }));

  it('pages roles by pageSize and pageNumber and filters them by exact name and by an id list', async () => {
    const emu = await start({ roles });
    const token = await tokenFor(emu);
    const page3 = await api(emu, token, 'GET', '/api/v2/authorization/roles?pageSize=3&pageNumber=3');
    expect(page3.body).toMatchObject({ pageSize: 3, pageNumber: 3, total: 7, pageCount: 3 });
    expect(page3.body.entities.map((r: { id: string }) => r.id)).toEqual(['r6']);
    expect((await api(emu, token, 'GET', '/api/v2/authorization/roles')).body.entities).toHaveLength(7);
    const named = await api(emu, token, 'GET', '/api/v2/authorization/roles?name=Role%202');
    expect(named.body.entities.map((r: { id: string }) => r.id)).toEqual(['r2']);
    const byId = await api(emu, token, 'GET', '/api/v2/authorization/roles?id=r1,r5&pageSize=500');
    expect(byId.body.entities.map((r: { id: string }) => r.id)).toEqual(['r1', 'r5']);
    expect((await api(emu, token, 'GET', '/api/v2/authorization/roles?pageSize=501')).status).toBe(400);
  });

  it('answers the home division and lists divisions', async () => {
    const emu = await start({
      divisions: [
        { id: 'd1', name: 'Main' },
        { id: 'd2', name: 'HQ', home: true },
      ],
    });
    const token = await tokenFor(emu);
    expect((await api(emu, token, 'GET', '/api/v2/authorization/divisions/home')).body).toMatchObject({
      id: 'd2',
      name: 'HQ',
      homeDivision: true,
    });
    expect((await api(emu, token, 'GET', '/api/v2/authorization/divisions')).body).toMatchObject({
      total: 2,
      entities: [{ id: 'd1', homeDivision: false }, { id: 'd2' }],
    });
  });

  it('creates, reads and deletes a pureCloudOAuthClient integration credential', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    const created = await api(emu, token, 'POST', '/api/v2/integrations/credentials', {
      name: 'cred',
      type: { name: 'pureCloudOAuthClient' },
      credentialFields: { clientId: 'cid', clientSecret: 'csec' },
    });
    expect(created.body).toMatchObject({ name: 'cred', type: { name: 'pureCloudOAuthClient' }, createdDate: expect.any(String) });
    expect(created.body).not.toHaveProperty('credentialFields');
    expect(emu.integrationCredentials()).toEqual([
      { id: created.body.id, name: 'cred', type: 'pureCloudOAuthClient', fields: { clientId: 'cid', clientSecret: 'csec' } },
    ]);
    const path = `/api/v2/integrations/credentials/${created.body.id}`;
    expect((await api(emu, token, 'GET', path)).body.credentialFields.clientId).toBe('cid');
    expect((await api(emu, token, 'DELETE', path)).status).toBe(204);
    expect((await api(emu, token, 'GET', path)).status).toBe(404);
  });
});

describe('faults, latency and the rate limit', () => {
  it('answers an injected 429 with Retry-After, then behaves normally again', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    emu.inject({ method: 'GET', path: '/api/v2/oauth/clients', status: 429, retryAfterSeconds: 3 });
    const limited = await api(emu, token, 'GET', '/api/v2/oauth/clients');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body.code).toBe('too.many.requests.retry.after');
    expect((await api(emu, token, 'GET', '/api/v2/oauth/clients')).status).toBe(200);
  });

  it('fails exactly `times` matching requests and leaves others alone', async () => {
    const emu = await start();
    emu.inject({ path: /^\/api\/v2\/oauth/, status: 500, times: 2 });
    const token = await tokenFor(emu);
    expect((await api(emu, token, 'GET', '/api/v2/tokens/me')).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await api(emu, token, 'GET', '/api/v2/oauth/clients')).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('drops the connection for status 0 and logs the request with status 0', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    emu.inject({ status: 0 });
    await expect(api(emu, token, 'GET', '/api/v2/oauth/clients')).rejects.toThrow();
    expect(emu.requests.at(-1)).toMatchObject({ path: '/api/v2/oauth/clients', status: 0 });
  });

  it('applies a write before dropping the connection when the fault is afterResponse', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 0, afterResponse: true });
    await expect(api(emu, token, 'POST', '/api/v2/oauth/clients', ccClient())).rejects.toThrow();
    expect(emu.listClients().map((c) => c.name)).toContain('ci-deployer');
  });

  it('can fail the login itself', async () => {
    const emu = await start();
    emu.inject({ path: '/oauth/token', status: 503 });
    expect((await login(emu)).status).toBe(503);
    expect((await login(emu)).status).toBe(200);
  });

  it('hangs a delayed request long enough for a client timeout to fire', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    emu.inject({ status: 200, delayMs: 5_000 });
    const started = Date.now();
    const hung = fetch(`${emu.url}/api/v2/oauth/clients`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(100),
    });
    await expect(hung).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('adds the configured latency to every response', async () => {
    const waits: number[] = [];
    const emu = await start({ latencyMs: 150, sleep: async (ms) => void waits.push(ms) });
    await login(emu);
    expect(waits).toEqual([150]);
    emu.setLatency(0);
    await login(emu);
    expect(waits).toEqual([150]);
  });

  it('limits requests per token over a sliding window, exempts login, and lifts after the window', async () => {
    let now = Date.UTC(2026, 0, 1);
    const emu = await start({ rateLimit: { requests: 2, windowMs: 60_000 }, now: () => new Date(now) });
    const token = await tokenFor(emu);
    const other = await tokenFor(emu);
    expect((await api(emu, token, 'GET', '/api/v2/tokens/me')).status).toBe(200);
    now += 10_000;
    expect((await api(emu, token, 'GET', '/api/v2/tokens/me')).status).toBe(200);
    const limited = await api(emu, token, 'GET', '/api/v2/tokens/me');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('50');
    expect(limited.body.code).toBe('too.many.requests.retry.after');
    expect((await api(emu, other, 'GET', '/api/v2/tokens/me')).status).toBe(200);
    expect((await login(emu)).status).toBe(200);
    now += 50_000;
    expect((await api(emu, token, 'GET', '/api/v2/tokens/me')).status).toBe(200);
    emu.setRateLimit(undefined);
    for (let i = 0; i < 3; i += 1) expect((await api(emu, other, 'GET', '/api/v2/tokens/me')).status).toBe(200);
  });
});

describe('request log and direct state access', () => {
  it('logs every request in arrival order and lists writes without the login', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    await api(emu, token, 'GET', '/api/v2/authorization/roles?pageSize=2&id=a&id=b');
    await api(emu, token, 'POST', '/api/v2/oauth/clients', ccClient());
    expect(emu.requests.map((r) => [r.method, r.path, r.status, r.tokenOk])).toEqual([
      ['POST', '/oauth/token', 200, false],
      ['GET', '/api/v2/authorization/roles', 200, true],
      ['POST', '/api/v2/oauth/clients', 200, true],
    ]);
    expect(emu.requests[1]?.query).toEqual({ pageSize: '2', id: 'a,b' });
    expect(emu.writes().map((r) => r.path)).toEqual(['/api/v2/oauth/clients']);
    emu.resetLog();
    expect(emu.requests).toEqual([]);
  });

  it('lets a test edit, seed and remove clients as someone in the Genesys UI would', async () => {
    const emu = await start();
    const token = await tokenFor(emu);
    const seeded = emu.seedClient({ name: 'ui-made', authorizedGrantType: 'PASSWORD' });
    expect(seeded.secret).toEqual(expect.any(String));
    emu.editClient(seeded.id, { description: 'changed in the UI' });
    expect((await api(emu, token, 'GET', `/api/v2/oauth/clients/${seeded.id}`)).body.description).toBe('changed in the UI');
    emu.listClients()[0]!.name = 'mutated copy';
    expect(emu.getClient('action-client-id')?.name).toBe('genesys-oauth-sync');
    emu.removeClient(seeded.id);
    expect((await api(emu, token, 'GET', `/api/v2/oauth/clients/${seeded.id}`)).status).toBe(404);
  });
});

describe('generateClients', () => {
  it('makes the same clients for the same seed and different ones for another seed', () => {
    expect(generateClients(20, { seed: 42 })).toEqual(generateClients(20, { seed: 42 }));
    expect(generateClients(20, { seed: 42 })).not.toEqual(generateClients(20, { seed: 43 }));
  });

  it('makes varied clients with unique names that the emulated API accepts', async () => {
    const clients = generateClients(60, { seed: 3 });
    expect(new Set(clients.map((c) => c.name)).size).toBe(60);
    expect(new Set(clients.map((c) => c.authorizedGrantType)).size).toBeGreaterThanOrEqual(4);
    expect(clients.some((c) => c.roleDivisions?.some((g) => g.divisionId === '*'))).toBe(true);
    expect(clients.some((c) => c.roleDivisions?.some((g) => g.divisionId !== '*'))).toBe(true);
    const emu = await start();
    const token = await tokenFor(emu);
    for (const client of clients) {
      const answer = await api(emu, token, 'POST', '/api/v2/oauth/clients', client);
      expect(answer.status, `${client.name}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
  });
});
