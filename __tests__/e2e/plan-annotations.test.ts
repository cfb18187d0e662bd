// The plan where the change is: on a pull request, each changed definition gets an annotation on its own line in
// "Files changed"; lost roles and deactivations are warnings; GitHub's 10-per-kind limit is kept.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../emulator/index.js';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent } from '../helpers/run-action.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
});

/** `::level file=…,line=…,…::message` workflow commands from a run's stdout. */
function annotations(stdout: string, level: string): { file?: string; line?: number; message: string }[] {
  return [...stdout.matchAll(new RegExp(`^::${level}( [^:]*)?::(.*)$`, 'gm'))].map((match) => {
    const properties = Object.fromEntries(
      (match[1] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=')),
    );
    return { file: properties.file, line: properties.line ? Number(properties.line) : undefined, message: match[2] ?? '' };
  });
}

describe('plan annotations beside the edit (dist/index.js)', () => {
  it('puts a notice on each changed definition and a warning where roles are lost or a client is deactivated', async () => {
    world = await startWorld({
      clients: [
        ...DEMO_ORG,
        // Live with a role the definition no longer grants: merging takes it away.
        {
          name: 'ci-deployer',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          description: 'Deploys Architect flows and routing configuration from CI.',
          accessTokenValiditySeconds: 3600,
          roleDivisions: [
            { roleId: 'role-developer', divisionId: 'div-home' },
            { roleId: 'role-telephony-admin', divisionId: 'div-sales' },
            { roleId: 'role-telephony-admin', divisionId: 'div-support' },
            { roleId: 'role-reporting-viewer', divisionId: '*' },
            { roleId: 'role-admin', divisionId: '*' },
          ],
        },
        // Live and active; the definition says inactive.
        {
          name: 'wfm-forecast-sync',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          description: 'Pushes forecasts from the workforce planning tool (paused until the vendor upgrade).',
          roleDivisions: [
            { roleId: 'role-employee', divisionId: 'div-support' },
            { roleId: 'role-reporting-viewer', divisionId: 'div-support' },
          ],
        },
      ],
    });
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const warnings = annotations(run.stdout, 'warning').filter((a) => a.file !== undefined);
    expect(warnings.slice(0, 2)).toEqual([
      {
        file: 'genesys/oauth-clients/reporting.yaml',
        line: 13,
        message: expect.stringMatching(/^deactivate: state active → inactive\. .*stops getting tokens/),
      },
      {
        file: 'genesys/oauth-clients/ci-deployer.yaml',
        line: 3,
        message: expect.stringMatching(/^update: roles −admin \(role-admin\) in all divisions \(\*\)\. The client loses a role/),
      },
    ]);
    const notices = annotations(run.stdout, 'notice');
    expect(notices).toContainEqual({
      file: 'genesys/oauth-clients/agent-dashboard.yaml',
      line: 3,
      message: 'update: scopes +notifications −users; registered_redirect_uris +http://localhost:5173/',
    });
    expect(notices).toContainEqual({
      file: 'genesys/oauth-clients/reporting.yaml',
      line: 4,
      message: 'create: CLIENT-CREDENTIALS, 1 role',
    });
    // Unchanged definitions get nothing.
    expect(notices.map((n) => n.file)).not.toContain('genesys/oauth-clients/sso-bridge.yaml');
  });

  it('keeps to ten notices per step, the rest left to the comment, and annotates nothing but validation on a fork', async () => {
    world = await startWorld();
    for (let index = 0; index < 12; index += 1) {
      writeFileSync(
        join(world.workspace, `genesys/oauth-clients/extra-${index}.yaml`),
        `name: extra-${index}\nauthorized_grant_type: PASSWORD\nscopes: [users]\n`,
      );
    }
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(annotations(run.stdout, 'notice')).toHaveLength(10);
    expect(run.stdout).toMatch(/^8 more notices than GitHub annotates in one step/m);
    expect(run.stdout).toMatch(/^notice: genesys\/oauth-clients\/extra-\d+\.yaml:1: create: PASSWORD, 1 scope$/m);
    expect(world.github.comments(7)[0]!.body).toContain('extra-11');

    const fork = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(8, true),
      inputs: { 'genesys-client-secret': '' },
    });
    expect(fork.code).toBe(0);
    // Only validation results: a definition warning may stand, the plan's notes never (there is no plan).
    expect(annotations(fork.stdout, 'notice').filter((a) => a.file !== undefined)).toEqual([]);
    for (const warning of annotations(fork.stdout, 'warning')) expect(warning.message).not.toMatch(/^(create|update|deactivate):/);
  });
});
