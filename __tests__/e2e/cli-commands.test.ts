// The CLI as a person runs it: `node dist/cli.js <command>` in a repository checkout, credentials in the environment.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORG, startEmulator, type Emulator } from '../../emulator/index.js';
import { CLI_ENTRY, type CliRun, runCli } from '../helpers/run-cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/genesys-oauth-sync.js');
const EXAMPLES = resolve(import.meta.dirname, '../../examples/genesys/oauth-clients');
const SECRET = 'SENTINEL-cli-secret-9d2e41';
const WRONG_SECRET = 'SENTINEL-wrong-secret-03bb7c';
const ANSI = /\u001b\[/;

let emulator: Emulator;
let workspace: string;
const runs: CliRun[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ credentials: { clientId: 'cli-client-id', clientSecret: SECRET }, clients: DEMO_ORG });
  workspace = mkdtempSync(join(tmpdir(), 'gos-cli-'));
  cpSync(EXAMPLES, join(workspace, 'genesys/oauth-clients'), { recursive: true });
  runs.length = 0;
});
afterEach(async () => {
  await emulator.close();
  rmSync(workspace, { recursive: true, force: true });
});

/** Spawns the CLI with a clean environment (nothing inherited but PATH), stdout and stderr piped, so not a TTY. */
async function cli(args: string[], env: Record<string, string> = {}, entry = CLI_ENTRY): Promise<CliRun> {
  const run = await runCli([...args, '--var', 'APP_BASE_URL=https://portal.example.com'], {
    cwd: workspace,
    entry,
    env: {
      GENESYSCLOUD_OAUTHCLIENT_ID: 'cli-client-id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET,
      GENESYSCLOUD_API_URL: emulator.url,
      ...env,
    },
  });
  runs.push(run);
  return run;
}

function expectCleanOutput(): void {
  for (const run of runs) {
    const text = run.stdout + run.stderr;
    for (const secret of [SECRET, WRONG_SECRET, ...emulator.issuedTokens()]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(ANSI);
  }
}

describe('genesys-oauth-sync CLI (dist/cli.js)', () => {
  it('prints help with exit 0 (also through the npm bin), and refuses unknown commands, options and URLs with exit 2', async () => {
    const help = await cli(['--help'], {}, BIN);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: genesys-oauth-sync <command>/);
    expect(help.stdout).toMatch(/export\s+write definition files/);

    const unknown = await cli(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command `deploy`');

    const option = await cli(['plan', '--frobnicate']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--frobnicate[\s\S]*--help/);
    expect(option.stderr).not.toMatch(/\n\s+at /);

    const url = await cli(['plan', '--api-url', 'not a url']);
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/--api-url/);
    expect(url.stderr).not.toMatch(/\n\s+at /);
    expect(emulator.requests).toEqual([]);
    expectCleanOutput();
  });

  it('validates good definitions with exit 0 and bad ones with exit 2 and file:line:col, never calling Genesys', async () => {
    const good = await cli(['validate']);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/valid/i);

    mkdirSync(join(workspace, 'broken/nested'), { recursive: true });
    writeFileSync(join(workspace, 'broken/nested/typo.yaml'), 'name: typo\nauthorized_grant_type: PASSWORD\nscopse:\n  - users\n');
    const bad = await cli(['validate', '--path', 'broken']);
    expect(bad.code).toBe(2);
    expect(bad.stdout + bad.stderr).toContain('broken/nested/typo.yaml:3:1');
    expect(bad.stdout + bad.stderr).toContain('`scopse`');
    expect(emulator.requests).toEqual([]);
    expectCleanOutput();
  });

  it('plans with exit 1 when there are changes, prints JSON with --json, and writes nothing', async () => {
    const plan = await cli(['plan']);
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toMatch(/5 to create, 1 to update, 0 to delete, 1 unmanaged/);
    expect(plan.stdout).toMatch(/~ update agent-dashboard[\s\S]*\+ notifications/);
    expect(plan.stdout).toContain('+ create ci-deployer');

    const json = await cli(['plan', '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { plan: { hash: string; actions: { kind: string; client: string }[] } };
    expect(parsed.plan.hash).toMatch(/^[0-9a-f]{64}$/);
    const kinds = Object.fromEntries(parsed.plan.actions.map((a) => [a.client, a.kind]));
    expect(kinds).toMatchObject({ 'agent-dashboard': 'update', 'sso-bridge': 'noop', 'ci-deployer': 'create' });
    expect(emulator.writes()).toEqual([]);
    expectCleanOutput();
  });

  it('refuses apply without --auto-approve (exit 2, saying how), applies with it, and then plans and checks clean', async () => {
    const refused = await cli(['apply']);
    expect(refused.code).toBe(2);
    expect(refused.stdout + refused.stderr).toContain('--auto-approve');
    expect(refused.stdout + refused.stderr).not.toMatch(/This push|auto-approve: true/);
    expect(emulator.writes()).toEqual([]);

    const applied = await cli(['apply', '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('✓ created ci-deployer');
    expect(emulator.writes().length).toBeGreaterThan(0);
    // bi-warehouse-export asks for expose_client_secret: Genesys shows a secret once, so the terminal must show it.
    const created = emulator.listClients().find((c) => c.name === 'bi-warehouse-export')!;
    expect(applied.stdout).toContain(created.secret);

    const after = await cli(['plan']);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('No changes');
    const check = await cli(['check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('No drift');
    expectCleanOutput();
  });

  it('check exits 1 on drift, and 0 with --no-fail-on-drift while still showing it', async () => {
    const drift = await cli(['check']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('drift-detected');
    const lenient = await cli(['check', '--no-fail-on-drift']);
    expect(lenient.code, lenient.stdout).toBe(0);
    expect(lenient.stdout).toContain('Drift found');
    expect(lenient.stdout).toContain('~ agent-dashboard differs');
    expect(emulator.writes()).toEqual([]);
    expectCleanOutput();
  });

  it('fails with exit 2 and names the environment variables when the credentials are wrong or missing', async () => {
    const wrong = await cli(['plan'], { GENESYSCLOUD_OAUTHCLIENT_SECRET: WRONG_SECRET });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('GENESYSCLOUD_OAUTHCLIENT_ID');
    expect(wrong.stderr).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET');

    const asJson = await cli(['plan', '--json'], { GENESYSCLOUD_OAUTHCLIENT_SECRET: WRONG_SECRET });
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      failure: { reason: 'auth-failed', message: expect.stringContaining('GENESYSCLOUD_OAUTHCLIENT_SECRET') },
    });

    const missing = await cli(['check'], { GENESYSCLOUD_OAUTHCLIENT_ID: '', GENESYSCLOUD_OAUTHCLIENT_SECRET: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET/);
    const noSecret = await cli(['check'], { GENESYSCLOUD_OAUTHCLIENT_SECRET: '' });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('set env `GENESYSCLOUD_OAUTHCLIENT_SECRET`');
    expectCleanOutput();
  });

  it('writes no colour codes when NO_COLOR is set or the output is not a terminal', async () => {
    await cli(['plan'], { NO_COLOR: '1' });
    await cli(['check'], { FORCE_COLOR: '1' });
    await cli(['apply']);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 2]);
    expectCleanOutput();
  });

  it('prints org values with their control characters made visible, so no escape sequence reaches the terminal', async () => {
    // A carriage return and "erase line" would hide the delete; OSC 52 would write the clipboard.
    const name = 'legacy\r\u001b[2K  ~ update nothing\u001b]52;c;cHduZWQ=\u0007';
    emulator.seedClient({ name, authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [] });
    emulator.editClient(emulator.listClients().find((c) => c.name === 'agent-dashboard')!.id, { description: 'x\u001b[31my\u009b2J' });

    const plan = await cli(['plan', '--prune']);

    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stdout).toContain('- delete legacy⏎␛[2K  ~ update nothing␛]52;c;cHduZWQ=␇');
    for (const text of [plan.stdout, plan.stderr]) expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);

    // JSON keeps the value as it is, but as escapes: `jq` or `cat` at a terminal meet no C1 or bidi control either.
    emulator.seedClient({ name: 'flip\u202eelif', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [] });
    const json = await cli(['plan', '--prune', '--json']);
    expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const names = (JSON.parse(json.stdout) as { plan: { actions: { client: string }[] } }).plan.actions.map((a) => a.client);
    expect(names).toEqual(expect.arrayContaining([name, 'flip\u202eelif']));
    expectCleanOutput();
  });
});
