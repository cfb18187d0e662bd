import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('docs/examples', () => {
  it('are exactly what `npm start -- --write-examples` writes today (regenerate them after changing a report)', () => {
    const out = mkdtempSync(join(tmpdir(), 'gos-examples-'));
    const temp = mkdtempSync(join(tmpdir(), 'gos-demo-tmp-'));
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--write-examples'], {
      cwd: root,
      env: { ...process.env, EXAMPLES_DIR: out, NO_COLOR: '1', TMPDIR: temp },
      encoding: 'utf8',
    });
    expect(stdout).toContain('No drift.');
    // The demo's copy of the definitions is its own: nothing is left behind in the temporary folder.
    expect(readdirSync(temp).filter((entry) => entry.startsWith('genesys-oauth-sync-demo-'))).toEqual([]);
    const committed = readdirSync(join(root, 'docs/examples')).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(out, file), 'utf8'), `docs/examples/${file} is stale`).toBe(
        readFileSync(join(root, 'docs/examples', file), 'utf8'),
      );
    }
  }, 60_000);
});
