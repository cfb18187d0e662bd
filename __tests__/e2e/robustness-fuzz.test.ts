// Random junk as definition files, through dist/index.js on a pull request: never a crash, never a stack trace, and
// whenever the files are invalid, nothing reaches Genesys.
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CLIENT_KEYS } from '../../src/definitions/attributes.js';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent } from '../helpers/run-action.js';

const DEFINITIONS = 'genesys/oauth-clients';
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;
const ANNOTATED_FILE = /^::error (?:title=[^,\n]*,)?file=([^,:\n]+)/gm;
const EXPECTED_FAILURES = new Set([undefined, 'validation-failed', 'plan-failed']);

const YAML_FRAGMENTS = [
  'name: x',
  'name:',
  'name: [',
  'authorized_grant_type: CODE',
  'authorized_grant_type: 7',
  '  - a',
  '- b',
  'clients:',
  'clients: {}',
  '---',
  '...',
  '%YAML 1.1',
  '&a x',
  '*a',
  '<<: *a',
  '!!binary aGk=',
  '!custom tag',
  'key: !!int "12"',
  '? complex key',
  ': value',
  '"unterminated',
  "'single",
  '{a: 1, b: [}',
  '[[[[[[[[',
  ']]]]',
  '\t\ttab: indented',
  'scopes: ${UNSET_VAR}',
  'scopes: $${escaped}',
  'roles: [{role: , division: }]',
  'state: .nan',
  'access_token_validity_seconds: 1e400',
  '#comment',
  '\uFEFFname: bom',
  'name: "\\u0000"',
  'description: |',
  '  folded',
  'x: 0x1F',
  'id: ~',
  '- - - -',
];

const junkText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom(...YAML_FRAGMENTS), { maxLength: 10 }).map((lines) => lines.join('\n')),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  // Near misses: real keys, random values.
  fc
    .dictionary(fc.oneof(fc.constantFrom(...CLIENT_KEYS), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
    .map((client) => stringify(client)),
);
const junk = fc.oneof(
  junkText.map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
const junkFiles = fc.uniqueArray(
  fc.record({ stem: fc.constantFrom('a', 'b', 'c', 'nested/d'), ext: fc.constantFrom('yaml', 'yml', 'json'), content: junk }),
  { minLength: 1, maxLength: 3, selector: (file) => file.stem },
);

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
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(junkFiles, async (files) => {
        runs += 1;
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
      { numRuns: 24 },
    );
    // Junk is nearly always invalid; a run where it never was would test nothing.
    expect(invalid).toBeGreaterThan(runs / 2);
  }, 90_000);
});
