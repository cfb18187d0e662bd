// An org whose rate limit is tighter than the Action assumes: after the first 429 states the limit, the Action paces
// under it instead of bursting into a 429 every window. On virtual time shared by the Action and the emulator: every
// wait (pacing, Retry-After) moves both clocks, so three windows of pacing take no real time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVirtualClock, startEmulator, type Emulator } from '../../emulator/index.js';
import { executePlan } from '../../src/apply/execute-plan.js';
import { buildPlan, countPlan } from '../../src/core/plan.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import { aDefinition, PLAN_OPTIONS } from '../helpers/builders.js';
import { createVirtualScheduler } from '../helpers/virtual-scheduler.mjs';

const LIMIT = { requests: 20, windowMs: 1_000 };
const CLIENTS = 60;
const CONCURRENCY = 4;
const names = Array.from({ length: CLIENTS }, (_, i) => `paced-${String(i).padStart(2, '0')}`);

let emulator: Emulator;
let time: ReturnType<typeof createVirtualScheduler>;
beforeEach(async () => {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'faults-rate-home-'));
  const clock = createVirtualClock();
  time = createVirtualScheduler({ start: clock.now().getTime(), advance: clock.advance });
  emulator = await startEmulator({
    now: clock.now,
    clients: names.map((name) => ({ name, description: 'before', authorizedGrantType: 'PASSWORD', scope: ['users:readonly'] })),
  });
});
afterEach(async () => {
  await emulator.close();
});

describe('an org with a tight rate limit', () => {
  it('meets only the first window’s 429s, then paces under the limit the 429 stated, and applies everything', async () => {
    const org = await connectGenesys({
      ...emulator.credentials,
      apiUrl: emulator.url,
      onSecret: () => {},
      concurrency: CONCURRENCY,
      sleep: time.sleep,
      now: time.now,
    });
    const definitions = names.map((name) =>
      aDefinition({ name, description: 'after', authorized_grant_type: 'PASSWORD', scopes: ['users:readonly'], roles: [] }),
    );
    const plan = buildPlan(definitions, await org.readOrg(), PLAN_OPTIONS);
    expect(countPlan(plan).update).toBe(CLIENTS);
    emulator.setRateLimit(LIMIT);
    emulator.resetLog();

    const started = time.now();
    const result = await executePlan(plan, org, {
      concurrency: CONCURRENCY,
      workspace: process.env.HOME!,
      onSecret: () => {},
      deliverSecret: () => {},
      log: () => {},
      clock: time,
    });
    const elapsedMs = time.now() - started;

    expect(result.outcomes.filter((o) => o.kind === 'failed')).toEqual([]);
    expect(result.unconverged).toEqual([]);
    expect(emulator.listClients().filter((c) => c.description === 'after')).toHaveLength(CLIENTS);
    const api = emulator.requests.filter((r) => r.path !== '/oauth/token');
    const rateLimited = api.filter((r) => r.status === 429);
    // Bursting meets about CONCURRENCY 429s in every window (three windows here); pacing meets them in the first.
    // (A request still on its way when the virtual clock jumps arrives later than it started: allow one or two more.)
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(rateLimited.length).toBeLessThanOrEqual(CONCURRENCY + 2);
    const admitted = api.length - rateLimited.length;
    const minimumMs = ((admitted - LIMIT.requests) * LIMIT.windowMs) / LIMIT.requests;
    expect(elapsedMs).toBeGreaterThanOrEqual(minimumMs);
  });
});
