// Plan cost as the org grows: requests must stay constant, wall time should be Genesys latency plus a little local work.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Emulator } from '../emulator/index.js';
import { generatedOrg, startOrg, writeDefinitions } from './org.js';
import type { PlanWorkerResult } from './plan-worker.js';

const run = promisify(execFile);
const WORKER = resolve(import.meta.dirname, 'plan-worker.ts');

export interface PlanBench extends PlanWorkerResult {
  clients: number;
  requests: number;
  /** (normalise + match + diff + render) ÷ wall. */
  localShare: number;
}

/** Runs the plan worker once against `emulator`; the emulator's request log is the request count. */
export async function runPlanWorker(emulator: Emulator, workspace: string): Promise<{ result: PlanWorkerResult; requests: number }> {
  emulator.resetLog();
  const { stdout } = await run(process.execPath, ['--import', 'tsx', WORKER], {
    env: {
      PATH: process.env.PATH ?? '',
      // The SDK reads a config file under HOME: give it an empty one.
      HOME: mkdtempSync(join(tmpdir(), 'gos-bench-home-')),
      NO_PROXY: '127.0.0.1,localhost',
      BENCH_API_URL: emulator.url,
      BENCH_CLIENT_ID: emulator.credentials.clientId,
      BENCH_CLIENT_SECRET: emulator.credentials.clientSecret,
      BENCH_WORKSPACE: workspace,
    },
    maxBuffer: 1 << 20,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as PlanWorkerResult;
  return { result, requests: emulator.requests.length };
}

/** Plans an org of `n` generated clients against definitions that update a fifth, drop a 25th and add a 50th. */
export async function benchPlan(n: number): Promise<PlanBench> {
  const emulator = await startOrg(generatedOrg(n));
  const workspace = await writeDefinitions(emulator, { update: 5, drop: 25, create: Math.ceil(n / 50) });
  try {
    const { result, requests } = await runPlanWorker(emulator, workspace.root);
    return { clients: n, requests, ...result, localShare: (result.planMs + result.renderMs) / result.wallMs };
  } finally {
    workspace.remove();
    await emulator.close();
  }
}
