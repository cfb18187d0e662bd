// What a Genesys admin meets in the first hour with the CLI: messages that say what happened, where, and what to do.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORG, startEmulator, type Emulator } from '../../emulator/index.js';
import { runCli as spawnCli, type CliRun } from '../helpers/run-cli.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples/genesys/oauth-clients');
const SECRET = 'SENTINEL-first-hour-secret-71c0';

let emulator: Emulator;
let workspace: string;

beforeEach(async () => {
  emulator = await startEmulator({ credentials: { clientId: 'cli-client-id', clientSecret: SECRET }, clients: DEMO_ORG });
  workspace = mkdtempSync(join(tmpdir(), 'gos-first-hour-'));
  cpSync(EXAMPLES, join(workspace, 'genesys/oauth-clients'), { recursive: true });
});
afterEach(async () => {
  await emulator.close();
  rmSync(workspace, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return spawnCli(args, {
    cwd: workspace,
    env: {
      GENESYSCLOUD_OAUTHCLIENT_ID: 'cli-client-id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET,
      GENESYSCLOUD_API_URL: emulator.url,
      APP_BASE_URL: 'https://portal.example.com',
      ...env,
    },
  });
}

function clientNamed(name: string) {
  const client = emulator.listClients().find((c) => c.name === name);
  if (!client) throw new Error(`no client ${name} in the emulator`);
  return client;
}

describe('check at a terminal speaks of drift, as the drift issue does', () => {
  it('says what the repository says and what the org has, under a drift header, with roles granted in the org first', async () => {
    expect((await cli(['apply', '--auto-approve'])).code).toBe(0);
    const deployer = clientNamed('ci-deployer');
    emulator.editClient(deployer.id, {
      accessTokenValiditySeconds: 7200,
      roleDivisions: [...deployer.roleDivisions.filter((g) => g.roleId !== 'role-developer'), { roleId: 'role-admin', divisionId: '*' }],
    });

    const check = await cli(['check']);
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).not.toMatch(/Plan for/);
    expect(check.stdout).toMatch(/^Drift in .*: 1 changed, 0 missing/m);
    expect(check.stdout).toContain('access_token_validity_seconds`: repository says `3600 (1 h)`, org has `7200 (2 h)`');
    expect(check.stdout).not.toMatch(/7200 → 3600/);
    const granted = check.stdout.indexOf('+ admin');
    const lost = check.stdout.indexOf('- Developer');
    expect(granted).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(granted);
    expect(check.stdout).toMatch(/\+ admin .*granted in the org, not in the repository/);
  });
});

describe('plan --prune at a terminal', () => {
  it('shows a pruned client once, as a delete, not also as left alone', async () => {
    const plan = await cli(['plan', '--prune']);
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toContain('- delete legacy-ivr-lookup');
    expect(plan.stdout).not.toMatch(/left alone\).*legacy-ivr-lookup/);
  });
});

function writeDefinition(relative: string, text: string): void {
  const file = join(workspace, relative);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('validate points at the mistake and says how to fix it', () => {
  it('asks for "*" in quotes when `division: *` is bare, instead of an alias error', async () => {
    writeDefinition(
      'defs/star.yaml',
      'name: star\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: Developer\n    division: *\n',
    );
    const run = await cli(['validate', '--path', 'defs']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('defs/star.yaml:5:15');
    expect(run.stdout).toContain('write `"*"` (in quotes)');
    expect(run.stdout).not.toMatch(/Alias cannot be an empty string/);
  });

  it('reports a mis-indented key on its own line, not the line before', async () => {
    writeDefinition(
      'defs/indent.yaml',
      'name: indent\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: Developer\n     division: Sales\n',
    );
    const run = await cli(['validate', '--path', 'defs']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/defs\/indent\.yaml:5:6: .*`division` is indented further than the key above it/);
    expect(run.stdout).not.toContain('defs/indent.yaml:4:');
  });

  it('parses .json files as JSON: a trailing comma is an error at its position, worded as JSON', async () => {
    writeDefinition(
      'defs/client.json',
      '{\n  "name": "json-client",\n  "authorized_grant_type": "PASSWORD",\n  "scopes": ["users",],\n}\n',
    );
    const run = await cli(['validate', '--path', 'defs']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('defs/client.json:4:21: JSON syntax error: A trailing comma is not allowed in JSON');
    expect(run.stdout).not.toMatch(/YAML/);
  });

  it('accepts a valid .json file, and reports its value mistakes at their JSON positions', async () => {
    writeDefinition('defs/client.json', '{\n\t"name": "json-client",\n\t"authorized_grant_type": "PASSWROD",\n\t"scopes": ["users"]\n}\n');
    const run = await cli(['validate', '--path', 'defs']);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/defs\/client\.json:3:27: `authorized_grant_type` must be .*did you mean `PASSWORD`/);
  });
});
