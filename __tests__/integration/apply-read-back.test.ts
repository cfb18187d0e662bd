// The read-back of apply against an org whose reads lag behind writes (the emulator's realistic profile, on a virtual
// clock that the read-back's waits move): it waits the lag out with backoff, up to its bound, and never writes twice.
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type Emulator, type SeedClient } from '../../emulator/index.js';
import { executePlan, type ExecuteOptions } from '../../src/apply/execute-plan.js';
import { buildPlan } from '../../src/core/plan.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import type { ClientSpec, Plan } from '../../src/core/types.js';
import { aDefinition, PLAN_OPTIONS } from '../helpers/builders.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();
const SEEDS: SeedClient[] = [
  { name: 'kept', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }] },
  { name: 'stray', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://s/'], scope: ['a'] },
];

async function applyWithLag(
  readBackMs: number,
  /** Runs between the plan and the apply, as another apply racing this one would. */
  race?: (org: GenesysConnection, plan: Plan) => Promise<unknown>,
): Promise<{ emu: Emulator; result: Awaited<ReturnType<typeof executePlan>>; sleeps: number[]; lines: string[] }> {
  const clock = createVirtualClock();
  const emu = await start({ profile: 'realistic', now: clock.now, advanceClock: clock.advance, clients: SEEDS });
  const org = await connectGenesys({ ...emu.credentials, apiUrl: emu.url, onSecret: () => {}, sleep: async () => {} });
  const definitions = [
    aDefinition({ name: 'kept', description: 'changed' }),
    aDefinition({ name: 'fresh-1' }),
    aDefinition({ name: 'fresh-2' }),
  ];
  const plan = buildPlan(definitions, await org.readOrg(), { ...PLAN_OPTIONS, prune: true });
  const sleeps: number[] = [];
  const lines: string[] = [];
  const options: ExecuteOptions = {
    concurrency: 4,
    workspace: '/nonexistent',
    onSecret: () => {},
    deliverSecret: () => {},
    log: (line) => lines.push(line),
    readBackMs,
    clock: {
      now: () => clock.now().getTime(),
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
    },
  };
  await race?.(org, plan);
  emu.resetLog();
  return { emu, result: await executePlan(plan, org, options), sleeps, lines };
}

describe('the read-back after apply, while reads lag behind writes', () => {
  it('waits the lag out with backoff and confirms creates, updates and deletes, each written once', async () => {
    const { emu, result, sleeps } = await applyWithLag(30_000);
    expect(result.outcomes.map((o) => `${o.kind} ${o.client}`).sort()).toEqual([
      'created fresh-1',
      'created fresh-2',
      'deleted stray',
      'updated kept',
    ]);
    expect(result.unconverged).toEqual([]);
    expect(result.readBackError).toBeUndefined();
    expect(sleeps.slice(0, 3)).toEqual([250, 500, 1_000]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(30_000);
    expect(emu.writes().filter((w) => w.method === 'POST')).toHaveLength(2);
  });

  it('calls a client not converged only once the bound is spent, and with a bound of 0 reads back once', async () => {
    const once = await applyWithLag(0);
    expect(once.sleeps).toEqual([]);
    expect(once.result.unconverged.sort()).toEqual(['fresh-1', 'fresh-2', 'kept', 'stray']);

    const short = await applyWithLag(1_000);
    expect(short.sleeps).toEqual([250, 500]);
    expect(short.result.unconverged.length).toBeGreaterThan(0);
  });

  it('finds a rival created at the same moment, which the first list still hid, on one more list after the wait', async () => {
    const desired = (plan: Plan): ClientSpec => {
      const create = plan.actions.find((a) => a.kind === 'create' && a.client === 'fresh-1');
      if (create?.kind !== 'create') throw new Error('the plan creates fresh-1');
      return create.desired;
    };
    const { emu, result, lines } = await applyWithLag(30_000, (org, plan) => org.createClient(desired(plan)));
    expect(result.unconverged).toEqual([]);
    expect(result.duplicates).toEqual([expect.objectContaining({ client: 'fresh-1', others: [expect.any(String)] })]);
    expect(lines).toContain('`fresh-1` exists twice after creating it (also ' + result.duplicates?.[0]?.others[0] + ').');
    // The second look, after the reads by id, is one more client list: roles, divisions and the token are not read again.
    const log = emu.requests.map((r) => `${r.method} ${r.path}`);
    const lastReadById = log.reduce((last, line, i) => (/^GET \/api\/v2\/oauth\/clients\/./.test(line) ? i : last), -1);
    expect(log.slice(lastReadById + 1)).toEqual(['GET /api/v2/oauth/clients']);
  });
});
