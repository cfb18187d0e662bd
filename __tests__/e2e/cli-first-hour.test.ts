// What a Genesys admin meets in the first hour with the CLI: messages that say what happened, where, and what to do.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
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
  return spawnCli([...args, '--var', 'APP_BASE_URL=https://portal.example.com'], {
    cwd: workspace,
    env: {
      GENESYSCLOUD_OAUTHCLIENT_ID: 'cli-client-id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET,
      GENESYSCLOUD_API_URL: emulator.url,
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

describe('export writes where it says it writes', () => {
  it('uses an absolute --path as given, and says (and lists in --json) where the files went', async () => {
    const target = join(workspace, 'adopted/abs');
    const run = await cli(['export', '--path', target]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`to ${target}.`);
    expect(existsSync(join(target, 'legacy-ivr-lookup.yaml'))).toBe(true);
    expect(existsSync(join(workspace, target.slice(1)))).toBe(false);

    const json = await cli(['export', '--path', join(workspace, 'adopted/json'), '--json']);
    const result = JSON.parse(json.stdout) as { folder: string; files: string[] };
    expect(result.folder).toBe(join(workspace, 'adopted/json'));
    expect(result.files).toContain('adopted/json/legacy-ivr-lookup.yaml');
    for (const file of result.files) expect(existsSync(join(workspace, file))).toBe(true);
  });

  it('refuses a folder outside the repository (plan would refuse the files), writing nothing', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'gos-outside-'));
    try {
      const sibling = `../${basename(workspace)}-outside`;
      for (const path of [sibling, outside]) {
        const run = await cli(['export', '--path', path]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/outside the repository/);
        expect(run.stderr).toContain('Nothing was written');
      }
      expect(existsSync(join(workspace, sibling))).toBe(false);
      expect(readdirSync(outside)).toEqual([]);
      expect(emulator.requests).toEqual([]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('an empty folder is not green', () => {
  it('warns that no client is declared, naming the folder searched, in validate and plan', async () => {
    mkdirSync(join(workspace, 'empty'));
    const validate = await cli(['validate', '--path', 'empty']);
    expect(validate.stdout).toMatch(/warning: No client is declared under `empty`/);
    expect(validate.stdout + validate.stderr).not.toMatch(/All 0 definition/);
    const plan = await cli(['plan', '--path', 'empty']);
    expect(plan.stdout).toMatch(/warning: No client is declared under `empty`.*every live client counts as unmanaged/);
  });

  it('prints one success line for valid definitions', async () => {
    const run = await cli(['validate']);
    expect(run.code).toBe(0);
    expect((run.stdout + run.stderr).match(/valid/g)).toHaveLength(1);
  });
});

describe('plan errors instead of merge-time failures', () => {
  it('makes a token lifetime above 48 h an error for a client without a SCIM role, and accepts it with one', async () => {
    writeDefinition(
      'defs/long.yaml',
      'name: long-lived\nauthorized_grant_type: CLIENT-CREDENTIALS\naccess_token_validity_seconds: 604800\nroles:\n  - role: Developer\n',
    );
    const refused = await cli(['plan', '--path', 'defs']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(/error: defs\/long\.yaml:1:1: `access_token_validity_seconds` is 604800.*holds no SCIM role/);
    writeDefinition(
      'defs/long.yaml',
      'name: long-lived\nauthorized_grant_type: CLIENT-CREDENTIALS\n' +
        'access_token_validity_seconds: 604800\nroles:\n  - role: SCIM Integration\n',
    );
    const accepted = await cli(['plan', '--path', 'defs']);
    expect(accepted.code, accepted.stdout).toBe(1);
    expect(accepted.stdout).toContain('+ create long-lived');
  });

  it('names the correlation id of a failed write once', async () => {
    emulator.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 400, times: 10 });
    const run = await cli(['apply', '--auto-approve']);
    expect(run.code).toBe(2);
    const failed = run.stdout.split('\n').find((line) => line.includes('✗ create'))!;
    expect(failed.match(/correlation id/g)).toHaveLength(1);
  });

  it('refuses a redirect URI with a space in it, and points a missing pinned id at its `id:` line', async () => {
    writeDefinition(
      'defs/space.yaml',
      'name: spaced\nauthorized_grant_type: CODE\nregistered_redirect_uris:\n  - https://ok.example.com/x y\nscopes: [users]\n',
    );
    const invalid = await cli(['validate', '--path', 'defs']);
    expect(invalid.stdout).toMatch(/defs\/space\.yaml:4:5: `registered_redirect_uris\[0\]` contains whitespace/);
    rmSync(join(workspace, 'defs/space.yaml'));
    writeDefinition(
      'defs/pinned.yaml',
      'name: pinned-new\ndescription: x\nauthorized_grant_type: PASSWORD\nscopes: [users]\nid: 11111111-2222-4333-8444-555555555555\n',
    );
    const plan = await cli(['plan', '--path', 'defs']);
    expect(plan.stdout).toMatch(/warning: defs\/pinned\.yaml:5:5: Pinned id/);
  });
});

describe('the CLI speaks in flags', () => {
  it('suggests the closest flag and command, and prints its version', async () => {
    const typo = await cli(['plan', '--paht', 'defs']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown option `--paht`; did you mean `--path`? Run with --help for the options.');
    expect(typo.stderr).not.toMatch(/'--paht'|To specify a positional/);
    const command = await cli(['pln']);
    expect(command.stderr).toContain('Unknown command `pln`; did you mean `plan`?');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^genesys-oauth-sync \d+\.\d+\.\d+$/);
    const help = await cli(['--help']);
    expect(help.stdout).toContain('--version');
    expect(help.stdout).not.toContain('region/path');
  });

  it('names --path, not the `path` input, and does not count a missing folder as a problem in the definitions', async () => {
    const run = await cli(['validate', '--path', 'nowhere']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('`--path nowhere` does not exist in the repository');
    expect(run.stdout).not.toMatch(/`path` input|in the definitions/);
    const region = await cli(['plan', '--region', 'eu-wset-1'], { GENESYSCLOUD_API_URL: '' });
    expect(region.stderr).toContain('`--region` or env `GENESYSCLOUD_REGION`');
    expect(region.stderr).not.toMatch(/input `genesys-/);
  });

  it('keeps the user’s flags in the command that applies without review, and never says "above" in --json', async () => {
    const refused = await cli(['apply', '--path', 'genesys/oauth-clients', '--prune', '--ignore', 'legacy-*', '--json']);
    expect(refused.code).toBe(2);
    const { failure } = JSON.parse(refused.stdout) as { failure: { message: string } };
    expect(failure.message).toContain(
      "`genesys-oauth-sync apply --prune --ignore 'legacy-*' --var APP_BASE_URL=https://portal.example.com --auto-approve`",
    );
    expect(failure.message).not.toMatch(/above/);

    expect((await cli(['apply', '--auto-approve'])).code).toBe(0);
    emulator.editClient(clientNamed('ci-deployer').id, { description: 'by hand' });
    const check = await cli(['check', '--ignore', 'legacy-*']);
    expect(check.stdout).toContain(
      "restore the repository's, run " +
        "`genesys-oauth-sync apply --ignore 'legacy-*' --var APP_BASE_URL=https://portal.example.com --auto-approve`",
    );
    expect(check.stdout).not.toMatch(/re-run apply/);
  });
});

describe('plan problems come first and say what to fix', () => {
  it('shows resolution errors before any counts, and lists the divisions when none is close', async () => {
    writeDefinition(
      'defs/typo.yaml',
      'name: typo\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: Developer\n    division: Marketing\n',
    );
    const run = await cli(['plan', '--path', 'defs']);
    expect(run.code).toBe(2);
    const error = run.stdout.indexOf('error: defs/typo.yaml:4:');
    expect(error).toBeGreaterThanOrEqual(0);
    expect(error).toBeLessThan(run.stdout.indexOf('Plan for'));
    expect(run.stdout).not.toMatch(/0 to create/);
    expect(run.stdout).toContain('Division `Marketing` does not exist in the org; the org has `Home`, `Sales`, `Support`');
    expect(run.stderr).not.toMatch(/Plan: 0 to create/);
  });

  it('asks only for the secret when only the secret is missing, and names the login host and region of a wrong one', async () => {
    const missing = await cli(['plan'], { GENESYSCLOUD_OAUTHCLIENT_SECRET: '' });
    expect(missing.stderr).toContain('set env `GENESYSCLOUD_OAUTHCLIENT_SECRET` (the id is set)');
    expect(missing.stderr).not.toContain('set GENESYSCLOUD_OAUTHCLIENT_ID');
    const wrong = await cli(['plan'], { GENESYSCLOUD_OAUTHCLIENT_SECRET: 'SENTINEL-wrong-0b1d' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`the org that logs in at ${emulator.url}`);
    expect(wrong.stderr).not.toContain('SENTINEL-wrong-0b1d');
  });
});
