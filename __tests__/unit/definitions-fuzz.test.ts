// Random junk as definition files on disk, read and validated in-process as the Action does before any Genesys
// call: many runs here, a few through dist/ in e2e/robustness-fuzz.test.ts.
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { readDefinitionFiles } from '../../src/definitions/read-files.js';
import { junkFiles } from '../helpers/junk-definitions.js';

const DEFINITIONS = 'genesys/oauth-clients';
let sandbox: string;

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'definitions-fuzz-'));
});
afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('junk definition files', () => {
  it('always come back as definitions or problems placed in the files that were read, never as a throw', async () => {
    let run = 0;
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(junkFiles, async (files) => {
        const workspace = join(sandbox, `run-${(run += 1)}`);
        const written = files.map(({ stem, ext }) => `${DEFINITIONS}/${stem}.${ext}`);
        for (const [index, { content }] of files.entries()) {
          const path = join(workspace, written[index] ?? '');
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, content);
        }

        const read = await readDefinitionFiles(workspace, DEFINITIONS);
        const parsed = parseDefinitions(read.sources, {});

        expect(read.sources.map((source) => source.file).sort()).toEqual(
          written.filter((file) => !read.problems.some((problem) => problem.file === file)).sort(),
        );
        for (const problem of [...read.problems, ...parsed.problems, ...parsed.warnings]) {
          expect(written).toContain(problem.file);
          expect(problem.line ?? 1).toBeGreaterThanOrEqual(1);
          expect(problem.message.trim()).not.toBe('');
        }
        for (const definition of parsed.definitions) expect(written).toContain(definition.source.file);
        if (read.problems.length + parsed.problems.length > 0) invalid += 1;
      }),
      { numRuns: 300 },
    );
    // Junk is nearly always invalid; a run where it never was would test nothing.
    expect(invalid).toBeGreaterThan(150);
  });
});
