import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent } from '../helpers/run-action.js';

let world: World;
afterEach(async () => {
  await world.close();
});

describe("a mistake in the step's `with:` block", () => {
  it(
    'fails before any request with failure-reason=validation-failed, ' + 'and says which input and what is allowed in the summary',
    async () => {
      world = await startWorld();
      const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(4), inputs: { prune: 'maybe' } });
      expect(run.code).not.toBe(0);
      expect(run.outputs['failure-reason']).toBe('validation-failed');
      expect(run.summary).toContain('Input `prune` must be `true` or `false`, not `maybe`.');
      expect(run.stdout).toContain('::error::Input `prune` must be `true` or `false`');
      expect(world.emulator.requests).toEqual([]);
      expect(world.github.requests).toEqual([]);
    },
  );
});
