// Bad input never reaches the org: the invalid corpus through dist/index.js, as `validate` and as a pull request plan.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingVisible, startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent, type ActionRun, STACK_FRAME } from '../helpers/run-action.js';

const CORPUS = resolve(import.meta.dirname, '../__fixtures__/definitions/invalid');
const DEFINITIONS = 'genesys/oauth-clients';
/** Relative to the corpus folder; the Action names files relative to the repository root. */
const EXPECTED = (JSON.parse(readFileSync(join(CORPUS, 'EXPECTED.json'), 'utf8')) as string[]).map((at) => `${DEFINITIONS}/${at}`).sort();
const ANNOTATION = /^::error (?:title=[^,\n]*,)?file=([^,\n]+),line=(\d+),col=(\d+)::/gm;
/** A V8 stack frame: "    at fn (file.js:1:2)" or "    at file.js:1:2". */

let world: World;
beforeEach(async () => {
  world = await startWorld();
  rmSync(join(world.workspace, DEFINITIONS), { recursive: true });
  cpSync(CORPUS, join(world.workspace, DEFINITIONS), { recursive: true });
});
afterEach(async () => {
  await world.close();
});

function annotations(run: ActionRun): string[] {
  return [...run.stdout.matchAll(ANNOTATION)].map(([, file, line, col]) => `${file}:${line}:${col}`).sort();
}

function expectRefusedBeforeGenesys(run: ActionRun): void {
  expect(run.code, run.stdout + run.stderr).not.toBe(0);
  expect(run.outputs['failure-reason']).toBe('validation-failed');
  expect(annotations(run)).toEqual(EXPECTED);
  expect(world.emulator.requests).toEqual([]);
  expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).toBe('');
  expect(run.summary).toContain(`${EXPECTED.length} problems in the definitions`);
  const visible = everythingVisible(world, run);
  for (const secret of world.sentinels()) expect(visible).not.toContain(secret);
}

describe('the invalid corpus through the Action', () => {
  it(
    'in `validate` mode annotates every problem once at its file:line:column, ' +
      'fails with validation-failed and sends nothing to Genesys',
    async () => {
      const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(21), inputs: { mode: 'validate' } });
      expectRefusedBeforeGenesys(run);
    },
  );

  it('on a pull request annotates every problem once, lists them in the plan comment, and never logs in to Genesys', async () => {
    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(22) });
    expectRefusedBeforeGenesys(run);
    const [comment] = world.github.comments(22);
    expect(comment?.body).toContain(`${EXPECTED.length} problems in the definitions`);
    for (const at of EXPECTED) expect(comment?.body).toContain(`\`${at}\``);
    expect(run.outputs['comment-url']).toBe(comment?.html_url);
  });
});
