// Apply on merge through dist/index.js while Genesys misbehaves: a 429 and a 503 are waited out, a create whose answer
// is lost fails that client alone with advice, and the next run converges without creating anything twice.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CLIENTS, everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pushEvent, type ActionRun, STACK_FRAME } from '../helpers/run-action.js';
import { clientsByName } from '../helpers/e2e-apply.js';

const CLIENTS_PATH = '/api/v2/oauth/clients';

const world = useWorld();

const applyOnPush = (): Promise<ActionRun> => world.run({ eventName: 'push', payload: pushEvent(), inputs: { 'auto-approve': 'true' } });

const countOf = (name: string): number | undefined => clientsByName(world).get(name)?.length;

function expectClean(run: ActionRun): void {
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  const visible = everythingVisible(world, run);
  for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
}

describe('apply on merge while Genesys misbehaves', () => {
  it('fails only the client whose create answer was lost, says what to do, and the re-run converges with no duplicate', async () => {
    world.emulator.inject({ method: 'GET', path: '/api/v2/tokens/me', status: 503, times: 1 });
    world.emulator.inject({ method: 'PUT', path: /^\/api\/v2\/oauth\/clients\/[^/]+$/, status: 429, times: 1, retryAfterSeconds: 1 });
    world.emulator.inject({ method: 'POST', path: CLIENTS_PATH, status: 0, times: 1, afterResponse: true });

    const first = await applyOnPush();

    expect(first.code).not.toBe(0);
    expect(first.outputs['failure-reason']).toBe('apply-failed');
    const lost = /`([a-z-]+)` \(create\): Could not reach Genesys while creating/.exec(first.summary)?.[1];
    expect(EXAMPLE_CLIENTS).toContain(lost);
    expect(first.summary).toContain('**1 client failed**; the others were applied.');
    expect(first.summary).toContain(`the next run finds \`${lost}\` by name and does not create it twice`);
    expect(world.emulator.requests.filter((r) => r.status === 429 || r.status === 503)).toHaveLength(2);
    for (const name of EXAMPLE_CLIENTS) expect(countOf(name), name).toBe(1);
    expectClean(first);

    world.emulator.resetLog();
    const second = await applyOnPush();

    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.outputs['has-changes']).toBe('false');
    expect(second.outputs['failure-reason']).toBeUndefined();
    expect(world.emulator.writes()).toEqual([]);
    for (const name of EXAMPLE_CLIENTS) expect(countOf(name), name).toBe(1);
    expect(countOf('legacy-ivr-lookup')).toBe(1);
    expectClean(second);
  });
});
