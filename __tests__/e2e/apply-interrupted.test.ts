// A crash mid-apply must not lose secrets silently (SPEC §4, §10): before its first write apply marks the comment
// `applying` with the clients it creates, and the next run names the ones created whose secret was never delivered.
import { describe, expect, it } from 'vitest';
import { useWorld } from '../helpers/e2e-world.js';
import { clientsByName, markerOf, onlyComment, planAndMerge, pushMerge } from '../helpers/e2e-apply.js';
import { pushEvent } from '../helpers/run-action.js';

const world = useWorld();

describe('an apply killed after creating a client', () => {
  it('leaves the comment applying, and the next run says whose secret was never delivered and what to do', async () => {
    await planAndMerge(world);
    // The update hangs, so the run is still going when a create has landed: then it dies.
    world.emulator.inject({ method: 'PUT', path: /^\/api\/v2\/oauth\/clients\//, status: 503, delayMs: 60_000 });
    world.github.setBranch('main', 'c0ffee'.padEnd(40, '0'));
    const killed = await world.run({
      eventName: 'push',
      payload: pushEvent(),
      sha: 'c0ffee'.padEnd(40, '0'),
      inputs: {},
      onLine: (line, kill) => {
        if (line.startsWith('Created `')) kill();
      },
    });
    expect(killed.code).not.toBe(0);
    expect(killed.outputs['client-secrets']).toBeUndefined();
    const marker = markerOf(onlyComment(world));
    expect(marker.status).toBe('applying');
    expect(marker.creates).toEqual(expect.arrayContaining(['ci-deployer', 'customer-portal']));
    const created = (marker.creates ?? []).filter((name) => clientsByName(world).has(name));
    expect(created.length).toBeGreaterThan(0);
    world.emulator.clearFaults();

    const rerun = await pushMerge(world);

    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    const comment = onlyComment(world);
    for (const name of created) {
      const line = `\`${name}\` was created by an interrupted run; its secret was not delivered.`;
      expect(comment).toContain(line);
      expect(rerun.summary).toContain(line);
      expect(rerun.stdout).toMatch(new RegExp(`::warning.*${name}.*interrupted`));
    }
    expect(comment).toContain('Reset the secret');
    expect(markerOf(comment).status).toBe('applied');
    for (const [, clients] of clientsByName(world)) expect(clients).toHaveLength(1);
  });
});
