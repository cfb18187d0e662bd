// Startup: from spawning `node dist/index.js` to its first Genesys request, against a bare Node that requires the SDK
// and sends one request. Both are timed the same way (spawn → arrival at the emulator), alternating, median of runs.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEMO_ORG, startEmulator, type Emulator } from '../emulator/index.js';
import { DEFINITIONS_PATH } from './org.js';

const ROOT = resolve(import.meta.dirname, '..');
export const ACTION_BUNDLE = join(ROOT, 'dist/index.js');
const RUNS = 9;

export interface StartupBench {
  actionMs: number;
  bareRequireMs: number;
  ratio: number;
  bundleBytes: number;
  bundleGzipBytes: number;
  runs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Spawns `args` and resolves with ms from spawn to the first request the emulator logs; waits for the exit too. */
async function timeToFirstRequest(emulator: Emulator, args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  emulator.resetLog();
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', NO_PROXY: '127.0.0.1,localhost', ...env },
    stdio: 'ignore',
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const first = emulator.requests[0];
  if (!first) throw new Error(`\`node ${args.join(' ')}\` exited with ${code} before sending a request.`);
  return first.at - spawnedAt;
}

function actionEnv(emulator: Emulator, workspace: string): Record<string, string> {
  const event = join(workspace, 'event.json');
  writeFileSync(event, JSON.stringify({ repository: { full_name: 'acme/genesys-config', default_branch: 'main' } }));
  return {
    HOME: workspace,
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/genesys-config',
    GITHUB_OUTPUT: join(workspace, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(workspace, 'summary.md'),
    INPUT_VARIABLES: 'APP_BASE_URL=https://portal.example.com',
    INPUT_MODE: 'plan',
    'INPUT_GENESYS-CLIENT-ID': emulator.credentials.clientId,
    'INPUT_GENESYS-CLIENT-SECRET': emulator.credentials.clientSecret,
    'INPUT_GENESYS-API-URL': emulator.url,
  };
}

/** Medians of RUNS alternating runs of the Action and of the bare require. */
export async function benchStartup(): Promise<StartupBench> {
  const emulator = await startEmulator({ clients: DEMO_ORG });
  const workspace = mkdtempSync(join(tmpdir(), 'gos-bench-startup-'));
  cpSync(join(ROOT, 'examples/genesys/oauth-clients'), join(workspace, DEFINITIONS_PATH), { recursive: true });
  const bare =
    "require('purecloud-platform-client-v2'); " +
    `require('node:http').get(${JSON.stringify(`${emulator.url}/bench/ping`)}, (r) => r.resume());`;
  const action: number[] = [];
  const bareRequire: number[] = [];
  try {
    for (let i = 0; i < RUNS; i += 1) {
      action.push(await timeToFirstRequest(emulator, [ACTION_BUNDLE], actionEnv(emulator, workspace), workspace));
      bareRequire.push(await timeToFirstRequest(emulator, ['-e', bare], { HOME: workspace }, ROOT));
    }
  } finally {
    await emulator.close();
  }
  const bundle = readFileSync(ACTION_BUNDLE);
  const actionMs = median(action);
  const bareRequireMs = median(bareRequire);
  return {
    actionMs,
    bareRequireMs,
    ratio: actionMs / bareRequireMs,
    bundleBytes: statSync(ACTION_BUNDLE).size,
    bundleGzipBytes: gzipSync(bundle).length,
    runs: RUNS,
  };
}
