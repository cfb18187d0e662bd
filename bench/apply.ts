// Apply under the org's rate limit, while reads lag behind writes: how close the wall time gets to the least the
// limit allows (requests ÷ rate, plus the lag after which the last write can first be read back).
import { performance } from 'node:perf_hooks';
import { countPlan } from '../src/core/plan.js';
import { runMode } from '../src/modes/run.js';
import { generatedOrg, modeDeps, READ_LAG_MS, startOrg, writeDefinitions } from './org.js';

/** 50 requests per 5 s: 600 a minute, twice Genesys' documented default, so a 500-change apply fits in a bench run. */
export const BENCH_RATE_LIMIT = { requests: 50, windowMs: 5_000 };

export interface ApplyBench {
  changes: number;
  creates: number;
  updates: number;
  /** Requests the emulator counted against the limit (every API request that was not a 429; login is exempt). */
  admitted: number;
  rateLimited: number;
  wallMs: number;
  /** admitted ÷ rate, plus the read lag: the least time the limit allows, as the last write shows only after the lag. */
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
    const admitted = api.filter((entry) => entry.status !== 429).length;
    const minimumMs = (admitted * BENCH_RATE_LIMIT.windowMs) / BENCH_RATE_LIMIT.requests + READ_LAG_MS;
    const failed = outcome.report.apply?.outcomes.filter((o) => o.kind === 'failed').length ?? 0;
    return {
      changes,
      creates: counts?.create ?? 0,
      updates: counts?.update ?? 0,
      admitted,
      rateLimited: api.length - admitted,
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
