// Role drift in the drift issue: a role granted by hand in the admin UI is more access than anyone reviewed.
import { describe, expect, it } from 'vitest';
import { useWorld } from '../helpers/e2e-world.js';
import { pushEvent, scheduleEvent } from '../helpers/run-action.js';

const world = useWorld();

describe('the drift issue shows role drift as the plan comment shows roles (dist/index.js)', () => {
  it('puts roles granted in the org first in a diff block, marked, with the YAML that keeps the org roles', async () => {
    const applied = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
    expect(applied.code, applied.stdout).toBe(0);
    const deployer = world.emulator.listClients().find((c) => c.name === 'ci-deployer')!;
    world.emulator.editClient(deployer.id, {
      roleDivisions: [...deployer.roleDivisions.filter((g) => g.roleId !== 'role-developer'), { roleId: 'role-admin', divisionId: '*' }],
    });

    const run = await world.run({ eventName: 'schedule', payload: scheduleEvent() });
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    const body = world.github.issues()[0]!.body;
    expect(body).toMatch(/⚠️ `roles`: the org grants a role the repository does not declare/);
    const diff = /```diff\n([\s\S]*?)\n\s*```/.exec(body)?.[1] ?? '';
    const lines = diff.split('\n').map((line) => line.trim());
    expect(lines[0]).toMatch(/^\+ admin \(role-admin\) in all divisions \(\*\) +← granted in the org, not in the repository$/);
    expect(lines[1]).toMatch(/^- Developer \(role-developer\) in Home \(div-home\) +← in the repository, not granted in the org$/);
    const yaml = /```yaml\n([\s\S]*?)\n\s*```/.exec(body)?.[1] ?? '';
    expect(yaml.replace(/^ {4}/gm, '')).toBe(
      [
        'roles:',
        '  - role: admin',
        '    division: "*"',
        '  - role: Reporting Viewer',
        '    division: "*"',
        '  - role: Telephony Admin',
        '    division: Sales',
        '  - role: Telephony Admin',
        '    division: Support',
      ].join('\n'),
    );
    expect(body).not.toMatch(/`roles`: repository has/);
  });
});
