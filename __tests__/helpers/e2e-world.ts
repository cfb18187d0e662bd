// One end-to-end world: the Genesys emulator, the fake GitHub, and a workspace holding the example definitions.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  createVirtualClock,
  DEMO_ORG,
  startEmulator,
  type Emulator,
  type VirtualClock,
  type EmulatorOptions,
  type SeedClient,
} from '../../emulator/index.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './fake-github.js';
import { runAction, runActionInProcess, type ActionRun, type ActionRunOptions } from './run-action.js';

export const OWN_SECRET = 'SENTINEL-own-secret-5c1f0e7a';
export const GITHUB_TOKEN = 'SENTINEL-gh-token-77aa31';
export const APP_BASE_URL = 'https://portal.example.com';
const EXAMPLES = resolve(import.meta.dirname, '../../examples/genesys/oauth-clients');
/** The clients the example definitions (every world's workspace) declare. */
export const EXAMPLE_CLIENTS = [
  'agent-dashboard',
  'bi-warehouse-export',
  'ci-deployer',
  'customer-portal',
  'quality-webhooks',
  'sso-bridge',
  'wfm-forecast-sync',
];

/** An org that differs from the examples: one client changed by hand, one up to date, one nobody declared. */
export const DRIFTED_ORG: SeedClient[] = DEMO_ORG;

export interface World {
  emulator: Emulator;
  /** The emulator's clock; runs move it by sleeping, a test moves it to let days pass between runs. */
  clock: VirtualClock;
  github: FakeGitHub;
  workspace: string;
  run(options: Partial<ActionRunOptions> & Pick<ActionRunOptions, 'eventName' | 'payload'>): Promise<ActionRun>;
  /** Every secret a run must never show: the Action's own secret, the GitHub token, every access token. */
  sentinels(): string[];
  close(): Promise<void>;
}

export interface WorldOptions {
  clients?: SeedClient[];
  emulator?: EmulatorOptions;
  github?: Partial<FakeGitHubOptions>;
  /** Runs `src/action/main.ts` in this process instead of spawning `dist/index.js`: what mutation testing can see. */
  inProcess?: boolean;
}

/**
 * The set-up every e2e file shares, written once: a fresh world before each test, closed after it. The world it
 * returns stands for the current test's (`const world = useWorld();` then `world.run(…)`).
 */
export function useWorld(options: WorldOptions = {}): World {
  let current: World | undefined;
  beforeEach(async () => {
    current = await startWorld(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as World, {
    get(_target, key) {
      if (!current) throw new Error('The e2e world exists only while a test runs (useWorld starts it in beforeEach).');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  // Genesys as it behaves (lag, soft delete, tokens/me without roles) on a clock that only the run's sleeps move.
  const clock = createVirtualClock(Date.now());
  // Mutation testing sets GOS_E2E_IN_PROCESS so that the end-to-end stories also run on src/ (see vitest.mutation.config.ts).
  const inProcess = options.inProcess ?? process.env.GOS_E2E_IN_PROCESS === '1';
  const emulator = await startEmulator({
    credentials: { clientId: 'action-client-id', clientSecret: OWN_SECRET },
    clients: options.clients ?? DRIFTED_ORG,
    profile: 'realistic',
    now: clock.now,
    advanceClock: clock.advance,
    ...options.emulator,
  });
  const github = await startFakeGitHub({ owner: 'acme', repo: 'genesys-config', ...options.github });
  const workspace = mkdtempSync(join(tmpdir(), 'gos-ws-'));
  cpSync(EXAMPLES, join(workspace, 'genesys/oauth-clients'), { recursive: true });
  return {
    emulator,
    clock,
    github,
    workspace,
    run: (run) => {
      // No workflow run starts within seconds of the last one's end (a job's set-up alone takes longer): a minute.
      clock.advance(60_000);
      const runOptions: ActionRunOptions = {
        workspace,
        ...run,
        inputs: {
          'genesys-client-id': 'action-client-id',
          'genesys-client-secret': OWN_SECRET,
          'genesys-api-url': emulator.url,
          'github-token': GITHUB_TOKEN,
          variables: `APP_BASE_URL=${APP_BASE_URL}`,
          ...run.inputs,
        },
        env: { GITHUB_API_URL: github.url, ...run.env },
      };
      if (inProcess) return runActionInProcess(runOptions, clock.advance);
      return runAction({ clockUrl: `${emulator.url}/__emulator/clock`, ...runOptions });
    },
    sentinels: () => [
      OWN_SECRET,
      GITHUB_TOKEN,
      Buffer.from(`action-client-id:${OWN_SECRET}`).toString('base64'),
      ...emulator.issuedTokens(),
    ],
    close: async () => {
      await Promise.all([emulator.close(), github.close()]);
    },
  };
}

/** Every place the run wrote something a person could read, joined for a sentinel scan (GitHub bodies included). */
export function everythingVisible(world: World, run: ActionRun): string {
  const bodies = world.github.requests.map((r) => JSON.stringify(r.body ?? ''));
  return [...Object.values(run.channels), ...bodies].join('\n');
}
