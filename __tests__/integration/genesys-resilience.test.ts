// How the Genesys module behaves when the org misbehaves: 429s, 5xx, dropped connections and hanging requests.
// Sleep is injected, so no test waits on a real clock for a retry.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateClients, type Emulator } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import type { GenesysOptions } from '../../src/genesys/contract.js';
import { anEmulatorSpec } from '../helpers/builders.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();

function setup(emu: Emulator, extra: Partial<GenesysOptions> = {}): { options: GenesysOptions; sleeps: number[] } {
  const sleeps: number[] = [];
  const options: GenesysOptions = {
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    apiUrl: emu.url,
    onSecret: () => {},
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  };
  return { options, sleeps };
}

const READ_PATHS = [
  '/oauth/token',
  '/api/v2/tokens/me',
  '/api/v2/oauth/clients',
  '/api/v2/authorization/roles',
  '/api/v2/authorization/divisions',
  '/api/v2/authorization/divisions/home',
];

function count(emu: Emulator, method: string, path: string): number {
  return emu.requests.filter((r) => r.method === method && r.path === path).length;
}

describe('rate limits', () => {
  it('waits out 429s on every endpoint, login included, and still reads the org correctly', async () => {
    const emu = await start({ clients: generateClients(20) });
    const baseline = await (await connectGenesys(setup(emu).options)).readOrg();

    for (const path of READ_PATHS) emu.inject({ path, status: 429, times: 2, retryAfterSeconds: 3 });
    const { options, sleeps } = setup(emu);
    const live = await (await connectGenesys(options)).readOrg();

    expect(live).toEqual(baseline);
    expect(sleeps.filter((ms) => ms === 3_000)).toHaveLength(READ_PATHS.length * 2);
    for (const path of READ_PATHS) expect(emu.requests.filter((r) => r.path === path && r.status === 429)).toHaveLength(2);
  });

  it('retries a rate-limited POST, because a 429 means the request was not processed', async () => {
    const emu = await start();
    const { options, sleeps } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 429, times: 1 });
    const created = await org.createClient(anEmulatorSpec('retried-create'));
    expect(emu.getClient(created.id)?.name).toBe('retried-create');
    expect(count(emu, 'POST', '/api/v2/oauth/clients')).toBe(2);
    expect(sleeps).toContain(1_000);
  });

  it('gives up at once when Retry-After is longer than the cap, with the wait in the error', async () => {
    const emu = await start();
    const { options, sleeps } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'GET', path: '/api/v2/oauth/clients', status: 429, times: Infinity, retryAfterSeconds: 3_600 });
    const failure = await org.readOrg().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GenesysApiError);
    expect(failure).toMatchObject({ status: 429, retryAfterSeconds: 3_600 });
    expect(count(emu, 'GET', '/api/v2/oauth/clients')).toBe(1);
    expect(sleeps).not.toContain(3_600_000);
  });

  it('stops after a bounded number of 429s instead of looping forever', async () => {
    const emu = await start();
    const { options } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'GET', path: '/api/v2/oauth/clients', status: 429, times: Infinity });
    const failure = await org.readOrg().catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'GenesysApiError', status: 429, code: 'too.many.requests.retry.after' });
    expect(count(emu, 'GET', '/api/v2/oauth/clients')).toBe(8);
  });
});

describe('server and network errors', () => {
  it('retries a 500 on GET with growing backoff and then succeeds', async () => {
    const emu = await start({ clients: generateClients(3) });
    const { options, sleeps } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'GET', path: '/api/v2/oauth/clients', status: 500, times: 2 });
    const live = await org.readOrg();
    expect(live.clients).toHaveLength(4);
    expect(count(emu, 'GET', '/api/v2/oauth/clients')).toBe(3);
    expect(sleeps).toEqual([1_000, 2_000]);
  });

  it('does not retry a 500 on POST, and the error carries the code and correlation id', async () => {
    const emu = await start();
    const { options, sleeps } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 500, times: 1 });
    const failure = await org.createClient(anEmulatorSpec('not-retried')).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(GenesysApiError);
    const error = failure as GenesysApiError;
    expect(error).toMatchObject({ status: 500, code: 'internal.server.error' });
    expect(error.correlationId).toMatch(/\S+/);
    expect(error.message).toContain('creating `not-retried`');
    expect(error.message).toContain(`correlation id ${error.correlationId}`);
    expect(count(emu, 'POST', '/api/v2/oauth/clients')).toBe(1);
    expect(sleeps).toEqual([]);
    expect(emu.listClients().map((c) => c.name)).not.toContain('not-retried');
  });

  it('retries a 409 on an idempotent write (PUT) and never on a create (POST)', async () => {
    const emu = await start();
    const { options, sleeps } = setup(emu);
    const org = await connectGenesys(options);
    const { id } = await org.createClient(anEmulatorSpec('conflicted'));
    emu.inject({ method: 'PUT', path: `/api/v2/oauth/clients/${id}`, status: 409, times: 1 });
    await org.updateClient(id, { ...anEmulatorSpec('conflicted'), description: 'after a conflict' });
    expect(emu.getClient(id)?.description).toBe('after a conflict');
    expect(count(emu, 'PUT', `/api/v2/oauth/clients/${id}`)).toBe(2);
    expect(sleeps).toEqual([1_000]);

    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 409, times: 1 });
    await expect(org.createClient(anEmulatorSpec('twice'))).rejects.toMatchObject({ status: 409 });
    expect(count(emu, 'POST', '/api/v2/oauth/clients')).toBe(2);
  });

  it('retries a GET whose connection was dropped', async () => {
    const emu = await start();
    const { options } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'GET', path: '/api/v2/tokens/me', status: 0, times: 1 });
    const live = await org.readOrg();
    expect(live.self.clientId).toBe('action-client-id');
    expect(count(emu, 'GET', '/api/v2/tokens/me')).toBe(2);
  });

  it('gives up on a GET that keeps failing, naming what it was doing', async () => {
    const emu = await start();
    const { options } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({ method: 'GET', path: '/api/v2/authorization/divisions/home', status: 503, times: Infinity });
    const failure = await org.readOrg().catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'GenesysApiError', status: 503, code: 'service.unavailable' });
    expect((failure as Error).message).toMatch(/^Genesys rejected reading the home division: 503 service\.unavailable/);
    expect(count(emu, 'GET', '/api/v2/authorization/divisions/home')).toBe(4);
  });

  it('turns a request that hangs past the timeout into a GenesysApiError', async () => {
    const emu = await start();
    const { options } = setup(emu, { timeoutMs: 150 });
    const org = await connectGenesys(options);
    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 200, delayMs: 5_000, times: Infinity });
    const failure = await org.createClient(anEmulatorSpec('slow')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GenesysApiError);
    expect(failure).toMatchObject({ status: undefined, code: 'ECONNABORTED' });
    expect((failure as Error).message).toContain('did not answer in time while creating `slow`');
    expect(count(emu, 'POST', '/api/v2/oauth/clients')).toBe(1);
  });

  it('names the missing permission of a 403', async () => {
    const emu = await start();
    const { options } = setup(emu);
    const org = await connectGenesys(options);
    emu.inject({
      method: 'GET',
      path: '/api/v2/authorization/roles',
      status: 403,
      body: {
        status: 403,
        code: 'missing.permissions',
        message: 'You are missing the following permission(s): authorization:role:view',
        contextId: 'ctx-403',
      },
    });
    const failure = await org.readOrg().catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 403, code: 'missing.permissions' });
    expect((failure as Error).message).toContain('lacks the permission `authorization:role:view`');
  });
});

describe('secrets in failures', () => {
  it('never puts the own secret, the Basic value, the token or a created secret into any error', async () => {
    const credentials = { clientId: 'sentinel-client', clientSecret: 'SENTINEL-own-secret-0c7d' };
    const emu = await start({ credentials });
    const seen: string[] = [];
    const { options } = setup(emu, { onSecret: (s) => seen.push(s), timeoutMs: 150 });
    const org = await connectGenesys(options);
    const created = await org.createClient(anEmulatorSpec('has-a-secret'));

    emu.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 500 });
    emu.inject({ method: 'PUT', status: 400, body: { code: 'bad.request', message: `echo ${created.secret}` } });
    emu.inject({ method: 'GET', path: '/api/v2/oauth/clients', status: 0, times: Infinity });
    emu.inject({ method: 'POST', path: '/api/v2/integrations/credentials', status: 200, delayMs: 5_000 });
    const failures = await Promise.all([
      org.createClient(anEmulatorSpec('fails')).catch((e: unknown) => e),
      org.updateClient(created.id, anEmulatorSpec('has-a-secret')).catch((e: unknown) => e),
      org.readOrg().catch((e: unknown) => e),
      org.createIntegrationCredential('cred', created.id, created.secret).catch((e: unknown) => e),
    ]);

    expect(seen).toHaveLength(4);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(GenesysApiError);
      for (const text of [(failure as Error).message, JSON.stringify(failure), inspect(failure, { depth: 10 })]) {
        for (const secret of seen) expect(text).not.toContain(secret);
      }
    }
    expect((failures[1] as Error).message).toContain('echo ***');
  });
});
