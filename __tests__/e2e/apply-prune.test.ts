// Apply with `prune: true`: unmanaged clients are deactivated, then deleted, last; some clients are never written
// whatever the inputs say (SPEC §2, §7).
import { describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../emulator/index.js';
import { useWorld } from '../helpers/e2e-world.js';
import { markerOf, onlyClient, onlyComment, planAndMerge, pushMerge, writeDefinition } from '../helpers/e2e-apply.js';

const PRUNE = { prune: 'true' };
const CLIENTS = '/api/v2/oauth/clients';

const world = useWorld({
  clients: [
    ...DEMO_ORG,
    {
      name: 'support-locked',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      state: 'disabled',
      roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
    },
  ],
});

describe('apply with prune', () => {
  it('deletes an unmanaged client by setting it inactive and then deleting it, after every create and update', async () => {
    const legacy = onlyClient(world, 'legacy-ivr-lookup');
    const planRun = await planAndMerge(world, PRUNE);
    expect(planRun.outputs).toMatchObject({ 'to-delete': '1', unmanaged: '1' });
    world.emulator.resetLog();

    const run = await pushMerge(world, PRUNE);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const writes = world.emulator.writes();
    const legacyWrites = writes.filter((w) => w.path === `${CLIENTS}/${legacy.id}`);
    expect(legacyWrites.map((w) => `${w.method} ${w.status}`)).toEqual(['PUT 200', 'DELETE 204']);
    // The emulator, like Genesys, deletes only an inactive client: the DELETE succeeding proves the PUT deactivated it.
    // The client is older than 30 days, so Genesys keeps it 7 days more, inactive, before it is gone (SPEC §2).
    expect(onlyClient(world, 'legacy-ivr-lookup')).toMatchObject({ state: 'inactive', dateToDelete: expect.any(String) });
    const firstLegacyWrite = writes.indexOf(legacyWrites[0]!);
    expect(writes.slice(firstLegacyWrite).every((w) => w.path === `${CLIENTS}/${legacy.id}`)).toBe(true);
    expect(writes.filter((w) => w.method === 'POST')).toHaveLength(5);

    expect(run.outputs).toMatchObject({ 'to-delete': '1' });
    expect(run.outputs).not.toHaveProperty('failure-reason');
    expect(markerOf(onlyComment(world)).status).toBe('applied');
    expect(onlyComment(world)).toContain('**5 created, 1 updated, 1 deleted**');
  });

  it("never writes to the Action's own client or to a support-disabled client, which are not unmanaged", async () => {
    const planRun = await planAndMerge(world, PRUNE);
    expect(planRun.outputs).toMatchObject({ 'to-delete': '1', unmanaged: '1' });

    const run = await pushMerge(world, PRUNE);

    expect(run.code, run.stdout + run.stderr).toBe(0);
    const locked = onlyClient(world, 'support-locked');
    const untouchable = [`${CLIENTS}/action-client-id`, `${CLIENTS}/${locked.id}`];
    expect(world.emulator.writes().filter((w) => untouchable.includes(w.path))).toEqual([]);
    expect(locked.state).toBe('disabled');
    expect(onlyClient(world, 'genesys-oauth-sync').state).toBe('active');
  });

  const refused: [string, string, string, RegExp][] = [
    [
      "the Action's own client",
      'self.yaml',
      'name: genesys-oauth-sync\nauthorized_grant_type: CLIENT-CREDENTIALS\nstate: inactive\nroles:\n  - role: employee\n',
      /`genesys-oauth-sync` is the OAuth client this Action authenticates as/,
    ],
    [
      'a support-disabled client',
      'locked.yaml',
      'name: support-locked\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: Developer\n',
      /`support-locked` \([0-9a-f-]+\) was disabled by Genesys support/,
    ],
  ];

  it.each(refused)(
    'fails with plan-failed and writes nothing when a definition names %s, even with auto-approve',
    async (_, file, text, problem) => {
      writeDefinition(world, file, text);

      const run = await pushMerge(world, { ...PRUNE, 'auto-approve': 'true' });

      expect(run.code).not.toBe(0);
      expect(run.outputs['failure-reason']).toBe('plan-failed');
      expect(run.summary).toMatch(problem);
      expect(world.emulator.writes()).toEqual([]);
      expect(onlyClient(world, 'genesys-oauth-sync').state).toBe('active');
    },
  );
});
