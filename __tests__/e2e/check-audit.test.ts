// The scheduled check as an auditor, as a workflow sees it (dist/index.js against the emulator and the fake GitHub):
// who changed a drifted client, and which clients nobody uses.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG, DEFAULT_USERS, type SeedClient } from '../../emulator/index.js';
import { everythingVisible, OWN_SECRET, startWorld, type World } from '../helpers/e2e-world.js';
import { pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

const DAY_MS = 86_400_000;
const JANE = DEFAULT_USERS[0]!;
let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function applyThenCheck(w: World, between: () => void, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const applied = await w.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  between();
  const run = await w.run({ eventName: 'schedule', payload: scheduleEvent(), inputs });
  for (const secret of w.sentinels()) expect(everythingVisible(w, run)).not.toContain(secret);
  return run;
}

function editDashboardInTheAdminUi(w: World): void {
  const dashboard = w.emulator.listClients().find((client) => client.name === 'agent-dashboard');
  w.emulator.editClient(dashboard!.id, { description: 'Edited by hand in the admin UI.' });
}

describe('check names who changed a drifted client (dist/index.js)', () => {
  it('shows "changed by Jane Doe at <time>" in the drift issue and the summary', async () => {
    world = await startWorld();
    const w = world;
    const run = await applyThenCheck(w, () => editDashboardInTheAdminUi(w));
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    const [issue] = w.github.issues();
    const changedBy =
      /`agent-dashboard` \(id `[^`]+`, created `[^`]+`\) \*\*differs\*\* \(changed by Jane Doe at (\d{4}-\d\d-\d\d \d\d:\d\d) UTC\):/;
    const at = changedBy.exec(issue!.body)?.[1];
    expect(at, issue!.body).toBeDefined();
    expect(Date.now() - Date.parse(`${at}Z`)).toBeLessThan(10 * 60_000);
    expect(run.summary).toMatch(changedBy);
    // One users lookup, for the one person who changed something.
    expect(w.emulator.requests.filter((r) => r.path === '/api/v2/users')).toEqual([
      expect.objectContaining({ method: 'GET', query: expect.objectContaining({ id: JANE.id }), status: 200 }),
    ]);
  });

  it('shows who changed it and the unused clients at a terminal too (dist/cli.js check)', async () => {
    world = await startWorld();
    const w = world;
    await applyThenCheck(w, () => editDashboardInTheAdminUi(w));
    // Spawned asynchronously: the emulator answers from this process.
    const child = spawn(
      process.execPath,
      [resolve(import.meta.dirname, '../../dist/cli.js'), 'check', '--var', 'APP_BASE_URL=https://portal.example.com'],
      {
        cwd: w.workspace,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: w.workspace,
          GENESYSCLOUD_OAUTHCLIENT_ID: 'action-client-id',
          GENESYSCLOUD_OAUTHCLIENT_SECRET: OWN_SECRET,
          GENESYSCLOUD_API_URL: w.emulator.url,
        },
      },
    );
    const run = { stdout: '', stderr: '', status: -1 };
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    run.status = await new Promise<number>((done) => child.on('close', (code) => done(code ?? -1)));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/~ agent-dashboard differs \([^)]+\), changed by Jane Doe at \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    // The demo org's hand-made client from 2019 has never called the API.
    expect(run.stdout).toMatch(/Unused for 90 days or more[\s\S]*legacy-ivr-lookup \([^)]+, unmanaged\): no use since \d{4}-\d\d-\d\d/);
    expect(run.stdout + run.stderr).not.toContain(OWN_SECRET);
  });

  it('without the users permission shows the id and the permission that would name it, and still reports', async () => {
    world = await startWorld({ emulator: { deniedPermissions: ['directory:user:view'] } });
    const w = world;
    const run = await applyThenCheck(w, () => editDashboardInTheAdminUi(w));
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    const [issue] = w.github.issues();
    expect(issue!.body).toContain(
      `changed by \`${JANE.id}\` (a user id: the Action's client needs \`directory:user:view\` to show the name) at `,
    );
    expect(issue!.body).not.toContain('Jane Doe');
    expect(run.stdout).toMatch(/::warning::Changes are attributed by id only\..*directory:user:view/);
  });
});

describe('check lists clients nobody uses (dist/index.js)', () => {
  it('lists a client unused for 120 days with its last use, counts it in `stale`, and exits 0 without drift', async () => {
    const now = Date.now();
    const clients: SeedClient[] = DEMO_ORG.map((client) =>
      client.name === 'legacy-ivr-lookup'
        ? { ...client, id: 'legacy-ivr-id', dateCreated: new Date(now - 400 * DAY_MS).toISOString() }
        : client,
    );
    const lastUse = new Date(now - 120 * DAY_MS).toISOString();
    world = await startWorld({ clients, emulator: { usage: [{ clientId: 'legacy-ivr-id', date: lastUse, requests: 42 }] } });
    const run = await applyThenCheck(world, () => {}, { 'stale-after-days': '90' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['failure-reason']).toBeUndefined();
    expect(run.outputs.stale).toBe('1');
    expect(run.summary).toContain('No drift');
    expect(run.summary).toContain('#### 💤 1 client unused for 90 days or more');
    expect(run.summary).toContain(`- \`legacy-ivr-lookup\` (id \`legacy-ivr-id\`, unmanaged): last used ${lastUse.slice(0, 10)}`);
    // Not drift: no issue for it alone.
    expect(world.github.issues()).toEqual([]);
  });

  it('without the usage permission says which permission to add and goes on', async () => {
    world = await startWorld({ emulator: { deniedPermissions: ['usage:api:view'] } });
    const run = await applyThenCheck(world, () => {});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.stale).toBeUndefined();
    expect(run.summary).toContain("Genesys' usage API could not be read");
    expect(run.summary).toContain('Add `usage:api:view`');
    expect(run.stdout).toMatch(/::warning::Unused clients could not be listed\..*usage:api:view/);
  });

  it('`stale-after-days: 0` reads no usage at all', async () => {
    world = await startWorld();
    const run = await applyThenCheck(world, () => {}, { 'stale-after-days': '0' });
    expect(run.code).toBe(0);
    expect(world.emulator.requests.filter((r) => r.path.startsWith('/api/v2/usage'))).toEqual([]);
  });
});
