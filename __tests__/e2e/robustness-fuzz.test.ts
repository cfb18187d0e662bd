// Random junk as definition files, through dist/index.js on a pull request: never a crash, never a stack trace, and
// whenever the files are invalid, nothing reaches Genesys. A few runs prove the wiring; the many runs happen
// in-process (unit/definitions-fuzz.test.ts).
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { junkFiles } from '../helpers/junk-definitions.js';
import { pullRequestEvent, STACK_FRAME } from '../helpers/run-action.js';

const DEFINITIONS = 'genesys/oauth-clients';
const ANNOTATED_FILE = /^::error (?:title=[^,\n]*,)?file=([^,:\n]+)/gm;
const EXPECTED_FAILURES = new Set([undefined, 'validation-failed', 'plan-failed']);

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

describe('junk definition files through the Action', () => {
  it('never crash or print a stack trace, and an invalid set of files never reaches Genesys', async () => {
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(junkFiles, async (files) => {
        const folder = join(world.workspace, DEFINITIONS);
        rmSync(folder, { recursive: true, force: true });
        mkdirSync(join(folder, 'nested'), { recursive: true });
        const written = files.map(({ stem, ext }) => `${DEFINITIONS}/${stem}.${ext}`);
        for (const [index, { content }] of files.entries()) writeFileSync(join(world.workspace, written[index]!), content);
        world.emulator.resetLog();

        const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(40) });

        const everything = run.stdout + run.stderr;
        expect(everything).not.toMatch(STACK_FRAME);
        expect(run.stderr).toBe('');
        // A failure always says why: exit 1 comes with a failure-reason, anything unexplained is a crash.
        expect(run.code).toBe(run.outputs['failure-reason'] === undefined ? 0 : 1);
        expect(EXPECTED_FAILURES.has(run.outputs['failure-reason'])).toBe(true);
        for (const [, file] of everything.matchAll(ANNOTATED_FILE)) expect(written).toContain(file);
        if (run.outputs['failure-reason'] === 'validation-failed') {
          invalid += 1;
          expect(world.emulator.requests).toEqual([]);
        }
      }),
      { numRuns: 4 },
    );
    // Junk is nearly always invalid; a run where it never was would test nothing.
    expect(invalid).toBeGreaterThan(0);
  }, 90_000);
});
