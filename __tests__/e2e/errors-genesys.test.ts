// Errors a user meets on the Genesys side, through dist/index.js: each fails with a reason and says what to fix.
import { describe, expect, it } from 'vitest';
import { REGION_DOMAINS } from '../../src/genesys/regions.js';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pullRequestEvent, type ActionRun, STACK_FRAME, failureLine } from '../helpers/run-action.js';

const WRONG_SECRET = 'SENTINEL-wrong-secret-8e21';

const world = useWorld();

/** Failed with `reason`, said so in the log, the summary and the PR comment, and leaked nothing. */
function expectFailure(run: ActionRun, reason: string, pr: number, extraSecrets: string[] = []): string {
  expect(run.code).not.toBe(0);
  expect(run.outputs['failure-reason']).toBe(reason);
  const failure = failureLine(run);
  expect(failure).not.toBe('');
  expect(run.summary).toContain(`**\`${reason}\`**`);
  expect(world.github.comments(pr)[0]?.body).toContain(`**\`${reason}\`**`);
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  const visible = everythingVisible(world, run);
  for (const secret of [...world.sentinels(), ...extraSecrets]) expect(visible).not.toContain(secret);
  expect(world.emulator.writes()).toEqual([]);
  return failure;
}

describe('Genesys errors on a pull request plan', () => {
  it('a wrong client secret fails with auth-failed and names the input and env var that hold it', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(61),
      inputs: { 'genesys-client-secret': WRONG_SECRET },
    });
    const failure = expectFailure(run, 'auth-failed', 61, [
      WRONG_SECRET,
      Buffer.from(`action-client-id:${WRONG_SECRET}`).toString('base64'),
    ]);
    expect(failure).toContain('Genesys refused to log in OAuth client `action-client-id` (401 invalid_client');
    expect(failure).toContain('input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`');
    expect(world.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /oauth/token 401']);
  });

  it('a 403 missing.permissions on the client list says which permission to add, with the code and correlation id', async () => {
    world.emulator.inject({
      method: 'GET',
      path: '/api/v2/oauth/clients',
      status: 403,
      body: {
        status: 403,
        code: 'missing.permissions',
        message: 'You are missing the following permission(s): oauth:client:view',
        contextId: 'ctx-list-403',
      },
    });
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(62) });
    const failure = expectFailure(run, 'plan-failed', 62);
    expect(failure).toContain('Genesys rejected listing OAuth clients: 403 missing.permissions');
    expect(failure).toContain("The Action's OAuth client lacks the permission `oauth:client:view`: add it to one of the client's roles.");
    const listed = world.emulator.requests.find((r) => r.path === '/api/v2/oauth/clients' && r.status === 403);
    expect(listed).toBeDefined();
    expect(failure).toMatch(/\(correlation id [0-9a-f-]{36}\)/);
  });

  it('an unknown region without an API URL fails with auth-failed, lists every valid region and sends nothing anywhere', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(63),
      inputs: { 'genesys-region': 'mars-1', 'genesys-api-url': '' },
    });
    const failure = expectFailure(run, 'auth-failed', 63);
    expect(failure).toContain('Unknown Genesys Cloud region `mars-1` (input `genesys-region` or env `GENESYSCLOUD_REGION`)');
    for (const region of Object.keys(REGION_DOMAINS)) expect(failure).toContain(region);
    expect(failure).toContain('`genesys-api-url`');
    expect(world.emulator.requests).toEqual([]);
  });

  it('no credentials at all on a pull request from the same repository says which inputs or env vars to set', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(64),
      inputs: { 'genesys-client-id': '', 'genesys-client-secret': '' },
    });
    const failure = expectFailure(run, 'auth-failed', 64);
    expect(failure).toContain('No Genesys Cloud credentials');
    for (const name of [
      '`genesys-client-id`',
      '`genesys-client-secret`',
      '`GENESYSCLOUD_OAUTHCLIENT_ID`',
      '`GENESYSCLOUD_OAUTHCLIENT_SECRET`',
    ]) {
      expect(failure).toContain(name);
    }
    expect(run.stdout).not.toMatch(/::notice::.*fork/);
    expect(world.emulator.requests).toEqual([]);
  });
});
