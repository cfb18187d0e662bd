// Definition edges where a wrong answer loses a client or a secret: each test was written against a mutant that
// survived the rest of the suite (issue 10).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { readDefinitionFiles } from '../../src/definitions/read-files.js';

let sandbox: string;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'definitions-edges-'));
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('readDefinitionFiles', () => {
  it('reads the definitions of a symlinked folder inside the repository (with `prune`, dropping them would delete them)', async () => {
    const workspace = join(sandbox, 'repo');
    await mkdir(join(workspace, 'shared'), { recursive: true });
    await mkdir(join(workspace, 'defs'), { recursive: true });
    await writeFile(join(workspace, 'shared/team.yaml'), 'name: team');
    await symlink(join(workspace, 'shared'), join(workspace, 'defs/team'));
    const read = await readDefinitionFiles(workspace, 'defs');
    expect(read.problems).toEqual([]);
    expect(read.sources.map((source) => source.file)).toEqual(['defs/team/team.yaml']);
  });
});

describe('directory_client_secret', () => {
  const client = (directory: string) =>
    'name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://a.example.com/cb]\n' +
    `scopes: [users]\ndirectory_client_secret: "${directory}"\n`;

  it.each(['..', '../', 'a/../..', '/etc', 'C:/secrets'])('refuses `%s`, a folder outside the repository', (directory) => {
    const parsed = parseDefinitions([{ file: 'defs/web.yaml', text: client(directory) }], {});
    expect(parsed.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('must be a folder inside the repository')]);
  });

  it.each(['secrets', './secrets', 'a/../secrets'])('accepts `%s`, a folder inside it', (directory) => {
    expect(parseDefinitions([{ file: 'defs/web.yaml', text: client(directory) }], {}).problems).toEqual([]);
  });
});
