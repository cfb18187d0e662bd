// The contributor guide's map of the rooms must match the tree: every file under src/ is listed, and every listed one
// exists (STYLE.md: when a file is added, moved or renamed, the map changes in the same commit).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(ROOT, path).split('\\').join('/')];
  });
}

const guide = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
const mapped = new Set([...guide.matchAll(/`(src\/[^`\s]+\.ts)`/g)].map((match) => match[1] as string));
const tree = filesUnder(join(ROOT, 'src')).filter((file) => file.endsWith('.ts'));

describe("CONTRIBUTING.md's map of src/", () => {
  it('lists every file under src/', () => {
    const missing = tree.filter((file) => !mapped.has(file));
    expect(missing, "Add a row for each of these files to the map in CONTRIBUTING.md (its room's table).").toEqual([]);
  });

  it('lists no file that does not exist', () => {
    const gone = [...mapped].filter((file) => !tree.includes(file));
    expect(gone, 'Remove or rename these rows of the map in CONTRIBUTING.md.').toEqual([]);
  });
});
