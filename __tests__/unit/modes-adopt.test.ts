// The drift pull request's content: which definition files change, what it says it could not adopt, and the plan the
// repository would have once it is merged.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan.js';
import type { LiveClient } from '../../src/core/types.js';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { readDefinitionFiles } from '../../src/definitions/read-files.js';
import { prepareDriftAdoption } from '../../src/modes/adopt.js';
import { aLiveClient, anOrg, clientId, PLAN_OPTIONS } from '../helpers/builders.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const password = (id: string, name: string, overrides: Partial<LiveClient> = {}) =>
  aLiveClient({ id: clientId(id), name, authorized_grant_type: 'PASSWORD', scopes: ['users'], roles: [], ...overrides });

const definition = (name: string, description: string) =>
  `name: ${name}\ndescription: ${description}\nauthorized_grant_type: PASSWORD\nscopes: [users]\n`;

describe('the drift pull request', () => {
  it("rewrites the drifted files to the org's values, lists what it leaves to the user, and plans the result", async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gos-adopt-unit-'));
    temporary.push(workspace);
    mkdirSync(join(workspace, 'defs'));
    writeFileSync(join(workspace, 'defs/web.yaml'), definition('web', '${TEAM} web'));
    writeFileSync(join(workspace, 'defs/api.yaml'), definition('api', '${TEAM} api'));
    writeFileSync(join(workspace, 'defs/steady.yaml'), definition('steady', 'as it is'));
    writeFileSync(join(workspace, 'defs/missing.yaml'), definition('missing', 'never created'));
    const live = anOrg({
      clients: [
        ...anOrg().clients,
        // Someone added a scope to web and rewrote api's description by hand.
        password('live-web', 'web', { description: 'Sales web', scopes: ['presence', 'users'] }),
        password('live-api', 'api', { description: 'rewritten by hand' }),
        password('live-steady', 'steady', { description: 'as it is' }),
      ],
    });
    const variables = { TEAM: 'Sales' };
    const read = await readDefinitionFiles(workspace, 'defs');
    const plan = buildPlan(parseDefinitions(read.sources, variables).definitions, live, PLAN_OPTIONS);
    expect(plan.actions.map((action) => `${action.kind} ${action.client}`)).toEqual([
      'update api',
      'create missing',
      'noop steady',
      'update web',
    ]);
    const { deps, infos: log } = aModeDeps({ settings: { workspace, failOnDrift: true, variables } });

    const adoption = await prepareDriftAdoption(deps, { plan, live }, 'drift');

    expect(adoption.files).toEqual([
      { file: 'defs/web.yaml', text: 'name: web\ndescription: ${TEAM} web\nauthorized_grant_type: PASSWORD\nscopes: [presence, users]\n' },
    ]);
    expect(adoption.skipped).toEqual(['api: description (written with a variable)', 'missing: missing in the org (not removed)']);
    expect(adoption.plan.problems).toEqual([]);
    expect(adoption.plan.label).toBe('drift');
    expect(adoption.plan.actions.map((action) => `${action.kind} ${action.client}`)).toEqual([
      'update api',
      'create missing',
      'noop steady',
      'noop web',
    ]);
    expect(log).toEqual(["Drift pull request: 1 definition file(s) adopt the org's values."]);
  });
});
