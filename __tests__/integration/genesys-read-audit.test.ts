// The audit's extra reads through the real SDK against the emulator: who changed the clients (one batched users
// lookup, 100 ids a request) and the API usage query (started, then polled on the injected clock); a refusal or an
// odd answer becomes `unavailable` with the permission to add, never a failed check, but a bad login still fails.
import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();
const NOW = new Date('2026-11-29T12:00:00.000Z');
const WINDOW = { start: new Date('2026-08-01T00:00:00.000Z'), end: NOW };
const USERS_PATH = '/api/v2/users';
const RESULTS_PATH = /^\/api\/v2\/usage\/query\/[^/]+\/results$/;
/** A 403 whose body names no permission, so the message falls back on the permission the call needs. */
const FORBIDDEN = { status: 403, code: 'forbidden', message: 'Forbidden' };

async function connect(options: EmulatorOptions = {}) {
  const emu = await start({ now: () => NOW, ...options });
  const sleeps: number[] = [];
  const org = await connectGenesys({
    ...emu.credentials,
    apiUrl: emu.url,
    onSecret: () => {},
    sleep: async (ms) => void sleeps.push(ms),
  });
  emu.resetLog();
  sleeps.length = 0;
  const requests = () => emu.requests.map((r) => `${r.method} ${r.path.replace(/\/query\/[^/]+\//, '/query/{id}/')}`);
  return { emu, org, sleeps, requests };
}

describe('readUserNames', () => {
  it('looks up each id once, sorted, in one request, and leaves out unknown ids and users without a name', async () => {
    const users = [
      { id: 'u-b', name: 'Bea' },
      { id: 'u-a', name: 'Ahmed' },
      { id: 'u-blank', name: '' },
    ];
    const { emu, org } = await connect({ users });
    const names = await org.readUserNames(['u-b', 'u-a', 'u-b', 'u-gone', 'u-blank']);
    expect(names).toEqual({ kind: 'read', value: { 'u-a': 'Ahmed', 'u-b': 'Bea' } });
    expect(emu.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', USERS_PATH, { id: 'u-a,u-b,u-blank,u-gone', pageSize: '4' }],
    ]);
  });

  it('asks Genesys nothing when no client was changed by anyone', async () => {
    const { emu, org } = await connect();
    expect(await org.readUserNames([])).toEqual({ kind: 'read', value: {} });
    expect(emu.requests).toEqual([]);
  });

  it('looks up 200 people in two requests of 100 ids', async () => {
    const users = Array.from({ length: 200 }, (_, index) => ({ id: `u-${String(index).padStart(3, '0')}`, name: `User ${index}` }));
    const { emu, org } = await connect({ users });
    const names = await org.readUserNames(users.map((user) => user.id).reverse());
    expect(names).toEqual({ kind: 'read', value: Object.fromEntries(users.map((user) => [user.id, user.name])) });
    expect(emu.requests.map((r) => [r.path, r.query])).toEqual([
      [
        USERS_PATH,
        {
          id: users
            .slice(0, 100)
            .map((u) => u.id)
            .join(','),
          pageSize: '100',
        },
      ],
      [
        USERS_PATH,
        {
          id: users
            .slice(100)
            .map((u) => u.id)
            .join(','),
          pageSize: '100',
        },
      ],
    ]);
  });

  it('reads an empty answer as nobody known, and skips users without an id', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: USERS_PATH, status: 200, body: null });
    expect(await org.readUserNames(['u-a'])).toEqual({ kind: 'read', value: {} });
    emu.inject({ method: 'GET', path: USERS_PATH, status: 200, body: { entities: [{ name: 'No Id' }, { id: 'u-a', name: 'Ahmed' }] } });
    expect(await org.readUserNames(['u-a'])).toEqual({ kind: 'read', value: { 'u-a': 'Ahmed' } });
  });

  it('comes back unavailable, naming the permission to add, when the Action may not read users', async () => {
    const { org } = await connect({ deniedPermissions: ['directory:user:view'] });
    expect(await org.readUserNames(['u-a'])).toEqual({
      kind: 'unavailable',
      permission: 'directory:user:view',
      message:
        'Genesys rejected looking up who changed the drifted clients (`GET /api/v2/users`): 403 missing.permissions ' +
        '"Unable to perform the requested action. You are missing the following permission(s): directory:user:view" ' +
        "(correlation id a0000000-0000-4000-8000-000000000002). The Action's OAuth client lacks the permission " +
        "`directory:user:view`: add it to one of the client's roles.",
    });
  });

  it('names the permission the lookup needs when the 403 names none', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: USERS_PATH, status: 403, body: FORBIDDEN });
    expect(await org.readUserNames(['u-a'])).toEqual({
      kind: 'unavailable',
      permission: 'directory:user:view',
      message:
        'Genesys rejected looking up who changed the drifted clients (`GET /api/v2/users`): 403 forbidden "Forbidden" ' +
        "(correlation id a0000000-0000-4000-8000-000000000002). The Action's OAuth client probably lacks the permission " +
        "`directory:user:view`: add it to one of the client's roles.",
    });
  });

  it('comes back unavailable without a permission when Genesys fails for another reason', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: USERS_PATH, status: 404, body: { status: 404, code: 'not.found', message: 'Gone' } });
    expect(await org.readUserNames(['u-a'])).toEqual({
      kind: 'unavailable',
      message:
        'Genesys rejected looking up who changed the drifted clients (`GET /api/v2/users`): 404 not.found "Gone" ' +
        '(correlation id a0000000-0000-4000-8000-000000000002).',
    });
  });

  it('fails when the Action is no longer let in, rather than hiding a bad login as a missing lookup', async () => {
    const { emu, org } = await connect();
    emu.inject({ method: 'GET', path: USERS_PATH, status: 401, times: 2, body: { status: 401, code: 'bad.credentials', message: 'No' } });
    await expect(org.readUserNames(['u-a'])).rejects.toMatchObject({ name: 'GenesysApiError', status: 401 });
  });
});

describe('readApiUsage', () => {
  const usage = [
    { clientId: 'c-1', date: '2026-11-01T08:00:00.000Z', requests: 5 },
    { clientId: 'c-2', date: '2026-09-10T08:00:00.000Z', requests: 2 },
    { clientId: 'c-3', date: '2026-07-01T08:00:00.000Z', requests: 9 },
  ];
  /** What the query reads: the seeded days in the window, by day, and the Action's own requests of today. */
  const inWindow = [
    { clientId: 'c-2', date: '2026-09-10T00:00:00.000Z', requests: 2 },
    { clientId: 'c-1', date: '2026-11-01T00:00:00.000Z', requests: 5 },
    { clientId: 'action-client-id', date: '2026-11-29T00:00:00.000Z', requests: 1 },
  ];

  it('starts one query over the window and reads its results until complete, waiting 0, 1 and 2 s', async () => {
    const { org, requests, sleeps } = await connect({ usage, usageQueryPendingReads: 2 });
    expect(await org.readApiUsage(WINDOW)).toEqual({ kind: 'read', value: inWindow });
    expect(requests()).toEqual([
      'POST /api/v2/usage/query',
      'GET /api/v2/usage/query/{id}/results',
      'GET /api/v2/usage/query/{id}/results',
      'GET /api/v2/usage/query/{id}/results',
    ]);
    expect(sleeps).toEqual([0, 1_000, 2_000]);
  });

  it('gives up after eight reads over 26 s of a query that keeps running; the next check tries again', async () => {
    const { org, requests, sleeps } = await connect({ usage, usageQueryPendingReads: 8 });
    expect(await org.readApiUsage(WINDOW)).toEqual({
      kind: 'unavailable',
      message: 'Genesys did not finish the API usage query in time; the next check tries again.',
    });
    expect(requests()).toEqual(['POST /api/v2/usage/query', ...Array(8).fill('GET /api/v2/usage/query/{id}/results')]);
    expect(sleeps).toEqual([0, 1_000, 2_000, 3_000, 5_000, 5_000, 5_000, 5_000]);
  });

  it('keeps only rows with a client, a day and at least one request, and reads a result without rows as none', async () => {
    const { emu, org } = await connect();
    const rows = [
      { clientId: 'c-1', date: '2026-11-01T00:00:00.000Z', requests: 3 },
      { date: '2026-11-01T00:00:00.000Z', requests: 3 },
      { clientId: 'c-2', requests: 3 },
      { clientId: 'c-3', date: '2026-11-01T00:00:00.000Z', requests: 0 },
      { clientId: 'c-4', date: '2026-11-01T00:00:00.000Z' },
    ];
    emu.inject({ method: 'GET', path: RESULTS_PATH, status: 200, body: { queryStatus: 'Complete', results: rows } });
    expect(await org.readApiUsage(WINDOW)).toEqual({
      kind: 'read',
      value: [{ clientId: 'c-1', date: '2026-11-01T00:00:00.000Z', requests: 3 }],
    });
    emu.inject({ method: 'GET', path: RESULTS_PATH, status: 200, body: { queryStatus: 'Complete' } });
    expect(await org.readApiUsage(WINDOW)).toEqual({ kind: 'read', value: [] });
  });

  it('reads an empty answer of the results as still running and reads again', async () => {
    const { emu, org, requests, sleeps } = await connect({ usage });
    emu.inject({ method: 'GET', path: RESULTS_PATH, status: 200, body: null });
    expect(await org.readApiUsage(WINDOW)).toEqual({ kind: 'read', value: inWindow });
    expect(requests()).toEqual(['POST /api/v2/usage/query', ...Array(2).fill('GET /api/v2/usage/query/{id}/results')]);
    expect(sleeps).toEqual([0, 1_000]);
  });

  it('stops at the first read of a query Genesys reports as failed', async () => {
    const { emu, org, requests } = await connect({ usage });
    emu.inject({ method: 'GET', path: RESULTS_PATH, status: 200, body: { queryStatus: 'Failed', results: [] } });
    expect(await org.readApiUsage(WINDOW)).toEqual({ kind: 'unavailable', message: 'Genesys reports the API usage query as failed.' });
    expect(requests()).toEqual(['POST /api/v2/usage/query', 'GET /api/v2/usage/query/{id}/results']);
  });

  it('comes back unavailable when Genesys starts the query without an execution id, reading nothing more', async () => {
    const { emu, org, requests } = await connect({ usage });
    emu.inject({ method: 'POST', path: '/api/v2/usage/query', status: 200, body: null });
    expect(await org.readApiUsage(WINDOW)).toEqual({
      kind: 'unavailable',
      message: 'Genesys answered querying API usage by OAuth client (`POST /api/v2/usage/query`) without an execution id.',
    });
    expect(requests()).toEqual(['POST /api/v2/usage/query']);
  });

  it('comes back unavailable, naming usage:api:view, when the Action may not query usage', async () => {
    const { emu, org } = await connect({ usage });
    emu.inject({ method: 'POST', path: '/api/v2/usage/query', status: 403, body: FORBIDDEN });
    expect(await org.readApiUsage(WINDOW)).toEqual({
      kind: 'unavailable',
      permission: 'usage:api:view',
      message:
        'Genesys rejected querying API usage by OAuth client (`POST /api/v2/usage/query`): 403 forbidden "Forbidden" ' +
        "(correlation id a0000000-0000-4000-8000-000000000002). The Action's OAuth client probably lacks the permission " +
        "`usage:api:view`: add it to one of the client's roles.",
    });
    emu.inject({ method: 'GET', path: RESULTS_PATH, status: 403, body: FORBIDDEN });
    expect(await org.readApiUsage(WINDOW)).toEqual({
      kind: 'unavailable',
      permission: 'usage:api:view',
      message:
        'Genesys rejected reading the API usage query results: 403 forbidden "Forbidden" ' +
        "(correlation id a0000000-0000-4000-8000-000000000004). The Action's OAuth client probably lacks the permission " +
        "`usage:api:view`: add it to one of the client's roles.",
    });
  });
});
