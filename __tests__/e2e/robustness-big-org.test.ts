// A big org: 5,000 live clients, every one changed by the pull request. The comment must still fit GitHub's limit with
// its headline and counts, the summary must stay under 1 MiB, and the run must finish.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClients, type SeedClient } from '../../emulator/index.js';
import { COMMENT_LIMIT, SUMMARY_LIMIT } from '../../src/report/budget.js';
import { everythingVisible, startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent, type ActionRun } from '../helpers/run-action.js';

const CLIENTS = 5_000;
const PER_FILE = 500;
const DEFINITIONS = 'genesys/oauth-clients';

/** The seed as a definition, with a new description: an update for every client. */
function changed(seed: SeedClient): Record<string, unknown> {
  return {
    name: seed.name,
    description: `Changed in pull request 50 (was: ${seed.description ?? ''})`,
    authorized_grant_type: seed.authorizedGrantType,
    access_token_validity_seconds: seed.accessTokenValiditySeconds,
    registered_redirect_uris: seed.registeredRedirectUri ?? [],
    scopes: seed.scope ?? [],
    roles: (seed.roleDivisions ?? []).map((grant) => ({ role_id: grant.roleId, division_id: grant.divisionId })),
    state: seed.state ?? 'active',
  };
}

let world: World;
let run: ActionRun;
beforeAll(async () => {
  const seeds = generateClients(CLIENTS, { seed: 50 });
  world = await startWorld({ clients: seeds, emulator: { latencyMs: 0 } });
  const folder = join(world.workspace, DEFINITIONS);
  rmSync(folder, { recursive: true });
  mkdirSync(folder, { recursive: true });
  for (let start = 0; start < CLIENTS; start += PER_FILE) {
    const clients = seeds.slice(start, start + PER_FILE).map(changed);
    writeFileSync(join(folder, `batch-${String(start / PER_FILE).padStart(2, '0')}.json`), JSON.stringify({ clients }, null, 2));
  }
  run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(50) });
}, 60_000);
afterAll(async () => {
  await world.close();
});

describe(`a pull request that changes all ${CLIENTS.toLocaleString('en-US')} clients of a big org`, () => {
  it('finishes, plans an update for every client, reads the org with a constant number of requests and shows no secret', () => {
    expect(run.code, run.stdout.slice(-2_000) + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({
      'has-changes': 'true',
      'to-create': '0',
      'to-update': String(CLIENTS),
      'to-delete': '0',
      unmanaged: '0',
    });
    expect(world.emulator.requests.length).toBeLessThanOrEqual(6);
    expect(world.emulator.writes()).toEqual([]);
    const visible = everythingVisible(world, run);
    for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
  });

  it('posts one comment under 65,536 characters with the headline, the counts, the marker and a note on what was cut', () => {
    const comments = world.github.comments(50);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain('<!-- genesys-oauth-sync ');
    expect(body).toContain('### Genesys OAuth clients: plan for');
    expect(body).toContain(`**0 to create, ${CLIENTS} to update, 0 to delete**`);
    expect(body).toContain(run.outputs['plan-hash']!.slice(0, 12));
    expect(body).toMatch(/… and [\d,]+ more/);
    // Cut on client boundaries: every opened details block is closed.
    expect(body.split('<details').length).toBe(body.split('</details>').length);
  });

  it('writes a job summary under 1 MiB with the same headline and counts', () => {
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(run.summary).toContain(`**0 to create, ${CLIENTS} to update, 0 to delete**`);
  });
});
