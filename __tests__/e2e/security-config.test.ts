// Settings that would hand an attacker the credentials or the runner: cleartext HTTP to a remote API, Node's network
// debug output, and an `ignore` pattern that backtracks for minutes on a long name (issue 8, items 12, 14 and 15).
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedClient } from '../../emulator/index.js';
import { DRIFTED_ORG, everythingVisible, OWN_SECRET, startWorld, type World } from '../helpers/e2e-world.js';
import { writeDefinition } from '../helpers/e2e-apply.js';
import { pullRequestEvent } from '../helpers/run-action.js';

let world: World;
afterEach(async () => {
  await world.close();
});

describe('settings that would leak the credentials are refused before any request', () => {
  it('refuses genesys-api-url over http:// to a host other than this machine', async () => {
    world = await startWorld();

    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(7),
      inputs: { 'genesys-api-url': 'http://genesys-gateway.example.com' },
    });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('auth-failed');
    expect(run.stdout).toMatch(/::error::.*`http:\/\/` to genesys-gateway\.example\.com.*clear text: use `https:\/\/`/);
  });

  it('refuses to talk to Genesys while NODE_DEBUG would print the requests, and says why', async () => {
    world = await startWorld();

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7), env: { NODE_DEBUG: 'HTTP,net' } });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('auth-failed');
    expect(run.stdout).toMatch(/::error::`NODE_DEBUG` \(`HTTP,net`\) makes Node print every request with its headers \(http, net\)/);
    expect(world.emulator.requests).toEqual([]);
    for (const secret of world.sentinels()) expect(everythingVisible(world, run)).not.toContain(secret);
  });
});

describe('ignore patterns', () => {
  it('matches a pattern of many wildcards against a long name at once, and still ignores what it names', async () => {
    const long: SeedClient = { name: 'a-'.repeat(100), authorizedGrantType: 'PASSWORD', scope: ['users'] };
    const scratch: SeedClient = { name: 'x-1-2-3-4-5-tmp', authorizedGrantType: 'PASSWORD', scope: ['users'] };
    world = await startWorld({ clients: [...DRIFTED_ORG, long, scratch] });

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7), inputs: { ignore: '*-*-*-*-*-*-tmp' } });

    expect(run.code, run.stdout).toBe(0);
    // `legacy-ivr-lookup` and the long one; the scratch client is ignored.
    expect(run.outputs.unmanaged).toBe('2');
    expect(world.github.comments(7)[0]?.body).not.toContain('x-1-2-3-4-5-tmp');
  }, 20_000);
});

describe('an error message that echoes a secret', () => {
  it('is redacted before it is clipped, so no part of the secret survives the cut', async () => {
    world = await startWorld();
    // The secret straddles the 300th character, where a Genesys message is cut.
    const message = `${'x'.repeat(290)} ${OWN_SECRET} and more`;
    world.emulator.inject({
      method: 'GET',
      path: '/api/v2/oauth/clients',
      status: 400,
      body: { status: 400, code: 'bad.request', message },
    });

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('plan-failed');
    const visible = everythingVisible(world, run);
    expect(visible).toContain('xxxxxxxxxx ***');
    expect(visible).not.toContain(OWN_SECRET.slice(0, 8));
  });
});

describe('variables', () => {
  it('reads ${VAR} only from the variables input, so a definition cannot publish what the job environment holds', async () => {
    world = await startWorld();
    const held = { GH_TOKEN: 'SENTINEL-gh-env-token-41aa', AWS_SECRET_ACCESS_KEY: 'SENTINEL-aws-env-key-93cd' };
    writeDefinition(
      world,
      'leak.yaml',
      'name: leak\ndescription: "${GH_TOKEN} ${AWS_SECRET_ACCESS_KEY}"\n' +
        'authorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n',
    );

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7), env: held });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('validation-failed');
    expect(run.stdout).toContain('the variable `GH_TOKEN` is not set (or is empty); add a `GH_TOKEN=…` line to the step');
    expect(world.emulator.requests).toEqual([]);
    const visible = everythingVisible(world, run);
    for (const value of Object.values(held)) expect(visible).not.toContain(value);
  });
});

describe('clients matched by name', () => {
  it('warns on an unpinned client that holds roles, naming the id and creation date to pin', async () => {
    world = await startWorld();
    writeDefinition(
      world,
      'legacy.yaml',
      'name: legacy-ivr-lookup\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n',
    );
    const live = world.emulator.listClients().find((client) => client.name === 'legacy-ivr-lookup');

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.code, run.stdout).toBe(0);
    const warning = `\`legacy-ivr-lookup\` is matched by name only, and holds roles`;
    expect(run.stdout).toContain(warning);
    expect(world.github.comments(7)[0]?.body).toContain(
      `Pin it with \`id: ${live?.id}\` (the client matched now, created ${live?.dateCreated.slice(0, 10)})`,
    );
  });
});
