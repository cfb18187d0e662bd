// Apply while the org misbehaves (429 storms, 5xx bursts, hanging requests, dropped connections), with the real SDK
// against the emulator. Each run ends applied or with a per-client report, and a re-run converges with every
// definition's client present exactly once. Sleep is injected, so retries never wait on a real clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type FaultRule } from '../../emulator/index.js';
import { executePlan, type ExecuteResult } from '../../src/apply/execute-plan.js';
import { buildPlan, countPlan } from '../../src/core/plan.js';
import type { Definition, Plan } from '../../src/core/types.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import { COMMENT_LIMIT } from '../../src/report/budget.js';
import { renderReport } from '../../src/report/render.js';
import { aDefinition, PLAN_OPTIONS } from '../helpers/builders.js';

const CLIENT_PATH = /^\/api\/v2\/oauth\/clients\/[^/]+$/;
const LIST_PATH = '/api/v2/oauth/clients';
const EXISTING = ['keep-a', 'keep-b', 'keep-c'];
const NEW = ['new-a', 'new-b', 'new-c'];

let emulator: Emulator;
let sleeps: number[];
let secrets: string[];

const aCodeClient = (name: string, description: string): Definition =>
  aDefinition({
    name,
    description,
    authorized_grant_type: 'CODE',
    registered_redirect_uris: [`https://${name}.example.com/cb`],
    scopes: ['users:readonly'],
    roles: [],
  });
/** Every existing client gets a new description; the new ones are created. */
const DEFINITIONS = [...EXISTING.map((name) => aCodeClient(name, 'after')), ...NEW.map((name) => aCodeClient(name, 'fresh'))];

beforeEach(async () => {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'faults-apply-home-'));
  sleeps = [];
  secrets = [];
  emulator = await startEmulator({
    clients: [
      ...EXISTING.map((name) => ({
        name,
        description: 'before',
        authorizedGrantType: 'CODE',
        registeredRedirectUri: [`https://${name}.example.com/cb`],
        scope: ['users:readonly'],
      })),
      {
        name: 'bystander',
        authorizedGrantType: 'CLIENT-CREDENTIALS',
        roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
      },
    ],
  });
});
afterEach(async () => {
  await emulator.close();
});

async function apply(options: { timeoutMs?: number; prune?: boolean } = {}): Promise<{ plan: Plan; result: ExecuteResult }> {
  const org = await connectGenesys({
    ...emulator.credentials,
    apiUrl: emulator.url,
    onSecret: (value) => void secrets.push(value),
    sleep: async (ms) => void sleeps.push(ms),
    timeoutMs: options.timeoutMs,
  });
  const plan = buildPlan(DEFINITIONS, await org.readOrg(), { ...PLAN_OPTIONS, prune: options.prune ?? false });
  const result = await executePlan(plan, org, {
    concurrency: 4,
    workspace: process.env.HOME!,
    onSecret: (value) => void secrets.push(value),
    deliverSecret: () => {},
    log: () => {},
  });
  return { plan, result };
}

function failures(result: ExecuteResult) {
  return result.outcomes.filter((outcome) => outcome.kind === 'failed');
}

function countByName(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const client of emulator.listClients()) counts.set(client.name, (counts.get(client.name) ?? 0) + 1);
  return counts;
}

/** Runs apply again without faults, then checks the org: every definition once and as declared, bystander untouched. */
async function expectReRunConverges(options: { prune?: boolean } = {}): Promise<void> {
  emulator.clearFaults();
  const again = await apply(options);
  expect(failures(again.result)).toEqual([]);
  expect(again.result.unconverged).toEqual([]);
  const after = await apply(options);
  expect(after.plan.actions.every((action) => action.kind === 'noop')).toBe(true);
  const counts = countByName();
  for (const name of [...EXISTING, ...NEW]) expect(counts.get(name), name).toBe(1);
  expect(counts.get('bystander')).toBe(options.prune ? undefined : 1);
  for (const client of emulator.listClients().filter((c) => EXISTING.includes(c.name))) expect(client.description).toBe('after');
}

function expectReported(plan: Plan, result: ExecuteResult, client: string, action: string, text: string): void {
  const failed = failures(result);
  expect(failed.map((f) => f.client)).toEqual([client]);
  expect(failed[0]).toMatchObject({ action, error: { message: expect.stringContaining(text) } });
  const markdown = renderReport(
    { label: 'faults', kind: 'apply', plan, apply: result, problems: [], warnings: [] },
    { limit: COMMENT_LIMIT, secrets },
  );
  expect(markdown).toContain('**1 client failed**; the others were applied.');
  expect(markdown).toContain(`\`${client}\` (${action}): `);
  expect(markdown).toContain(text);
  for (const secret of secrets) expect(markdown).not.toContain(secret);
}

describe('apply under faults', () => {
  it('waits out a storm of 429s with Retry-After on creates and updates, and applies every client exactly once', async () => {
    emulator.inject({ method: 'POST', path: LIST_PATH, status: 429, times: 5, retryAfterSeconds: 1 });
    emulator.inject({ method: 'PUT', path: CLIENT_PATH, status: 429, times: 5, retryAfterSeconds: 1 });
    const { plan, result } = await apply();

    expect(countPlan(plan)).toMatchObject({ create: 3, update: 3 });
    expect(failures(result)).toEqual([]);
    expect(result.unconverged).toEqual([]);
    expect(emulator.requests.filter((r) => r.status === 429)).toHaveLength(10);
    expect(sleeps.filter((ms) => ms === 1_000)).toHaveLength(10);
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === LIST_PATH && r.status === 200)).toHaveLength(3);
    await expectReRunConverges();
  });

  it('retries updates through a burst of 5xx, reports the one create a 503 refused, and the re-run creates it once', async () => {
    emulator.inject({ method: 'PUT', path: CLIENT_PATH, status: 502, times: 2 });
    emulator.inject({ method: 'PUT', path: CLIENT_PATH, status: 503, times: 2 });
    emulator.inject({ method: 'POST', path: LIST_PATH, status: 503, times: 1 });
    const { plan, result } = await apply();

    const refused = failures(result)[0]?.client ?? '';
    expect(NEW).toContain(refused);
    expectReported(plan, result, refused, 'create', '503 service.unavailable');
    expect(failures(result)[0]?.error.correlationId).toMatch(/\S/);
    expect(result.outcomes.filter((o) => o.kind === 'updated')).toHaveLength(3);
    expect(sleeps).toEqual(expect.arrayContaining([1_000, 2_000]));
    await expectReRunConverges();
  });

  it('reports a create that hangs past the timeout, retries an update that does, and the re-run converges', async () => {
    const hang: Omit<FaultRule, 'method' | 'path'> = { status: 200, delayMs: 3_000, times: 1 };
    emulator.inject({ method: 'POST', path: LIST_PATH, ...hang });
    // The update lands, then its answer hangs: the retry must not hurt.
    emulator.inject({ method: 'PUT', path: CLIENT_PATH, ...hang, afterResponse: true });
    const { plan, result } = await apply({ timeoutMs: 400 });

    const hung = failures(result)[0]?.client ?? '';
    expectReported(plan, result, hung, 'create', 'Genesys did not answer in time while creating');
    expect(emulator.listClients().map((c) => c.name)).not.toContain(hung);
    expect(result.outcomes.filter((o) => o.kind === 'updated')).toHaveLength(3);
    await expectReRunConverges();
  });

  it('reports a create whose connection dropped before it landed, and the re-run creates it once', async () => {
    emulator.inject({ method: 'POST', path: LIST_PATH, status: 0, times: 1 });
    const { plan, result } = await apply();

    const dropped = failures(result)[0]?.client ?? '';
    expectReported(plan, result, dropped, 'create', 'Could not reach Genesys while creating');
    expect(emulator.listClients().map((c) => c.name)).not.toContain(dropped);
    await expectReRunConverges();
  });

  it('never creates twice when a create landed but its answer was lost: the re-run finds it by name', async () => {
    emulator.inject({ method: 'POST', path: LIST_PATH, status: 0, times: 1, afterResponse: true });
    const { plan, result } = await apply();

    const lost = failures(result)[0]?.client ?? '';
    expectReported(plan, result, lost, 'create', 'Could not reach Genesys while creating');
    expectReported(plan, result, lost, 'create', `may have been created all the same: the next run finds \`${lost}\` by name`);
    expectReported(plan, result, lost, 'create', 'reset the secret in Genesys');
    expect(countByName().get(lost)).toBe(1);
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === LIST_PATH);
    expect(posts).toHaveLength(3);
    emulator.resetLog();
    await expectReRunConverges();
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === LIST_PATH)).toEqual([]);
  });

  it('retries updates and deletes whose answers were lost after they landed, and ends with nothing left to do', async () => {
    emulator.inject({ method: 'PUT', path: CLIENT_PATH, status: 0, times: 2, afterResponse: true });
    emulator.inject({ method: 'DELETE', path: CLIENT_PATH, status: 0, times: 1, afterResponse: true });
    const { result } = await apply({ prune: true });

    expect(failures(result)).toEqual([]);
    expect(result.outcomes.find((o) => o.client === 'bystander')).toMatchObject({ kind: 'deleted' });
    expect(emulator.requests.filter((r) => r.status === 0)).toHaveLength(3);
    await expectReRunConverges({ prune: true });
  });
});
