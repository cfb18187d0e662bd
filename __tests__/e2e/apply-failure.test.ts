// Apply when Genesys rejects a write, and under the org's rate limit (SPEC §6, §7).
import { afterEach, describe, expect, it } from 'vitest';
import { generateClients, type FaultRule } from '../../emulator/index.js';
import { EXAMPLE_CLIENTS, startWorld, type World } from '../helpers/e2e-world.js';
import {
  PR_NUMBER,
  clientsByName,
  markerOf,
  onlyClient,
  onlyComment,
  planAndMerge,
  pushMerge,
  writeDefinition,
  writeLines,
} from '../helpers/e2e-apply.js';

// The emulator's correlation ids (header `inin-correlation-id`) are counted, with this shape.
const CORRELATION = /correlation id `?a0000000-0000-4000-8000-[0-9a-f]{12}`?/;

let world: World;
afterEach(async () => {
  await world.close();
});

/** A Genesys ErrorBody the test can recognise in the report. */
function rejection(status: number, code: string, message: string): FaultRule['body'] {
  return { status, code, message, details: [], errors: [] };
}

describe('apply when Genesys rejects one client', () => {
  it('applies the others, reports the failure with its Genesys code and correlation id, then a re-run of the push converges', async () => {
    world = await startWorld();
    await planAndMerge(world);
    world.emulator.inject({
      method: 'POST',
      path: '/api/v2/oauth/clients',
      status: 400,
      times: 1,
      body: rejection(400, 'invalid.value', 'The client name is reserved.'),
    });

    const failed = await pushMerge(world);

    expect(failed.code).not.toBe(0);
    expect(failed.outputs['failure-reason']).toBe('apply-failed');
    const missing = EXAMPLE_CLIENTS.filter((name) => !clientsByName(world).has(name));
    expect(missing).toHaveLength(1);
    const [rejected] = missing;
    expect(onlyClient(world, 'agent-dashboard').scope).toContain('notifications');
    for (const text of [failed.summary, onlyComment(world)]) {
      expect(text).toContain(`\`${rejected}\` (create): Genesys rejected creating \`${rejected}\`: 400 invalid.value`);
      expect(text).toContain('The client name is reserved.');
      expect(text).toMatch(CORRELATION);
      expect(text).toContain('**4 created, 1 updated, 0 deleted, 1 failed**');
    }
    expect(markerOf(onlyComment(world)).status).toBe('apply-failed');
    world.emulator.resetLog();

    const rerun = await pushMerge(world);

    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.outputs).not.toHaveProperty('failure-reason');
    expect(writeLines(world)).toEqual(['POST /api/v2/oauth/clients']);
    const byName = clientsByName(world);
    for (const name of EXAMPLE_CLIENTS) expect(byName.get(name)?.length, name).toBe(1);
    expect(world.github.comments(PR_NUMBER)).toHaveLength(1);
    expect(markerOf(onlyComment(world)).status).toBe('applied');
  });

  it('reports a rejected update the same way, and the re-run applies only that update', async () => {
    world = await startWorld();
    await planAndMerge(world);
    const dashboard = onlyClient(world, 'agent-dashboard');
    world.emulator.inject({
      method: 'PUT',
      path: `/api/v2/oauth/clients/${dashboard.id}`,
      // Not a 409: that one is retried like a 5xx (SPEC §7), so it would not fail the client.
      status: 400,
      times: 1,
      body: rejection(400, 'invalid.value', 'The client could not be updated.'),
    });

    const failed = await pushMerge(world);

    expect(failed.outputs['failure-reason']).toBe('apply-failed');
    expect(failed.summary).toContain('`agent-dashboard` (update): Genesys rejected updating `agent-dashboard`: 400 invalid.value');
    expect(onlyClient(world, 'agent-dashboard').scope).not.toContain('notifications');
    expect(clientsByName(world).get('ci-deployer')).toHaveLength(1);
    world.emulator.resetLog();

    const rerun = await pushMerge(world);

    expect(rerun.code, rerun.stdout).toBe(0);
    expect(writeLines(world)).toEqual([`PUT /api/v2/oauth/clients/${dashboard.id}`]);
    expect(onlyClient(world, 'agent-dashboard').scope).toContain('notifications');
  });
});

/** Definitions for generated clients, in the Terraform names (role and division ids, as `export` writes them). */
function definitionsFor(count: number): string {
  const clients = generateClients(count, { seed: 7, namePrefix: 'gen-' }).map((c) => ({
    name: c.name,
    // Genesys creates no new implicit (TOKEN) clients; the code grant takes the same redirect URIs.
    authorized_grant_type: c.authorizedGrantType === 'TOKEN' ? 'CODE' : c.authorizedGrantType,
    description: c.description,
    access_token_validity_seconds: c.accessTokenValiditySeconds,
    state: c.state,
    ...(c.scope ? { scopes: c.scope } : {}),
    ...(c.registeredRedirectUri ? { registered_redirect_uris: c.registeredRedirectUri } : {}),
    ...(c.roleDivisions ? { roles: c.roleDivisions.map((g) => ({ role_id: g.roleId, division_id: g.divisionId })) } : {}),
  }));
  return JSON.stringify({ clients }, null, 2);
}

describe('apply under the rate limit', () => {
  it('creates 60 clients through injected 429s (Retry-After 1 s) without a failure, and a second push writes nothing', async () => {
    world = await startWorld();
    writeDefinition(world, 'generated.json', definitionsFor(60));
    world.emulator.inject({ method: 'POST', path: '/api/v2/oauth/clients', status: 429, times: 3, retryAfterSeconds: 1 });
    world.emulator.inject({ method: 'PUT', path: /^\/api\/v2\/oauth\/clients\//, status: 429, times: 1, retryAfterSeconds: 1 });

    const run = await pushMerge(world, { 'auto-approve': 'true' });

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).not.toHaveProperty('failure-reason');
    expect(run.outputs['to-create']).toBe('65');
    expect(world.emulator.requests.filter((r) => r.status === 429)).toHaveLength(4);
    const byName = clientsByName(world);
    const generated = [...byName.entries()].filter(([name]) => name.startsWith('gen-'));
    expect(generated).toHaveLength(60);
    expect(generated.every(([, found]) => found.length === 1)).toBe(true);
    world.emulator.resetLog();

    const again = await pushMerge(world);

    expect(again.code, again.stdout).toBe(0);
    expect(world.emulator.writes()).toEqual([]);
  });
});
