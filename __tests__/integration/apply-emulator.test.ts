// executePlan with the real SDK (through src/genesys/) against the Genesys emulator on 127.0.0.1.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { executePlan, type ExecuteOptions } from '../../src/apply/execute-plan.js';
import type { DeliveredSecret } from '../../src/apply/secrets.js';
import { buildPlan, countPlan } from '../../src/core/plan.js';
import type { Definition } from '../../src/core/types.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import { aDefinition, PLAN_OPTIONS } from '../helpers/builders.js';

let emulator: Emulator | undefined;
let workspace: string;
let previousHome: string | undefined;
let secrets: string[];
let lines: string[];
let exposed: DeliveredSecret[];

const noSleep = async (): Promise<void> => {};

function executeOptions(): ExecuteOptions {
  return {
    concurrency: 8,
    workspace,
    onSecret: (value) => secrets.push(value),
    deliverSecret: (delivered) => exposed.push(delivered),
    log: (line) => lines.push(line),
  };
}

async function connect(started: Emulator): Promise<GenesysConnection> {
  return connectGenesys({
    ...started.credentials,
    apiUrl: started.url,
    onSecret: (value) => secrets.push(value),
    sleep: noSleep,
    concurrency: 8,
  });
}

function aCodeClient(name: string, overrides: Partial<Definition> = {}): Definition {
  return aDefinition({
    name,
    authorized_grant_type: 'CODE',
    registered_redirect_uris: [`https://${name}.example.com/callback`],
    scopes: ['users:readonly'],
    roles: [],
    ...overrides,
  });
}

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'apply-emulator-'));
  // The SDK looks for a config file under HOME: give it an empty one.
  previousHome = process.env.HOME;
  process.env.HOME = workspace;
  secrets = [];
  lines = [];
  exposed = [];
});

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  process.env.HOME = previousHome;
  await rm(workspace, { recursive: true, force: true });
});

describe('executePlan against the emulator', () => {
  it('creates 300 clients through injected 429s without a failure, and a re-plan right after writes nothing', async () => {
    emulator = await startEmulator();
    const org = await connect(emulator);
    const definitions = Array.from({ length: 300 }, (_, i) => aCodeClient(`bulk-${String(i).padStart(3, '0')}`));
    const plan = buildPlan(definitions, await org.readOrg(), PLAN_OPTIONS);
    expect(countPlan(plan).create).toBe(300);
    emulator.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 429, times: 40, retryAfterSeconds: 1 });

    const result = await executePlan(plan, org, executeOptions());

    expect(result.outcomes.filter((outcome) => outcome.kind === 'failed')).toEqual([]);
    expect(result.outcomes.filter((outcome) => outcome.kind === 'created')).toHaveLength(300);
    expect(result.unconverged).toEqual([]);
    expect(emulator.requests.filter((entry) => entry.status === 429)).toHaveLength(40);
    expect(emulator.listClients().filter((client) => client.name.startsWith('bulk-'))).toHaveLength(300);

    emulator.resetLog();
    const replan = buildPlan(definitions, await org.readOrg(), PLAN_OPTIONS);
    expect(replan.actions.every((action) => action.kind === 'noop')).toBe(true);
    const again = await executePlan(replan, org, executeOptions());

    expect(again).toEqual({ outcomes: [], unconverged: [] });
    expect(emulator.writes()).toEqual([]);
  });

  it('creates, updates and prunes in one apply, delivers each secret where asked, and confirms the result', async () => {
    emulator = await startEmulator({
      clients: [
        {
          name: 'portal',
          authorizedGrantType: 'CODE',
          registeredRedirectUri: ['https://portal.example.com/cb'],
          scope: ['users:readonly'],
        },
        {
          name: 'legacy-bot',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
        },
      ],
    });
    const org = await connect(emulator);
    const definitions = [
      aCodeClient('portal', { description: 'now described' }),
      aCodeClient('to-file', { directory_client_secret: 'secrets/oauth' }),
      aCodeClient('to-credential', { integration_credential_name: 'to-credential-cred' }),
      aCodeClient('to-output', { expose_client_secret: true }),
    ];
    const plan = buildPlan(definitions, await org.readOrg(), { ...PLAN_OPTIONS, prune: true });
    expect(countPlan(plan)).toMatchObject({ create: 3, update: 1, delete: 1 });

    const result = await executePlan(plan, org, executeOptions());

    expect(result.unconverged).toEqual([]);
    const byClient = new Map(result.outcomes.map((outcome) => [outcome.client, outcome]));
    expect(byClient.get('portal')).toMatchObject({ kind: 'updated' });
    expect(byClient.get('legacy-bot')).toMatchObject({ kind: 'deleted' });
    expect(
      emulator
        .listClients()
        .map((client) => client.name)
        .sort(),
    ).toEqual(['genesys-oauth-sync', 'portal', 'to-credential', 'to-file', 'to-output'].sort());

    const toFile = byClient.get('to-file');
    expect(toFile).toMatchObject({ kind: 'created', secretDeliveredTo: ['file'] });
    const file = path.join(workspace, 'secrets', 'oauth', toFile?.kind === 'created' ? toFile.id : '');
    expect(await readFile(file, 'utf8')).toBe(emulator.listClients().find((client) => client.name === 'to-file')?.secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const toCredential = byClient.get('to-credential');
    expect(toCredential).toMatchObject({ kind: 'created', secretDeliveredTo: ['integration-credential'] });
    const [credential] = emulator.integrationCredentials();
    expect(credential).toMatchObject({ name: 'to-credential-cred', type: 'pureCloudOAuthClient' });
    expect(toCredential).toMatchObject({ integrationCredentialId: credential?.id });

    const outputSecret = emulator.listClients().find((client) => client.name === 'to-output')?.secret;
    expect(exposed).toEqual([{ client: 'to-output', clientId: expect.any(String), secret: outputSecret }]);

    const created = emulator.listClients().filter((client) => client.name.startsWith('to-'));
    for (const client of created) {
      expect(secrets).toContain(client.secret);
      expect(lines.join('\n')).not.toContain(client.secret);
      expect(JSON.stringify(result)).not.toContain(client.secret);
    }
  });
});
