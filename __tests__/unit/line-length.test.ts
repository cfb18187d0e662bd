// The 140-column rule holds for every source line, strings and comments included: Biome wraps code at 140 columns but
// cannot break a long string literal or comment, so this reads each source file and names every line that is longer.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAX = 140;
const FOLDERS = ['src', 'emulator', 'bench', 'scripts', '__tests__'];
const SKIPPED = new Set(['node_modules', 'dist', '__fixtures__', '__snapshots__']);
const SOURCE = /\.(ts|mts|mjs)$/;

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourcesUnder(path);
    return SOURCE.test(entry.name) ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

describe('source line length', () => {
  it(`keeps every line of src/, emulator/, bench/, scripts/ and __tests__/ within ${MAX} characters`, () => {
    const files = FOLDERS.flatMap((folder) => sourcesUnder(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split(/\r?\n/)
        .flatMap((line, index) => {
          const length = [...line].length;
          return length > MAX ? [`${file}:${index + 1} (${length} chars)`] : [];
        }),
    );
    expect(long, `Split these lines (string literals with +, comments over two lines) to at most ${MAX} characters.`).toEqual([]);
  });
});
