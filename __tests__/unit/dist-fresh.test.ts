import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('dist/', () => {
  it('is exactly what a fresh build of src/ produces (run `npm run build` and commit dist/)', () => {
    const out = mkdtempSync(join(tmpdir(), 'gos-dist-'));
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), out], { cwd: root });
    for (const file of ['index.js', 'cli.js']) {
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join(root, 'dist', file), 'utf8');
      expect(committed === fresh, `dist/${file} is stale: run \`npm run build\` and commit dist/`).toBe(true);
    }
  }, 60_000);
});
