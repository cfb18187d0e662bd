// Apply under the org's rate limit, while reads lag behind writes: how close the wall time gets to the least the
// limit allows (requests ÷ rate, plus the lag after which the last write can first be read back).
import { performance } from 'node:perf_hooks';
import { countPlan } from '../src/core/plan.js';
import { runMode } from '../src/modes/run.js';
import { generatedOrg, modeDeps, READ_LAG_MS, startOrg, writeDefinitions } from './org.js';

/** 50 requests per 5 s: 600 a minute, twice Genesys' documented default, so a 500-change apply fits in a bench run. */
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

export const BENCH_RATE_LIMIT = { requests: 50, windowMs: 5_000 };

export interface ApplyBench {
  changes: number;
  creates: number;
  updates: number;
  /** Requests the emulator counted against the limit (every API request that was not a 429; login is exempt). */
  admitted: number;
  rateLimited: number;
  wallMs: number;
  /** The least time the limit allows: admitted ÷ rate, or the requests up to the last write ÷ rate plus the read lag
   * (the last write shows in a read only after it), whichever is longer. */
  minimumMs: number;
  ratio: number;
  failures: number;
}

/** Applies `changes` changes (half creates, half updates) through the real `apply` mode, auto-approved. */
export async function benchApply(changes: number): Promise<ApplyBench> {
  const updates = Math.floor(changes / 2);
  const emulator = await startOrg(generatedOrg(updates));
  const workspace = await writeDefinitions(emulator, { update: 1, create: changes - updates });
  emulator.setRateLimit(BENCH_RATE_LIMIT);
  try {
    emulator.resetLog();
    const started = performance.now();
    const outcome = await runMode('apply', modeDeps(emulator, workspace.root, true));
    const wallMs = performance.now() - started;
    const counts = outcome.report.plan ? countPlan(outcome.report.plan) : undefined;
    const api = emulator.requests.filter((entry) => entry.path !== '/oauth/token');
    const admitted = api.filter((entry) => entry.status !== 429);
    // No request can start sooner than the limit allows, and the last write shows in a read only after the lag.
    const perRequestMs = BENCH_RATE_LIMIT.windowMs / BENCH_RATE_LIMIT.requests;
    const throughLastWrite = admitted.reduce((last, entry, index) => (WRITES.has(entry.method) ? index + 1 : last), 0);
    const minimumMs = Math.max(admitted.length * perRequestMs, throughLastWrite * perRequestMs + READ_LAG_MS);
    const failed = outcome.report.apply?.outcomes.filter((o) => o.kind === 'failed').length ?? 0;
    return {
      changes,
      creates: counts?.create ?? 0,
      updates: counts?.update ?? 0,
      admitted: admitted.length,
      rateLimited: api.length - admitted.length,
      wallMs,
      minimumMs,
      ratio: wallMs / minimumMs,
      failures: failed + (outcome.report.failure ? 1 : 0),
    };
  } finally {
    workspace.remove();
    await emulator.close();
  }
}
