// Two applies at once create every client twice, each delivering a different secret (SPEC §7): right after creating,
// apply looks again and reports a second live client of the same name instead of calling the apply a success.
import { describe, expect, it } from 'vitest';
import { useWorld } from '../helpers/e2e-world.js';
import { clientsByName, onlyComment, planAndMerge, MERGE_SHA } from '../helpers/e2e-apply.js';
import { pushEvent } from '../helpers/run-action.js';

const world = useWorld();

describe('an apply racing another one', () => {
  it('reports a client that exists twice right after it created it, and fails the run', async () => {
    await planAndMerge(world);
    world.github.setBranch('main', MERGE_SHA);
    world.emulator.setLatency(100); // the other run's create lands while this one's is in flight
    let twinId = '';
    const run = await world.run({
      eventName: 'push',
      payload: pushEvent(),
      sha: MERGE_SHA,
      inputs: {},
      onLine: (line) => {
        if (twinId === '' && line.startsWith('Creating `ci-deployer`')) {
          twinId = world.emulator.seedClient({ name: 'ci-deployer', authorizedGrantType: 'CLIENT-CREDENTIALS' }).id;
        }
      },
    });

    expect(twinId).not.toBe('');
    expect(clientsByName(world).get('ci-deployer')).toHaveLength(2);
    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('apply-failed');
    const created = clientsByName(world)
      .get('ci-deployer')!
      .find((client) => client.id !== twinId)!;
    for (const text of [run.summary, onlyComment(world)]) {
      expect(text).toContain('`ci-deployer` exists twice');
      expect(text).toContain(created.id);
      expect(text).toContain(twinId);
    }
    expect(run.stdout).toMatch(/::error::.*`ci-deployer`.*twice/);
  });
});
