import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the suite', () => {
  it('makes its temporary folders inside one folder of this run, which is removed at the end', () => {
    expect(basename(tmpdir())).toMatch(/^genesys-oauth-sync-tests-/);
    expect(basename(dirname(process.env.HOME ?? ''))).toMatch(/^genesys-oauth-sync-tests-/);
  });
});
